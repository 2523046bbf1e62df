import { type Kysely, sql } from 'kysely';
import { modules } from '../modules/index.ts';
import { migrateToLatest } from './migrate.ts';
import type { DB } from './schema.ts';

export interface PrepareResult {
  migrationsApplied: string[];
  freshDatabase: boolean;
}

/**
 * Migrates, refreshes master data and, on a database created just now, loads the demo data.
 * Demo data goes in only once so that a restart never overwrites what people changed.
 */
export async function prepareDatabase(db: Kysely<DB>, options: { demoData: boolean }): Promise<PrepareResult> {
  const results = await migrateToLatest(db);
  const migrationsApplied = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
  const freshDatabase = migrationsApplied.includes('0001_municipality_directory');
  for (const module of modules) await module.syncMasterData(db);
  if (freshDatabase && options.demoData) {
    for (const module of modules) await module.seedDemo(db);
    // PGlite has no autovacuum: without statistics after a bulk load the planner ignores the indexes.
    await sql`analyze`.execute(db);
  }
  return { migrationsApplied, freshDatabase };
}
