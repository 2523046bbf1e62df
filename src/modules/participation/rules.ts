import type { FeeStatus } from '../../db/schema.ts';

/** The fee policy in force (a row of fee_policies); null fields are still 「今後検討」. */
export interface FeePolicy {
  /** Last day a municipality may join and still get the free period (seed: end of 令和9年度). */
  joinDeadline: string;
  /** Length of the free period from the participation date; null = not yet decided. */
  exemptionMonths: number | null;
  /** The fee once no exemption applies; null = not yet decided. */
  annualFeeYen: number | null;
}

export interface FeeAssessment {
  status: FeeStatus;
  /** Last free day, when the free period has a decided length. */
  exemptUntil: string | null;
  annualFeeYen: number | null;
}

/** 'YYYY-MM-DD' plus whole months; a day missing in the target month falls to its last day (1/31 + 1 → 2/28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Seed 第1 (利用料): the common system is paid for by municipalities in principle, but those that join by
 * the deadline pay nothing for a period. Everything else (how long, how much afterwards) is policy data.
 */
export function assessFee(joinedAt: string | null, policy: FeePolicy, asOf: string): FeeAssessment {
  const afterwards = (): FeeAssessment =>
    policy.annualFeeYen === null
      ? { status: 'pending_decision', exemptUntil: null, annualFeeYen: null }
      : { status: 'charged', exemptUntil: null, annualFeeYen: policy.annualFeeYen };
  if (joinedAt === null) return { status: 'not_participating', exemptUntil: null, annualFeeYen: null };
  if (joinedAt > policy.joinDeadline) return afterwards();
  if (policy.exemptionMonths === null) return { status: 'exempt', exemptUntil: null, annualFeeYen: null };
  const firstChargedDay = addMonths(joinedAt, policy.exemptionMonths);
  if (asOf < firstChargedDay) {
    return { status: 'exempt', exemptUntil: dayBefore(firstChargedDay), annualFeeYen: null };
  }
  return { ...afterwards(), exemptUntil: dayBefore(firstChargedDay) };
}

/** Running totals of monthly net changes, over the union of months (months without change carry over). */
export function cumulativeSeries<K extends string>(
  series: Record<K, { month: string; n: number }[]>,
): ({ month: string } & Record<K, number>)[] {
  const keys = Object.keys(series) as K[];
  const months = [...new Set(keys.flatMap((k) => series[k].map((r) => r.month)))].sort();
  const running = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  const byKey = Object.fromEntries(keys.map((k) => [k, new Map(series[k].map((r) => [r.month, r.n]))])) as Record<
    K,
    Map<string, number>
  >;
  return months.map((month) => {
    for (const k of keys) running[k] += byKey[k].get(month) ?? 0;
    return { month, ...running };
  });
}
