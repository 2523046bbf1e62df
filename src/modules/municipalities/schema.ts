import { z } from 'zod';
import { withErrorCode } from '../../platform/error-schema.ts';
import { listResponseSchema, pageQuerySchema } from '../../platform/pagination.ts';
import { isPrefectureNumber, isValidLocalGovernmentCode } from './rules.ts';

export const municipalityCodeSchema = withErrorCode(
  z.string().meta({ pattern: '^[0-9]{6}$', example: '042056' }),
  'INVALID_MUNICIPALITY_CODE',
  isValidLocalGovernmentCode,
).describe('全国地方公共団体コード（6桁、検査数字付き） / local government code, 6 digits with check digit');

export const municipalityKindSchema = z.enum(['prefecture', 'municipality', 'ward']);

export const municipalitySchema = z
  .object({
    code: z.string(),
    prefectureCode: z.string().describe('JIS X 0401 都道府県コード / prefecture number'),
    prefectureName: z.string(),
    kind: municipalityKindSchema,
    parentCode: z
      .string()
      .nullable()
      .describe('政令指定都市の区の場合は市のコード / the city of a designated-city ward'),
    name: z.string(),
    kana: z.string(),
    fullName: z.string(),
    joinedAt: z.string().nullable().describe('制度への参加日 / date the municipality joined the platform'),
    feeStatus: z.enum(['not_participating', 'exempt', 'pending_decision', 'charged']),
    modelType: z.enum(['A', 'B', 'C']).nullable().describe('モデル事業の類型 / model-project type'),
  })
  .meta({ id: 'Municipality' });

export type Municipality = z.infer<typeof municipalitySchema>;

export const municipalitySearchQuerySchema = pageQuerySchema.extend({
  q: z
    .string()
    .trim()
    .max(50)
    .optional()
    .describe(
      '名称または読みの前方一致（漢字・ひらがな・カタカナ、全角/半角を問わない） / prefix of the name or its reading',
    ),
  prefecture: withErrorCode(z.string(), 'INVALID_PREFECTURE_CODE', isPrefectureNumber)
    .optional()
    .describe('都道府県コード 01〜47 / prefecture number 01–47'),
  kind: z
    .enum(['prefecture', 'municipality', 'ward', 'all'])
    .default('municipality')
    .describe('既定は市区町村 / defaults to municipalities (市区町村)'),
  participating: z
    .enum(['true'])
    .optional()
    .describe('true: 今日参加している団体のみ / only those taking part in the platform today'),
});

export type MunicipalitySearchQuery = z.infer<typeof municipalitySearchQuerySchema>;

export const municipalityListSchema = listResponseSchema(municipalitySchema);
