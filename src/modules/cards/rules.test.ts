import { describe, expect, it } from 'vitest';
import {
  KEY_GRACE_DAYS,
  KEY_PREPUBLISH_DAYS,
  KEY_ROTATION_DAYS,
  type KeyWindow,
  keysToCreate,
  publishedAt,
  signingKeyAt,
} from './rules.ts';

const T0 = new Date('2026-11-01T00:00:00Z');
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);

/** Runs the schedule forward as the service does: create what is missing, then look again. */
function schedule(keys: KeyWindow[], now: Date): KeyWindow[] {
  return [...keys, ...keysToCreate(keys, now)];
}

describe('card signing key schedule', () => {
  it('makes the first key on first use, signing from then for 30 days', () => {
    const keys = schedule([], T0);
    expect(keys).toEqual([
      { generation: 0, activeFrom: T0, retireAt: days(30), unpublishAt: days(30 + KEY_GRACE_DAYS) },
    ]);
    expect(signingKeyAt(keys, T0)?.generation).toBe(0);
    expect(keysToCreate(keys, days(1))).toEqual([]);
  });

  it('publishes the successor a week ahead, then hands over without a gap', () => {
    let keys = schedule([], T0);
    const dueAt = days(KEY_ROTATION_DAYS - KEY_PREPUBLISH_DAYS);
    expect(keysToCreate(keys, new Date(dueAt.getTime() - 1))).toEqual([]);
    keys = schedule(keys, dueAt);
    expect(keys[1]).toMatchObject({ generation: 1, activeFrom: days(30), retireAt: days(60) });
    expect(publishedAt(keys, dueAt).map((k) => k.generation)).toEqual([1, 0]);
    expect(signingKeyAt(keys, dueAt)?.generation).toBe(0);
    expect(signingKeyAt(keys, new Date(days(30).getTime() - 1))?.generation).toBe(0);
    expect(signingKeyAt(keys, days(30))?.generation).toBe(1);
    expect(keysToCreate(keys, days(29))).toEqual([]);
  });

  it('keeps a retired key published for the grace period, then drops it', () => {
    let keys = schedule([], T0);
    keys = schedule(keys, days(25));
    const lastGraceMoment = new Date(days(30 + KEY_GRACE_DAYS).getTime() - 1);
    expect(publishedAt(keys, lastGraceMoment).map((k) => k.generation)).toContain(0);
    expect(publishedAt(keys, days(30 + KEY_GRACE_DAYS)).map((k) => k.generation)).not.toContain(0);
  });

  it('starts a fresh key at once after a quiet spell with no successor', () => {
    const keys = schedule([], T0);
    const later = days(45);
    expect(signingKeyAt(keys, later)).toBeUndefined();
    expect(keysToCreate(keys, later)).toEqual([
      { generation: 1, activeFrom: later, retireAt: days(75), unpublishAt: days(75 + KEY_GRACE_DAYS) },
    ]);
  });

  it('always has exactly one signing key when used at least weekly for a year', () => {
    let keys: KeyWindow[] = [];
    for (let day = 0; day <= 365; day += 3) {
      keys = schedule(keys, days(day));
      const now = days(day);
      expect(signingKeyAt(keys, now)).toBeDefined();
      // The key of any card shown in the next week is already published.
      const nextWeek = signingKeyAt(keys, days(day + 7));
      if (nextWeek) expect(publishedAt(keys, now)).toContain(nextWeek);
    }
    expect(new Set(keys.map((k) => k.generation)).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThanOrEqual(12);
  });
});
