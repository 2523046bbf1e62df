import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import autocannon, { type Instance, type RequestSpec } from 'autocannon';
import pg from 'pg';
import { lockDataDir } from '../src/db/data-dir-lock.ts';
import { BackendTracker, type CpuCores, cpuCores, cpuSnapshot, withTrackedBackends } from './lib/cpu.ts';
import { type MachineInfo, machineInfo } from './lib/machine.ts';
import { pgbenchVersion, runPgbench, type TransactionStats } from './lib/pgbench.ts';
import { createScratchDatabase, redactUrl, type ScratchDatabase } from './lib/postgres.ts';
import { type CounterCheck, checkCounters, type Verification, verifyPhase } from './lib/registration-checks.ts';
import { compare, formatComparisons, pgbenchColumns, type Row, TARGETS } from './lib/registration-report.ts';
import {
  insertResidents,
  makeResidents,
  RegistrationPlan,
  type Resident,
  type ResidentState,
  type SessionUse,
  type Sql,
} from './lib/residents.ts';
import { kibToMiB, RssSampler, readProcMemory } from './lib/rss.ts';
import {
  API_SQL,
  apiStatements,
  insertSameSqlPeople,
  lastPersonUsed,
  SAME_SQL_PEOPLE_TABLE,
  type SameSqlWritten,
  sameSqlDefines,
  sameSqlPeoplePerPhase,
  sameSqlProblems,
  sameSqlScript,
  sameSqlWritten,
} from './lib/same-sql.ts';
import { type ChildServer, freePort, repoRoot, startChildServer } from './lib/server.ts';
import { formatColumns, type PhaseRecord, phaseFailures, round, summarisePhase } from './lib/summary.ts';
import { type BenchmarkOutcome, UsageError } from './lib/types.ts';

export const usage = `npm run bench -- registration [options]

  Sustained furusato registrations per second through the real HTTP API (POST /api/v1/me/registrations by
  signed-in residents, each request a new registration: validation, one transaction, the implied prefecture
  registration, two events, the counters), with each number of concurrent clients, in two cases: spread over
  every participating municipality, and all traffic to one municipality (042056 気仙沼市). On PostgreSQL, pgbench
  runs a bare single-row INSERT into an equivalent table with the same clients in the same run: the API's rate
  as a ratio to it is the figure, against the targets (spread ≥ ${0.6}, one municipality ≥ ${0.5}). Beside it,
  pgbench runs the SQL the API runs for one registration (the same statements, each a round trip, on the same
  tables): the API's rate as a ratio to that separates the database's share from HTTP and Node.js.

  --database-url <url>   the PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/furusato_bench
                         (the database is created for the run and dropped after; it must not exist).
                         Without it, the run is on the embedded PGlite only (no pgbench, no ratio).
  --pglite               with --database-url: also run the API phases on PGlite, after PostgreSQL
  --connections <list>   concurrent clients, comma-separated (default 4,16)
  --duration <s>         measured seconds per phase (default 10)
  --warmup <s>           unrecorded warm-up seconds before each phase (default 2; 0 for none)
  --max-rate <n>         registrations/s the residents made for each phase must cover (default 2500): each
                         request needs a resident who has not registered yet. A phase that runs out fails.
  --same-sql-max-rate <n>
                         the same for pgbench running the API's SQL (default 4000): people are made for
                         1.5 × this rate over warm-up and measurement per phase. A phase that runs out fails.
  --stale-sessions       residents' sessions were last used an hour ago, so every request also refreshes its
                         session (an extra UPDATE and commit); by default they were used within the minute, as
                         when the registration follows the page loads that led to it
  --idempotency-key      send an Idempotency-Key header with every request (as a mobile client that retries
                         would), so the server also claims and stores the key; the web client sends none
  --pgbench <path>       the pgbench to run (default pgbench on the PATH)`;

const REGISTRATIONS_PATH = '/api/v1/me/registrations';
const RELATION_TYPES = [1, 2];
const CONSENTS = ['name', 'news'];
const ONE_MUNICIPALITY = '042056';
const PARTICIPATION_DATE = '2026-04-01';
const RSS_INTERVAL_MS = 100;
const PGBENCH_THREADS = 2;
const BARE_TABLE = 'bench_bare_registrations';

export const PATTERNS = ['spread', 'one-municipality'] as const;
export type Pattern = (typeof PATTERNS)[number];
/** The API's rate as a share of the bare insert's, per case (the issue's targets). */
export type EngineName = 'postgres' | 'pglite';

const BARE_TABLE_SQL = `create table ${BARE_TABLE} (municipality_code char(6), person_id uuid default gen_random_uuid(), tier text default 'basic', relation_types smallint[], registered_at timestamptz default now(), primary key (municipality_code, person_id))`;

/** The pgbench script of a case: one INSERT per transaction, the same relation types as the API requests. */
export function bareInsertScript(pattern: Pattern): string {
  const values = `'{${RELATION_TYPES.join(',')}}'`;
  return pattern === 'spread'
    ? // as many distinct municipality codes as the API phase spreads over (a uniform random pick)
      `\\set i random(1, :municipalities)\ninsert into ${BARE_TABLE} (municipality_code, relation_types) values (lpad(:i::text, 6, '0'), ${values});\n`
    : `insert into ${BARE_TABLE} (municipality_code, relation_types) values ('${ONE_MUNICIPALITY}', ${values});\n`;
}

interface Options {
  connections: number[];
  duration: number;
  warmup: number;
  databaseUrl: string | undefined;
  pglite: boolean;
  maxRate: number;
  sameSqlMaxRate: number;
  sessions: SessionUse;
  idempotencyKey: boolean;
  pgbench: string;
}

function parseOptions(argv: string[]): Options {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        connections: { type: 'string', default: '4,16' },
        duration: { type: 'string', default: '10' },
        warmup: { type: 'string', default: '2' },
        'database-url': { type: 'string' },
        pglite: { type: 'boolean', default: false },
        'max-rate': { type: 'string', default: '2500' },
        'same-sql-max-rate': { type: 'string', default: '4000' },
        'stale-sessions': { type: 'boolean', default: false },
        'idempotency-key': { type: 'boolean', default: false },
        pgbench: { type: 'string', default: 'pgbench' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const whole = (name: string, text: string, min: number): number => {
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}`);
    return n;
  };
  const connections = String(values.connections)
    .split(',')
    .map((c) => whole('connections', c.trim(), 1));
  const databaseUrl = values['database-url'] as string | undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new UsageError('--database-url must be a postgres:// URL');
  }
  return {
    connections: [...new Set(connections)],
    duration: whole('duration', String(values.duration), 1),
    warmup: whole('warmup', String(values.warmup), 0),
    databaseUrl,
    pglite: databaseUrl === undefined || values.pglite === true,
    maxRate: whole('max-rate', String(values['max-rate']), 1),
    sameSqlMaxRate: whole('same-sql-max-rate', String(values['same-sql-max-rate']), 1),
    sessions: values['stale-sessions'] === true ? 'stale' : 'recent',
    idempotencyKey: values['idempotency-key'] === true,
    pgbench: String(values.pgbench),
  };
}

// --- Database access from the bench ------------------------------------------------------------------

interface SqlHandle extends Sql {
  close(): Promise<void>;
}

async function openPostgres(url: string): Promise<SqlHandle> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    query: async <T>(text: string, params?: unknown[]) => ({ rows: (await client.query(text, params)).rows as T[] }),
    close: () => client.end(),
  };
}

/** The server's PGlite data directory, opened by this process while the server is not running. */
async function openPglite(dataDir: string): Promise<SqlHandle> {
  const release = lockDataDir(dataDir);
  try {
    const pglite = await PGlite.create(path.join(dataDir, 'pgdata'));
    return {
      query: async <T>(text: string, params?: unknown[]) => ({ rows: (await pglite.query<T>(text, params)).rows }),
      close: async () => {
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** `node src/cli.ts migrate`: migrations and master data, as the server would do at its first start. */
function migrate(env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/cli.ts', 'migrate'], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`node src/cli.ts migrate exited with ${code}:\n${output}`)),
    );
  });
}

/**
 * Makes every municipality (not prefectures, not wards) participate from 2026-04-01, so the spread case has
 * ~1,700 to spread over, and returns the codes that accept registrations today, 042056 among them.
 */
async function participate(sql: Sql): Promise<string[]> {
  await sql.query(
    `update municipalities set joined_at = $1, fee_status = 'exempt'
     where kind = 'municipality' and joined_at is null`,
    [PARTICIPATION_DATE],
  );
  const { rows } = await sql.query<{ code: string }>(
    `select code from municipalities
     where kind = 'municipality' and joined_at <= (now() at time zone 'Asia/Tokyo')::date order by code`,
  );
  const codes = rows.map((r) => r.code);
  if (!codes.includes(ONE_MUNICIPALITY)) throw new Error(`${ONE_MUNICIPALITY} does not accept registrations`);
  return codes;
}

/** Each prefecture's number ('04') and its own code ('040002'), for the implied prefecture registrations. */
async function prefectureCodes(sql: Sql): Promise<Map<string, string>> {
  const { rows } = await sql.query<{ number: string; code: string }>(
    "select prefecture_code as number, code from municipalities where kind = 'prefecture'",
  );
  return new Map(rows.map((r) => [r.number, r.code]));
}

// --- The phases ------------------------------------------------------------------------------------

export interface PhasePlan {
  name: string;
  pattern: Pattern;
  connections: number;
  plan: RegistrationPlan;
  /** pgbench's people for the same-SQL run (PostgreSQL): numbers first … last of bench_same_sql_people. */
  sameSqlPeople: { first: number; last: number };
}

function phaseName(pattern: Pattern, connections: number): string {
  return `${pattern} c${connections}`;
}

/** Residents each phase gets: enough for --max-rate over warm-up and measurement, plus what is in flight. */
export function residentsPerPhase(maxRate: number, warmupS: number, durationS: number, connections: number): number {
  return Math.ceil(maxRate * (warmupS + durationS)) + 2 * connections;
}

function bodyOf(code: string): string {
  return JSON.stringify({ municipalityCode: code, relationTypes: RELATION_TYPES, consents: CONSENTS });
}

/**
 * autocannon sending every request as the next unused resident of the plan (cookie, CSRF token) to the next
 * municipality of the plan, recording each answer by resident.
 */
function fireRegistrations(
  baseUrl: string,
  plan: RegistrationPlan,
  connections: number,
  duration: number,
  idempotencyKey: boolean,
) {
  const bodies = new Map(plan.codes.map((code) => [code, bodyOf(code)]));
  const requestOf = (request: RequestSpec, index: number): RequestSpec => {
    const resident = plan.residents[index] as Resident;
    return {
      ...request,
      headers: {
        ...request.headers,
        'content-type': 'application/json',
        cookie: resident.cookie,
        'x-csrf-token': resident.csrf,
        // One registration per resident: the resident's id is a key no other request uses.
        ...(idempotencyKey ? { 'idempotency-key': resident.id } : {}),
      },
      body: bodies.get(plan.codeOf(index)) as string,
    };
  };
  let instance: Instance | undefined;
  const spec: RequestSpec = {
    method: 'POST',
    path: REGISTRATIONS_PATH,
    setupRequest: (request, context) => {
      const index = plan.take();
      context.resident = index ?? -1;
      if (index !== undefined) return requestOf(request, index);
      // Out of residents: stop (autocannon does at its next 1-second tick) and meanwhile repeat the last
      // resident's registration, which the API refuses (409): the phase fails, as it must.
      instance?.stop();
      return requestOf(request, plan.residents.length - 1);
    },
    onResponse: (status, _body, context) => {
      const index = context.resident;
      if (typeof index === 'number' && index >= 0) plan.answer(index, status);
    },
  };
  instance = autocannon({ url: baseUrl, connections, duration, requests: [spec] });
  return Promise.resolve(instance);
}

export interface ApiPhaseRecord extends Omit<PhaseRecord, 'ratio_vs_trivial'> {
  engine: EngineName;
  pattern: Pattern;
  connections: number;
  municipalities: number;
  residents: Record<ResidentState, number> & { prepared: number; used: number; exhausted: boolean };
  /** autocannon's 2xx responses in the warm-up and the measurement: each should be one registration. */
  responses_2xx: number;
  verification: Verification | null;
}

async function measureRegistrations(
  server: ChildServer,
  sampler: RssSampler,
  phase: PhasePlan,
  engine: EngineName,
  options: Options,
  databaseName: string | undefined,
): Promise<ApiPhaseRecord> {
  const mark = sampler.mark();
  await sampler.sample();
  const warm =
    options.warmup > 0
      ? await fireRegistrations(server.baseUrl, phase.plan, phase.connections, options.warmup, options.idempotencyKey)
      : undefined;
  const measured = await withCpu(databaseName, server.pid, () =>
    fireRegistrations(server.baseUrl, phase.plan, phase.connections, options.duration, options.idempotencyKey),
  );
  await sampler.sample();
  const { hwmKiB } = await readProcMemory(server.pid);
  const { ratio_vs_trivial: _, ...record } = summarisePhase({
    name: phase.name,
    description:
      phase.pattern === 'spread'
        ? `POST ${REGISTRATIONS_PATH}, round-robin over ${phase.plan.codes.length} participating municipalities`
        : `POST ${REGISTRATIONS_PATH}, all to ${ONE_MUNICIPALITY} (気仙沼市)`,
    paths: [REGISTRATIONS_PATH],
    result: measured.value,
    warmup: warm,
    cpuCores: measured.cpu,
    rssSamples: sampler.since(mark),
    hwmKiBAfter: hwmKiB,
  });
  return {
    ...record,
    engine,
    pattern: phase.pattern,
    connections: phase.connections,
    municipalities: phase.plan.codes.length,
    residents: {
      prepared: phase.plan.residents.length,
      used: phase.plan.used,
      ...phase.plan.counts(),
      exhausted: phase.plan.exhausted,
    },
    responses_2xx: measured.value['2xx'] + (warm?.['2xx'] ?? 0),
    verification: null,
  };
}

/** What HTTP alone allows on this machine, measured beside the registrations with the same clients. */
export type Reference = 'trivial' | 'signed-in-read';
const REFERENCES: Record<Reference, { path: string; description: string }> = {
  trivial: { path: '/healthz', description: 'GET /healthz: no session, no database' },
  'signed-in-read': {
    path: REGISTRATIONS_PATH,
    description: `GET ${REGISTRATIONS_PATH} by one signed-in resident: the session look-up and one SELECT`,
  },
};

export interface ReferencePhaseRecord extends Omit<PhaseRecord, 'ratio_vs_trivial'> {
  engine: EngineName;
  reference: Reference;
  connections: number;
}

async function measureReference(
  server: ChildServer,
  sampler: RssSampler,
  reference: Reference,
  resident: Resident,
  connections: number,
  engine: EngineName,
  options: Options,
  databaseName: string | undefined,
): Promise<ReferencePhaseRecord> {
  const { path: refPath, description } = REFERENCES[reference];
  const fire = (duration: number) =>
    Promise.resolve(
      autocannon({
        url: server.baseUrl,
        connections,
        duration,
        requests: [{ method: 'GET', path: refPath, headers: { cookie: resident.cookie } }],
      }),
    );
  const mark = sampler.mark();
  await sampler.sample();
  const warm = options.warmup > 0 ? await fire(options.warmup) : undefined;
  const measured = await withCpu(databaseName, server.pid, () => fire(options.duration));
  await sampler.sample();
  const { hwmKiB } = await readProcMemory(server.pid);
  const { ratio_vs_trivial: _, ...record } = summarisePhase({
    name: `${reference} c${connections}`,
    description,
    paths: [refPath],
    result: measured.value,
    warmup: warm,
    cpuCores: measured.cpu,
    rssSamples: sampler.since(mark),
    hwmKiBAfter: hwmKiB,
  });
  return { ...record, engine, reference, connections };
}

/** Runs `work` between two CPU snapshots, tracking the database backends that come and go in between. */
async function withCpu<T>(
  databaseName: string | undefined,
  serverPid: number,
  work: () => Promise<T>,
): Promise<{ value: T; cpu: CpuCores }> {
  const tracker = databaseName ? new BackendTracker(databaseName) : undefined;
  const before = await cpuSnapshot(serverPid, databaseName);
  tracker?.start();
  const value = await work();
  const tracked = (await tracker?.stop()) ?? new Map<number, number>();
  const after = withTrackedBackends(await cpuSnapshot(serverPid, databaseName), tracked);
  return { value, cpu: cpuCores(before, after) };
}

export interface BarePhaseRecord {
  name: string;
  pattern: Pattern;
  connections: number;
  threads: number;
  argv: string[];
  query_mode: string | null;
  duration_s: number;
  /** pgbench's own figure: transactions per second without the initial connection time. */
  tps: number;
  transactions: number;
  failed: number;
  latency_ms: TransactionStats['latency_ms'] | null;
  per_second: TransactionStats['per_second'] | null;
  connection_ms: number | null;
  rows_written: number;
  cpu_cores: CpuCores;
  warmup: { duration_s: number; transactions: number; failed: number; tps: number } | null;
}

async function measureBareInsert(
  sql: Sql,
  server: ChildServer,
  phase: PhasePlan,
  options: Options,
  databaseUrl: string,
  databaseName: string,
  failures: string[],
): Promise<BarePhaseRecord | null> {
  const name = `bare-insert ${phase.name}`;
  const run = (durationS: number, log: boolean) =>
    runPgbench({
      command: options.pgbench,
      url: databaseUrl,
      script: bareInsertScript(phase.pattern),
      clients: phase.connections,
      threads: PGBENCH_THREADS,
      durationS,
      defines: phase.pattern === 'spread' ? { municipalities: phase.plan.codes.length } : {},
      log,
    });
  const warm = options.warmup > 0 ? await run(options.warmup, false) : null;
  if (warm && (warm.exitCode !== 0 || (warm.report?.failed ?? 0) > 0)) {
    failures.push(`${name}: the pgbench warm-up failed (exit ${warm.exitCode}): ${warm.stderr.trim()}`);
    return null;
  }
  const count = async () =>
    Number((await sql.query<{ n: string }>(`select count(*) as n from ${BARE_TABLE}`)).rows[0]?.n);
  const rowsBefore = await count();
  const measured = await withCpu(databaseName, server.pid, () => run(options.duration, true));
  const rowsWritten = (await count()) - rowsBefore;
  const result = measured.value;
  if (result.exitCode !== 0 || !result.report) {
    failures.push(`${name}: pgbench exited with ${result.exitCode}: ${result.stderr.trim()}`);
    return null;
  }
  const report = result.report;
  if (report.failed > 0) failures.push(`${name}: ${report.failed} failed transactions`);
  if (report.transactions === 0) failures.push(`${name}: no transactions`);
  if (rowsWritten !== report.transactions) {
    failures.push(`${name}: ${rowsWritten} rows written for ${report.transactions} transactions`);
  }
  if (result.stats && result.stats.transactions !== report.transactions) {
    failures.push(`${name}: ${result.stats.transactions} logged transactions ≠ ${report.transactions} reported`);
  }
  return {
    name,
    pattern: phase.pattern,
    connections: phase.connections,
    threads: Math.min(PGBENCH_THREADS, phase.connections),
    argv: result.argv.map((a) => (a === databaseUrl ? redactUrl(a) : a)),
    query_mode: report.queryMode,
    duration_s: options.duration,
    tps: round(report.tps, 1),
    transactions: report.transactions,
    failed: report.failed,
    latency_ms: result.stats?.latency_ms ?? null,
    per_second: result.stats?.per_second ?? null,
    connection_ms: report.connectionMs,
    rows_written: rowsWritten,
    cpu_cores: measured.cpu,
    warmup: warm?.report
      ? {
          duration_s: options.warmup,
          transactions: warm.report.transactions,
          failed: warm.report.failed,
          tps: round(warm.report.tps, 1),
        }
      : null,
  };
}

export interface SameSqlPhaseRecord extends Omit<BarePhaseRecord, 'rows_written'> {
  /** pgbench's people of the phase: each transaction is a new one (its number is its session token). */
  people: {
    prepared: number;
    first: number;
    last: number;
    /** Where the measurement started (after the warm-up's people) and the highest number it reached. */
    measured_from: number;
    last_used: number;
    exhausted: boolean;
  };
  /** What the measured transactions wrote, by person, and what they added to the relation-type-0 counters. */
  written: SameSqlWritten & { counters_relation_type_0: number };
  problems: string[];
}

async function counterTotal(sql: Sql): Promise<number> {
  const { rows } = await sql.query<{ n: string }>(
    'select coalesce(sum(n), 0) as n from registration_counters where relation_type = 0',
  );
  return Number(rows[0]?.n);
}

/**
 * pgbench running the SQL of one registration (bench/lib/same-sql.ts) with the phase's clients: a warm-up,
 * then the measurement, each transaction a person who has not registered yet, spread over the phase's
 * municipalities like the API's requests. Then, from the database: every transaction pgbench reported wrote
 * the registration, the implied prefecture registration, two events and its counters, and nothing more.
 */
async function measureSameSql(
  sql: Sql,
  server: ChildServer,
  phase: PhasePlan,
  script: string,
  options: Options,
  databaseUrl: string,
  databaseName: string,
  failures: string[],
): Promise<SameSqlPhaseRecord | null> {
  const name = `same-sql ${phase.name}`;
  const { first, last } = phase.sameSqlPeople;
  const now = new Date();
  const run = (base: number, durationS: number, log: boolean) =>
    runPgbench({
      command: options.pgbench,
      url: databaseUrl,
      script,
      clients: phase.connections,
      threads: PGBENCH_THREADS,
      durationS,
      defines: { ...sameSqlDefines(now), base, clients: phase.connections },
      log,
    });
  const ranOut = (stderr: string) => /expected one row, got 0/.test(stderr);
  const runOutHint = `ran out of people (raise --same-sql-max-rate above ${options.sameSqlMaxRate})`;
  const warm = options.warmup > 0 ? await run(first, options.warmup, false) : null;
  if (warm && (warm.exitCode !== 0 || (warm.report?.failed ?? 0) > 0)) {
    failures.push(
      `${name}: the pgbench warm-up failed (exit ${warm.exitCode})${ranOut(warm.stderr) ? `: ${runOutHint}` : ''}: ${warm.stderr.trim().slice(0, 2000)}`,
    );
    return null;
  }
  const measuredFrom = (await lastPersonUsed(sql, first, last)) + 1;
  const countersBefore = await counterTotal(sql);
  const measured = await withCpu(databaseName, server.pid, () => run(measuredFrom, options.duration, true));
  const countersAdded = (await counterTotal(sql)) - countersBefore;
  const lastUsed = await lastPersonUsed(sql, measuredFrom, last);
  const result = measured.value;
  const exhausted = ranOut(result.stderr);
  if (result.exitCode !== 0 || !result.report) {
    failures.push(
      `${name}: pgbench exited with ${result.exitCode}${exhausted ? `: ${runOutHint}` : ''}: ${result.stderr.trim().slice(0, 2000)}`,
    );
    return null;
  }
  const report = result.report;
  const written = await sameSqlWritten(sql, measuredFrom, last, now, phase.plan.codes);
  const problems = [
    ...(report.failed > 0 ? [`${name}: ${report.failed} failed transactions`] : []),
    ...(report.transactions === 0 ? [`${name}: no transactions`] : []),
    ...(result.stats && result.stats.transactions !== report.transactions
      ? [`${name}: ${result.stats.transactions} logged transactions ≠ ${report.transactions} reported`]
      : []),
    ...sameSqlProblems(name, report.transactions, written, countersAdded, options),
  ];
  failures.push(...problems);
  return {
    name,
    pattern: phase.pattern,
    connections: phase.connections,
    threads: Math.min(PGBENCH_THREADS, phase.connections),
    argv: result.argv.map((a) => (a === databaseUrl ? redactUrl(a) : a)),
    query_mode: report.queryMode,
    duration_s: options.duration,
    tps: round(report.tps, 1),
    transactions: report.transactions,
    failed: report.failed,
    latency_ms: result.stats?.latency_ms ?? null,
    per_second: result.stats?.per_second ?? null,
    connection_ms: report.connectionMs,
    cpu_cores: measured.cpu,
    warmup: warm?.report
      ? {
          duration_s: options.warmup,
          transactions: warm.report.transactions,
          failed: warm.report.failed,
          tps: round(warm.report.tps, 1),
        }
      : null,
    people: {
      prepared: last - first + 1,
      first,
      last,
      measured_from: measuredFrom,
      last_used: lastUsed,
      exhausted,
    },
    written: { ...written, counters_relation_type_0: countersAdded },
    problems,
  };
}

// --- Preflight ---------------------------------------------------------------------------------------

interface PreflightCheck {
  request: string;
  status: number;
  body_bytes: number;
  problem: string | null;
}

/** Checks a 201 body is the registration asked for: basic, explicit, the relation types and consents sent. */
export function registrationProblem(body: unknown, code: string): string | undefined {
  const r = body as Record<string, unknown> | null;
  if (!r || typeof r !== 'object') return 'not an object';
  if (r.municipalityCode !== code) return `municipalityCode ${String(r.municipalityCode)} ≠ ${code}`;
  if (r.tier !== 'basic') return `tier ${String(r.tier)} ≠ basic`;
  if (r.implicit !== false) return 'implicit is not false';
  if (JSON.stringify(r.relationTypes) !== JSON.stringify(RELATION_TYPES)) return 'relationTypes differ';
  if (JSON.stringify(r.consents) !== JSON.stringify(CONSENTS)) return 'consents differ';
  if (typeof r.id !== 'string') return 'no id';
  return undefined;
}

/** One registration answers 201 with the registration; the same again answers 409 REGISTRATION_EXISTS. */
async function preflight(baseUrl: string, resident: Resident): Promise<PreflightCheck[]> {
  const post = () =>
    fetch(baseUrl + REGISTRATIONS_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: resident.cookie, 'x-csrf-token': resident.csrf },
      body: bodyOf(ONE_MUNICIPALITY),
    });
  const checks: PreflightCheck[] = [];
  for (const [label, expected] of [
    ['register', 201],
    ['register again', 409],
  ] as const) {
    const response = await post();
    const text = await response.text();
    let problem: string | undefined;
    if (response.status !== expected)
      problem = `status ${response.status}, expected ${expected}: ${text.slice(0, 300)}`;
    else {
      try {
        const body = JSON.parse(text) as { error?: { code?: string } };
        problem =
          expected === 201
            ? registrationProblem(body, ONE_MUNICIPALITY)
            : body.error?.code === 'REGISTRATION_EXISTS'
              ? undefined
              : `error code ${String(body.error?.code)}`;
      } catch {
        problem = 'the body is not JSON';
      }
    }
    checks.push({
      request: `${label}: POST ${REGISTRATIONS_PATH} ${bodyOf(ONE_MUNICIPALITY)}`,
      status: response.status,
      body_bytes: Buffer.byteLength(text),
      problem: problem ?? null,
    });
  }
  return checks;
}

// --- One engine ------------------------------------------------------------------------------------

interface EngineRecord {
  engine: EngineName;
  server: {
    command: string;
    engine: string;
    engine_version: string;
    env: Record<string, string>;
    startup_ms: number;
    idle_rss_mib: number;
    /** Peak RSS of the server process over the whole run (VmHWM). */
    vm_hwm_mib: number;
    note: string;
  };
  setup: { residents: number; same_sql_people: number; prepare_ms: number; municipalities: number };
  postgres_settings: Record<string, string> | null;
  preflight: PreflightCheck[];
  phases: ApiPhaseRecord[];
  bare_insert: BarePhaseRecord[];
  same_sql: SameSqlPhaseRecord[];
  /** The trivial route and a signed-in read with each number of clients: what HTTP alone allows. */
  references: ReferencePhaseRecord[];
  counters: CounterCheck | null;
  /** The server's last lines of output, kept when this engine's run failed (for the diagnosis). */
  server_output_tail: string[] | null;
}

async function pgliteVersion(): Promise<string> {
  const pkg = path.join(repoRoot, 'node_modules', '@electric-sql', 'pglite', 'package.json');
  return `@electric-sql/pglite ${(JSON.parse(await readFile(pkg, 'utf8')) as { version: string }).version}`;
}

const SETTINGS = [
  'server_version',
  'shared_buffers',
  'synchronous_commit',
  'fsync',
  'wal_sync_method',
  'full_page_writes',
  'max_wal_size',
  'checkpoint_timeout',
  'max_connections',
];

/** The script for the record, with each long CASE choice (one leaf per municipality) shortened. */
export function elideChoices(script: string): string {
  return script.replace(
    /^(\\set \w+ )(case .{300,})$/gm,
    (_, head: string, expression: string) =>
      `${head}${expression.slice(0, 120)} … (${(expression.match(/ then /g) ?? []).length + 1} values, ` +
      `${expression.length} characters: see choose() in bench/lib/same-sql.ts)`,
  );
}

async function runEngine(
  engine: EngineName,
  options: Options,
  failures: string[],
  scripts: Partial<Record<Pattern, string>>,
): Promise<EngineRecord> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'furusato-bench-'));
  const databaseUrl = engine === 'postgres' ? (options.databaseUrl as string) : undefined;
  let scratch: ScratchDatabase | undefined;
  let server: ChildServer | undefined;
  let sampler: RssSampler | undefined;
  let sql: SqlHandle | undefined;
  try {
    if (databaseUrl) scratch = await createScratchDatabase(databaseUrl);
    const env: Record<string, string> = {
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000',
      DEMO_DATA: 'false',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    };
    const open = () => (databaseUrl ? openPostgres(databaseUrl) : openPglite(dataDir));

    // The database before the server starts: migrated, participating, and the residents of every phase.
    console.error(`${engine}: migrating and preparing residents …`);
    const prepareStarted = performance.now();
    await migrate(env);
    sql = await open();
    const codes = await participate(sql);
    const phases: PhasePlan[] = [];
    let sameSqlPeople = 0;
    for (const connections of options.connections) {
      for (const pattern of PATTERNS) {
        const count = residentsPerPhase(options.maxRate, options.warmup, options.duration, connections);
        const people = databaseUrl
          ? sameSqlPeoplePerPhase(options.sameSqlMaxRate, options.warmup, options.duration, connections)
          : 0;
        phases.push({
          name: phaseName(pattern, connections),
          pattern,
          connections,
          plan: new RegistrationPlan(makeResidents(count), pattern === 'spread' ? codes : [ONE_MUNICIPALITY]),
          sameSqlPeople: { first: sameSqlPeople + 1, last: sameSqlPeople + people },
        });
        sameSqlPeople += people;
      }
    }
    const [preflightResident] = makeResidents(1) as [Resident];
    await insertResidents(sql, [preflightResident, ...phases.flatMap((p) => p.plan.residents)], {
      sessions: options.sessions,
    });
    let prefectures = new Map<string, string>();
    if (databaseUrl) {
      await sql.query(BARE_TABLE_SQL);
      await insertSameSqlPeople(sql, 1, sameSqlPeople, options.sessions);
      prefectures = await prefectureCodes(sql);
    }
    await sql.query('vacuum analyze');
    let settings: Record<string, string> | null = null;
    if (databaseUrl) {
      settings = {};
      for (const name of SETTINGS) {
        const row = (await sql.query<Record<string, unknown>>(`show ${name}`)).rows[0] ?? {};
        settings[name] = String(Object.values(row)[0]);
      }
    }
    const prepareMs = Math.round(performance.now() - prepareStarted);
    if (!databaseUrl) {
      await sql.close();
      sql = undefined;
    }

    console.error(`${engine}: starting the server …`);
    server = await startChildServer({ env });
    const reported = String(server.ready.database);
    if (reported !== engine) throw new Error(`the server runs on ${reported}, expected ${engine}`);
    const idle = await readProcMemory(server.pid);
    sampler = new RssSampler(server.pid, RSS_INTERVAL_MS);
    sampler.start();

    const checks = await preflight(server.baseUrl, preflightResident);
    const engineFailures = checks.filter((c) => c.problem).map((c) => `${engine} preflight ${c.request}: ${c.problem}`);

    const measured: ApiPhaseRecord[] = [];
    const bare: BarePhaseRecord[] = [];
    const sameSql: SameSqlPhaseRecord[] = [];
    const checkpoint = async () => {
      if (sql) await sql.query('checkpoint');
    };
    if (engineFailures.length === 0) {
      for (const phase of phases) {
        if (databaseUrl && sql && scratch) {
          console.error(`${engine} bare-insert ${phase.name}: pgbench ${options.warmup} s + ${options.duration} s …`);
          await checkpoint();
          const record = await measureBareInsert(
            sql,
            server,
            phase,
            options,
            databaseUrl,
            scratch.name,
            engineFailures,
          );
          if (record) bare.push(record);
          console.error(`${engine} same-sql ${phase.name}: pgbench ${options.warmup} s + ${options.duration} s …`);
          await checkpoint();
          const script = sameSqlScript({ codes: phase.plan.codes, prefectures }, options);
          scripts[phase.pattern] ??= elideChoices(script);
          const same = await measureSameSql(
            sql,
            server,
            phase,
            script,
            options,
            databaseUrl,
            scratch.name,
            engineFailures,
          );
          if (same) sameSql.push(same);
        }
        console.error(`${engine} ${phase.name}: ${options.warmup} s warm-up, ${options.duration} s measured …`);
        await checkpoint();
        const record = await measureRegistrations(server, sampler, phase, engine, options, scratch?.name);
        measured.push(record);
        const problems = [
          ...(phase.plan.exhausted
            ? [
                `${engine} ${phase.name}: ran out of residents after ${phase.plan.used} (raise --max-rate above ${options.maxRate})`,
              ]
            : []),
          ...phaseFailures({ ...record, ratio_vs_trivial: null }).map((p) => `${engine} ${p}`),
        ];
        engineFailures.push(...problems);
        // Once the server answers errors, later phases measure a server in trouble: stop here.
        if (problems.length) break;
      }
    }
    const references: ReferencePhaseRecord[] = [];
    if (engineFailures.length === 0) {
      for (const connections of options.connections) {
        for (const reference of Object.keys(REFERENCES) as Reference[]) {
          console.error(
            `${engine} ${reference} c${connections}: ${options.warmup} s warm-up, ${options.duration} s measured …`,
          );
          await checkpoint();
          const record = await measureReference(
            server,
            sampler,
            reference,
            preflightResident,
            connections,
            engine,
            options,
            scratch?.name,
          );
          references.push(record);
          engineFailures.push(...phaseFailures({ ...record, ratio_vs_trivial: null }).map((p) => `${engine} ${p}`));
        }
      }
    }
    sampler.stop();
    const final = await readProcMemory(server.pid);
    await server.stop();

    // What the phases wrote, by resident, and the counters over everything.
    console.error(`${engine}: checking what was written …`);
    sql ??= await open();
    for (const record of measured) {
      const phase = phases.find((p) => p.name === record.name) as PhasePlan;
      const runs = options.warmup > 0 ? 2 : 1;
      record.verification = await verifyPhase(sql, phase, {
        maxInFlight: runs * phase.connections,
        responses2xx: record.responses_2xx,
        sessions: options.sessions,
      });
      engineFailures.push(...record.verification.problems.map((p) => `${engine} ${p}`));
    }
    const counters = await checkCounters(sql);
    if (counters.mismatches.length > 0 || counters.registrations !== counters.counted_relation_type_0) {
      engineFailures.push(
        `${engine}: the counters do not add up to the registrations: ${JSON.stringify(counters.mismatches.slice(0, 5))}`,
      );
    }
    failures.push(...engineFailures);

    return {
      engine,
      server: {
        command: 'node src/cli.ts serve',
        engine: reported,
        engine_version: scratch ? `PostgreSQL ${scratch.serverVersion}` : await pgliteVersion(),
        env: {
          ...env,
          DATA_DIR: '<fresh temporary directory>',
          PORT: '<free port>',
          ...(databaseUrl ? { DATABASE_URL: redactUrl(databaseUrl) } : {}),
        },
        startup_ms: server.startupMs,
        idle_rss_mib: kibToMiB(idle.rssKiB),
        vm_hwm_mib: kibToMiB(final.hwmKiB),
        note:
          engine === 'postgres'
            ? 'RSS is the Node.js server process only; the PostgreSQL backends are separate processes'
            : 'RSS includes the embedded PGlite database (WASM, same process)',
      },
      setup: {
        residents: 1 + phases.reduce((n, p) => n + p.plan.residents.length, 0),
        same_sql_people: sameSqlPeople,
        prepare_ms: prepareMs,
        municipalities: codes.length,
      },
      postgres_settings: settings,
      preflight: checks,
      phases: measured,
      bare_insert: bare,
      same_sql: sameSql,
      references,
      counters,
      server_output_tail: engineFailures.length > 0 ? server.output().split('\n').slice(-40) : null,
    };
  } finally {
    sampler?.stop();
    await server?.stop();
    await sql?.close();
    await scratch?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function run(argv: string[]): Promise<BenchmarkOutcome> {
  const options = parseOptions(argv);
  const startedAt = new Date();
  const machine: MachineInfo = machineInfo();
  const engines: EngineName[] = [
    ...(options.databaseUrl ? (['postgres'] as const) : []),
    ...(options.pglite ? (['pglite'] as const) : []),
  ];
  const pgbench = options.databaseUrl ? await pgbenchVersion(options.pgbench) : null;
  const failures: string[] = [];
  const records: EngineRecord[] = [];
  const sameSqlScripts: Partial<Record<Pattern, string>> = {};
  for (const engine of engines) {
    records.push(await runEngine(engine, options, failures, sameSqlScripts));
    // A PostgreSQL run that failed says nothing about PGlite either way; it still runs, for the record.
  }
  const rows: Row[] = records.flatMap((record) =>
    record.phases.map((phase) => {
      const same = (b: { pattern: Pattern; connections: number }) =>
        b.pattern === phase.pattern && b.connections === phase.connections;
      const bare = record.bare_insert.find(same);
      const sameSql = record.same_sql.find(same);
      return { comparison: compare(phase, bare, sameSql, record.references), phase, bare, sameSql };
    }),
  );
  const comparisons = rows.map((r) => r.comparison);
  const judged = comparisons.filter((c) => c.target_met !== null);
  const expected = options.databaseUrl ? options.connections.length * PATTERNS.length : 0;
  const targetsMet = expected === 0 ? null : judged.length === expected && judged.every((c) => c.target_met === true);

  const record = {
    benchmark: 'registration',
    schema_version: 1,
    valid: failures.length === 0,
    failures,
    started_at: startedAt.toISOString(),
    finished_at: new Date().toISOString(),
    targets: {
      ratio_to_bare_insert: TARGETS,
      /** true: every PostgreSQL phase reached its target; false: at least one did not (or was not measured). */
      met: targetsMet,
      missed: judged.filter((c) => c.target_met === false).map((c) => `${c.pattern} c${c.connections}`),
    },
    comparisons,
    parameters: {
      connections: options.connections,
      pipelining: 1,
      duration_s: options.duration,
      warmup_s: options.warmup,
      max_rate: options.maxRate,
      engines,
      request: {
        method: 'POST',
        path: REGISTRATIONS_PATH,
        body: JSON.parse(bodyOf('<code>')) as unknown,
        headers: [
          'content-type: application/json',
          'cookie: furusato_session=<token>',
          'x-csrf-token: <token>',
          ...(options.idempotencyKey ? ['idempotency-key: <the resident id>'] : []),
        ],
        one_municipality: ONE_MUNICIPALITY,
        residents:
          'one new person per request (never a 409), signed in with a 30-day session; no residence prefecture ' +
          'declared (counters key 00)',
        sessions:
          options.sessions === 'recent'
            ? 'recent: used within the minute, so requests only read the session'
            : 'stale: last used an hour ago, so each request also refreshes its session (UPDATE + commit)',
      },
      participation: `every municipality (kind municipality) joined_at ${PARTICIPATION_DATE}; DEMO_DATA=false`,
      checkpoint_before_each_phase: options.databaseUrl !== undefined,
      rss_sample_interval_ms: RSS_INTERVAL_MS,
      database_url: options.databaseUrl ? redactUrl(options.databaseUrl) : null,
      pgbench: options.databaseUrl
        ? {
            version: pgbench,
            threads: PGBENCH_THREADS,
            query_mode: 'prepared',
            table: BARE_TABLE_SQL,
            scripts: Object.fromEntries(PATTERNS.map((p) => [p, bareInsertScript(p)])),
            same_sql: {
              statements: apiStatements(options).map((s) => API_SQL[s]),
              scripts: sameSqlScripts,
              people_table: SAME_SQL_PEOPLE_TABLE,
              people_per_phase: Object.fromEntries(
                options.connections.map((c) => [
                  `c${c}`,
                  sameSqlPeoplePerPhase(options.sameSqlMaxRate, options.warmup, options.duration, c),
                ]),
              ),
              max_rate: options.sameSqlMaxRate,
              note:
                'the statements the server sends for one registration, in its order, each a round trip; ' +
                'codes with a leading zero computed on the server (lpad) from pgbench integers; the session ' +
                'token is the person number as text; the counter shard is the person number mod 8 (the API: ' +
                'from the person id); every other parameter is a -D value or a value an earlier statement returned',
            },
          }
        : null,
    },
    machine: {
      ...machine,
      load_avg_at_end: os.loadavg().map((n) => Math.round(n * 100) / 100),
      note: options.databaseUrl
        ? `${machine.cpus} CPUs shared by the load generator (autocannon or pgbench), the server and PostgreSQL`
        : `${machine.cpus} CPUs shared by the load generator (autocannon) and the server (PGlite inside it)`,
    },
    engines: records,
  };

  const rssLines = records.map(
    (r) =>
      `${r.engine} server: idle RSS ${r.server.idle_rss_mib} MiB, peak (VmHWM) ${r.server.vm_hwm_mib} MiB — ${r.server.note}`,
  );
  const verdict =
    targetsMet === null
      ? 'targets: not judged (no PostgreSQL run with pgbench)'
      : targetsMet
        ? 'targets: MET (spread ≥ 0.6, one municipality ≥ 0.5 of the bare-insert rate, every client count)'
        : `targets: NOT MET (${record.targets.missed.join(', ') || 'not every phase was measured'})`;
  const summary = [
    `registration: ${options.duration} s per phase (+${options.warmup} s warm-up), ${options.sessions} sessions` +
      `${options.idempotencyKey ? ', Idempotency-Key' : ''}, ` +
      `${records.map((r) => r.server.engine_version).join(' and ')}; ${record.machine.note} (${machine.cpu_model})`,
    '',
    formatComparisons(rows),
    '',
    ...records
      .filter((r) => r.bare_insert.length > 0 || r.same_sql.length > 0)
      .flatMap((r) => [
        formatColumns(r.bare_insert, pgbenchColumns('bare insert'), 1),
        '',
        formatColumns(r.same_sql, pgbenchColumns('same SQL'), 1),
        '',
      ]),
    ...rssLines,
    verdict,
  ].join('\n');
  return { record, failures, summary };
}
