import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testEngines } from '../../../test/support/databases.ts';
import { prepareDatabase } from '../../db/prepare.ts';
import { AppError } from '../../platform/errors.ts';
import { deleteAccount } from './personal-data.ts';
import { register } from './registering.ts';
import { counterMismatches } from './repository.ts';
import { applyForPremium, lapseExpiredPremiums, updateRegistration, withdraw } from './service.ts';

// Random sequences of what residents do, against the real service and database; after each sequence the
// invariants of the registration system must hold whatever the order, the refusals or the collisions.
const MUNICIPALITIES = ['042056', '072010', '152226', '062014', '012025', '070009'] as const;
const PEOPLE = 2;
const DAY = 86_400_000;

const relationTypes = fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 });
const who = fc.integer({ min: 0, max: PEOPLE - 1 });
const where = fc.constantFrom(...MUNICIPALITIES);

// Registering and applying for premium are weighted up so that sequences reach the premium limit.
const step = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('register' as const), who, where, relationTypes }), weight: 5 },
  fc.record({ op: fc.constant('double-register' as const), who, where, relationTypes }),
  fc.record({ op: fc.constant('change-types' as const), who, where, relationTypes }),
  fc.record({ op: fc.constant('withdraw' as const), who, where }),
  { arbitrary: fc.record({ op: fc.constant('premium' as const), who, where }), weight: 5 },
  fc.record({ op: fc.constant('double-premium' as const), who, where }),
  fc.record({ op: fc.constant('lapse' as const), days: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ op: fc.constant('delete-account' as const), who }),
);

describe.each(testEngines())('registration invariants under random use on %s', (engine) => {
  let testDatabase: TestDatabase;
  beforeAll(async () => {
    testDatabase = await createTestDatabase(engine);
    const db = testDatabase.database.db;
    await prepareDatabase(db, { demoData: false });
    await db
      .updateTable('municipalities')
      .set({ joined_at: '2026-04-01' })
      .where('code', 'in', [...MUNICIPALITIES])
      .execute();
  });
  afterAll(() => testDatabase?.drop());

  it('keeps counters equal to a recount, at most 3 premium, and nothing of deleted people', async () => {
    const db = testDatabase.database.db;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 20, maxLength: 60 }), async (steps) => {
        const people: string[] = [];
        for (let i = 0; i < PEOPLE; i++) {
          const person = await db
            .insertInto('people')
            .values({
              email: `${crypto.randomUUID()}@example.jp`,
              identity_verified_at: new Date(),
              identity_level: 'my_number_card',
              // Person 0 lives in 気仙沼市: premium there must always be refused.
              registered_municipality_code: i === 0 ? '042056' : '131016',
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          people.push(person.id);
          for (const code of MUNICIPALITIES) {
            for (const daysAgo of [10, 20, 30]) {
              await db
                .insertInto('activity_records')
                .values({
                  person_id: person.id,
                  municipality_code: code,
                  kind: 'volunteer',
                  occurred_on: new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10),
                  source: 'platform',
                  status: 'confirmed',
                  note: null,
                  recorded_by: null,
                })
                .execute();
            }
          }
        }
        const deleted = new Set<string>();
        const refusedOnly = async (work: () => Promise<unknown>) => {
          try {
            await work();
          } catch (error) {
            if (!(error instanceof AppError) || error.statusCode >= 500) throw error;
          }
        };
        for (const s of steps) {
          const personId = 'who' in s ? (people[s.who] as string) : '';
          if ('who' in s && deleted.has(personId)) continue;
          const input =
            'relationTypes' in s ? { municipalityCode: s.where, relationTypes: s.relationTypes, consents: [] } : null;
          switch (s.op) {
            case 'register':
              await refusedOnly(() => register(db, personId, input as NonNullable<typeof input>));
              break;
            case 'double-register':
              await Promise.all([
                refusedOnly(() => register(db, personId, input as NonNullable<typeof input>)),
                refusedOnly(() => register(db, personId, input as NonNullable<typeof input>)),
              ]);
              break;
            case 'change-types':
              await refusedOnly(() => updateRegistration(db, personId, s.where, { relationTypes: s.relationTypes }));
              break;
            case 'withdraw':
              await refusedOnly(() => withdraw(db, personId, s.where));
              break;
            case 'premium':
              await refusedOnly(() => applyForPremium(db, personId, s.where));
              break;
            case 'double-premium':
              await Promise.all([
                refusedOnly(() => applyForPremium(db, personId, s.where)),
                refusedOnly(() => applyForPremium(db, personId, s.where)),
              ]);
              break;
            case 'lapse':
              await lapseExpiredPremiums(db, new Date(Date.now() + s.days * DAY));
              break;
            case 'delete-account':
              await deleteAccount(db, personId);
              deleted.add(personId);
              break;
          }
        }

        expect(await counterMismatches(db)).toEqual([]);
        const premium = await db
          .selectFrom('registrations')
          .select(['person_id', (eb) => eb.fn.countAll<string>().as('n')])
          .where('tier', '=', 'premium')
          .where('person_id', 'in', people)
          .groupBy('person_id')
          .execute();
        for (const row of premium) expect(Number(row.n)).toBeLessThanOrEqual(3);
        const ownTown = await db
          .selectFrom('registrations')
          .select('tier')
          .where('person_id', '=', people[0] as string)
          .where('municipality_code', '=', '042056')
          .executeTakeFirst();
        expect(ownTown?.tier ?? 'basic').toBe('basic');
        for (const personId of deleted) {
          for (const table of [
            'registrations',
            'registration_events',
            'activity_records',
            'premium_applications',
          ] as const) {
            const left = await db.selectFrom(table).select('person_id').where('person_id', '=', personId).execute();
            expect([table, left]).toEqual([table, []]);
          }
          expect(await db.selectFrom('people').select('id').where('id', '=', personId).execute()).toEqual([]);
        }
      }),
      { numRuns: engine === 'pglite' ? 30 : 20 },
    );
  });
});
