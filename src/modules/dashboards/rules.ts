// Pure rules of the dashboards: periods, cumulative series, cohorts and the funnel's order. No SQL here.

export type Granularity = 'day' | 'week' | 'month';
export type Tier = 'basic' | 'premium';

export const FUNNEL_STEPS = ['registered', 'read_news', 'applied', 'took_part', 'premium', 'type4'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** How far back each granularity may reach in one request, and its default span (in its own units). */
export const RANGE_LIMITS: Record<Granularity, { max: number; defaultSpan: number }> = {
  day: { max: 92, defaultSpan: 30 },
  week: { max: 53, defaultSpan: 26 },
  month: { max: 120, defaultSpan: 24 },
};

const DAY_MS = 86_400_000;

function toDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return toDay(new Date(toDate(day).getTime() + n * DAY_MS));
}

/** First day of the month of `day`, moved by `n` months. */
export function addMonths(day: string, n: number): string {
  const d = toDate(day);
  return toDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)));
}

export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** Monday of the ISO week of `day`. */
export function weekOf(day: string): string {
  const weekday = (toDate(day).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

export function periodOf(day: string, granularity: Granularity): string {
  return granularity === 'day' ? day : granularity === 'week' ? weekOf(day) : monthOf(day);
}

function nextPeriod(start: string, granularity: Granularity): string {
  return granularity === 'day' ? addDays(start, 1) : granularity === 'week' ? addDays(start, 7) : addMonths(start, 1);
}

export type RangeProblem = 'DASHBOARD_RANGE_INVALID' | 'DASHBOARD_RANGE_TOO_LONG';

/**
 * The range a request asks for, with defaults, or the reason it is refused. `today` is the JST day: a range
 * may not end in the future (nothing is counted there yet) and may not start after it ends.
 */
export function resolveRange(
  granularity: Granularity,
  today: string,
  from: string | undefined,
  to: string | undefined,
): { from: string; to: string } | { problem: RangeProblem } {
  const end = to ?? today;
  if (end > today) return { problem: 'DASHBOARD_RANGE_INVALID' };
  const { max, defaultSpan } = RANGE_LIMITS[granularity];
  const start =
    from ??
    (granularity === 'day'
      ? addDays(end, -(defaultSpan - 1))
      : granularity === 'week'
        ? addDays(weekOf(end), -7 * (defaultSpan - 1))
        : addMonths(end, -(defaultSpan - 1)));
  if (start > end) return { problem: 'DASHBOARD_RANGE_INVALID' };
  if (periodStarts(granularity, start, end).length > max) return { problem: 'DASHBOARD_RANGE_TOO_LONG' };
  return { from: start, to: end };
}

/** The periods that meet [from, to], each named by its first day; the first is clipped to `from`. */
export function periodStarts(granularity: Granularity, from: string, to: string): string[] {
  const starts: string[] = [];
  for (let start = periodOf(from, granularity); start <= to; start = nextPeriod(start, granularity)) {
    starts.push(start < from ? from : start);
    if (starts.length > 10_000) break;
  }
  return starts;
}

/** Net change of registrations on one day (or in one month), for one tier and relationship type (0 = all). */
export interface Delta {
  at: string;
  tier: Tier;
  relationType: number;
  n: number;
}

export interface Counts {
  total: number;
  basic: number;
  premium: number;
  type1: number;
  type2: number;
  type3: number;
  type4: number;
}

export function emptyCounts(): Counts {
  return { total: 0, basic: 0, premium: 0, type1: 0, type2: 0, type3: 0, type4: 0 };
}

/** Adds one delta (or totals row) into counts: type 0 feeds total and the tiers, 1–4 their own type. */
export function addInto(counts: Counts, row: { tier: Tier; relationType: number; n: number }, sign = 1): void {
  const n = row.n * sign;
  if (row.relationType === 0) {
    counts.total += n;
    counts[row.tier] += n;
  } else if (row.relationType >= 1 && row.relationType <= 4) {
    counts[`type${row.relationType as 1 | 2 | 3 | 4}`] += n;
  }
}

export type SeriesPoint = Counts & { period: string; added: number };

/**
 * Registrants at the end of each period. Counters hold net changes, so the state at the end of a period is
 * today's totals minus every change after it: `monthsAfter` are whole months after the month of `to`, `days`
 * the daily changes from `from` to the end of `to`'s month. Only counter rows are read, never registrations.
 */
export function cumulativeSeries(
  granularity: Granularity,
  from: string,
  to: string,
  now: Counts,
  monthsAfter: readonly Delta[],
  days: readonly Delta[],
): SeriesPoint[] {
  const atEnd = { ...now };
  for (const row of monthsAfter) addInto(atEnd, row, -1);
  for (const row of days) if (row.at > to) addInto(atEnd, row, -1);
  const starts = periodStarts(granularity, from, to);
  const changes = starts.map(() => emptyCounts());
  for (const row of days) {
    if (row.at < from || row.at > to) continue;
    let index = starts.length - 1;
    while (index > 0 && (starts[index] as string) > row.at) index -= 1;
    addInto(changes[index] as Counts, row);
  }
  const points: SeriesPoint[] = [];
  const running = atEnd;
  for (let i = starts.length - 1; i >= 0; i -= 1) {
    const change = changes[i] as Counts;
    points.push({ period: starts[i] as string, ...running, added: change.total });
    for (const key of Object.keys(running) as (keyof Counts)[]) running[key] -= change[key];
  }
  return points.reverse();
}

export const COHORT_HORIZONS = [1, 3, 6, 12] as const;
export type CohortHorizons = { m1: number | null; m3: number | null; m6: number | null; m12: number | null };

export interface CohortRow {
  cohortMonth: string;
  milestone: 'registered' | 'took_part' | 'premium';
  monthsAfter: number;
  n: number;
}

export interface Cohort {
  month: string;
  registered: number;
  tookPart: CohortHorizons;
  premium: CohortHorizons;
}

/** Whole months from the first month to the second (both 'YYYY-MM-DD'). */
export function monthsBetween(fromMonth: string, toMonth: string): number {
  return (
    (Number(toMonth.slice(0, 4)) - Number(fromMonth.slice(0, 4))) * 12 +
    Number(toMonth.slice(5, 7)) -
    Number(fromMonth.slice(5, 7))
  );
}

/**
 * Of those who registered in month M, how many reached a milestone within N months (months_after ≤ N).
 * N months have not passed yet when M + N is after the current month: that cell is null, not a low number.
 */
export function cohorts(months: readonly string[], rows: readonly CohortRow[], currentMonth: string): Cohort[] {
  return months.map((month) => {
    const of = rows.filter((row) => row.cohortMonth === month);
    const within = (milestone: CohortRow['milestone']): CohortHorizons => {
      const [m1, m3, m6, m12] = COHORT_HORIZONS.map((horizon) =>
        monthsBetween(month, currentMonth) < horizon
          ? null
          : of.filter((r) => r.milestone === milestone && r.monthsAfter <= horizon).reduce((sum, r) => sum + r.n, 0),
      );
      return { m1: m1 ?? null, m3: m3 ?? null, m6: m6 ?? null, m12: m12 ?? null };
    };
    return {
      month: month.slice(0, 7),
      registered: of.filter((r) => r.milestone === 'registered').reduce((sum, r) => sum + r.n, 0),
      tookPart: within('took_part'),
      premium: within('premium'),
    };
  });
}

/** The funnel in its fixed order, a missing step counting 0. */
export function funnel(counts: ReadonlyMap<string, number>): { step: FunnelStep; count: number }[] {
  return FUNNEL_STEPS.map((step) => ({ step, count: counts.get(step) ?? 0 }));
}
