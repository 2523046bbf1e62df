import { createHash } from 'node:crypto';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import type { DB } from './schema.ts';

export type DatabaseTarget =
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'memory' }
  | { kind: 'server'; url: string; poolSize: number };

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  /** How to reach the same database with another driver (the job queue brings its own). */
  native: { kind: 'pglite'; pglite: PGlite } | { kind: 'postgres'; url: string };
  close(): Promise<void>;
}

const DATE_OID = 1082;
// DATE is a calendar day, not an instant: keep it as 'YYYY-MM-DD' so no time zone can shift it.
const keepDateAsText = (value: string) => value;

const MAX_PREPARED_PARAMETERS = 64;
const MAX_PREPARED_PER_CONNECTION = 500;

/**
 * Runs parameterised queries as named prepared statements, so each connection parses and plans a
 * query text once instead of on every call (that was ~40% of the database's time per registration).
 * Bulk statements with many parameters, whose texts rarely repeat, and any beyond a per-connection
 * cap stay unnamed, so the server's memory per connection stays bounded.
 */
function preparePlansOnce(client: pg.PoolClient): void {
  const prepared = new Set<string>();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, values?: unknown) => {
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0) return query(text, values);
    if (values.length > MAX_PREPARED_PARAMETERS) return query(text, values);
    const name = `k${createHash('sha1').update(text).digest('base64url')}`;
    if (!prepared.has(name)) {
      if (prepared.size >= MAX_PREPARED_PER_CONNECTION) return query(text, values);
      prepared.add(name);
    }
    return query({ name, text, values });
  };
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'server') {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolSize,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === DATE_OID ? keepDateAsText : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    pool.on('connect', preparePlansOnce);
    // An idle connection the server closed (restart, failover, a dropped test database) is discarded by
    // the pool and replaced on the next query; without a listener the error would end the process.
    pool.on('error', () => {});
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return wrap(db, 'postgres', async () => {}, { kind: 'postgres', url: target.url });
  }

  const release = target.kind === 'embedded' ? lockDataDir(target.dataDir) : () => {};
  try {
    const dataDir = target.kind === 'embedded' ? path.join(target.dataDir, 'pgdata') : undefined;
    const pglite = await PGlite.create(dataDir, { parsers: { [DATE_OID]: keepDateAsText } });
    const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
    return wrap(db, 'pglite', async () => release(), { kind: 'pglite', pglite });
  } catch (error) {
    release();
    throw error;
  }
}

function wrap(db: Kysely<DB>, engine: Engine, afterClose: () => Promise<void>, native: Database['native']): Database {
  let closed = false;
  return {
    db,
    engine,
    native,
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await afterClose();
    },
  };
}
