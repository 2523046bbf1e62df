import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import { cpuCores, cpuSnapshot } from './lib/cpu.ts';
import { machineInfo } from './lib/machine.ts';
import { createScratchDatabase, redactUrl, type ScratchDatabase } from './lib/postgres.ts';
import { kibToMiB, RssSampler, readProcMemory } from './lib/rss.ts';
import { type ChildServer, freePort, repoRoot, startChildServer } from './lib/server.ts';
import { formatTable, type PhaseRecord, phaseFailures, summarisePhase, withRatios } from './lib/summary.ts';
import { type BenchmarkOutcome, UsageError } from './lib/types.ts';

export const usage = `npm run bench -- municipality-search [options]

  The municipality search endpoint under autocannon, beside a trivial route (/healthz) and the lookup by
  code, all on one server process started for the run. The ratio to the trivial route is the figure.

  --connections <n>      concurrent connections (default 10)
  --duration <s>         measured seconds per phase (default 10)
  --warmup <s>           unrecorded warm-up seconds before each phase (default 2; 0 for none)
  --database-url <url>   run on a PostgreSQL server instead of the embedded PGlite, e.g.
                         postgres://postgres@127.0.0.1:5432/furusato_bench
                         (the database is created for the run and dropped after; it must not exist)`;

const RSS_INTERVAL_MS = 100;
const TRIVIAL = 'trivial';

interface Probe {
  path: string;
  /** Returns what is wrong with a 200 response body, or undefined when it is what the phase means to measure. */
  check(body: unknown): string | undefined;
}

interface PhaseDefinition {
  name: string;
  description: string;
  probes: Probe[];
}

interface ListBody {
  items: { code: string }[];
  total: number;
}

const search = (params: Record<string, string>) => `/api/v1/municipalities?${new URLSearchParams(params)}`;

function expectList(options: { includes?: string; total?: number; minTotal?: number; items?: number }) {
  return (body: unknown): string | undefined => {
    const list = body as ListBody;
    if (!Array.isArray(list?.items) || typeof list.total !== 'number') return 'not a list response';
    if (options.includes && !list.items.some((m) => m.code === options.includes)) {
      return `expected ${options.includes} among the items`;
    }
    if (options.total !== undefined && list.total !== options.total) return `total ${list.total} ≠ ${options.total}`;
    if (options.minTotal !== undefined && list.total < options.minTotal) {
      return `total ${list.total} < ${options.minTotal}`;
    }
    if (options.items !== undefined && list.items.length !== options.items) {
      return `${list.items.length} items ≠ ${options.items}`;
    }
    return undefined;
  };
}

/** A realistic mix: the same town typed four ways, big cities, a prefecture filter, a miss, a deep page. */
const phases: PhaseDefinition[] = [
  {
    name: TRIVIAL,
    description: 'GET /healthz: the same server with no database work, validation or rate limiting',
    probes: [
      {
        path: '/healthz',
        check: (body) => ((body as { status?: string })?.status === 'ok' ? undefined : 'status is not ok'),
      },
    ],
  },
  {
    name: 'search',
    description: 'GET /api/v1/municipalities: prefix search by reading and name, rotating through 10 queries',
    probes: [
      { path: search({ q: 'けせんぬま' }), check: expectList({ includes: '042056' }) },
      { path: search({ q: 'ケセンヌマ' }), check: expectList({ includes: '042056' }) },
      { path: search({ q: 'ｹｾﾝﾇﾏ' }), check: expectList({ includes: '042056' }) },
      { path: search({ q: '気仙沼' }), check: expectList({ includes: '042056' }) },
      { path: search({ q: 'さっぽろ' }), check: expectList({ includes: '011002' }) },
      { path: search({ q: '横浜' }), check: expectList({ includes: '141003' }) },
      { path: search({ prefecture: '13' }), check: expectList({ minTotal: 60, items: 20 }) },
      { path: search({ q: 'ほげほげ' }), check: expectList({ total: 0 }) },
      { path: search({ q: 'か', page: '3' }), check: expectList({ minTotal: 61, items: 20 }) },
      { path: search({ q: 'みなと', kind: 'all', pageSize: '50' }), check: expectList({ minTotal: 1 }) },
    ],
  },
  {
    name: 'by-code',
    description: 'GET /api/v1/municipalities/042056: one row by primary key (気仙沼市)',
    probes: [
      {
        path: '/api/v1/municipalities/042056',
        check: (body) => ((body as { code?: string })?.code === '042056' ? undefined : 'not 042056'),
      },
    ],
  },
];

interface Options {
  connections: number;
  duration: number;
  warmup: number;
  databaseUrl: string | undefined;
}

function parseOptions(argv: string[]): Options {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        connections: { type: 'string', default: '10' },
        duration: { type: 'string', default: '10' },
        warmup: { type: 'string', default: '2' },
        'database-url': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const integer = (name: string, min: number): number => {
    const text = values[name] ?? '';
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}`);
    return n;
  };
  const databaseUrl = values['database-url'];
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new UsageError('--database-url must be a postgres:// URL');
  }
  return {
    connections: integer('connections', 1),
    duration: integer('duration', 1),
    warmup: integer('warmup', 0),
    databaseUrl,
  };
}

async function preflight(baseUrl: string, probe: Probe) {
  const response = await fetch(baseUrl + probe.path);
  const text = await response.text();
  let problem: string | undefined;
  if (response.status !== 200) problem = `status ${response.status}`;
  else {
    try {
      problem = probe.check(JSON.parse(text));
    } catch {
      problem = 'the body is not JSON';
    }
  }
  const total = (() => {
    try {
      const parsed = JSON.parse(text) as { total?: unknown };
      return typeof parsed.total === 'number' ? parsed.total : undefined;
    } catch {
      return undefined;
    }
  })();
  return {
    path: probe.path,
    readable: decodeURIComponent(probe.path),
    status: response.status,
    body_bytes: Buffer.byteLength(text),
    ...(total === undefined ? {} : { total }),
    problem: problem ?? null,
  };
}

function fire(baseUrl: string, paths: string[], connections: number, duration: number): Promise<Result> {
  return Promise.resolve(
    autocannon({
      url: baseUrl,
      connections,
      duration,
      requests: paths.map((p) => ({ method: 'GET', path: p })),
    }),
  );
}

async function measurePhase(
  server: ChildServer,
  sampler: RssSampler,
  phase: PhaseDefinition,
  options: Options,
  databaseName: string | undefined,
): Promise<PhaseRecord> {
  const paths = phase.probes.map((p) => p.path);
  const mark = sampler.mark();
  await sampler.sample();
  const warm = options.warmup > 0 ? await fire(server.baseUrl, paths, options.connections, options.warmup) : undefined;
  const cpuBefore = await cpuSnapshot(server.pid, databaseName);
  const result = await fire(server.baseUrl, paths, options.connections, options.duration);
  const cpuAfter = await cpuSnapshot(server.pid, databaseName);
  await sampler.sample();
  const { hwmKiB } = await readProcMemory(server.pid);
  return summarisePhase({
    name: phase.name,
    description: phase.description,
    paths,
    result,
    warmup: warm,
    cpuCores: cpuCores(cpuBefore, cpuAfter),
    rssSamples: sampler.since(mark),
    hwmKiBAfter: hwmKiB,
  });
}

async function pgliteVersion(): Promise<string> {
  const pkg = path.join(repoRoot, 'node_modules', '@electric-sql', 'pglite', 'package.json');
  return `@electric-sql/pglite ${(JSON.parse(await readFile(pkg, 'utf8')) as { version: string }).version}`;
}

export async function run(argv: string[]): Promise<BenchmarkOutcome> {
  const options = parseOptions(argv);
  const startedAt = new Date();
  const machine = machineInfo();
  const expectedEngine = options.databaseUrl ? 'postgres' : 'pglite';
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'furusato-bench-'));
  let scratch: ScratchDatabase | undefined;
  let server: ChildServer | undefined;
  let sampler: RssSampler | undefined;
  try {
    if (options.databaseUrl) scratch = await createScratchDatabase(options.databaseUrl);
    const env: Record<string, string> = {
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000',
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    };
    console.error(`starting the server on ${expectedEngine} …`);
    server = await startChildServer({ env });
    const engine = String(server.ready.database);
    if (engine !== expectedEngine) throw new Error(`the server runs on ${engine}, expected ${expectedEngine}`);
    const idle = await readProcMemory(server.pid);
    sampler = new RssSampler(server.pid, RSS_INTERVAL_MS);
    sampler.start();

    const checks = [];
    for (const phase of phases) {
      for (const probe of phase.probes) checks.push({ phase: phase.name, ...(await preflight(server.baseUrl, probe)) });
    }
    const failures = checks.filter((c) => c.problem).map((c) => `preflight ${c.phase} ${c.path}: ${c.problem}`);

    const measured: PhaseRecord[] = [];
    if (failures.length === 0) {
      for (const phase of phases) {
        console.error(`${phase.name}: ${options.warmup} s warm-up, ${options.duration} s measured …`);
        const record = await measurePhase(server, sampler, phase, options, scratch?.name);
        measured.push(record);
        const problems = phaseFailures(record);
        failures.push(...problems);
        // Once the server answers errors, later phases measure a server in trouble: stop here.
        if (problems.length) break;
      }
    }
    sampler.stop();
    const final = await readProcMemory(server.pid);
    await server.stop();
    const results = withRatios(measured, TRIVIAL);

    const record = {
      benchmark: 'municipality-search',
      schema_version: 1,
      valid: failures.length === 0,
      failures,
      started_at: startedAt.toISOString(),
      finished_at: new Date().toISOString(),
      parameters: {
        connections: options.connections,
        pipelining: 1,
        duration_s: options.duration,
        warmup_s: options.warmup,
        rss_sample_interval_ms: RSS_INTERVAL_MS,
        database_url: options.databaseUrl ? redactUrl(options.databaseUrl) : null,
        server_env: { ...env, DATA_DIR: '<fresh temporary directory>', PORT: '<free port>' },
      },
      machine: { ...machine, load_avg_at_end: os.loadavg().map((n) => Math.round(n * 100) / 100) },
      server: {
        command: 'node src/cli.ts serve',
        engine,
        engine_version: scratch ? `PostgreSQL ${scratch.serverVersion}` : await pgliteVersion(),
        startup_ms: server.startupMs,
        idle_rss_mib: kibToMiB(idle.rssKiB),
        vm_hwm_mib: kibToMiB(final.hwmKiB),
        note:
          engine === 'postgres'
            ? 'RSS is the Node.js server process only; the PostgreSQL backends are separate processes'
            : 'RSS includes the embedded PGlite database (WASM, same process)',
      },
      preflight: checks,
      phases: results,
    };
    const summary = [
      `municipality-search on ${record.server.engine_version}: ${options.connections} connections, ` +
        `${options.duration} s per phase (+${options.warmup} s warm-up), ${machine.cpus} CPUs shared with the client`,
      '',
      formatTable(results),
      '',
      `server: idle RSS ${record.server.idle_rss_mib} MiB, peak (VmHWM) ${record.server.vm_hwm_mib} MiB`,
    ].join('\n');
    return { record, failures, summary };
  } finally {
    sampler?.stop();
    await server?.stop();
    await scratch?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
