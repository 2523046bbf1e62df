import { describe, expect, it, vi } from 'vitest';

// The module's query hooks reach the i18n setup, which needs a browser; these pure functions do not.
vi.mock('../i18n/index.ts', () => ({ currentLanguage: () => 'ja' }));

const { EMPTY_FILTER, filterFrom, filterParams, sortFrom } = await import('./admin-members.ts');

describe('the members filter in the address', () => {
  it('keeps what the API accepts and drops what it would refuse', () => {
    const params = new URLSearchParams(
      'q=%20山田%20&tier=gold&relationType=3&residencePrefecture=48&registeredSince=2026-04-01&minActivities=0&page=2',
    );
    expect(filterFrom(params)).toEqual({
      ...EMPTY_FILTER,
      q: '山田',
      relationType: '3',
      registeredSince: '2026-04-01',
    });
    expect(filterFrom(new URLSearchParams('residencePrefecture=99&minActivities=1000&tier=premium'))).toEqual({
      ...EMPTY_FILTER,
      residencePrefecture: '99',
      minActivities: '1000',
      tier: 'premium',
    });
  });

  it('writes only the filters that are set, and reads them back the same', () => {
    const filter = { ...EMPTY_FILTER, tier: 'basic' as const, minActivities: '2' };
    expect(filterParams(filter).toString()).toBe('tier=basic&minActivities=2');
    expect(filterFrom(filterParams(filter))).toEqual(filter);
    expect(filterParams(EMPTY_FILTER).toString()).toBe('');
  });

  it('orders by registration unless the address asks for activities', () => {
    expect(sortFrom(new URLSearchParams('sort=activities'))).toBe('activities');
    expect(sortFrom(new URLSearchParams('sort=name'))).toBe('registeredAt');
    expect(sortFrom(new URLSearchParams())).toBe('registeredAt');
  });
});
