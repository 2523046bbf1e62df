import { sql } from 'kysely';
import type { ModelProjectType } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import type { Plan } from './rules.ts';

// Demo only: the demo directory's model municipalities (municipalities/demo-data.ts) with plans at
// different stages, so the national pages and the report have something to show. 気仙沼市 is left at
// STEP1 with two items to go: its administrator completes it in the demo (and in the e2e test).
const DEMO_MEMBERS: {
  code: string;
  type: ModelProjectType;
  step: number;
  step2On: string | null;
  plan: Partial<Plan>;
}[] = [
  {
    code: '042056',
    type: 'A',
    step: 1,
    step2On: null,
    plan: {
      regionalIssues: '水産業・観光の担い手不足。震災後に縁ができた人との関係が年々薄れている。',
      deepeningInitiatives: '気仙沼ファンクラブ会員を登録に移行し、漁業体験と祭りの運営ボランティアで関わりを深める。',
      contentPlan: '毎月の港だより（水揚げ・イベント）と、担い手募集の案内。',
    },
  },
  {
    code: '072010',
    type: 'C',
    step: 2,
    step2On: '2026-07-01',
    plan: {
      regionalIssues: '果樹農家の高齢化と、収穫期の人手不足。',
      deepeningInitiatives: '県と連携した広域の収穫応援（福島県と共同）。',
      contentPlan: '収穫カレンダーと応援者の声を毎月発信。',
      supportMeasures: '収穫応援の交通費補助、協力店での割引。',
      premiumRequirements: '年3回以上の収穫応援への参加。',
      baselineOn: '2026-07-01',
      baselineNote: '参加時点の登録者数（既存の応援団名簿は移行しない）。',
    },
  },
  {
    code: '070009',
    type: 'C',
    step: 1,
    step2On: null,
    plan: { regionalIssues: '県内市町村の関係人口施策の連携不足。' },
  },
  { code: '152226', type: 'B', step: 1, step2On: null, plan: {} },
];

export async function seedDemoModelProject(db: Executor): Promise<void> {
  for (const m of DEMO_MEMBERS) {
    await db
      .insertInto('model_project_members')
      .values({ municipality_code: m.code, type: m.type, step: m.step, step2_on: m.step2On })
      .execute();
    await db
      .insertInto('model_project_plans')
      .values({
        municipality_code: m.code,
        regional_issues: m.plan.regionalIssues ?? '',
        deepening_initiatives: m.plan.deepeningInitiatives ?? '',
        content_plan: m.plan.contentPlan ?? '',
        support_measures: m.plan.supportMeasures ?? '',
        premium_requirements: m.plan.premiumRequirements ?? '',
        baseline_on: m.plan.baselineOn ?? null,
        baseline_note: m.plan.baselineNote ?? '',
      })
      .execute();
    await db.updateTable('municipalities').set({ model_type: m.type }).where('code', '=', m.code).execute();
  }
  // Selected on the day the demo participants joined, not on the day the demo was loaded.
  await sql`update model_project_members set selected_at = '2026-04-01T00:00:00+09:00'`.execute(db);
}
