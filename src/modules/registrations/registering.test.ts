import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testEngines } from '../../../test/support/databases.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { AppError } from '../../platform/errors.ts';
import { dashboardMismatches } from '../dashboards/verify.ts';
import { seedDemoParticipation } from '../municipalities/demo-data.ts';
import { syncMunicipalityDirectory } from '../municipalities/service.ts';
import { nationalCounterMismatches } from '../participation/repository.ts';
import { register, registerTogether } from './registering.ts';
import { counterMismatches } from './repository.ts';

const NOW = new Date('2026-11-26T03:00:00Z');
const KESENNUMA = '042056';
const SENDAI_AOBA = '041017'; // a ward: refused
const MIYAGI = '040002'; // not participating itself: held only as implied by Kesennuma
const FUKUSHIMA_PREFECTURE = '070009';
const FUKUSHIMA_CITY = '072010';

const codeOf = (error: unknown) => (error instanceof AppError ? error.code : String(error));

describe.each(testEngines())('registering in batches (group commit) on %s', (engine) => {
  let t: TestDatabase;
  const db = () => t.database.db;
  const newPeople = async (n: number, tag: string) =>
    (
      await db()
        .insertInto('people')
        .values(Array.from({ length: n }, (_, i) => ({ email: `${tag}-${i}@example.jp` })))
        .returning('id')
        .execute()
    ).map((p) => p.id);
  const count = async (query: string) => Number((await sql<{ n: string }>`${sql.raw(query)}`.execute(db())).rows[0]?.n);
  const expectExact = async () => {
    expect(await counterMismatches(db())).toEqual([]);
    expect(await dashboardMismatches(db())).toEqual([]);
    expect(await nationalCounterMismatches(db())).toEqual([]);
  };

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await migrateToLatest(db());
    await syncMunicipalityDirectory(db());
    await seedDemoParticipation(db());
  }, 300_000);
  afterAll(() => t?.drop());

  it('answers each item of a batch on its own, and writes only the accepted ones', async () => {
    const [a, b, c] = await newPeople(3, 'batch');
    const item = (personId: string, municipalityCode: string) => ({
      personId: personId as string,
      input: { municipalityCode, relationTypes: [2, 1], consents: ['news'] },
      now: NOW,
    });
    const outcomes = await registerTogether(db(), [
      item(a as string, KESENNUMA),
      item(b as string, SENDAI_AOBA),
      item(c as string, '999999'),
      item(a as string, KESENNUMA),
      item(c as string, FUKUSHIMA_PREFECTURE),
    ]);
    expect(outcomes.map((o) => (o.ok ? o.value.municipalityCode : codeOf(o.error)))).toEqual([
      KESENNUMA,
      'REGISTRATION_TARGET_IS_WARD',
      'MUNICIPALITY_NOT_FOUND',
      'REGISTRATION_EXISTS',
      FUKUSHIMA_PREFECTURE,
    ]);
    const first = outcomes[0];
    expect(first?.ok && first.value).toMatchObject({ tier: 'basic', relationTypes: [1, 2], implicit: false });
    // a: Kesennuma and Miyagi (implied); b: nothing; c: Fukushima prefecture, chosen itself.
    const held = await db()
      .selectFrom('registrations')
      .select(['person_id', 'municipality_code', 'implicit'])
      .where('person_id', 'in', [a as string, b as string, c as string])
      .orderBy('person_id')
      .orderBy('municipality_code')
      .execute();
    expect(held.filter((r) => r.person_id === a).map((r) => [r.municipality_code, r.implicit])).toEqual([
      [MIYAGI, true],
      [KESENNUMA, false],
    ]);
    expect(held.filter((r) => r.person_id === b)).toEqual([]);
    expect(held.filter((r) => r.person_id === c).map((r) => [r.municipality_code, r.implicit])).toEqual([
      [FUKUSHIMA_PREFECTURE, false],
    ]);
    // One `registered` event per registration written, none for the refusals.
    expect(
      await count(
        `select count(*) as n from registration_events where person_id in ('${a}', '${b}', '${c}') and kind = 'registered'`,
      ),
    ).toBe(3);
    await expectExact();
  });

  it('lets the second request of the same person in one batch see the first one', async () => {
    const [p] = await newPeople(1, 'same-batch');
    const person = p as string;
    // The prefecture first (the person's own choice), then a town in it with another type: the implied
    // types would grow, but a prefecture registration the person chose is theirs and stays as it is.
    const outcomes = await registerTogether(db(), [
      {
        personId: person,
        input: { municipalityCode: FUKUSHIMA_PREFECTURE, relationTypes: [1], consents: [] },
        now: NOW,
      },
      { personId: person, input: { municipalityCode: FUKUSHIMA_CITY, relationTypes: [3], consents: [] }, now: NOW },
    ]);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const prefecture = await db()
      .selectFrom('registrations')
      .select(['relation_types', 'implicit'])
      .where('person_id', '=', person)
      .where('municipality_code', '=', FUKUSHIMA_PREFECTURE)
      .executeTakeFirstOrThrow();
    expect(prefecture).toEqual({ relation_types: [1], implicit: false });

    // The other way round: the town brings the prefecture along, which the next request then makes its own.
    const [q] = await newPeople(1, 'same-batch-implied');
    const other = q as string;
    const [town, own] = await registerTogether(db(), [
      { personId: other, input: { municipalityCode: FUKUSHIMA_CITY, relationTypes: [2], consents: [] }, now: NOW },
      {
        personId: other,
        input: { municipalityCode: FUKUSHIMA_PREFECTURE, relationTypes: [4], consents: [] },
        now: NOW,
      },
    ]);
    expect(town?.ok && town.value.implicit).toBe(false);
    expect(own?.ok && own.value).toMatchObject({
      municipalityCode: FUKUSHIMA_PREFECTURE,
      relationTypes: [4],
      implicit: false,
    });
    const events = await db()
      .selectFrom('registration_events')
      .select(['municipality_code', 'kind', 'relation_types'])
      .where('person_id', '=', other)
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { municipality_code: FUKUSHIMA_CITY, kind: 'registered', relation_types: [2] },
      { municipality_code: FUKUSHIMA_PREFECTURE, kind: 'registered', relation_types: [2] },
      { municipality_code: FUKUSHIMA_PREFECTURE, kind: 'types_changed', relation_types: [4] },
    ]);
    await expectExact();
  });

  it('keeps counters exact when many people register at once, and a double submit writes once', async () => {
    const people = await newPeople(60, 'burst');
    const before = await count(`select count(*) as n from registrations where municipality_code = '${KESENNUMA}'`);
    const input = (i: number) => ({ municipalityCode: KESENNUMA, relationTypes: [1 + (i % 4)], consents: ['name'] });
    const doubled = people[0] as string;
    const results = await Promise.allSettled([
      ...people.map((id, i) => register(db(), id, input(i), NOW)),
      register(db(), doubled, input(0), NOW),
      register(db(), doubled, input(0), NOW),
    ]);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.map((r) => codeOf(r.reason))).toEqual(['REGISTRATION_EXISTS', 'REGISTRATION_EXISTS']);
    expect(await count(`select count(*) as n from registrations where municipality_code = '${KESENNUMA}'`)).toBe(
      before + people.length,
    );
    expect(
      await count(
        `select count(*) as n from registration_events where person_id = '${doubled}' and kind = 'registered'`,
      ),
    ).toBe(2);
    await expectExact();
  });
});
