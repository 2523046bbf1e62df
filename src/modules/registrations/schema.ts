import { z } from 'zod';
import { withErrorCode } from '../../platform/error-schema.ts';
import { listResponseSchema, pageQuerySchema } from '../../platform/pagination.ts';
import { municipalityCodeSchema } from '../municipalities/schema.ts';
import { tenantParamsSchema } from '../staff/schema.ts';
import { ACTIVITY_KINDS, CONSENT_SCOPES, NATIONAL_PREMIUM, RELATION_TYPES } from './rules.ts';

const relationTypeValues = new Set<number>(RELATION_TYPES);

export const relationTypesSchema = withErrorCode(
  z
    .array(z.number().int())
    .max(4)
    .meta({ items: { enum: [...RELATION_TYPES] } }),
  'INVALID_RELATION_TYPES',
  (types) => types.length > 0 && types.every((t) => relationTypeValues.has(t)),
).describe('関わり方の類型 ①〜④ (1–4), 1つ以上 / relationship types, at least one');

const consentValues = new Set<string>(CONSENT_SCOPES);

export const consentsSchema = withErrorCode(
  z
    .array(z.string())
    .max(CONSENT_SCOPES.length)
    .meta({ items: { enum: [...CONSENT_SCOPES] } }),
  'INVALID_CONSENT_SCOPES',
  (scopes) => scopes.every((s) => consentValues.has(s)),
).describe(
  '自治体に見せてよい項目とお知らせの受信 / what the municipality may see, and whether it may send news: ' +
    CONSENT_SCOPES.join(', '),
);

export const residencePrefectureSchema = z
  .string()
  .regex(/^(0[1-9]|[1-3][0-9]|4[0-7]|99)$/)
  .describe('お住まいの都道府県（01〜47、海外は 99） / prefecture of residence (01–47, 99 = abroad)');

export const activityKindSchema = z.enum(ACTIVITY_KINDS).describe('担い手活動の種類 / kind of helper activity');

const dateSchema = z.iso.date().describe('YYYY-MM-DD');

export const tierSchema = z.enum(['basic', 'premium']);

export const registrationSchema = z
  .object({
    id: z.uuid().describe('会員番号（登録ごと） / member id of this registration'),
    municipalityCode: z.string(),
    municipalityName: z.string(),
    kind: z.enum(['prefecture', 'municipality', 'ward']),
    tier: tierSchema,
    relationTypes: z.array(z.number().int()),
    consents: z.array(z.enum(CONSENT_SCOPES)),
    implicit: z
      .boolean()
      .describe('市区町村への登録に伴う都道府県の登録 / a prefecture registration implied by a municipality one'),
    registeredAt: z.date(),
    premiumSince: z.date().nullable(),
    premiumExpiresAt: z.date().nullable(),
  })
  .meta({ id: 'Registration' });

export type RegistrationView = z.infer<typeof registrationSchema>;

export const registrationListSchema = z.object({ items: z.array(registrationSchema) });

export const createRegistrationSchema = z.object({
  municipalityCode: municipalityCodeSchema,
  relationTypes: relationTypesSchema,
  consents: consentsSchema.default([]),
  residencePrefecture: residencePrefectureSchema.optional(),
  birthYear: z.number().int().min(1900).max(2100).optional(),
});

export const updateRegistrationSchema = z
  .object({ relationTypes: relationTypesSchema.optional(), consents: consentsSchema.optional() })
  .refine((body) => body.relationTypes !== undefined || body.consents !== undefined, {
    message: 'relationTypes or consents',
  });

export const registrationParamsSchema = z.object({ code: municipalityCodeSchema });

const requirementSchema = z.object({
  id: z.string(),
  met: z.boolean(),
  message: z.object({ ja: z.string(), en: z.string() }),
});

export const premiumEvaluationSchema = z
  .object({
    outcome: z.enum(['grant', 'review', 'refuse']),
    kind: z.enum(['new', 'renewal']),
    requirements: z.array(requirementSchema),
    countedActivities: z.number().int(),
    pendingActivities: z.number().int(),
  })
  .meta({ id: 'PremiumEvaluation' });

export const premiumResultSchema = z.object({
  status: z.enum(['granted', 'pending_review']),
  registration: registrationSchema,
  evaluation: premiumEvaluationSchema,
  applicationId: z.uuid().nullable(),
});

export const activitySchema = z
  .object({
    id: z.uuid(),
    municipalityCode: z.string(),
    kind: z.string(),
    occurredOn: z.string(),
    source: z.enum(['platform', 'proof']),
    status: z.enum(['confirmed', 'pending', 'rejected']),
    note: z.string().nullable(),
    reviewReason: z.string().nullable(),
    hasProof: z.boolean(),
    createdAt: z.date(),
  })
  .meta({ id: 'ActivityRecord' });

export const proofQuerySchema = z.object({
  municipalityCode: municipalityCodeSchema,
  kind: activityKindSchema,
  occurredOn: dateSchema,
  note: z.string().trim().max(500).optional(),
});

export const premiumRuleSchema = z
  .object({
    minActivities: z
      .number()
      .int()
      .min(NATIONAL_PREMIUM.minActivities)
      .max(50)
      .describe(
        '過去12か月の担い手活動の最少件数（全国基準は3件以上） / minimum activities in 12 months (national: 3)',
      ),
    activityKinds: z.array(activityKindSchema).min(1).describe('対象とする活動の種類 / the kinds that count'),
    requiredRelationTypes: z
      .array(z.number().int().min(1).max(4))
      .max(4)
      .describe('追加で求める類型 / relationship types additionally required'),
    staffReview: z.boolean().describe('担当者の確認を要する / staff review before granting'),
  })
  .meta({ id: 'PremiumRule' });

export const premiumRuleViewSchema = premiumRuleSchema.extend({
  national: z.object({
    minActivities: z.number(),
    activityWindowMonths: z.number(),
    maxPremiumMunicipalities: z.number(),
    termMonths: z.number(),
    identityVerification: z.literal(true),
    notInResidenceMunicipality: z.literal(true),
  }),
  isDefault: z.boolean().describe('自治体が未設定で全国の既定値 / no rule saved yet: the national default'),
  updatedAt: z.date().nullable(),
});

export const registrantSchema = z
  .object({
    memberId: z.uuid(),
    tier: tierSchema,
    registeredAt: z.date(),
    premiumExpiresAt: z.date().nullable(),
    displayName: z.string().nullable(),
    email: z.string().nullable(),
    ageBand: z.string().nullable(),
    residencePrefecture: z.string().nullable(),
    relationTypes: z.array(z.number().int()).nullable(),
    acceptsNews: z.boolean(),
    activityCount: z
      .number()
      .int()
      .describe('この自治体で確認済みの担い手活動の件数 / confirmed helper activities in this municipality'),
  })
  .meta({ id: 'Registrant', description: '同意された項目のみ（他は null） / only what the person consented to share' });

/** The filters of the registrant list and of its CSV export (each consent-gated like the answer). */
export const registrantFilterSchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe(
      '氏名の一部（漢字・かな、カタカナ・ひらがな・全角半角を区別しない。氏名の提供に同意した人のみ） / ' +
        'part of the name (kana and width folded; only people who consented to share their name)',
    ),
  tier: tierSchema.optional(),
  relationType: z.coerce.number().int().min(1).max(4).optional(),
  residencePrefecture: residencePrefectureSchema.optional(),
  registeredSince: dateSchema.optional().describe('この日（日本時間）以降の登録 / registered on or after this JST day'),
  minActivities: z.coerce
    .number()
    .int()
    .min(0)
    .max(1000)
    .optional()
    .describe('この自治体で確認済みの担い手活動がこの件数以上 / at least this many confirmed activities here'),
});

export type RegistrantFilterQuery = z.infer<typeof registrantFilterSchema>;

export const registrantListQuerySchema = pageQuerySchema.extend({
  ...registrantFilterSchema.shape,
  sort: z
    .enum(['registeredAt', 'activities'])
    .default('registeredAt')
    .describe('registeredAt: 新しい登録順 / newest first; activities: 活動の多い順 / most activities first'),
});

export const registrantExportQuerySchema = registrantFilterSchema.extend({
  encoding: z
    .enum(['utf-8', 'shift_jis'])
    .default('utf-8')
    .describe(
      'utf-8（BOM 付き、既定） / with BOM (default); shift_jis: 表せない文字は ? / unencodable characters become ?',
    ),
});

export const registrantListSchema = listResponseSchema(registrantSchema);

export const memberParamsSchema = tenantParamsSchema.extend({ memberId: z.uuid() });
export const itemParamsSchema = tenantParamsSchema.extend({ id: z.uuid() });

export const registrantDetailSchema = registrantSchema.extend({
  activities: z.array(activitySchema),
});

export const recordActivitySchema = z.object({
  memberId: z.uuid(),
  kind: activityKindSchema,
  occurredOn: dateSchema,
  note: z.string().trim().max(500).optional(),
});

export const reviewSchema = z.object({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().max(500).optional(),
});

export const activityQueueQuerySchema = pageQuerySchema.extend({
  status: z.enum(['pending', 'confirmed', 'rejected']).default('pending'),
});

export const applicationQueueQuerySchema = pageQuerySchema.extend({
  status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
});

export const staffActivitySchema = activitySchema.extend({ memberId: z.uuid().nullable() });
export const staffActivityListSchema = listResponseSchema(staffActivitySchema);

export const premiumApplicationSchema = z
  .object({
    id: z.uuid(),
    memberId: z.uuid().nullable(),
    kind: z.enum(['new', 'renewal']),
    status: z.enum(['pending', 'approved', 'rejected']),
    evaluation: z.unknown(),
    submittedAt: z.date(),
    decidedAt: z.date().nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'PremiumApplication' });

export const premiumApplicationListSchema = listResponseSchema(premiumApplicationSchema);

export const deleteAccountSchema = z.object({ confirm: z.boolean() });
