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
  close(): Promise<void>;
}

const DATE_OID = 1082;
// DATE is a calendar day, not an instant: keep it as 'YYYY-MM-DD' so no time zone can shift it.
const keepDateAsText = (value: string) => value;

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
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return wrap(db, 'postgres', async () => {});
  }

  const release = target.kind === 'embedded' ? lockDataDir(target.dataDir) : () => {};
  try {
    const dataDir = target.kind === 'embedded' ? path.join(target.dataDir, 'pgdata') : undefined;
    const pglite = await PGlite.create(dataDir, { parsers: { [DATE_OID]: keepDateAsText } });
    const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
    return wrap(db, 'pglite', async () => release());
  } catch (error) {
    release();
    throw error;
  }
}

function wrap(db: Kysely<DB>, engine: Engine, afterClose: () => Promise<void>): Database {
  let closed = false;
  return {
    db,
    engine,
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
