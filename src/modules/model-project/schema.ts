import { z } from 'zod';
import { municipalityCodeSchema } from '../municipalities/schema.ts';
import { nationalParamsSchema } from '../participation/schema.ts';
import { tenantSchema } from '../staff/schema.ts';

export const modelTypeSchema = z.enum(['A', 'B', 'C']).describe('A 先行型 / B 後発型 / C 広域型');
const stepSchema = z.number().int().min(1).max(3).describe('1 検討 / 2 アプリで実証 / 3 効果検証・横展開');

export const memberParamsSchema = nationalParamsSchema.extend({ code: municipalityCodeSchema });
export const planParamsSchema = z.object({ tenant: tenantSchema });
export const progressParamsSchema = z.object({ code: municipalityCodeSchema });

export const selectMemberSchema = z.object({ type: modelTypeSchema });
export const changeStepSchema = z.object({ step: stepSchema });

const planText = z.string().trim().max(4000);
export const planSchema = z
  .object({
    regionalIssues: planText.describe('地域課題 / regional issues'),
    deepeningInitiatives: planText.describe('関係深化の取組 / initiatives to deepen relationships'),
    contentPlan: planText.describe('発信コンテンツ / content to publish'),
    supportMeasures: planText.describe('サポート施策 / support measures'),
    premiumRequirements: planText.describe('プレミアム登録要件 / premium registration requirements'),
    baselineOn: z.iso.date().nullable().describe('ベースラインの基準日 / baseline date'),
    baselineNote: planText.describe('ベースラインの説明（既存の取組の規模など） / what the baseline stands for'),
  })
  .meta({ id: 'ModelPlan' });

const memberFields = {
  code: z.string(),
  fullName: z.string(),
  prefectureCode: z.string(),
  kind: z.enum(['prefecture', 'municipality', 'ward']),
  type: modelTypeSchema,
  step: stepSchema,
  selectedAt: z.date(),
  step2On: z.string().nullable(),
  step3On: z.string().nullable(),
};

export const memberSchema = z
  .object({ ...memberFields, missingItems: z.array(z.string()).describe('未記入の計画項目 / plan items still empty') })
  .meta({ id: 'ModelProjectMember' });

export const memberListSchema = z.object({
  items: z.array(memberSchema),
  limits: z.object({ min: z.number().int(), max: z.number().int() }),
});

export const memberPlanSchema = z
  .object({ member: memberSchema, plan: planSchema, updatedAt: z.date().nullable() })
  .meta({ id: 'ModelProjectPlan' });

const indicatorSchema = z.object({
  before: z.number(),
  after: z.number(),
  change: z.number(),
  changePercent: z.number().nullable(),
  nationalMedianChange: z.number().nullable(),
  nationalPeers: z.number().int(),
  prefectureMedianChange: z.number().nullable(),
  prefecturePeers: z.number().int(),
  versusNationalMedian: z.number().nullable(),
  versusPrefectureMedian: z.number().nullable(),
});

export const effectReportSchema = z
  .object({
    member: memberSchema,
    plan: planSchema,
    window: z.object({ baselineOn: z.string(), asOf: z.string() }),
    indicators: z.object({
      registrations: indicatorSchema.describe('登録者（延べ） / registrations'),
      premium: indicatorSchema.describe('プレミアム登録 / premium registrations'),
      activities: indicatorSchema.describe('担い手活動（確認済み） / confirmed helper activities'),
    }),
    monthly: z.array(z.object({ month: z.string(), registrations: z.number().int(), premium: z.number().int() })),
  })
  .meta({ id: 'ModelEffectReport' });
export type EffectReport = z.infer<typeof effectReportSchema>;

export const progressSchema = z
  .object({
    code: z.string(),
    fullName: z.string(),
    type: modelTypeSchema,
    step: stepSchema,
    selectedAt: z.date(),
    step2On: z.string().nullable(),
    step3On: z.string().nullable(),
    plan: planSchema.omit({ baselineNote: true }),
    registrations: z.number().int().nullable().describe('10 未満は null / null under 10'),
  })
  .meta({ id: 'ModelProjectProgress' });
