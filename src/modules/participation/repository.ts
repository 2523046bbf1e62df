import { sql } from 'kysely';
import type { FeeStatus } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import type { FeePolicy } from './rules.ts';

// SQL for participation, fees and the national aggregates. The national figures come from the rollups
// of migration 0013 (tens of thousands of rows at the ten-year target), never from registrations.

export async function currentFeePolicy(db: Executor): Promise<FeePolicy & { note: string | null }> {
  const row = await db
    .selectFrom('fee_policies')
    .select(['join_deadline', 'exemption_months', 'annual_fee_yen', 'note'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return {
    joinDeadline: row.join_deadline,
    exemptionMonths: row.exemption_months,
    annualFeeYen: row.annual_fee_yen,
    note: row.note,
  };
}

export async function insertFeePolicy(
  db: Executor,
  policy: FeePolicy & { note: string | null },
  decidedBy: string,
): Promise<void> {
  await db
    .insertInto('fee_policies')
    .values({
      join_deadline: policy.joinDeadline,
      exemption_months: policy.exemptionMonths,
      annual_fee_yen: policy.annualFeeYen,
      note: policy.note,
      decided_by: decidedBy,
    })
    .execute();
}

export async function findDirectoryEntry(db: Executor, code: string) {
  return db
    .selectFrom('municipalities')
    .select(['code', 'kind', 'joined_at as joinedAt', 'full_name as fullName'])
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();
}

/** Every participant (at most ~1,800 rows), with its contacts; filters and fees are applied by the caller. */
export async function participants(db: Executor) {
  const [rows, contacts] = await Promise.all([
    db
      .selectFrom('municipalities')
      .select([
        'code',
        'name',
        'full_name as fullName',
        'prefecture_code as prefectureCode',
        'kind',
        'joined_at as joinedAt',
        'model_type as modelType',
      ])
      .where('joined_at', 'is not', null)
      .orderBy('joined_at')
      .orderBy('code')
      .execute(),
    db
      .selectFrom('participation_contacts')
      .select(['municipality_code as code', 'name', 'department', 'email', 'phone'])
      .orderBy('created_at')
      .execute(),
  ]);
  return rows.map((r) => ({
    ...r,
    joinedAt: r.joinedAt as string,
    contacts: contacts.filter((c) => c.code === r.code).map(({ code: _, ...c }) => c),
  }));
}

export async function setJoined(db: Executor, code: string, joinedAt: string, feeStatus: FeeStatus): Promise<void> {
  await db
    .updateTable('municipalities')
    .set({ joined_at: joinedAt, fee_status: feeStatus, updated_at: new Date() })
    .where('code', '=', code)
    .execute();
}

/** Keeps the directory's fee column in line with the policy in force (one statement per status). */
export async function setFeeStatuses(db: Executor, byStatus: Map<FeeStatus, string[]>): Promise<void> {
  for (const [status, codes] of byStatus) {
    if (codes.length === 0) continue;
    await db
      .updateTable('municipalities')
      .set({ fee_status: status })
      .where('code', 'in', codes)
      .where('fee_status', '!=', status)
      .execute();
  }
}

export async function insertContacts(
  db: Executor,
  code: string,
  contacts: { name: string; department: string; email: string; phone?: string }[],
): Promise<void> {
  await db
    .insertInto('participation_contacts')
    .values(
      contacts.map((c) => ({
        municipality_code: code,
        name: c.name,
        department: c.department,
        email: c.email,
        phone: c.phone ?? null,
      })),
    )
    .execute();
}

// --- National dashboard -------------------------------------------------------------------------------

export async function kpis(db: Executor) {
  const rows = await db.selectFrom('national_kpis').select(['key', 'target', 'target_on']).orderBy('key').execute();
  return rows.map((r) => ({ key: r.key, target: Number(r.target), targetOn: r.target_on }));
}

export async function peopleByMonth(db: Executor) {
  const rows = await db
    .selectFrom('registered_people_counters')
    .select(['month', sql<string>`sum(n)`.as('n')])
    .groupBy('month')
    .orderBy('month')
    .execute();
  return rows.map((r) => ({ month: r.month, n: Number(r.n) }));
}

export async function registrationsByPrefecture(db: Executor) {
  const rows = await db
    .selectFrom('registration_prefecture_totals')
    .select(['prefecture_code as prefectureCode', sql<string>`sum(n)`.as('n')])
    .groupBy('prefecture_code')
    .execute();
  return rows.map((r) => ({ prefectureCode: r.prefectureCode, n: Number(r.n) }));
}

export async function registrationsByMonth(db: Executor) {
  const rows = await db
    .selectFrom('registration_national_months')
    .select(['month', sql<string>`sum(n)`.as('n')])
    .groupBy('month')
    .orderBy('month')
    .execute();
  return rows.map((r) => ({ month: r.month, n: Number(r.n) }));
}

/** Participants that have joined by `asOf` (a date set in the future is a scheduled start). */
export async function participationByPrefectureAndMonth(db: Executor, asOf: string) {
  const result = await sql<{ prefecture_code: string | null; month: string | null; n: string; model: string }>`
    select prefecture_code, to_char(date_trunc('month', joined_at), 'YYYY-MM-DD') as month,
           count(*) as n, count(model_type) as model
    from municipalities
    where joined_at <= ${asOf}::date
    group by grouping sets ((prefecture_code), (2))
  `.execute(db);
  return {
    byPrefecture: result.rows
      .filter((r) => r.prefecture_code !== null)
      .map((r) => ({ prefectureCode: r.prefecture_code as string, n: Number(r.n), model: Number(r.model) })),
    byMonth: result.rows
      .filter((r) => r.month !== null)
      .map((r) => ({ month: r.month as string, n: Number(r.n) }))
      .sort((a, b) => (a.month < b.month ? -1 : 1)),
  };
}

export async function prefectureNames(db: Executor) {
  return db
    .selectFrom('municipalities')
    .select(['prefecture_code as prefectureCode', 'name'])
    .where('kind', '=', 'prefecture')
    .orderBy('prefecture_code')
    .execute();
}

export async function modelMembers(db: Executor) {
  return db
    .selectFrom('model_project_members')
    .innerJoin('municipalities', 'municipalities.code', 'model_project_members.municipality_code')
    .select([
      'municipalities.code',
      'municipalities.full_name as fullName',
      'municipalities.prefecture_code as prefectureCode',
      'model_project_members.type',
      'model_project_members.step',
    ])
    .orderBy('municipalities.code')
    .execute();
}

// --- Verification ---------------------------------------------------------------------------------

/**
 * The national rollups next to a recount of what they summarise (people: the registrations; prefectures: the
 * daily counters, themselves checked against the registrations); only differences come back.
 */
export async function nationalCounterMismatches(db: Executor) {
  const result = await sql<{ counter: string; key: string; counted: string | null; actual: string | null }>`
    with people as (
      select 'registered_people' as counter, '' as key,
             (select coalesce(sum(n), 0) from registered_people_counters) as counted,
             (select count(distinct person_id) from registrations) as actual
    ),
    prefectural as (
      select 'registration_prefecture_totals' as counter, prefecture_code as key, r.n as counted, c.n as actual
      from (select prefecture_code, sum(n) as n from registration_prefecture_totals group by 1) r
      full join (select left(municipality_code, 2) as prefecture_code, sum(n) as n from registration_counters
                 where relation_type = 0 group by 1) c using (prefecture_code)
    ),
    monthly as (
      select 'registration_national_months' as counter, to_char(month, 'YYYY-MM') as key, r.n as counted, c.n as actual
      from (select month, sum(n) as n from registration_national_months group by 1) r
      full join (select date_trunc('month', day)::date as month, sum(n) as n from registration_counters
                 where relation_type = 0 group by 1) c using (month)
    )
    select counter, key, counted::text, actual::text from (
      select * from people union all select * from prefectural union all select * from monthly
    ) all_counters
    where coalesce(counted, 0) <> coalesce(actual, 0)
    order by 1, 2
  `.execute(db);
  return result.rows;
}
