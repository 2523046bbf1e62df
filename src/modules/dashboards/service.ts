import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import * as repository from './repository.ts';
import {
  addDays,
  addInto,
  addMonths,
  cohorts,
  cumulativeSeries,
  emptyCounts,
  funnel,
  monthOf,
  resolveRange,
} from './rules.ts';
import type { Comparison, Dashboard, DashboardQuery } from './schema.ts';

/** Today in Japan, where the counters' days are. */
export function jstToday(now: Date): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

function endOfMonth(day: string): string {
  return addDays(addMonths(day, 1), -1);
}

/** The months from `months - 1` months before `today` to today's month, as 'YYYY-MM-01'. */
function lastMonths(today: string, months: number): string[] {
  return Array.from({ length: months }, (_, i) => addMonths(today, i - months + 1));
}

async function requireTenant(db: Executor, code: string) {
  const tenant = await repository.tenantOf(db, code);
  // Only municipalities and prefectures have registrants (wards count inside their city).
  if (!tenant || tenant.kind === 'ward') throw new AppError('DASHBOARD_NOT_AVAILABLE');
  return { ...tenant, kind: tenant.kind };
}

/** The dashboard of one municipality or prefecture, from counter tables only. */
export async function dashboard(
  db: Executor,
  tenantCode: string,
  query: DashboardQuery,
  now = new Date(),
): Promise<Dashboard> {
  const today = jstToday(now);
  const range = resolveRange(
    query.granularity,
    today,
    query.granularity === 'month' && query.from ? monthOf(query.from) : query.from,
    query.to,
  );
  if ('problem' in range) throw new AppError(range.problem);
  const { granularity, from, to } = { granularity: query.granularity, ...range };
  const toMonth = monthOf(to);
  // Whole months from the range's first month up to the month of `to` come from the month table, the month of
  // `to` itself day by day (so that a `to` in the middle of a month is exact); day and week ranges read days.
  const monthsFrom = granularity === 'month' ? from : toMonth;
  const twelveMonthsAgo = addMonths(today, -11);
  // The tenant is checked alongside the reads, not before them: one round trip less on every request.
  const [tenant, totals, months, days, residence, funnelCounts, cohortRows, activities, benefits, newsletters] =
    await Promise.all([
      requireTenant(db, tenantCode),
      repository.registrationTotals(db, tenantCode),
      repository.monthDeltas(db, tenantCode, monthsFrom),
      repository.dayDeltas(db, tenantCode, granularity === 'month' ? toMonth : from, endOfMonth(to)),
      repository.residenceCounts(db, tenantCode),
      repository.funnelCounts(db, tenantCode),
      repository.cohortRows(db, tenantCode, twelveMonthsAgo),
      repository.activityMonths(db, tenantCode, twelveMonthsAgo),
      repository.benefitMonths(db, tenantCode, twelveMonthsAgo),
      repository.newsletterMonths(db, tenantCode, twelveMonthsAgo),
    ]);

  const now_ = emptyCounts();
  for (const row of totals) addInto(now_, row);
  const monthsAfter = months.filter((row) => row.at > toMonth);
  const monthsInRange = months.filter((row) => row.at < toMonth);
  const points = cumulativeSeries(granularity, from, to, now_, monthsAfter, [...monthsInRange, ...days]);

  const byPrefecture = new Map<string, number>();
  for (const row of residence) byPrefecture.set(row.prefecture, (byPrefecture.get(row.prefecture) ?? 0) + row.n);
  const recentMonths = lastMonths(today, 12);

  return {
    tenant: { code: tenant.code, name: tenant.name, kind: tenant.kind },
    asOf: today,
    registrants: now_,
    series: { granularity, from, to, points },
    funnel: funnel(funnelCounts),
    residence: {
      prefectures: [...byPrefecture]
        .filter(([code, n]) => code !== '00' && code !== '99' && n > 0)
        .map(([code, n]) => ({ code, count: n }))
        .sort((a, b) => a.code.localeCompare(b.code)),
      unknown: byPrefecture.get('00') ?? 0,
      abroad: byPrefecture.get('99') ?? 0,
      municipalitiesAvailable: false,
    },
    cohorts: cohorts(recentMonths, cohortRows, monthOf(today)),
    activities: recentMonths.map((first) => {
      const month = first.slice(0, 7);
      const kinds: Record<string, number> = {};
      for (const row of activities) if (row.month === month && row.n !== 0) kinds[row.kind] = row.n;
      return { month, total: Object.values(kinds).reduce((sum, n) => sum + n, 0), kinds };
    }),
    benefitUses: recentMonths.map((first) => {
      const month = first.slice(0, 7);
      const of = (tier: string) => benefits.find((row) => row.month === month && row.tier === tier)?.n ?? 0;
      return { month, basic: of('basic'), premium: of('premium') };
    }),
    newsletters: recentMonths.map((first) => {
      const row = newsletters.find((n) => n.month === first.slice(0, 7));
      return { month: first.slice(0, 7), sent: row?.sent ?? 0, recipients: row?.recipients ?? 0 };
    }),
  };
}

/** A prefecture's municipalities side by side: current totals and registrants at the end of each month. */
export async function comparison(
  db: Executor,
  tenantCode: string,
  months: number,
  now = new Date(),
): Promise<Comparison> {
  // A prefecture's code starts with its number: everything is read at once, then the tenant is checked.
  const prefectureCode = tenantCode.slice(0, 2);
  const today = jstToday(now);
  const periods = lastMonths(today, months);
  const [tenant, members] = await Promise.all([
    requireTenant(db, tenantCode),
    repository.comparisonRows(db, prefectureCode, periods[0] as string),
  ]);
  if (tenant.kind !== 'prefecture') throw new AppError('DASHBOARD_NOT_PREFECTURE');
  const rows = members.map((m) => {
    const change = (month: string) => m.changes[month] ?? 0;
    // Registrants at the end of month i = today's total minus the changes of every later month.
    const series = periods.map((_, i) =>
      periods.slice(i + 1).reduce((total, later) => total - change(later.slice(0, 7)), m.total),
    );
    return {
      code: m.code,
      name: m.name,
      total: m.total,
      premium: m.premium,
      type4: m.type4,
      added: m.total - (series[0] ?? 0) + change((periods[0] as string).slice(0, 7)),
      series,
    };
  });
  rows.sort((a, b) => b.total - a.total || a.code.localeCompare(b.code));
  return {
    prefecture: { code: tenant.code, name: tenant.name },
    months: periods.map((p) => p.slice(0, 7)),
    municipalities: rows,
  };
}
