import { z } from 'zod';
import { FUNNEL_STEPS } from './rules.ts';

const daySchema = z.iso.date().describe('日本時間の日付 / a JST day, YYYY-MM-DD');

// Strict: a dashboard takes no other filter, so nothing can narrow an aggregate down to one person. Query schemas
// carry no OpenAPI id: @fastify/swagger cannot expand a $ref into query parameters.
export const dashboardQuerySchema = z.strictObject({
  granularity: z.enum(['day', 'week', 'month']).default('month').describe('集計の単位 / period length'),
  from: daySchema.optional().describe('期間の初日（既定: 日 30日・週 26週・月 24か月前） / first day'),
  to: daySchema.optional().describe('期間の最終日（既定: 今日） / last day (default today)'),
});

export const comparisonQuerySchema = z.strictObject({
  months: z.coerce.number().int().min(1).max(36).default(12).describe('比較する月数 / months to compare'),
});

const count = z.number().int();
const countsShape = {
  total: count.describe('登録者数（延べではなく、この団体への登録の数） / registrations with this tenant'),
  basic: count,
  premium: count,
  type1: count.describe('類型① / relationship type 1'),
  type2: count,
  type3: count,
  type4: count.describe('類型④（二地域居住） / type 4'),
};
const horizons = z.object({ m1: count.nullable(), m3: count.nullable(), m6: count.nullable(), m12: count.nullable() });
const monthSchema = z.string().regex(/^\d{4}-\d{2}$/);

export const dashboardSchema = z
  .object({
    tenant: z.object({ code: z.string(), name: z.string(), kind: z.enum(['municipality', 'prefecture']) }),
    asOf: daySchema,
    registrants: z.object(countsShape),
    series: z.object({
      granularity: z.enum(['day', 'week', 'month']),
      from: daySchema,
      to: daySchema,
      points: z.array(z.object({ period: daySchema, ...countsShape, added: count })),
    }),
    funnel: z.array(z.object({ step: z.enum(FUNNEL_STEPS), count })),
    residence: z.object({
      prefectures: z.array(z.object({ code: z.string().length(2), count })),
      unknown: count,
      abroad: count,
      municipalitiesAvailable: z
        .boolean()
        .describe('居住市区町村の集計の有無（現在は都道府県のみ保持） / false: prefecture only'),
    }),
    cohorts: z.array(z.object({ month: monthSchema, registered: count, tookPart: horizons, premium: horizons })),
    activities: z.array(z.object({ month: monthSchema, total: count, kinds: z.record(z.string(), count) })),
    benefitUses: z.array(z.object({ month: monthSchema, basic: count, premium: count })),
    newsletters: z
      .array(z.object({ month: monthSchema, sent: count, recipients: count }))
      .describe('送信したメールマガジンの数と宛先数（延べ） / newsletters sent and recipients addressed'),
  })
  .meta({ id: 'Dashboard' });

export const comparisonSchema = z
  .object({
    prefecture: z.object({ code: z.string(), name: z.string() }),
    months: z.array(monthSchema),
    municipalities: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        total: count,
        premium: count,
        type4: count,
        added: count,
        series: z.array(count),
      }),
    ),
  })
  .meta({ id: 'DashboardComparison' });

export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;
export type Dashboard = z.infer<typeof dashboardSchema>;
export type Comparison = z.infer<typeof comparisonSchema>;
