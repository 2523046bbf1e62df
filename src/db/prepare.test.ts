import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testEngines } from '../../test/support/databases.ts';
import { getMunicipality, recordParticipation } from '../modules/municipalities/service.ts';
import { migrationNames } from './migrate.ts';
import { prepareDatabase } from './prepare.ts';
import { inTransaction } from './transaction.ts';

describe.each(testEngines())('database preparation on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(() => t?.drop());

  it('migrates a new database and loads master and demo data once', async () => {
    const first = await prepareDatabase(t.database.db, { demoData: true });
    expect(first).toEqual({ migrationsApplied: migrationNames, freshDatabase: true });
    expect(migrationNames[0]).toBe('0001_municipality_directory');
    expect(await getMunicipality(t.database.db, '042056')).toMatchObject({ modelType: 'A', feeStatus: 'exempt' });
  });

  it('applies nothing on the next start and keeps what changed since', async () => {
    await recordParticipation(t.database.db, '042056', '2028-05-01', null);
    const again = await prepareDatabase(t.database.db, { demoData: true });
    expect(again).toEqual({ migrationsApplied: [], freshDatabase: false });
    expect(await getMunicipality(t.database.db, '042056')).toMatchObject({
      joinedAt: '2028-05-01',
      feeStatus: 'pending_decision',
      modelType: null,
    });
  });

  it('rolls a transaction back as a whole', async () => {
    await expect(
      inTransaction(t.database.db, async (trx) => {
        await recordParticipation(trx, '131016', '2026-05-01', 'B');
        // Nested use joins the outer transaction, so this failure undoes the write above.
        await inTransaction(trx, () => recordParticipation(trx, '990001', null, null));
      }),
    ).rejects.toMatchObject({ code: 'MUNICIPALITY_NOT_FOUND' });
    expect(await getMunicipality(t.database.db, '131016')).toMatchObject({ joinedAt: '2027-10-01', modelType: null });
  });
});
