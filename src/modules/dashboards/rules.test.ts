import { describe, expect, it } from 'vitest';
import {
  cohorts,
  cumulativeSeries,
  type Delta,
  emptyCounts,
  funnel,
  monthsBetween,
  periodStarts,
  resolveRange,
  weekOf,
} from './rules.ts';

describe('periods', () => {
  it('starts weeks on Monday and clips the first period to the range', () => {
    expect(weekOf('2026-11-26')).toBe('2026-11-23');
    expect(weekOf('2026-11-23')).toBe('2026-11-23');
    expect(periodStarts('week', '2026-11-25', '2026-12-08')).toEqual(['2026-11-25', '2026-11-30', '2026-12-07']);
    expect(periodStarts('month', '2026-01-15', '2026-03-01')).toEqual(['2026-01-15', '2026-02-01', '2026-03-01']);
    expect(periodStarts('day', '2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });

  it('defaults, and refuses reversed, future and too long ranges', () => {
    expect(resolveRange('day', '2026-11-26', undefined, undefined)).toEqual({ from: '2026-10-28', to: '2026-11-26' });
    expect(resolveRange('month', '2026-11-26', undefined, undefined)).toEqual({ from: '2024-12-01', to: '2026-11-26' });
    expect(resolveRange('week', '2026-11-26', undefined, undefined)).toEqual({ from: '2026-06-01', to: '2026-11-26' });
    expect(resolveRange('day', '2026-11-26', '2026-11-27', '2026-11-20')).toEqual({
      problem: 'DASHBOARD_RANGE_INVALID',
    });
    expect(resolveRange('day', '2026-11-26', undefined, '2026-11-27')).toEqual({ problem: 'DASHBOARD_RANGE_INVALID' });
    expect(resolveRange('day', '2026-11-26', '2026-01-01', '2026-04-03')).toEqual({
      problem: 'DASHBOARD_RANGE_TOO_LONG',
    });
    expect(resolveRange('day', '2026-11-26', '2026-01-01', '2026-04-02')).toEqual({
      from: '2026-01-01',
      to: '2026-04-02',
    });
  });
});

describe('cumulativeSeries', () => {
  const d = (at: string, tier: 'basic' | 'premium', relationType: number, n: number): Delta => ({
    at,
    tier,
    relationType,
    n,
  });

  it('walks back from today through the changes: each point is the state at the end of its period', () => {
    const now = { ...emptyCounts(), total: 10, basic: 8, premium: 2, type1: 6, type4: 4 };
    const days = [
      d('2026-03-02', 'basic', 0, 3),
      d('2026-03-02', 'basic', 1, 3),
      d('2026-03-03', 'premium', 0, 1),
      d('2026-03-03', 'basic', 0, -1),
      // After the range's end: today's figures include it, the range's last point does not.
      d('2026-03-10', 'basic', 0, 2),
    ];
    const monthsAfter = [d('2026-04-01', 'basic', 0, 1), d('2026-04-01', 'basic', 4, 1)];
    const points = cumulativeSeries('day', '2026-03-01', '2026-03-03', now, monthsAfter, days);
    expect(points.map((p) => [p.period, p.total, p.basic, p.premium, p.type1, p.type4, p.added])).toEqual([
      ['2026-03-01', 4, 3, 1, 3, 3, 0],
      ['2026-03-02', 7, 6, 1, 6, 3, 3],
      ['2026-03-03', 7, 5, 2, 6, 3, 0],
    ]);
  });
});

describe('cohorts', () => {
  it('adds up reached milestones within each horizon and leaves horizons not yet passed empty', () => {
    const rows = [
      { cohortMonth: '2026-01-01', milestone: 'registered' as const, monthsAfter: 0, n: 10 },
      { cohortMonth: '2026-01-01', milestone: 'took_part' as const, monthsAfter: 0, n: 2 },
      { cohortMonth: '2026-01-01', milestone: 'took_part' as const, monthsAfter: 2, n: 3 },
      { cohortMonth: '2026-01-01', milestone: 'premium' as const, monthsAfter: 5, n: 1 },
      { cohortMonth: '2026-06-01', milestone: 'registered' as const, monthsAfter: 0, n: 4 },
    ];
    expect(cohorts(['2026-01-01', '2026-06-01'], rows, '2026-07-01')).toEqual([
      {
        month: '2026-01',
        registered: 10,
        tookPart: { m1: 2, m3: 5, m6: 5, m12: null },
        premium: { m1: 0, m3: 0, m6: 1, m12: null },
      },
      {
        month: '2026-06',
        registered: 4,
        tookPart: { m1: 0, m3: null, m6: null, m12: null },
        premium: { m1: 0, m3: null, m6: null, m12: null },
      },
    ]);
    expect(monthsBetween('2025-11-01', '2026-02-01')).toBe(3);
  });
});

describe('funnel', () => {
  it('keeps the steps in their order, a missing step counting 0', () => {
    expect(
      funnel(
        new Map([
          ['premium', 2],
          ['registered', 9],
        ]),
      ).map((s) => s.count),
    ).toEqual([9, 0, 0, 0, 2, 0]);
  });
});
