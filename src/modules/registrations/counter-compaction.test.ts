import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testEngines } from '../../../test/support/databases.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import * as dashboards from '../dashboards/service.ts';
import { dashboardMismatches } from '../dashboards/verify.ts';
import { seedDemoParticipation } from '../municipalities/demo-data.ts';
import { syncMunicipalityDirectory } from '../municipalities/service.ts';
import { nationalCounterMismatches } from '../participation/repository.ts';
import { compactCounters } from './counter-compaction.ts';
import { seedDemoRegistrations } from './demo-data.ts';
import { register } from './registering.ts';
import { counterMismatches } from './repository.ts';
import { firstOpenCounterDay } from './rules.ts';

const NOW = new Date('2026-11-26T03:00:00Z');
const KESENNUMA = '042056';
const FUKUSHIMA = '070009';

describe.each(testEngines())('counter compaction on %s', (engine) => {
  let t: TestDatabase;
  const db = () => t.database.db;
  const rows = async (table: string, where = 'true') =>
    Number(
      (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where ${sql.raw(where)}`.execute(db()))
        .rows[0]?.n,
    );
  /** Everything the dashboards show, read through the service as staff would see it. */
  const shown = async () => ({
    months: await dashboards.dashboard(db(), KESENNUMA, { granularity: 'month' }, NOW),
    days: await dashboards.dashboard(db(), KESENNUMA, { granularity: 'day', from: '2026-09-01' }, NOW),
    weeks: await dashboards.dashboard(db(), FUKUSHIMA, { granularity: 'week' }, NOW),
    comparison: await dashboards.comparison(db(), FUKUSHIMA, 12, NOW),
  });

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await migrateToLatest(db());
    await syncMunicipalityDirectory(db());
    await seedDemoParticipation(db());
    await seedDemoRegistrations(db(), NOW);
  }, 300_000);
  afterAll(() => t?.drop());

  it('folds the shards of past days into one row without changing a count anywhere', async () => {
    const open = firstOpenCounterDay(NOW);
    const before = await shown();
    const counters = await rows('registration_counters');
    const days = await rows('dashboard_registration_days');
    const months = await rows('dashboard_registration_months');
    const stillOpen = await rows('registration_counters', `shard <> 0 and day >= '${open}'`);
    // The demo's history spans months with many registrants a day: most days have several shards.
    expect(await rows('registration_counters', `shard <> 0 and day < '${open}'`)).toBeGreaterThan(1000);

    const result = await compactCounters(db(), NOW);

    expect(result.folded).toBeGreaterThan(1000);
    expect(result.foldedTotals).toBeGreaterThan(0);
    expect(await rows('registration_counters', `shard <> 0 and day < '${open}'`)).toBe(0);
    expect(await rows('dashboard_registration_days', `shard <> 0 and day < '${open}'`)).toBe(0);
    expect(
      await rows('dashboard_registration_months', `shard <> 0 and month < date_trunc('month', '${open}'::date)`),
    ).toBe(0);
    expect(await rows('dashboard_registration_totals', 'shard <> 0')).toBe(0);
    expect(await rows('dashboard_residence', 'shard <> 0')).toBe(0);
    // Today and yesterday are still being written to: their shards stay.
    expect(await rows('registration_counters', `shard <> 0 and day >= '${open}'`)).toBe(stillOpen);
    expect(await rows('registration_counters')).toBeLessThan(counters);
    expect(await rows('dashboard_registration_days')).toBeLessThan(days);
    expect(await rows('dashboard_registration_months')).toBeLessThan(months);

    expect(await counterMismatches(db())).toEqual([]);
    expect(await dashboardMismatches(db())).toEqual([]);
    expect(await nationalCounterMismatches(db())).toEqual([]);
    expect(await shown()).toEqual(before);
  });

  it('has nothing left to fold on a second run, and one run at a time', async () => {
    expect(await compactCounters(db(), NOW)).toEqual({ folded: 0, foldedTotals: 0, deleted: 0 });
    // A day later, yesterday's shards are folded too; two runs at once fold them once.
    const tomorrow = new Date(NOW.getTime() + 2 * 24 * 3600_000);
    const before = await shown();
    const unfolded = await rows('registration_counters', 'shard <> 0 and n <> 0');
    expect(unfolded).toBeGreaterThan(0);
    const results = await Promise.all([compactCounters(db(), tomorrow), compactCounters(db(), tomorrow)]);
    expect(results.reduce((sum, r) => sum + r.folded, 0)).toBe(unfolded);
    expect(await rows('registration_counters', 'shard <> 0')).toBe(0);
    expect(await counterMismatches(db())).toEqual([]);
    expect(await dashboardMismatches(db())).toEqual([]);
    expect(await shown()).toEqual(before);
  });

  it('stays exact while people register during a fold', async () => {
    const day = 24 * 3600_000;
    const later = new Date(NOW.getTime() + 3 * day);
    const people = await db()
      .insertInto('people')
      .values(Array.from({ length: 80 }, (_, i) => ({ email: `fold-${i}@example.jp` })))
      .returning('id')
      .execute();
    const registered = (await rows('registrations', `municipality_code = '${KESENNUMA}'`)) + people.length;
    const input = (i: number) => ({ municipalityCode: KESENNUMA, relationTypes: [1 + (i % 4)], consents: [] });
    // Half register two days before the fold (their shards are folded), half while it runs: those write to the
    // same month, total and residence rows the fold moves.
    const [before, during] = [people.slice(0, 40), people.slice(40)];
    for (const [i, p] of before.entries()) await register(db(), p.id, input(i), new Date(later.getTime() - 2 * day));
    await Promise.all([
      compactCounters(db(), later),
      ...during.map((p, i) => register(db(), p.id, input(i), later)),
      compactCounters(db(), later),
    ]);
    expect(await rows('registrations', `municipality_code = '${KESENNUMA}'`)).toBe(registered);
    expect(await counterMismatches(db())).toEqual([]);
    expect(await dashboardMismatches(db())).toEqual([]);
    expect(await nationalCounterMismatches(db())).toEqual([]);
    const board = await dashboards.dashboard(db(), KESENNUMA, { granularity: 'month' }, later);
    expect(board.registrants.total).toBe(registered);
  });
});
