import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, type Engine, openDatabase } from '../../src/db/database.ts';

/**
 * The engines every integration suite runs on: PGlite always, the PostgreSQL server when
 * TEST_DATABASE_URL is set. In CI its absence is an error, never a silent skip.
 */
export function testEngines(): Engine[] {
  if (process.env.TEST_DATABASE_URL) return ['pglite', 'postgres'];
  if (process.env.CI === 'true') {
    throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL-server suites cannot run.');
  }
  return ['pglite'];
}

export interface TestDatabase {
  database: Database;
  drop(): Promise<void>;
}

/** A database of its own for one suite: in-memory PGlite, or a scratch database on the server. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const database = await openDatabase({ kind: 'memory' });
    return { database, drop: () => database.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is required for the postgres engine');
  const name = `furusato_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'server', url: url.toString(), poolSize: 4 });
  return {
    database,
    async drop() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
