import { z } from 'zod';
import { listResponseSchema, pageQuerySchema } from '../../platform/pagination.ts';
import { municipalityCodeSchema } from '../municipalities/schema.ts';
import { activityKindSchema, tierSchema } from '../registrations/schema.ts';
import { tenantParamsSchema } from '../staff/schema.ts';
import { MAX_CO_HOSTS, MAX_QUESTIONS, MAX_SESSIONS } from './rules.ts';

const instantSchema = z.iso
  .datetime({ offset: true })
  .describe('ISO 8601 日時（タイムゾーン付き、例: 2026-05-10T09:00:00+09:00） / date-time with offset');

export const sessionInputSchema = z.object({
  id: z.uuid().optional().describe('既存の日程を残す・変更するときに指定 / give to keep or move an existing session'),
  startsAt: instantSchema,
  endsAt: instantSchema,
});

export const eligibilitySchema = z
  .object({
    minTier: tierSchema.default('basic').describe('対象の登録区分 / lowest tier that may apply'),
    identityRequired: z
      .boolean()
      .default(false)
      .describe('マイナンバーカードでの本人確認を要する / requires identity verification'),
    relationTypes: z
      .array(z.number().int().min(1).max(4))
      .max(4)
      .default([])
      .describe('いずれかの類型を持つ人が対象（空は制限なし） / any one of these relationship types (empty: anyone)'),
  })
  .meta({ id: 'OpportunityEligibility' });

const opportunityFields = {
  title: z.string().trim().min(1).max(100).describe('募集の名称 / title'),
  description: z.string().trim().min(1).max(5000).describe('内容（プレーンテキスト） / description, plain text'),
  kind: activityKindSchema,
  sessions: z.array(sessionInputSchema).min(1).max(MAX_SESSIONS).describe('日程（1日以内の枠） / dates'),
  place: z.string().trim().min(1).max(200).describe('場所 / place'),
  online: z.boolean().default(false).describe('オンラインで参加できる / can take part online'),
  capacity: z.number().int().min(1).max(10_000).describe('定員 / number of people to accept'),
  eligibility: eligibilitySchema.default({ minTier: 'basic', identityRequired: false, relationTypes: [] }),
  questions: z
    .array(z.string().trim().min(1).max(300))
    .max(MAX_QUESTIONS)
    .default([])
    .describe(`応募者への質問（${MAX_QUESTIONS}問まで、自由記述） / up to ${MAX_QUESTIONS} free-text questions`),
  coHosts: z
    .array(municipalityCodeSchema)
    .max(MAX_CO_HOSTS)
    .default([])
    .describe(
      '共同で募集する同じ都道府県の市町村（広域型）。その登録者も応募でき、参加は各市町村の活動に数えられる / ' +
        'co-hosting municipalities of the same prefecture (joint, 広域型): their registrants may apply too',
    ),
};

export const createOpportunitySchema = z.object({
  ...opportunityFields,
  status: z.enum(['draft', 'open']).default('draft'),
});

export const updateOpportunitySchema = z
  .object({
    title: opportunityFields.title.optional(),
    description: opportunityFields.description.optional(),
    kind: activityKindSchema.optional(),
    sessions: opportunityFields.sessions
      .optional()
      .describe('日程の一覧で置き換え（id のない日程は追加、載っていない日程は削除） / replaces the list of sessions'),
    place: opportunityFields.place.optional(),
    online: z.boolean().optional(),
    capacity: opportunityFields.capacity.optional(),
    eligibility: eligibilitySchema.optional(),
    questions: z.array(z.string().trim().min(1).max(300)).max(MAX_QUESTIONS).optional(),
    coHosts: z.array(municipalityCodeSchema).max(MAX_CO_HOSTS).optional(),
    status: z.enum(['draft', 'open', 'closed']).optional(),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), { message: 'nothing to change' });

export type CreateOpportunityInput = z.infer<typeof createOpportunitySchema>;
export type UpdateOpportunityInput = z.infer<typeof updateOpportunitySchema>;

const sessionSchema = z.object({ id: z.uuid(), startsAt: z.date(), endsAt: z.date() });

export const opportunitySchema = z
  .object({
    id: z.uuid(),
    municipalityCode: z.string(),
    municipalityName: z.string(),
    kind: activityKindSchema,
    title: z.string(),
    description: z.string(),
    sessions: z.array(sessionSchema),
    place: z.string(),
    online: z.boolean(),
    capacity: z.number().int(),
    seatsLeft: z.number().int(),
    eligibility: z.object({
      minTier: tierSchema,
      identityRequired: z.boolean(),
      relationTypes: z.array(z.number().int()),
    }),
    questions: z.array(z.string()),
    coHosts: z
      .array(z.object({ code: z.string(), name: z.string() }))
      .describe('共同で募集する市町村（広域型） / co-hosting municipalities'),
    status: z.enum(['draft', 'open', 'closed']),
    acceptingApplications: z.boolean().describe('いま応募できる / applications are taken now'),
    updatedAt: z.date(),
  })
  .meta({ id: 'Opportunity' });

export const staffOpportunitySchema = opportunitySchema
  .extend({
    applications: z.record(z.string(), z.number().int()).describe('状態ごとの応募数 / applications by status'),
    createdAt: z.date(),
  })
  .meta({ id: 'StaffOpportunity' });

export const opportunityListSchema = listResponseSchema(opportunitySchema);
export const staffOpportunityListSchema = listResponseSchema(staffOpportunitySchema);

export const publicOpportunityQuerySchema = pageQuerySchema.extend({
  municipality: municipalityCodeSchema.optional(),
  prefecture: z
    .string()
    .regex(/^(0[1-9]|[1-3][0-9]|4[0-7])$/)
    .optional()
    .describe('都道府県の番号（01〜47）の自治体の募集 / in this prefecture (01–47)'),
  kind: activityKindSchema.optional(),
  online: z.enum(['true', 'false']).optional().describe('オンライン参加可のみ / only online (true) or on site (false)'),
  from: z.iso
    .date()
    .optional()
    .describe('この日以降に日程があるもの（YYYY-MM-DD） / with a session on or after this day'),
});

export const staffOpportunityQuerySchema = pageQuerySchema.extend({
  status: z.enum(['draft', 'open', 'closed']).optional(),
});

export const opportunityParamsSchema = z.object({ id: z.uuid() });
export const tenantItemParamsSchema = tenantParamsSchema.extend({ id: z.uuid() });

// --- Applications -----------------------------------------------------------------------------------

export const applicationStatusSchema = z.enum(['applied', 'accepted', 'declined', 'attended', 'no_show', 'cancelled']);

export const applySchema = z.object({
  answers: z
    .array(z.string().max(2000))
    .max(MAX_QUESTIONS)
    .default([])
    .describe('質問への回答（質問と同じ順・同じ数） / one answer per question, in order'),
});

const answerSchema = z.object({ question: z.string(), answer: z.string() });
const messageSchema = z.object({ id: z.uuid(), body: z.string(), sentAt: z.date() }).meta({ id: 'ApplicationMessage' });
const checkInSchema = z.object({ sessionId: z.uuid(), checkedInAt: z.date(), method: z.enum(['token', 'staff']) });

export const myApplicationSchema = z
  .object({
    id: z.uuid(),
    status: applicationStatusSchema,
    answers: z.array(answerSchema),
    appliedAt: z.date(),
    decidedAt: z.date().nullable(),
    cancelledAt: z.date().nullable(),
    opportunity: z.object({
      id: z.uuid(),
      municipalityCode: z.string(),
      municipalityName: z.string(),
      kind: activityKindSchema,
      title: z.string(),
      place: z.string(),
      online: z.boolean(),
      sessions: z.array(sessionSchema),
    }),
    checkIns: z.array(checkInSchema),
    messages: z.array(messageSchema).describe('自治体からのメッセージ / messages from the municipality'),
  })
  .meta({ id: 'MyApplication' });

export const myApplicationListSchema = listResponseSchema(myApplicationSchema);

export const applicantSchema = z
  .object({
    memberId: z.uuid().nullable().describe('登録が取り消されていれば null / null once the person withdrew'),
    tier: tierSchema.nullable(),
    displayName: z.string().nullable(),
    email: z.string().nullable(),
    ageBand: z.string().nullable(),
    residencePrefecture: z.string().nullable(),
    relationTypes: z.array(z.number().int()).nullable(),
    acceptsNews: z.boolean(),
  })
  .meta({ id: 'Applicant', description: '同意された項目のみ（他は null） / only what the person consented to share' });

export const staffApplicationSchema = z
  .object({
    id: z.uuid(),
    opportunityId: z.uuid(),
    status: applicationStatusSchema,
    answers: z.array(answerSchema),
    appliedAt: z.date(),
    decidedAt: z.date().nullable(),
    applicant: applicantSchema,
    checkIns: z.array(checkInSchema),
    messages: z.array(messageSchema),
  })
  .meta({ id: 'StaffApplication' });

export const staffApplicationListSchema = listResponseSchema(staffApplicationSchema);

export const staffApplicationQuerySchema = pageQuerySchema.extend({ status: applicationStatusSchema.optional() });

export const decisionSchema = z.object({
  decision: z
    .enum(['accept', 'decline', 'no_show'])
    .describe('採用・不採用・欠席の記録 / accept, decline, or mark an accepted person as not attending'),
  message: z.string().trim().min(1).max(2000).optional().describe('応募者へのメッセージ / message to the applicant'),
});

export const applicationStateSchema = z.object({
  id: z.uuid(),
  opportunityId: z.uuid(),
  status: applicationStatusSchema,
  decidedAt: z.date().nullable(),
});

export const sendMessageSchema = z.object({ body: z.string().trim().min(1).max(2000) });
export const sentMessageSchema = messageSchema.extend({ applicationId: z.uuid() });

// --- Check-in ---------------------------------------------------------------------------------------

export const checkInCodeQuerySchema = z.object({ session: z.uuid().describe('日程の id / session id') });

export const checkInCodeSchema = z
  .object({
    sessionId: z.uuid(),
    token: z.string().describe('QRコードの中身（署名付き） / the signed token the QR code carries'),
    url: z.string().describe('QRコードにするURL（カメラで読むとアプリが開く） / URL to encode as the QR code'),
    qrSvg: z.string().describe('会場に掲示するQRコード（SVG） / the QR code as SVG'),
    validFrom: z.date(),
    validUntil: z.date(),
    occurredOn: z.string().describe('活動として記録される日 / the day the activity is recorded on'),
  })
  .meta({ id: 'CheckInCode' });

export const tokenCheckInSchema = z.object({ token: z.string().min(1).max(1000) });
export const staffCheckInSchema = z.object({
  memberId: z.uuid().describe('会員番号（会員証のQRコード） / member id (from the member card QR)'),
  sessionId: z.uuid().optional().describe('省略時は今日の日程 / default: the session open today'),
});

export const checkInResultSchema = z
  .object({
    applicationId: z.uuid(),
    opportunityId: z.uuid(),
    sessionId: z.uuid(),
    status: z.literal('attended'),
    activityId: z.uuid(),
    occurredOn: z.string(),
    method: z.enum(['token', 'staff']),
  })
  .meta({ id: 'CheckIn' });
