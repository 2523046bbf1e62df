import type { Kysely } from 'kysely';
import { type Migration, type MigrationResult, Migrator } from 'kysely/migration';
import * as m0001 from './migrations/0001_municipality_directory.ts';
import * as m0002 from './migrations/0002_people_sessions_mail.ts';
import * as m0003 from './migrations/0003_staff_and_audit_log.ts';
import * as m0004 from './migrations/0004_passkeys.ts';
import * as m0005 from './migrations/0005_identity_verification.ts';
import * as m0006 from './migrations/0006_partners.ts';
import * as m0007 from './migrations/0007_registrations.ts';
import * as m0008 from './migrations/0008_content.ts';
import * as m0009 from './migrations/0009_opportunities.ts';
import * as m0010 from './migrations/0010_cards_and_benefits.ts';
import * as m0011 from './migrations/0011_registrant_list_indexes.ts';
import * as m0012 from './migrations/0012_dashboards.ts';
import * as m0013 from './migrations/0013_model_project_and_participation.ts';
import * as m0015 from './migrations/0015_newsletters.ts';
import * as m0017 from './migrations/0017_joint_opportunities.ts';
import * as m0018 from './migrations/0018_counter_compaction.ts';
import type { DB } from './schema.ts';

// Listed explicitly (not read from disk) so the set is reviewed in code and identical on every engine.
// Forward-only: a change to a released migration is a new migration.
const migrations: Record<string, Migration> = {
  '0001_municipality_directory': m0001,
  '0002_people_sessions_mail': m0002,
  '0003_staff_and_audit_log': m0003,
  '0004_passkeys': m0004,
  '0005_identity_verification': m0005,
  '0006_partners': m0006,
  '0007_registrations': m0007,
  '0008_content': m0008,
  '0009_opportunities': m0009,
  '0010_cards_and_benefits': m0010,
  '0011_registrant_list_indexes': m0011,
  '0012_dashboards': m0012,
  '0013_model_project_and_participation': m0013,
  '0015_newsletters': m0015,
  '0017_joint_opportunities': m0017,
  '0018_counter_compaction': m0018,
};

/** Every migration, in the order they apply. */
export const migrationNames = Object.keys(migrations).sort();

export class MigrationFailedError extends Error {}

export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationFailedError(`migration ${failed} failed: ${(error as Error).message ?? error}`, {
      cause: error,
    });
  }
  return results;
}
