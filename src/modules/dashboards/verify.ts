import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';

// Each dashboard counter table next to a full recount of what it counts. Used by `furusato verify-counters`
// and the tests; it scans everything, so it is an operator's check, never part of a request.
const checks: { table: string; keys: string; counted: string; recount: string }[] = [
  {
    table: 'dashboard_registration_days',
    keys: 'municipality_code, day, tier, relation_type',
    counted:
      'select municipality_code, day, tier, relation_type, sum(n) as n from dashboard_registration_days group by 1, 2, 3, 4',
    recount:
      'select municipality_code, day, tier, relation_type, sum(n) as n from registration_counters group by 1, 2, 3, 4',
  },
  {
    table: 'dashboard_registration_months',
    keys: 'municipality_code, month, tier, relation_type',
    counted:
      'select municipality_code, month, tier, relation_type, sum(n) as n from dashboard_registration_months group by 1, 2, 3, 4',
    recount: `select municipality_code, date_trunc('month', day)::date as month, tier, relation_type, sum(n) as n
              from registration_counters group by 1, 2, 3, 4`,
  },
  {
    // Totals are compared with the registrations themselves, not only with the counters they fold.
    table: 'dashboard_registration_totals',
    keys: 'municipality_code, tier, relation_type',
    counted:
      'select municipality_code, tier, relation_type, sum(n) as n from dashboard_registration_totals group by 1, 2, 3',
    recount: `select municipality_code, tier, relation_type, count(*) as n from (
                select municipality_code, tier, 0 as relation_type from registrations
                union all
                select municipality_code, tier, unnest(relation_types) from registrations
              ) r group by 1, 2, 3`,
  },
  {
    table: 'dashboard_residence',
    keys: 'municipality_code, tier, residence_prefecture',
    counted:
      'select municipality_code, tier, residence_prefecture, sum(n) as n from dashboard_residence group by 1, 2, 3',
    recount: 'select municipality_code, tier, residence_prefecture, count(*) as n from registrations group by 1, 2, 3',
  },
  {
    table: 'dashboard_funnel',
    keys: 'municipality_code, milestone',
    counted: 'select municipality_code, milestone, sum(n) as n from dashboard_funnel group by 1, 2',
    recount: 'select municipality_code, milestone, count(*) as n from dashboard_milestones group by 1, 2',
  },
  {
    table: 'dashboard_cohorts',
    keys: 'municipality_code, cohort_month, milestone, months_after',
    counted:
      'select municipality_code, cohort_month, milestone, months_after, sum(n) as n from dashboard_cohorts group by 1, 2, 3, 4',
    recount: `select municipality_code, cohort_month, milestone, months_after, count(*) as n
              from dashboard_milestones group by 1, 2, 3, 4`,
  },
  {
    table: 'dashboard_activity_months',
    keys: 'municipality_code, month, kind',
    counted: 'select municipality_code, month, kind, sum(n) as n from dashboard_activity_months group by 1, 2, 3',
    recount: `select municipality_code, date_trunc('month', occurred_on)::date as month, kind, count(*) as n
              from activity_records where status = 'confirmed' group by 1, 2, 3`,
  },
  {
    table: 'dashboard_benefit_months',
    keys: 'municipality_code, month, tier',
    counted: 'select municipality_code, month, tier, sum(n) as n from dashboard_benefit_months group by 1, 2, 3',
    recount: `select municipality_code, dashboard_jst_month(scanned_at) as month, tier, count(*) as n
              from redemptions group by 1, 2, 3`,
  },
];

export interface DashboardMismatch {
  table: string;
  key: Record<string, unknown>;
  counted: number;
  recounted: number;
}

/** Every key where a dashboard counter differs from the recount (a missing row counts as 0), up to `limit`. */
export async function dashboardMismatches(db: Executor, limit = 100): Promise<DashboardMismatch[]> {
  const found: DashboardMismatch[] = [];
  for (const check of checks) {
    const result = await sql<Record<string, unknown> & { counted: string | number; recounted: string | number }>`
      with counted as (${sql.raw(check.counted)}), recount as (${sql.raw(check.recount)})
      select ${sql.raw(check.keys)}, coalesce(counted.n, 0)::bigint as counted, coalesce(recount.n, 0)::bigint as recounted
      from counted full join recount using (${sql.raw(check.keys)})
      where coalesce(counted.n, 0) <> coalesce(recount.n, 0)
      limit ${limit}
    `.execute(db);
    for (const row of result.rows) {
      const { counted, recounted, ...key } = row;
      found.push({ table: check.table, key, counted: Number(counted), recounted: Number(recounted) });
    }
  }
  return found.slice(0, limit);
}
