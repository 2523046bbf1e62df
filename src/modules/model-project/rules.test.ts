import { describe, expect, it } from 'vitest';
import { effectIndicator, median, missingPlanItems, type Plan, publicCount, stepChangeRefusal } from './rules.ts';

const fullPlan: Plan = {
  regionalIssues: '担い手不足',
  deepeningInitiatives: '祭りの運営',
  contentPlan: '港だより',
  supportMeasures: '交通費補助',
  premiumRequirements: '年3回の参加',
  baselineOn: '2026-07-01',
  baselineNote: '',
};

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });
});

describe('effect indicators', () => {
  it('compares the change with the median change of peers, nationally and in the prefecture', () => {
    const result = effectIndicator(
      { before: 100, after: 150 },
      [
        { before: 10, after: 20 },
        { before: 0, after: 4 },
        { before: 50, after: 80 },
      ],
      [{ before: 0, after: 4 }],
    );
    expect(result).toEqual({
      before: 100,
      after: 150,
      change: 50,
      changePercent: 50,
      nationalMedianChange: 10,
      nationalPeers: 3,
      prefectureMedianChange: 4,
      prefecturePeers: 1,
      versusNationalMedian: 40,
      versusPrefectureMedian: 46,
    });
  });

  it('has no rate without a before, and no comparison without peers', () => {
    const result = effectIndicator({ before: 0, after: 12 }, [], []);
    expect(result.changePercent).toBeNull();
    expect(result.nationalMedianChange).toBeNull();
    expect(result.versusPrefectureMedian).toBeNull();
  });
});

describe('steps', () => {
  it('lists what a plan still lacks', () => {
    expect(missingPlanItems(fullPlan)).toEqual([]);
    expect(missingPlanItems({ ...fullPlan, contentPlan: '  ', baselineOn: null })).toEqual([
      'contentPlan',
      'baselineOn',
    ]);
  });

  it('moves one step at a time, and into STEP2 only with a complete plan', () => {
    expect(stepChangeRefusal(1, 2, fullPlan)).toBeNull();
    expect(stepChangeRefusal(2, 3, { ...fullPlan, supportMeasures: '' })).toBeNull();
    expect(stepChangeRefusal(1, 2, { ...fullPlan, supportMeasures: '' })).toBe('MODEL_PLAN_INCOMPLETE');
    expect(stepChangeRefusal(1, 3, fullPlan)).toBe('MODEL_STEP_INVALID');
    expect(stepChangeRefusal(2, 1, fullPlan)).toBe('MODEL_STEP_INVALID');
  });
});

describe('public counts', () => {
  it('hides counts under ten', () => {
    expect(publicCount(9)).toBeNull();
    expect(publicCount(10)).toBe(10);
  });
});
