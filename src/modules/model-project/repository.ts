import { sql } from 'kysely';
import type { ModelProjectType } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import type { BeforeAfter, Plan } from './rules.ts';

// SQL for the model project. Registration figures come from the dashboards' month rollups (migration 0012),
// relationship type 0 (each registration counted once).

function memberQuery(db: Executor) {
  return db
    .selectFrom('model_project_members as m')
    .innerJoin('municipalities as g', 'g.code', 'm.municipality_code')
    .leftJoin('model_project_plans as p', 'p.municipality_code', 'm.municipality_code')
    .select([
      'g.code',
      'g.full_name as fullName',
      'g.prefecture_code as prefectureCode',
      'g.kind',
      'm.type',
      'm.step',
      'm.selected_at as selectedAt',
      'm.step2_on as step2On',
      'm.step3_on as step3On',
      'p.regional_issues as regionalIssues',
      'p.deepening_initiatives as deepeningInitiatives',
      'p.content_plan as contentPlan',
      'p.support_measures as supportMeasures',
      'p.premium_requirements as premiumRequirements',
      'p.baseline_on as baselineOn',
      'p.baseline_note as baselineNote',
      'p.updated_at as planUpdatedAt',
    ]);
}

export type MemberRow = NonNullable<Awaited<ReturnType<typeof findMember>>>;

export async function findMember(db: Executor, code: string, options: { lock?: boolean } = {}) {
  let query = memberQuery(db).where('m.municipality_code', '=', code);
  if (options.lock) query = query.forUpdate(['m']);
  return query.executeTakeFirst();
}

export async function members(db: Executor) {
  return memberQuery(db).orderBy('g.code').execute();
}

export async function countMembers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('model_project_members')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findParticipant(db: Executor, code: string) {
  return db
    .selectFrom('municipalities')
    .select(['code', 'kind', 'joined_at as joinedAt'])
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();
}

/** Selecting (or retyping) a member; the directory's model_type shows the type publicly. */
export async function upsertMember(db: Executor, code: string, type: ModelProjectType, by: string): Promise<void> {
  await db
    .insertInto('model_project_members')
    .values({ municipality_code: code, type, selected_by: by })
    .onConflict((oc) => oc.column('municipality_code').doUpdateSet({ type, updated_at: new Date() }))
    .execute();
  await db
    .insertInto('model_project_plans')
    .values({ municipality_code: code })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db.updateTable('municipalities').set({ model_type: type }).where('code', '=', code).execute();
}

export async function deleteMember(db: Executor, code: string): Promise<void> {
  await db.deleteFrom('model_project_members').where('municipality_code', '=', code).execute();
  await db.updateTable('municipalities').set({ model_type: null }).where('code', '=', code).execute();
}

export async function setStep(db: Executor, code: string, step: number, on: string): Promise<void> {
  await db
    .updateTable('model_project_members')
    .set({
      step,
      updated_at: new Date(),
      ...(step === 2 ? { step2_on: on } : {}),
      ...(step === 3 ? { step3_on: on } : {}),
    })
    .where('municipality_code', '=', code)
    .execute();
}

export async function savePlan(db: Executor, code: string, plan: Plan, by: string): Promise<void> {
  const values = {
    regional_issues: plan.regionalIssues,
    deepening_initiatives: plan.deepeningInitiatives,
    content_plan: plan.contentPlan,
    support_measures: plan.supportMeasures,
    premium_requirements: plan.premiumRequirements,
    baseline_on: plan.baselineOn,
    baseline_note: plan.baselineNote,
    updated_at: new Date(),
    updated_by: by,
  };
  await db
    .insertInto('model_project_plans')
    .values({ municipality_code: code, ...values })
    .onConflict((oc) => oc.column('municipality_code').doUpdateSet(values))
    .execute();
}

// --- Effect indicators -----------------------------------------------------------------------------

export interface Peer {
  code: string;
  prefectureCode: string;
  registrations: BeforeAfter;
  premium: BeforeAfter;
  activities: BeforeAfter;
}

/**
 * Registrations, premium registrations and confirmed activities before the baseline month and now, for
 * the model municipality and every participating local government of the same kind that is not in the
 * model project (its comparison group). Reads month rollups, and activity rows (far fewer than registrations).
 */
export async function beforeAfter(db: Executor, code: string, kind: string, baselineMonth: string): Promise<Peer[]> {
  const result = await sql<{
    code: string;
    prefecture_code: string;
    reg_before: string;
    reg_after: string;
    prem_before: string;
    prem_after: string;
    act_before: string;
    act_after: string;
  }>`
    with cohort as (
      select code, prefecture_code from municipalities
      where code = ${code}
         or (joined_at is not null and kind = ${kind}
             and code not in (select municipality_code from model_project_members))
    ),
    regs as (
      select municipality_code as code,
             coalesce(sum(n) filter (where month < ${baselineMonth}::date), 0) as reg_before,
             sum(n) as reg_after,
             coalesce(sum(n) filter (where tier = 'premium' and month < ${baselineMonth}::date), 0) as prem_before,
             coalesce(sum(n) filter (where tier = 'premium'), 0) as prem_after
      from dashboard_registration_months
      where relation_type = 0 and municipality_code in (select code from cohort)
      group by 1
    ),
    acts as (
      select municipality_code as code,
             count(*) filter (where occurred_on < ${baselineMonth}::date) as act_before,
             count(*) as act_after
      from activity_records
      where status = 'confirmed' and municipality_code in (select code from cohort)
      group by 1
    )
    select cohort.code, cohort.prefecture_code,
           coalesce(reg_before, 0)::text as reg_before, coalesce(reg_after, 0)::text as reg_after,
           coalesce(prem_before, 0)::text as prem_before, coalesce(prem_after, 0)::text as prem_after,
           coalesce(act_before, 0)::text as act_before, coalesce(act_after, 0)::text as act_after
    from cohort
    left join regs using (code)
    left join acts using (code)
  `.execute(db);
  return result.rows.map((r) => ({
    code: r.code,
    prefectureCode: r.prefecture_code,
    registrations: { before: Number(r.reg_before), after: Number(r.reg_after) },
    premium: { before: Number(r.prem_before), after: Number(r.prem_after) },
    activities: { before: Number(r.act_before), after: Number(r.act_after) },
  }));
}

export async function monthlyOf(db: Executor, code: string) {
  const rows = await db
    .selectFrom('dashboard_registration_months')
    .select([
      'month',
      sql<string>`sum(n)`.as('registrations'),
      sql<string>`coalesce(sum(n) filter (where tier = 'premium'), 0)`.as('premium'),
    ])
    .where('municipality_code', '=', code)
    .where('relation_type', '=', 0)
    .groupBy('month')
    .orderBy('month')
    .execute();
  return rows.map((r) => ({ month: r.month, registrations: Number(r.registrations), premium: Number(r.premium) }));
}

export async function registrationsOf(db: Executor, code: string): Promise<number> {
  const row = await db
    .selectFrom('dashboard_registration_totals')
    .select(sql<string>`coalesce(sum(n), 0)`.as('n'))
    .where('municipality_code', '=', code)
    .where('relation_type', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
