// The signing-key schedule of member cards, as plain functions over the stored key windows.

const DAY_MS = 24 * 3600_000;

/** A key signs for 30 days, then the next generation takes over. */
export const KEY_ROTATION_DAYS = 30;
/**
 * The next key is published this long before it signs: a scanner that refreshes the JWKS at least
 * weekly already holds the key of every card it will be shown.
 */
export const KEY_PREPUBLISH_DAYS = 7;
/**
 * A retired key stays published this long: a use scanned offline may be synced up to 7 days later
 * (see benefits/rules.ts), and its card was signed at most five minutes before the scan.
 */
export const KEY_GRACE_DAYS = 14;

export interface KeyWindow {
  generation: number;
  activeFrom: Date;
  retireAt: Date;
  unpublishAt: Date;
}

function windowFrom(generation: number, activeFrom: Date): KeyWindow {
  const retireAt = new Date(activeFrom.getTime() + KEY_ROTATION_DAYS * DAY_MS);
  return { generation, activeFrom, retireAt, unpublishAt: new Date(retireAt.getTime() + KEY_GRACE_DAYS * DAY_MS) };
}

/** The key that signs at `now`: the newest generation whose window contains it. */
export function signingKeyAt<K extends KeyWindow>(keys: readonly K[], now: Date): K | undefined {
  let best: K | undefined;
  for (const k of keys) {
    if (k.activeFrom <= now && now < k.retireAt && (!best || k.generation > best.generation)) best = k;
  }
  return best;
}

/** The keys in the JWKS at `now`: from a week before they sign until the grace period after. */
export function publishedAt<K extends KeyWindow>(keys: readonly K[], now: Date): K[] {
  return keys
    .filter((k) => k.activeFrom.getTime() - KEY_PREPUBLISH_DAYS * DAY_MS <= now.getTime() && now < k.unpublishAt)
    .sort((a, b) => b.generation - a.generation);
}

/**
 * The keys to create so that one signs at `now` and, near the end of its window, its successor is
 * already published. Keys are made on demand, so after a quiet spell the next one simply starts now.
 */
export function keysToCreate(keys: readonly KeyWindow[], now: Date): KeyWindow[] {
  const newest = keys.reduce<KeyWindow | undefined>((a, k) => (!a || k.generation > a.generation ? k : a), undefined);
  const nextGeneration = newest ? newest.generation + 1 : 0;
  const current = signingKeyAt(keys, now);
  if (!current) return [windowFrom(nextGeneration, now)];
  const successorDue = now.getTime() >= current.retireAt.getTime() - KEY_PREPUBLISH_DAYS * DAY_MS;
  if (successorDue && newest?.generation === current.generation) {
    return [windowFrom(nextGeneration, current.retireAt)];
  }
  return [];
}
