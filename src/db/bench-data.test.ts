import { describe, expect, it } from 'vitest';
import { BenchDataRefused, batchTargets, parseBenchDataArgs, slotCounts } from './bench-data.ts';

describe('bench-data', () => {
  it('gives every value at least one slot and shares the rest by weight', () => {
    const slots = slotCounts([1000, 1, 1], 100);
    expect(slots.reduce((a, b) => a + b, 0)).toBe(100);
    expect(slots[1]).toBeGreaterThanOrEqual(1);
    expect(slots[0]).toBeGreaterThan(95);
  });

  it('splits people into batches whose registrations add up exactly', () => {
    const batches = batchTargets(1_000_003, 10_000_007, 250_000);
    expect(batches.map((b) => b.people)).toEqual([250_000, 250_000, 250_000, 250_000, 3]);
    expect(batches.reduce((s, b) => s + b.registrations, 0)).toBe(10_000_007);
  });

  it('reads its flags, with the national target as the default', () => {
    expect(parseBenchDataArgs(['--database-url', 'postgres://x@h/db'], {})).toMatchObject({
      people: 10_000_000,
      registrations: 100_000_000,
      append: false,
    });
    expect(
      parseBenchDataArgs(['--people', '1_000', '--registrations', '10000', '--append'], {
        DATABASE_URL: 'postgres://h/d',
      }),
    ).toMatchObject({ people: 1000, registrations: 10_000, append: true, databaseUrl: 'postgres://h/d' });
    expect(() => parseBenchDataArgs([], {})).toThrow(BenchDataRefused);
    expect(() => parseBenchDataArgs(['--people', '-5'], { DATABASE_URL: 'postgres://h/d' })).toThrow(BenchDataRefused);
  });
});
