import { describe, expect, it, vi } from 'vitest';

// The kinds come from the API module, whose hooks reach the i18n setup (which needs a browser).
vi.mock('../../i18n/index.ts', () => ({ currentLanguage: () => 'ja' }));

const { asciiDigits, changesBetween, draftOf, problemsOf, ruleOf } = await import('./rule-draft.ts');

const saved = {
  minActivities: 3,
  activityKinds: ['volunteer', 'side_job'] as ('volunteer' | 'side_job')[],
  requiredRelationTypes: [],
  staffReview: false,
};

describe('the premium rule draft', () => {
  it('reads full-width digits typed with a Japanese input method', () => {
    expect(asciiDigits('１２')).toBe('12');
    expect(ruleOf({ ...draftOf(saved), minActivities: ' ５ ' })?.minActivities).toBe(5);
  });

  it('refuses what the API would refuse: below the national minimum, above 50, not a number, no kind', () => {
    for (const minActivities of ['2', '51', '', '3.5', '三']) {
      expect(problemsOf({ ...draftOf(saved), minActivities }).minActivities, minActivities).toBe(true);
      expect(ruleOf({ ...draftOf(saved), minActivities })).toBeNull();
    }
    expect(problemsOf({ ...draftOf(saved), minActivities: '50' }).minActivities).toBe(false);
    expect(ruleOf({ ...draftOf(saved), activityKinds: [] })).toBeNull();
  });

  it('puts kinds and types in one order, so that the same rule is the same request (and cache key)', () => {
    const a = ruleOf({ ...draftOf(saved), activityKinds: ['side_job', 'volunteer'], requiredRelationTypes: [4, 1] });
    const b = ruleOf({ ...draftOf(saved), activityKinds: ['volunteer', 'side_job'], requiredRelationTypes: [1, 4] });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a?.requiredRelationTypes).toEqual([1, 4]);
  });

  it('lists what changed, in the order of the form, and nothing for a reordered copy', () => {
    expect(changesBetween(saved, { ...saved, activityKinds: ['side_job', 'volunteer'] })).toEqual([]);
    expect(
      changesBetween(saved, { ...saved, minActivities: 5, requiredRelationTypes: [4], staffReview: true }),
    ).toEqual(['minActivities', 'requiredRelationTypes', 'staffReview']);
    expect(changesBetween(saved, { ...saved, activityKinds: ['volunteer'] })).toEqual(['activityKinds']);
  });
});
