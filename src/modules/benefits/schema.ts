import { z } from 'zod';
import { listResponseSchema, pageQuerySchema } from '../../platform/pagination.ts';
import { emailSchema } from '../accounts/schema.ts';
import { municipalityCodeSchema } from '../municipalities/schema.ts';
import { residencePrefectureSchema, tierSchema } from '../registrations/schema.ts';
import { tenantParamsSchema } from '../staff/schema.ts';
import { FORM_FIELD_TYPES, MEASURE_KINDS, MEASURE_USAGES } from './rules.ts';

const dateSchema = z.iso.date().describe('YYYY-MM-DD（日本時間） / YYYY-MM-DD (JST)');

export const formFieldSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,39}$/)
      .describe('英小文字・数字・_ / lower-case letters, digits, _'),
    label: z.string().trim().min(1).max(100),
    type: z.enum(FORM_FIELD_TYPES),
    required: z.boolean().default(true),
    help: z.string().trim().max(300).optional(),
  })
  .meta({ id: 'SubsidyFormField' });

const measureKindSchema = z
  .enum(MEASURE_KINDS)
  .describe(
    '割引・宿泊交通・住民に準ずる扱い・補助金（申請あり）・情報提供 / discount, lodging and transport, resident rate, subsidy (with an application form), information',
  );

const measureFields = {
  kind: measureKindSchema,
  title: z.string().trim().min(1).max(100),
  summary: z.string().trim().max(200).describe('一行の説明（例: お会計から10%引き） / one line, e.g. "10% off"'),
  description: z.string().trim().max(4000),
  minTier: tierSchema.describe('対象の登録区分（premium はプレミアム登録のみ） / the tier required'),
  relationTypes: z
    .array(z.number().int().min(1).max(4))
    .max(4)
    .describe('対象の類型（空はすべて） / relationship types (any of them; empty = all)'),
  usage: z.enum(MEASURE_USAGES).describe('1人1回まで、または繰り返し利用可 / once per member, or repeatable'),
  validFrom: dateSchema.nullable(),
  validUntil: dateSchema.nullable(),
  maxAmountYen: z
    .number()
    .int()
    .min(1)
    .max(100_000_000)
    .nullable()
    .describe('補助金の上限額（円） / subsidy cap (yen)'),
  formFields: z.array(formFieldSchema).max(30).describe('補助金の申請項目 / the subsidy application form'),
  published: z.boolean(),
  partnerIds: z.array(z.uuid()).max(200).describe('この施策を扱う協力店 / partners that honour it'),
};

export const createMeasureSchema = z.object({
  kind: measureFields.kind,
  title: measureFields.title,
  summary: measureFields.summary.default(''),
  description: measureFields.description.default(''),
  minTier: measureFields.minTier.default('basic'),
  relationTypes: measureFields.relationTypes.default([]),
  usage: measureFields.usage.default('repeatable'),
  validFrom: measureFields.validFrom.default(null),
  validUntil: measureFields.validUntil.default(null),
  maxAmountYen: measureFields.maxAmountYen.default(null),
  formFields: measureFields.formFields.default([]),
  published: measureFields.published.default(true),
  partnerIds: measureFields.partnerIds.default([]),
});

export type CreateMeasureInput = z.infer<typeof createMeasureSchema>;

export const updateMeasureSchema = z
  .object(measureFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'at least one field' });

export type UpdateMeasureInput = z.infer<typeof updateMeasureSchema>;

export const measureSchema = z
  .object({
    id: z.uuid(),
    municipalityCode: z.string(),
    municipalityName: z.string(),
    kind: measureKindSchema,
    title: z.string(),
    summary: z.string(),
    description: z.string(),
    minTier: tierSchema,
    relationTypes: z.array(z.number().int()),
    usage: z.enum(MEASURE_USAGES),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    maxAmountYen: z.number().int().nullable(),
    formFields: z.array(formFieldSchema),
    published: z.boolean(),
    partners: z.array(z.object({ id: z.uuid(), name: z.string() })),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'SupportMeasure' });

export type MeasureView = z.infer<typeof measureSchema>;

export const measureListSchema = listResponseSchema(measureSchema);
export const measureParamsSchema = tenantParamsSchema.extend({ id: z.uuid() });
export const publicMeasuresParamsSchema = z.object({ code: municipalityCodeSchema });
export const myMeasureParamsSchema = z.object({ id: z.uuid() });

export const staffMeasureQuerySchema = pageQuerySchema.extend({
  kind: z.enum(MEASURE_KINDS).optional(),
});

const reasonSchema = z.object({
  code: z.enum([
    'not_registered',
    'not_published',
    'not_started',
    'ended',
    'premium_required',
    'relation_type',
    'already_used',
  ]),
  message: z.object({ ja: z.string(), en: z.string() }),
});

export const benefitSchema = z
  .object({
    measure: measureSchema,
    memberId: z.uuid().nullable(),
    eligible: z.boolean(),
    reasons: z.array(reasonSchema).describe('対象外の理由 / why not, when not eligible'),
    timesUsed: z.number().int().describe('協力店で利用した回数 / uses recorded by partners'),
  })
  .meta({ id: 'Benefit' });

export const benefitListSchema = z.object({ items: z.array(benefitSchema) });

const applicantSchema = z.object({
  memberId: z.uuid(),
  displayName: z.string(),
  email: z.string(),
  residencePrefecture: z.string().nullable(),
  relationTypes: z.array(z.number().int()).nullable(),
});

export const applicationFormSchema = z
  .object({
    measure: measureSchema,
    eligible: z.boolean(),
    reasons: z.array(reasonSchema),
    prefilled: z
      .object({
        memberId: z.uuid(),
        municipalityCode: z.string(),
        displayName: z.string().nullable(),
        email: z.string().nullable(),
        residencePrefecture: z.string().nullable(),
        relationTypes: z.array(z.number().int()),
      })
      .describe('登録情報から入力済みの項目（確認・修正して送信） / filled in from the profile and registration'),
    fields: z.array(formFieldSchema),
  })
  .meta({ id: 'SubsidyApplicationForm' });

export const submitApplicationSchema = z.object({
  applicant: z
    .object({
      displayName: z.string().trim().min(1).max(100),
      email: emailSchema,
      residencePrefecture: residencePrefectureSchema.nullable().default(null),
      shareRelationTypes: z.boolean().default(true),
    })
    .describe(
      '確認した申請者情報。自治体はこの内容だけを見ます / the applicant data as confirmed; all the municipality sees',
    ),
  answers: z.record(z.string(), z.union([z.string().max(4000), z.number(), z.boolean()])).default({}),
});

const applicationStatusSchema = z.enum(['submitted', 'approved', 'rejected']);

export const subsidyApplicationSchema = z
  .object({
    id: z.uuid(),
    measureId: z.uuid(),
    measureTitle: z.string(),
    municipalityCode: z.string(),
    municipalityName: z.string(),
    status: applicationStatusSchema,
    applicant: applicantSchema,
    answers: z.record(z.string(), z.unknown()),
    submittedAt: z.date(),
    decidedAt: z.date().nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'SubsidyApplication' });

export const subsidyApplicationListSchema = listResponseSchema(subsidyApplicationSchema);

export const applicationQueueQuerySchema = pageQuerySchema.extend({
  status: applicationStatusSchema.optional(),
  measureId: z.uuid().optional(),
});

export const decisionSchema = z.object({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().max(500).optional(),
});

export const recordRedemptionSchema = z.object({
  token: z.string().min(1).max(4096).describe('読み取った会員証のトークン / the scanned card token'),
  measureId: z.uuid(),
  clientUseId: z
    .uuid()
    .describe('スキャナーが作るID。再送しても1回だけ記録されます / made by the scanner: a re-sent use counts once'),
  scannedAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('オフラインで読み取った日時（7日以内） / when it was scanned offline (within 7 days)'),
});

export const redemptionSchema = z
  .object({
    id: z.uuid(),
    measureId: z.uuid(),
    measureTitle: z.string(),
    partnerId: z.uuid(),
    partnerName: z.string(),
    memberId: z.uuid(),
    cardNumber: z.string(),
    tier: tierSchema,
    scannedAt: z.date(),
    offline: z.boolean(),
    recordedAt: z.date(),
  })
  .meta({ id: 'Redemption' });

export const redemptionListSchema = listResponseSchema(redemptionSchema);

export const redemptionQuerySchema = pageQuerySchema.extend({
  measureId: z.uuid().optional(),
  partnerId: z.uuid().optional(),
});
