import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/error-schema.ts';
import { preferredLocale } from '../../platform/locale.ts';
import { csvRecords } from './rules.ts';
import {
  monthsQuerySchema,
  municipalitiesQuerySchema,
  prefecturesQuerySchema,
  publishedTableSchema,
  residenceQuerySchema,
} from './schema.ts';
import type { OpenStatistics, PublishedTable } from './service.ts';

// Public: no sign-in, no personal data; every figure has been through small-cell suppression.
const tags = ['open-statistics'];
const json = { 200: publishedTableSchema, ...errorResponses(400, 404) };
const csv = { 200: z.any().describe('text/csv (UTF-8, BOM)'), ...errorResponses(400, 404) };

function locale(request: FastifyRequest) {
  return preferredLocale(request.headers['accept-language']);
}

function cacheable(reply: FastifyReply) {
  return reply.header('cache-control', 'public, max-age=300');
}

function sendCsv(request: FastifyRequest, reply: FastifyReply, table: PublishedTable) {
  const name = ['open-statistics', table.table, table.area?.code, table.breakdown === 'tier' ? null : table.breakdown]
    .filter(Boolean)
    .join('-');
  const records = csvRecords(table, locale(request), table.breakdown === 'tier');
  return cacheable(reply)
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.csv"`)
    .send(`\uFEFF${stringify(records, { record_delimiter: '\r\n' })}`);
}

export function openStatisticsRoutes(statistics: OpenStatistics): FastifyPluginAsyncZod {
  return async (app) => {
    const tables = {
      prefectures: {
        summary: '都道府県別の登録数 / registrations by prefecture',
        querystring: prefecturesQuerySchema,
        read: (q: z.infer<typeof prefecturesQuerySchema>) => statistics.prefectures(q.by),
      },
      municipalities: {
        summary: '市区町村別の登録数（都道府県内） / registrations by municipality of a prefecture',
        querystring: municipalitiesQuerySchema,
        read: (q: z.infer<typeof municipalitiesQuerySchema>) => statistics.municipalities(q.prefecture, q.by),
      },
    } as const;
    for (const [name, t] of Object.entries(tables)) {
      const read = t.read as (q: unknown) => Promise<PublishedTable>;
      app.get(
        `/open-statistics/${name}`,
        { schema: { tags, summary: t.summary, querystring: t.querystring, response: json } },
        async (request, reply) => {
          cacheable(reply);
          return read(request.query);
        },
      );
      app.get(
        `/open-statistics/${name}.csv`,
        { schema: { tags, summary: `${t.summary} (CSV)`, querystring: t.querystring, response: csv } },
        async (request, reply) => sendCsv(request, reply, await read(request.query)),
      );
    }

    const residenceSummary = '居住地（都道府県）別の登録数 / registrations by where registrants live';
    app.get(
      '/open-statistics/residence',
      { schema: { tags, summary: residenceSummary, querystring: residenceQuerySchema, response: json } },
      async (request, reply) => {
        cacheable(reply);
        return statistics.residence(request.query.prefecture, locale(request));
      },
    );
    app.get(
      '/open-statistics/residence.csv',
      { schema: { tags, summary: `${residenceSummary} (CSV)`, querystring: residenceQuerySchema, response: csv } },
      async (request, reply) =>
        sendCsv(request, reply, await statistics.residence(request.query.prefecture, locale(request))),
    );

    const monthsSummary = '月末時点の登録数の推移 / registrations at the end of each month';
    const months = (q: z.infer<typeof monthsQuerySchema>) =>
      statistics.months({ prefecture: q.prefecture, municipality: q.municipality }, q.from, q.to);
    app.get(
      '/open-statistics/months',
      { schema: { tags, summary: monthsSummary, querystring: monthsQuerySchema, response: json } },
      async (request, reply) => {
        cacheable(reply);
        return months(request.query);
      },
    );
    app.get(
      '/open-statistics/months.csv',
      { schema: { tags, summary: `${monthsSummary} (CSV)`, querystring: monthsQuerySchema, response: csv } },
      async (request, reply) => sendCsv(request, reply, await months(request.query)),
    );
  };
}
