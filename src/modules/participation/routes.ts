import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/error-schema.ts';
import { preferredLocale } from '../../platform/locale.ts';
import type { Mailer } from '../mail/mailer.ts';
import { staffContextOf } from '../staff/guard.ts';
import { nationalDashboard } from './national-dashboard.ts';
import {
  feePolicySchema,
  nationalDashboardSchema,
  nationalParamsSchema,
  onboardSchema,
  participantListSchema,
  participantQuerySchema,
} from './schema.ts';
import * as service from './service.ts';

const errors = errorResponses(400, 401, 403, 404, 409);

/** National administrators only (`/tenants/national/...`): the nation's figures, participation and fees. */
export function participationRoutes(options: { mailer: Mailer; publicUrl: string }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/tenants/:tenant/national-dashboard',
      {
        config: { policy: { action: 'national.read' } },
        schema: {
          tags: ['national'],
          summary: '全国ダッシュボード（実人数・延べ・KPI） / National dashboard',
          params: nationalParamsSchema,
          response: { 200: nationalDashboardSchema, ...errors },
        },
      },
      async () => nationalDashboard(app.db),
    );

    app.get(
      '/tenants/:tenant/participants',
      {
        config: { policy: { action: 'national.read' } },
        schema: {
          tags: ['national'],
          summary: '参加団体と利用料 / Participating local governments and their fees',
          params: nationalParamsSchema,
          querystring: participantQuerySchema,
          response: { 200: participantListSchema, ...errors },
        },
      },
      async (request) => service.listParticipants(app.db, staffContextOf(request), request.query),
    );

    app.get(
      '/tenants/:tenant/participants/export.csv',
      {
        config: { policy: { action: 'national.read' } },
        schema: {
          tags: ['national'],
          summary: '参加団体の CSV 書き出し / Participants as CSV',
          description:
            '一覧と同じ絞り込み（ページ指定は無視）。UTF-8（BOM 付き）。 / The list filters; UTF-8 with BOM.',
          params: nationalParamsSchema,
          querystring: participantQuerySchema,
          response: { 200: z.any().describe('text/csv'), ...errors },
        },
      },
      async (request, reply) => {
        const { page: _page, pageSize: _size, ...filters } = request.query;
        const file = await service.exportParticipants(app.db, staffContextOf(request), filters);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .header('x-total-count', String(file.total))
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .send(file.csv);
      },
    );

    app.post(
      '/tenants/:tenant/participants',
      {
        config: { policy: { action: 'national.manage' }, idempotent: true },
        schema: {
          tags: ['national'],
          summary: '団体の参加登録と最初の管理者の招待 / Onboard a local government and invite its first admin',
          params: nationalParamsSchema,
          body: onboardSchema,
          response: {
            201: z.object({
              code: z.string(),
              fullName: z.string(),
              joinedAt: z.string(),
              feeStatus: z.string(),
              exemptUntil: z.string().nullable(),
              firstAdmin: z.object({ personId: z.uuid(), email: z.string() }),
            }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const result = await service.onboardMunicipality(app.db, staffContextOf(request), {
          ...request.body,
          locale: preferredLocale(request.headers['accept-language']),
          publicUrl: options.publicUrl,
        });
        await options.mailer
          .deliver(app.db)
          .catch((error) => request.log.error({ err: error }, 'mail delivery failed'));
        return reply.code(201).send(result);
      },
    );

    app.get(
      '/tenants/:tenant/fee-policy',
      {
        config: { policy: { action: 'national.read' } },
        schema: {
          tags: ['national'],
          summary: '利用料の方針（現行） / The fee policy in force',
          params: nationalParamsSchema,
          response: { 200: feePolicySchema, ...errors },
        },
      },
      async () => service.getFeePolicy(app.db),
    );

    app.put(
      '/tenants/:tenant/fee-policy',
      {
        config: { policy: { action: 'national.manage' } },
        schema: {
          tags: ['national'],
          summary: '利用料の方針を決定 / Decide the fee policy',
          params: nationalParamsSchema,
          body: feePolicySchema,
          response: { 200: feePolicySchema, ...errors },
        },
      },
      async (request) => service.decideFeePolicy(app.db, staffContextOf(request), request.body),
    );
  };
}
