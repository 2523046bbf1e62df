import { describe, expect, it } from 'vitest';
import { compareSizes, percentile, summariseLatencies } from './lib/latency.ts';

describe('dashboard bench latency figures', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarises unsorted samples', () => {
    expect(summariseLatencies([3, 1, 2, 10])).toEqual({
      requests: 4,
      mean_ms: 4,
      p50_ms: 2,
      p95_ms: 10,
      p99_ms: 10,
      max_ms: 10,
    });
  });

  it('judges p95 under 20 ms and growth at most 1.5 ×', () => {
    const at = (p95: number) => ({ requests: 1, mean_ms: p95, p50_ms: p95, p95_ms: p95, p99_ms: p95, max_ms: p95 });
    const rows = compareSizes({ a: at(4), b: at(10), c: at(2) }, { a: at(6), b: at(21), c: at(3.2) });
    expect(rows).toEqual([
      { endpoint: 'a', small_p95_ms: 4, large_p95_ms: 6, growth: 1.5, p95_met: true, growth_met: true },
      { endpoint: 'b', small_p95_ms: 10, large_p95_ms: 21, growth: 2.1, p95_met: false, growth_met: false },
      { endpoint: 'c', small_p95_ms: 2, large_p95_ms: 3.2, growth: 1.6, p95_met: true, growth_met: false },
    ]);
    expect(compareSizes({ a: at(4) }, null)[0]).toMatchObject({ growth: null, growth_met: null, p95_met: true });
  });
});
