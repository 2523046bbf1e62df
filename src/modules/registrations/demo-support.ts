// What the demo's modules share: one seeded PRNG (two databases seeded at the same instant match) and
// time arithmetic.

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function addMonths(at: Date, months: number): Date {
  const result = new Date(at);
  result.setUTCMonth(result.getUTCMonth() + months);
  return result;
}

export const later = (a: Date, b: Date) => (a > b ? a : b);
export const earlier = (a: Date, b: Date) => (a < b ? a : b);

export interface Random {
  next(): number;
  chance(p: number): boolean;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  shuffle<T>(items: readonly T[]): T[];
  between(from: Date, to: Date): Date;
  uuid(): string;
}

/** mulberry32: tiny and good enough for demo data; Math.random would make every seed different. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const uint32 = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = () => uint32() / 2 ** 32;
  return {
    next,
    chance: (p) => next() < p,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    weighted(items) {
      let x = next() * items.reduce((sum, [, w]) => sum + w, 0);
      for (const [item, w] of items) {
        x -= w;
        if (x < 0) return item;
      }
      return (items[items.length - 1] as (typeof items)[number])[0];
    },
    shuffle(items) {
      const result = [...items];
      for (let i = result.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [result[i], result[j]] = [result[j] as (typeof result)[number], result[i] as (typeof result)[number]];
      }
      return result;
    },
    between: (from, to) => new Date(from.getTime() + next() * (to.getTime() - from.getTime())),
    uuid() {
      const hex = [uint32(), uint32(), uint32(), uint32()].map((n) => n.toString(16).padStart(8, '0')).join('');
      const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
    },
  };
}

/** `count` distinct items, each drawn with a chance proportional to its weight (Efraimidis–Spirakis). */
export function sample<T>(random: Random, pool: readonly T[], count: number, weight: (item: T) => number): T[] {
  return pool
    .map((item) => ({ item, key: Math.log(random.next()) / weight(item) }))
    .sort((a, b) => b.key - a.key)
    .slice(0, count)
    .map((entry) => entry.item);
}
