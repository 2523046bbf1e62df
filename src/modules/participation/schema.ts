import { z } from 'zod';
import { withErrorCode } from '../../platform/error-schema.ts';
import { listResponseSchema, pageQuerySchema } from '../../platform/pagination.ts';
import { emailSchema } from '../accounts/schema.ts';
import { isPrefectureNumber } from '../municipalities/rules.ts';
import { municipalityCodeSchema } from '../municipalities/schema.ts';

/** National routes live under the national tenant only: `/tenants/national/...`. */
export const nationalParamsSchema = z.object({
  tenant: withErrorCode(z.string(), 'INVALID_TENANT', (t) => t === 'national').describe('national'),
});

const daySchema = z.iso.date().describe('YYYY-MM-DD');
export const feeStatusSchema = z.enum(['not_participating', 'exempt', 'pending_decision', 'charged']);

export const contactSchema = z.object({
  name: z.string().trim().min(1).max(100),
  department: z.string().trim().min(1).max(200),
  email: emailSchema,
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{6,20}$/)
    .optional(),
});

export const onboardSchema = z.object({
  code: municipalityCodeSchema,
  joinedAt: daySchema.describe('参加日 / participation date'),
  contacts: z.array(contactSchema).min(1).max(5),
  firstAdminEmail: emailSchema.describe('最初の管理者（招待メールを送る） / first administrator, invited by e-mail'),
});

export const participantQuerySchema = pageQuerySchema.extend({
  prefecture: withErrorCode(z.string(), 'INVALID_PREFECTURE_CODE', isPrefectureNumber).optional(),
  feeStatus: feeStatusSchema.exclude(['not_participating']).optional(),
  modelOnly: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().max(50).optional().describe('名称の一部 / part of the name'),
});
export type ParticipantQuery = z.infer<typeof participantQuerySchema>;

export const participantSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    fullName: z.string(),
    prefectureCode: z.string(),
    kind: z.enum(['prefecture', 'municipality', 'ward']),
    joinedAt: z.string(),
    feeStatus: feeStatusSchema,
    exemptUntil: z.string().nullable(),
    annualFeeYen: z.number().nullable(),
    modelType: z.enum(['A', 'B', 'C']).nullable(),
    contacts: z.array(contactSchema.extend({ phone: z.string().nullable() })),
  })
  .meta({ id: 'Participant' });
export type Participant = z.infer<typeof participantSchema>;

export const participantListSchema = listResponseSchema(participantSchema);

export const feePolicySchema = z
  .object({
    joinDeadline: daySchema,
    exemptionMonths: z.number().int().min(1).max(240).nullable().describe('null = 未定 / not decided'),
    annualFeeYen: z.number().int().min(0).max(1_000_000_000).nullable().describe('null = 未定 / not decided'),
    note: z.string().trim().max(500).nullable(),
  })
  .meta({ id: 'FeePolicy' });
export type FeePolicyInput = z.infer<typeof feePolicySchema>;

const seriesPointSchema = z.object({
  month: z.string(),
  people: z.number().int(),
  registrations: z.number().int(),
  municipalities: z.number().int(),
});

export const nationalDashboardSchema = z
  .object({
    asOf: z.string(),
    kpis: z.array(z.object({ key: z.enum(['people', 'registrations']), target: z.number(), targetOn: z.string() })),
    totals: z.object({
      people: z.number().int().describe('実人数 / distinct people with a registration'),
      registrations: z.number().int().describe('延べ / registrations'),
      municipalities: z.number().int().describe('参加団体数 / participating local governments'),
    }),
    byPrefecture: z.array(
      z.object({
        prefectureCode: z.string(),
        name: z.string(),
        registrations: z.number().int(),
        municipalities: z.number().int(),
        modelMunicipalities: z.number().int(),
      }),
    ),
    monthly: z.array(seriesPointSchema).describe('累計 / running totals'),
    modelMunicipalities: z.array(
      z.object({
        code: z.string(),
        fullName: z.string(),
        prefectureCode: z.string(),
        type: z.enum(['A', 'B', 'C']),
        step: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'NationalDashboard' });
export type NationalDashboard = z.infer<typeof nationalDashboardSchema>;
