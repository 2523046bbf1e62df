import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';
import type { CohortRow, Delta, Tier } from './rules.ts';

// The only file with SQL for the dashboards. Every query reads the counter tables of 0012_dashboards.ts by
// their primary key's leading columns and sums shards; none reads registrations, people or activity rows.

/** Every relation_type value of the counters: 0 (every registration) and the types ①–④. */
const RELATION_TYPES = [0, 1, 2, 3, 4];

export interface TenantRow {
  code: string;
  name: string;
  kind: 'prefecture' | 'municipality' | 'ward';
  prefectureCode: string;
}

export async function tenantOf(db: Executor, code: string): Promise<TenantRow | undefined> {
  return db
    .selectFrom('municipalities')
    .select(['code', 'name', 'kind', 'prefecture_code as prefectureCode'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export interface TotalsRow {
  tier: Tier;
  relationType: number;
  n: number;
}

export async function registrationTotals(db: Executor, code: string): Promise<TotalsRow[]> {
  return db
    .selectFrom('dashboard_registration_totals')
    .select(['tier', 'relation_type as relationType', sql<number>`sum(n)::int`.as('n')])
    .where('municipality_code', '=', code)
    .groupBy(['tier', 'relation_type'])
    .execute();
}

/** Monthly net changes from `fromMonth` on, as deltas dated by the month's first day. */
export async function monthDeltas(db: Executor, code: string, fromMonth: string): Promise<Delta[]> {
  return (
    db
      .selectFrom('dashboard_registration_months')
      .select([
        sql<string>`to_char(month, 'YYYY-MM-DD')`.as('at'),
        'tier',
        'relation_type as relationType',
        sql<number>`sum(n)::int`.as('n'),
      ])
      .where('municipality_code', '=', code)
      // Relationship type precedes month in the key: listing the types makes this five range scans.
      .where('relation_type', 'in', RELATION_TYPES)
      .where('month', '>=', fromMonth)
      .groupBy(['month', 'tier', 'relation_type'])
      .execute()
  );
}

/** Daily net changes from `from` to `to` (inclusive). */
export async function dayDeltas(db: Executor, code: string, from: string, to: string): Promise<Delta[]> {
  return db
    .selectFrom('dashboard_registration_days')
    .select([
      sql<string>`to_char(day, 'YYYY-MM-DD')`.as('at'),
      'tier',
      'relation_type as relationType',
      sql<number>`sum(n)::int`.as('n'),
    ])
    .where('municipality_code', '=', code)
    .where('relation_type', 'in', RELATION_TYPES)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy(['day', 'tier', 'relation_type'])
    .execute();
}

export async function residenceCounts(db: Executor, code: string): Promise<{ prefecture: string; n: number }[]> {
  return db
    .selectFrom('dashboard_residence')
    .select(['residence_prefecture as prefecture', sql<number>`sum(n)::int`.as('n')])
    .where('municipality_code', '=', code)
    .groupBy('residence_prefecture')
    .execute();
}

export async function funnelCounts(db: Executor, code: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('dashboard_funnel')
    .select(['milestone', sql<number>`sum(n)::int`.as('n')])
    .where('municipality_code', '=', code)
    .groupBy('milestone')
    .execute();
  return new Map(rows.map((row) => [row.milestone, row.n]));
}

export async function cohortRows(db: Executor, code: string, fromMonth: string): Promise<CohortRow[]> {
  const rows = await db
    .selectFrom('dashboard_cohorts')
    .select([
      sql<string>`to_char(cohort_month, 'YYYY-MM-DD')`.as('cohortMonth'),
      'milestone',
      'months_after as monthsAfter',
      sql<number>`sum(n)::int`.as('n'),
    ])
    .where('municipality_code', '=', code)
    .where('cohort_month', '>=', fromMonth)
    .where('milestone', 'in', ['registered', 'took_part', 'premium'])
    .groupBy(['cohort_month', 'milestone', 'months_after'])
    .execute();
  return rows as CohortRow[];
}

export async function activityMonths(db: Executor, code: string, fromMonth: string) {
  return db
    .selectFrom('dashboard_activity_months')
    .select([sql<string>`to_char(month, 'YYYY-MM')`.as('month'), 'kind', sql<number>`sum(n)::int`.as('n')])
    .where('municipality_code', '=', code)
    .where('month', '>=', fromMonth)
    .groupBy(['month', 'kind'])
    .execute();
}

export async function benefitMonths(db: Executor, code: string, fromMonth: string) {
  return db
    .selectFrom('dashboard_benefit_months')
    .select([sql<string>`to_char(month, 'YYYY-MM')`.as('month'), 'tier', sql<number>`sum(n)::int`.as('n')])
    .where('municipality_code', '=', code)
    .where('month', '>=', fromMonth)
    .groupBy(['month', 'tier'])
    .execute();
}

/**
 * Newsletters sent per month and how many recipients each was addressed to (counted once, when sending
 * started). A municipality sends a few a month, so this reads a handful of newsletter rows, never deliveries.
 */
export async function newsletterMonths(db: Executor, code: string, fromMonth: string) {
  const result = await sql<{ month: string; sent: number; recipients: number }>`
    select to_char(dashboard_jst_month(send_started_at), 'YYYY-MM') as month, count(*)::int as sent,
           coalesce(sum(recipient_count), 0)::int as recipients
    from newsletters
    where municipality_code = ${code} and status in ('sending', 'sent')
      and send_started_at >= (${fromMonth}::date::timestamp at time zone 'Asia/Tokyo')
    group by 1
  `.execute(db);
  return result.rows;
}

// --- Prefecture comparison ----------------------------------------------------------------------------

export interface ComparisonRow {
  code: string;
  name: string;
  total: number;
  premium: number;
  type4: number;
  /** Net change of every registration (type 0) per month ('YYYY-MM') since the first month asked for. */
  changes: Record<string, number>;
}

/**
 * A prefecture's municipalities that take part or already hold registrations (wards are inside their city),
 * each with its totals now and its monthly changes since `fromMonth`: one statement, one row per municipality
 * (three queries in parallel competed for the same two cores, and sent ten times the rows).
 */
export async function comparisonRows(
  db: Executor,
  prefectureCode: string,
  fromMonth: string,
): Promise<ComparisonRow[]> {
  const codes = sql`(select array_agg(code) from municipalities where prefecture_code = ${prefectureCode} and kind = 'municipality')::char(6)[]`;
  const result = await sql<ComparisonRow>`
    with totals as (
      select municipality_code as code,
             coalesce(sum(n) filter (where relation_type = 0), 0)::int as total,
             coalesce(sum(n) filter (where relation_type = 0 and tier = 'premium'), 0)::int as premium,
             coalesce(sum(n) filter (where relation_type = 4), 0)::int as type4
      from dashboard_registration_totals
      where municipality_code = any (${codes})
      group by municipality_code
    ),
    months as (
      select code, jsonb_object_agg(month, n) as changes from (
        select municipality_code as code, to_char(month, 'YYYY-MM') as month, sum(n)::int as n
        from dashboard_registration_months
        where municipality_code = any (${codes}) and relation_type = 0 and month >= ${fromMonth}::date
        group by municipality_code, month
      ) by_month
      group by code
    )
    select m.code, m.name, coalesce(t.total, 0) as total, coalesce(t.premium, 0) as premium,
           coalesce(t.type4, 0) as type4, coalesce(c.changes, '{}') as changes
    from municipalities m
    left join totals t on t.code = m.code
    left join months c on c.code = m.code
    where m.prefecture_code = ${prefectureCode} and m.kind = 'municipality' and (m.joined_at is not null or t.code is not null)
    order by m.code
  `.execute(db);
  return result.rows;
}
