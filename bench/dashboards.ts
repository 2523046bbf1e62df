import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { generateBenchData } from '../src/db/bench-data.ts';
import { openDatabase } from '../src/db/database.ts';
import { prepareDatabase } from '../src/db/prepare.ts';
import { compareSizes, type LatencySummary, summariseLatencies, TARGET_GROWTH, TARGET_P95_MS } from './lib/latency.ts';
import { machineInfo } from './lib/machine.ts';
import { createScratchDatabase, redactUrl } from './lib/postgres.ts';
import { insertResidents, makeResidents, type Resident } from './lib/residents.ts';
import { kibToMiB, readProcMemory } from './lib/rss.ts';
import { freePort, repoRoot, startChildServer } from './lib/server.ts';
import { type BenchmarkOutcome, UsageError } from './lib/types.ts';

export const usage = `npm run bench -- dashboards [options]

  Each dashboard API's latency (p50/p95/p99, sequential requests timed by the client) at a small and a large
  number of registrations in the same database: generated with the code of \`npx furusato bench-data\`, measured,
  grown, measured again. Targets (issue 7): p95 < ${TARGET_P95_MS} ms and p95 growth ≤ ${TARGET_GROWTH}×. After each load
  \`furusato verify-counters\` runs and its result is recorded, with the database size and the server's peak RSS.

  --database-url <url>   PostgreSQL database to create for the run (default
                         postgres://postgres@127.0.0.1:5432/furusato_dash_bench; it must not exist)
  --sizes <a,b>          registrations at each measurement (default 1000000,100000000)
  --per-person <n>       registrations per person (default 10: 10 million people for 100 million)
  --requests <n>         measured requests per endpoint (default 200), after --warmup <n> (default 20)
  --keep                 keep the database afterwards (default: dropped)
  --existing             measure databases kept by earlier runs as they are (nothing generated): one
                         --database-url, or two (small, then large) compared as two sizes`;

type Role = 'municipality' | 'prefecture' | 'national' | null;
interface Endpoint {
  name: string;
  path: string;
  as: Role;
}

/** What is measured; an endpoint that answers 404 (not built yet) is listed as missing, not measured. */
function endpoints(municipality: string, prefecture: string): Endpoint[] {
  const number = prefecture.slice(0, 2);
  return [
    { name: 'municipality-dashboard', path: `/api/v1/tenants/${municipality}/dashboard`, as: 'municipality' },
    { name: 'prefecture-dashboard', path: `/api/v1/tenants/${prefecture}/dashboard`, as: 'prefecture' },
    { name: 'prefecture-comparison', path: `/api/v1/tenants/${prefecture}/dashboard/municipalities`, as: 'prefecture' },
    { name: 'national-dashboard', path: '/api/v1/tenants/national/national-dashboard', as: 'national' },
    { name: 'open-statistics-prefectures', path: '/api/v1/open-statistics/prefectures', as: null },
    {
      name: 'open-statistics-municipalities',
      path: `/api/v1/open-statistics/municipalities?prefecture=${number}`,
      as: null,
    },
    { name: 'open-statistics-months', path: `/api/v1/open-statistics/months?prefecture=${number}`, as: null },
  ];
}

interface SizeRecord {
  registrations: number;
  people: number;
  load: Record<string, unknown>;
  database_bytes: number;
  verify_counters: { exit_code: number | null; seconds: number; output: string };
  server: { startup_ms: number; idle_rss_mib: number; vm_hwm_mib: number };
  endpoints: Record<string, LatencySummary & { first_request_ms: number; status: number }>;
  missing: string[];
  failures: string[];
}

function runCli(args: string[], env: Record<string, string>) {
  return new Promise<{ exit_code: number | null; seconds: number; output: string }>((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['src/cli.ts', ...args], { cwd: repoRoot, env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) =>
      resolve({
        exit_code: code,
        seconds: Math.round(performance.now() - started) / 1000,
        output: output.slice(-2000).trim(),
      }),
    );
  });
}

async function staffSessions(client: pg.Client, tenants: Record<Exclude<Role, null>, string>) {
  const staff = makeResidents(3);
  await insertResidents(client, staff, { sessions: 'recent' });
  const byRole = {} as Record<Exclude<Role, null>, Resident>;
  for (const [i, role] of (['municipality', 'prefecture', 'national'] as const).entries()) {
    const person = staff[i] as Resident;
    await client.query(`insert into staff_memberships (tenant, person_id, role) values ($1, $2, 'admin')`, [
      tenants[role],
      person.id,
    ]);
    byRole[role] = person;
  }
  return byRole;
}

async function measure(
  baseUrl: string,
  endpoint: Endpoint,
  cookie: string | undefined,
  options: { requests: number; warmup: number },
) {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const once = async () => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${endpoint.path}`, { headers });
    await response.arrayBuffer();
    return { ms: performance.now() - started, status: response.status };
  };
  const first = await once();
  if (first.status !== 200) return { status: first.status, first_request_ms: first.ms, samples: [] as number[] };
  for (let i = 0; i < options.warmup; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < options.requests; i++) {
    const r = await once();
    if (r.status !== 200) return { status: r.status, first_request_ms: first.ms, samples };
    samples.push(r.ms);
  }
  return { status: 200, first_request_ms: first.ms, samples };
}

async function measureSize(
  url: string,
  size: { registrations: number; people: number; load: Record<string, unknown> },
  options: { requests: number; warmup: number },
): Promise<SizeRecord> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const failures: string[] = [];
  try {
    const top = await client.query<{ code: string }>(
      `select municipality_code as code from registration_counters
       where relation_type = 0 and substr(municipality_code, 3, 3) <> '000' group by 1 order by sum(n) desc limit 1`,
    );
    const municipality = top.rows[0]?.code as string;
    const prefecture = (
      await client.query<{ code: string }>(
        `select code from municipalities where kind = 'prefecture' and prefecture_code = substr($1, 1, 2)`,
        [municipality],
      )
    ).rows[0]?.code as string;
    const staff = await staffSessions(client, { municipality, prefecture, national: 'national' });
    const verify = await runCli(['verify-counters'], { DATABASE_URL: url });
    if (verify.exit_code !== 0) failures.push(`verify-counters exited ${verify.exit_code}`);
    const databaseBytes = Number((await client.query('select pg_database_size(current_database()) as n')).rows[0]?.n);
    const port = await freePort();
    const server = await startChildServer({
      env: {
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: url,
        DEMO_DATA: 'false',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '100000000',
      },
      readyTimeoutMs: 600_000,
    });
    const results: SizeRecord['endpoints'] = {};
    const missing: string[] = [];
    let idle = 0;
    try {
      idle = kibToMiB((await readProcMemory(server.pid)).rssKiB);
      for (const endpoint of endpoints(municipality, prefecture)) {
        const cookie = endpoint.as ? staff[endpoint.as].cookie : undefined;
        const r = await measure(server.baseUrl, endpoint, cookie, options);
        if (r.status === 404 && r.samples.length === 0) {
          missing.push(endpoint.name);
          continue;
        }
        if (r.status !== 200) failures.push(`${endpoint.name}: HTTP ${r.status}`);
        results[endpoint.name] = {
          ...summariseLatencies(r.samples),
          first_request_ms: Math.round(r.first_request_ms * 100) / 100,
          status: r.status,
        };
      }
      const hwm = kibToMiB((await readProcMemory(server.pid)).hwmKiB);
      return {
        registrations: size.registrations,
        people: size.people,
        load: { ...size.load, municipality, prefecture },
        database_bytes: databaseBytes,
        verify_counters: verify,
        server: { startup_ms: server.startupMs, idle_rss_mib: idle, vm_hwm_mib: hwm },
        endpoints: results,
        missing,
        failures,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await client.end();
  }
}

/** A database kept by an earlier run (--keep), measured as it is. */
async function measureExisting(url: string, options: { requests: number; warmup: number }) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let size: { registrations: number; people: number };
  try {
    const { rows } = await client.query<{ registrations: string; people: string }>(
      `select (select count(*) from registrations where substr(municipality_code, 3, 3) <> '000') as registrations,
              (select count(*) from people) as people`,
    );
    size = { registrations: Number(rows[0]?.registrations), people: Number(rows[0]?.people) };
  } finally {
    await client.end();
  }
  return measureSize(url, { ...size, load: { existing: true } }, options);
}

export async function run(argv: string[]): Promise<BenchmarkOutcome> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'database-url': {
        type: 'string',
        multiple: true,
        default: ['postgres://postgres@127.0.0.1:5432/furusato_dash_bench'],
      },
      sizes: { type: 'string', default: '1000000,100000000' },
      'per-person': { type: 'string', default: '10' },
      requests: { type: 'string', default: '200' },
      warmup: { type: 'string', default: '20' },
      keep: { type: 'boolean', default: false },
      existing: { type: 'boolean', default: false },
    },
  });
  const sizes = (values.sizes as string).split(',').map(Number);
  const perPerson = Number(values['per-person']);
  const options = { requests: Number(values.requests), warmup: Number(values.warmup) };
  if (sizes.length < 1 || sizes.length > 2 || sizes.some((n) => !Number.isSafeInteger(n) || n < perPerson)) {
    throw new UsageError('--sizes: one or two registration counts, e.g. 1000000,100000000');
  }
  if (!(perPerson >= 1) || !(options.requests >= 1) || !(options.warmup >= 0)) {
    throw new UsageError('--per-person, --requests and --warmup are positive numbers');
  }
  const urls = values['database-url'] as string[];
  if (urls.length > (values.existing ? 2 : 1)) {
    throw new UsageError('--database-url: one, or with --existing two (the small and the large database)');
  }
  const url = urls[0] as string;
  const machine = machineInfo();
  const measured: SizeRecord[] = [];
  for (const existing of values.existing ? urls : []) measured.push(await measureExisting(existing, options));
  const scratch = values.existing ? null : await createScratchDatabase(url);
  try {
    if (scratch) {
      const database = await openDatabase({ kind: 'server', url, poolSize: 2 });
      try {
        await prepareDatabase(database.db, { demoData: false });
      } finally {
        await database.close();
      }
    }
    let done = { people: 0, registrations: 0 };
    for (const registrations of scratch ? sizes : []) {
      const people = Math.round(registrations / perPerson);
      const load = await generateBenchData({
        databaseUrl: url,
        people: people - done.people,
        registrations: registrations - done.registrations,
        append: done.people > 0,
        batchPeople: 250_000,
        log: (line) => console.log(`  bench-data: ${line}`),
      });
      done = { people, registrations };
      console.log(`measuring at ${registrations.toLocaleString('en')} registrations …`);
      const size = await measureSize(url, { registrations, people, load: { ...load } }, options);
      measured.push(size);
      // Printed as soon as known: a long run that is stopped later still leaves these figures.
      console.log(JSON.stringify(size));
    }
  } finally {
    if (scratch && !values.keep) await scratch.drop();
  }
  const [small, large] = measured as [SizeRecord, SizeRecord | undefined];
  const comparison = compareSizes(small.endpoints, large?.endpoints ?? null);
  const failures = measured.flatMap((m) => m.failures.map((f) => `${m.registrations}: ${f}`));
  const record = {
    benchmark: 'dashboards',
    valid: failures.length === 0,
    failures,
    targets: {
      p95_ms: TARGET_P95_MS,
      growth: TARGET_GROWTH,
      met: comparison.every((c) => c.p95_met && c.growth_met !== false) && large !== undefined,
    },
    parameters: {
      database_url: urls.map(redactUrl),
      sizes: values.existing ? 'existing' : sizes,
      per_person: perPerson,
      ...options,
      kept: values.keep,
    },
    machine,
    comparison,
    sizes: measured,
  };
  const lines = comparison.map(
    (c) =>
      `${c.endpoint.padEnd(32)} p95 ${String(c.small_p95_ms).padStart(7)} ms → ${String(c.large_p95_ms ?? '-').padStart(7)} ms  growth ${c.growth ?? '-'}`,
  );
  const summary = [
    ...lines,
    ...measured.map(
      (m) =>
        `${m.registrations.toLocaleString('en')} registrations: ${(m.database_bytes / 2 ** 30).toFixed(2)} GiB, verify-counters exit ${m.verify_counters.exit_code}, server peak RSS ${m.server.vm_hwm_mib} MiB, missing: ${m.missing.join(', ') || 'none'}`,
    ),
    `targets (p95 < ${TARGET_P95_MS} ms, growth ≤ ${TARGET_GROWTH}×): ${record.targets.met ? 'met' : 'NOT MET'}`,
  ].join('\n');
  return { record, failures, summary };
}
