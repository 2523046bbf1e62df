// Latency figures of the dashboard benchmark: sequential requests timed by the client with sub-millisecond
// resolution, and the two targets (p95 under 20 ms; p95 at the large size at most 1.5 × the small).

export interface LatencySummary {
  requests: number;
  mean_ms: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Nearest-rank percentile (the smallest value with at least p % of the samples at or below it). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summariseLatencies(samplesMs: readonly number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return {
    requests: sorted.length,
    mean_ms: round2(mean),
    p50_ms: round2(percentile(sorted, 50)),
    p95_ms: round2(percentile(sorted, 95)),
    p99_ms: round2(percentile(sorted, 99)),
    max_ms: round2(sorted.at(-1) ?? Number.NaN),
  };
}

export const TARGET_P95_MS = 20;
export const TARGET_GROWTH = 1.5;

export interface EndpointComparison {
  endpoint: string;
  small_p95_ms: number;
  large_p95_ms: number | null;
  growth: number | null;
  p95_met: boolean;
  growth_met: boolean | null;
}

/** Per endpoint: p95 at both sizes, the growth ratio and whether each target was met (null: not measured). */
export function compareSizes(
  small: Record<string, LatencySummary>,
  large: Record<string, LatencySummary> | null,
): EndpointComparison[] {
  return Object.entries(small).map(([endpoint, s]) => {
    const l = large?.[endpoint];
    const growth = l ? round2(l.p95_ms / s.p95_ms) : null;
    return {
      endpoint,
      small_p95_ms: s.p95_ms,
      large_p95_ms: l ? l.p95_ms : null,
      growth,
      p95_met: s.p95_ms < TARGET_P95_MS && (l === undefined || l.p95_ms < TARGET_P95_MS),
      growth_met: growth === null ? null : growth <= TARGET_GROWTH,
    };
  });
}
