import pg from 'pg';

export interface ScratchDatabase {
  name: string;
  serverVersion: string;
  drop(): Promise<void>;
}

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The URL with any password replaced, fit for a result file. */
export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/**
 * Creates the database named in `url` on its server, for one benchmark run, and drops it afterwards.
 * An existing database of that name is never touched: the run stops instead, so a benchmark cannot destroy
 * data it did not create.
 */
export async function createScratchDatabase(url: string): Promise<ScratchDatabase> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!NAME.test(name)) {
    throw new Error(`the database name in --database-url must match ${NAME} (got "${name}")`);
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  let serverVersion: string;
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount) {
      throw new Error(
        `database "${name}" already exists; the benchmark only uses a database it creates itself. ` +
          `Drop it (dropdb -h ${target.hostname} -U ${target.username || 'postgres'} ${name}) or name another.`,
      );
    }
    await client.query(`create database "${name}"`);
    serverVersion = String((await client.query('show server_version')).rows[0]?.server_version);
  } finally {
    await client.end();
  }
  return {
    name,
    serverVersion,
    async drop() {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      try {
        await c.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
