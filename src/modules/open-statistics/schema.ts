import { z } from 'zod';
import { withErrorCode } from '../../platform/error-schema.ts';
import { isPrefectureNumber } from '../municipalities/rules.ts';
import { municipalityCodeSchema } from '../municipalities/schema.ts';

const prefectureSchema = withErrorCode(z.string(), 'INVALID_PREFECTURE_CODE', isPrefectureNumber).describe(
  '都道府県コード 01〜47 / prefecture number 01–47',
);
const monthSchema = withErrorCode(z.string(), 'MONTH_RANGE_INVALID', (v) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v)).describe(
  'YYYY-MM（日本時間） / a JST month',
);
const breakdownSchema = z
  .enum(['tier', 'relation-type'])
  .default('tier')
  .describe('列: 登録区分（基本・プレミアム）または関わり方の類型①〜④ / columns: tier or relationship type');

export const prefecturesQuerySchema = z.object({ by: breakdownSchema });
export const municipalitiesQuerySchema = z.object({ prefecture: prefectureSchema, by: breakdownSchema });
export const residenceQuerySchema = z.object({ prefecture: prefectureSchema.optional() });
export const monthsQuerySchema = z
  .object({
    prefecture: prefectureSchema.optional(),
    municipality: municipalityCodeSchema.optional(),
    from: monthSchema.optional().describe('既定は23か月前 / defaults to 23 months ago'),
    to: monthSchema.optional().describe('既定は今月 / defaults to this month'),
  })
  .refine((q) => !(q.prefecture && q.municipality), {
    message: 'prefecture or municipality, not both',
    path: ['municipality'],
  });

const cellSchema = z.number().int().nullable().describe('null = 秘匿（小さな値） / suppressed (a small count)');

export const publishedTableSchema = z
  .object({
    table: z.enum(['prefectures', 'municipalities', 'residence', 'months']),
    breakdown: z.enum(['tier', 'relation-type']),
    area: z.object({ code: z.string(), name: z.string() }).nullable(),
    threshold: z.number().int().describe('この値未満の件数（1以上）は秘匿 / counts from 1 below this are suppressed'),
    asOf: z.string().describe('集計時刻 / when the counters were read'),
    columns: z.array(z.string()).describe('basic, premium / 1–4'),
    rows: z.array(
      z.object({
        key: z.string().describe('都道府県コード、団体コード、居住地（00 不明・99 海外）または月'),
        label: z.string(),
        cells: z.array(cellSchema),
        total: cellSchema.describe('行の合計（類型別の表には無い） / row total (none for relationship types)'),
      }),
    ),
    columnTotals: z.array(cellSchema).nullable().describe('列の合計（月別の表には無い） / column totals'),
    grandTotal: cellSchema,
    suppressedCells: z.number().int().describe('秘匿したセル数（合計欄を含む） / suppressed cells, margins included'),
  })
  .meta({ id: 'OpenStatisticsTable' });
