// Seed 第2 (モデル事業): 10–20 municipalities of three types go through three steps.
export const MODEL_PROJECT_MAX_MEMBERS = 20;
export const MODEL_PROJECT_MIN_MEMBERS = 10;

/** STEP1 検討 → STEP2 アプリで実証 → STEP3 効果検証・横展開. */
export type ModelStep = 1 | 2 | 3;

/** The five items a municipality settles in STEP1 (seed 第2 STEP1). */
export const PLAN_ITEMS = [
  'regionalIssues',
  'deepeningInitiatives',
  'contentPlan',
  'supportMeasures',
  'premiumRequirements',
] as const;
export type PlanItem = (typeof PLAN_ITEMS)[number];

export type Plan = Record<PlanItem, string> & { baselineOn: string | null; baselineNote: string };

export function missingPlanItems(plan: Plan): (PlanItem | 'baselineOn')[] {
  const missing: (PlanItem | 'baselineOn')[] = PLAN_ITEMS.filter((item) => plan[item].trim() === '');
  if (plan.baselineOn === null) missing.push('baselineOn');
  return missing;
}

/** Steps go forward one at a time; STEP2 starts only from a complete plan. */
export function stepChangeRefusal(
  current: ModelStep,
  next: ModelStep,
  plan: Plan,
): 'MODEL_STEP_INVALID' | 'MODEL_PLAN_INCOMPLETE' | null {
  if (next !== current + 1) return 'MODEL_STEP_INVALID';
  if (next === 2 && missingPlanItems(plan).length > 0) return 'MODEL_PLAN_INCOMPLETE';
  return null;
}

/** Median of a list (mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface BeforeAfter {
  before: number;
  after: number;
}

export interface EffectIndicator extends BeforeAfter {
  change: number;
  /** after / before − 1, in percent with one decimal; null when there was nothing before. */
  changePercent: number | null;
  nationalMedianChange: number | null;
  nationalPeers: number;
  prefectureMedianChange: number | null;
  prefecturePeers: number;
  /** change − the national median: positive means the model municipality grew faster than most. */
  versusNationalMedian: number | null;
  versusPrefectureMedian: number | null;
}

/**
 * STEP3 effect indicator: before/after for the model municipality, against the median change of
 * non-model municipalities over the same window, nationally and in the same prefecture.
 */
export function effectIndicator(
  own: BeforeAfter,
  nationalPeers: readonly BeforeAfter[],
  prefecturePeers: readonly BeforeAfter[],
): EffectIndicator {
  const change = own.after - own.before;
  const nationalMedianChange = median(nationalPeers.map((p) => p.after - p.before));
  const prefectureMedianChange = median(prefecturePeers.map((p) => p.after - p.before));
  return {
    ...own,
    change,
    changePercent: own.before === 0 ? null : Math.round((own.after / own.before - 1) * 1000) / 10,
    nationalMedianChange,
    nationalPeers: nationalPeers.length,
    prefectureMedianChange,
    prefecturePeers: prefecturePeers.length,
    versusNationalMedian: nationalMedianChange === null ? null : change - nationalMedianChange,
    versusPrefectureMedian: prefectureMedianChange === null ? null : change - prefectureMedianChange,
  };
}

/** First day of the month of a day ('YYYY-MM-DD'): the rollups' granularity. */
export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/**
 * The shareable progress page is public: a count under this many people is shown as "fewer than 10"
 * so a small village's figures cannot point at anybody.
 */
export const PUBLIC_COUNT_THRESHOLD = 10;

export function publicCount(n: number): number | null {
  return n < PUBLIC_COUNT_THRESHOLD ? null : n;
}
