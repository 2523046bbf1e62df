import { describe, expect, it } from 'vitest';
import { latestTicks, parseChildrenCpu } from './lib/cpu.ts';
import {
  connectionArgs,
  parsePgbenchReport,
  parseTransactionLog,
  percentile,
  transactionStats,
} from './lib/pgbench.ts';
import { type StateRow, verificationProblems } from './lib/registration-checks.ts';
import { compare } from './lib/registration-report.ts';
import { makeResidents, RegistrationPlan } from './lib/residents.ts';
import { formatColumns } from './lib/summary.ts';
import {
  type ApiPhaseRecord,
  type BarePhaseRecord,
  bareInsertScript,
  type Reference,
  type ReferencePhaseRecord,
  registrationProblem,
  residentsPerPhase,
  type SameSqlPhaseRecord,
} from './registration.ts';

const REPORT = `pgbench (15.20 (Debian 15.20-0+deb12u1))
transaction type: /tmp/furusato-pgbench-x/script.sql
scaling factor: 1
query mode: prepared
number of clients: 4
number of threads: 2
maximum number of tries: 1
duration: 3 s
number of transactions actually processed: 25472
number of failed transactions: 0 (0.000%)
latency average = 0.470 ms
initial connection time = 9.088 ms
tps = 8504.801647 (without initial connection time)
`;

describe('parsePgbenchReport', () => {
  it('reads transactions, failures, tps and latency from the closing report', () => {
    expect(parsePgbenchReport(REPORT)).toEqual({
      transactions: 25472,
      failed: 0,
      tps: 8504.801647,
      latencyAvgMs: 0.47,
      connectionMs: 9.088,
      queryMode: 'prepared',
    });
  });

  it('refuses output that is not a report rather than inventing figures', () => {
    expect(() => parsePgbenchReport('pgbench: error: connection to server failed\n')).toThrow(/not a pgbench report/);
  });
});

describe('the per-transaction log', () => {
  // client_id transaction_no time(µs) script_no time_epoch time_us
  const log = ['1 1 1832 0 1795722578 637610', '0 1 2696 0 1795722578 637641', '3 7 failed 0 1795722579 100', ''].join(
    '\n',
  );

  it('parses latency and completion time, marking failed transactions', () => {
    expect(parseTransactionLog(log)).toEqual([
      { client: 1, latencyUs: 1832, endUs: 1795722578637610, ok: true },
      { client: 0, latencyUs: 2696, endUs: 1795722578637641, ok: true },
      { client: 3, latencyUs: 0, endUs: 1795722579000100, ok: false },
    ]);
  });

  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('computes latency in ms and transactions per whole second, leaving out a last partial second', () => {
    const start = 1_000_000_000_000;
    const rows = [
      // second 0: three transactions, second 1: one, then one after the 2 s run (dropped from per-second)
      { client: 0, latencyUs: 1000, endUs: start + 1000, ok: true },
      { client: 1, latencyUs: 2000, endUs: start + 500_000, ok: true },
      { client: 0, latencyUs: 3000, endUs: start + 900_000, ok: true },
      { client: 1, latencyUs: 4000, endUs: start + 1_500_000, ok: true },
      { client: 0, latencyUs: 10_000, endUs: start + 2_100_000, ok: true },
      { client: 1, latencyUs: 0, endUs: start + 1_000_000, ok: false },
    ];
    const stats = transactionStats(rows, 2);
    expect(stats.transactions).toBe(5);
    expect(stats.failed).toBe(1);
    expect(stats.latency_ms).toEqual({ mean: 4, p50: 3, p90: 10, p99: 10, max: 10 });
    expect(stats.per_second).toEqual({ mean: 2, p50: 1, min: 1, max: 3, stddev: 1, samples: 2 });
  });

  it('handles a log far longer than a function call can take as arguments', () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => ({
      client: 0,
      latencyUs: 100,
      endUs: 1e15 + i * 10,
      ok: true,
    }));
    expect(transactionStats(rows, 3).per_second.samples).toBe(3);
  });
});

describe('connectionArgs', () => {
  it('turns a URL into libpq options, keeping the password out of argv', () => {
    expect(connectionArgs('postgres://bench:s%40cret@db.example:6543/furusato_bench')).toEqual({
      args: ['-h', 'db.example', '-p', '6543', '-U', 'bench', 'furusato_bench'],
      env: { PGPASSWORD: 's@cret' },
    });
    expect(connectionArgs('postgres://postgres@127.0.0.1/x').args).toEqual([
      '-h',
      '127.0.0.1',
      '-p',
      '5432',
      '-U',
      'postgres',
      'x',
    ]);
  });
});

describe('bareInsertScript', () => {
  it('inserts one row per transaction, spread over as many codes as the API phase or all to 042056', () => {
    expect(bareInsertScript('spread')).toBe(
      "\\set i random(1, :municipalities)\ninsert into bench_bare_registrations (municipality_code, relation_types) values (lpad(:i::text, 6, '0'), '{1,2}');\n",
    );
    expect(bareInsertScript('one-municipality')).toBe(
      "insert into bench_bare_registrations (municipality_code, relation_types) values ('042056', '{1,2}');\n",
    );
  });
});

describe('residents', () => {
  it('have a session cookie and its CSRF token, all distinct', () => {
    const residents = makeResidents(50);
    expect(new Set(residents.map((r) => r.id)).size).toBe(50);
    expect(new Set(residents.map((r) => r.token)).size).toBe(50);
    const [first] = residents;
    expect(first?.cookie).toBe(`furusato_session=${first?.token}`);
    expect(first?.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first?.csrf).not.toBe(first?.token);
  });

  it('are enough for the maximum rate over warm-up and measurement, plus the requests in flight', () => {
    expect(residentsPerPhase(2500, 2, 10, 16)).toBe(30_032);
    expect(residentsPerPhase(333, 0, 1, 4)).toBe(341);
  });
});

describe('RegistrationPlan', () => {
  it('uses each resident once, round-robin over the municipalities, and records the answers', () => {
    const plan = new RegistrationPlan(makeResidents(5), ['011002', '042056']);
    const taken = [plan.take(), plan.take(), plan.take(), plan.take()];
    expect(taken).toEqual([0, 1, 2, 3]);
    expect(taken.map((i) => plan.codeOf(i as number))).toEqual(['011002', '042056', '011002', '042056']);
    plan.answer(0, 201);
    plan.answer(1, 201);
    plan.answer(2, 409);
    expect(plan.counts()).toEqual({ unused: 1, in_flight: 1, created: 2, refused: 1 });
    expect(plan.statuses).toEqual({ 201: 2, 409: 1 });
    expect(plan.stateOf(3)).toBe('in_flight');
    expect(plan.exhausted).toBe(false);
    expect(plan.take()).toBe(4);
    expect(plan.take()).toBeUndefined();
    expect(plan.exhausted).toBe(true);
    expect(plan.used).toBe(5);
  });

  it('needs a municipality', () => {
    expect(() => new RegistrationPlan(makeResidents(1), [])).toThrow();
  });
});

describe('verificationProblems', () => {
  const none = { sessions_refreshed: 0 };
  const rows = (created: Partial<StateRow>, inFlight: Partial<StateRow> = {}, unused: Partial<StateRow> = {}) => [
    {
      state: 'created' as const,
      persons: 100,
      registered: 100,
      implied: 100,
      all_rows: 200,
      events: 200,
      ...none,
      ...created,
    },
    {
      state: 'in_flight' as const,
      persons: 4,
      registered: 3,
      implied: 3,
      all_rows: 6,
      events: 6,
      ...none,
      ...inFlight,
    },
    { state: 'unused' as const, persons: 50, registered: 0, implied: 0, all_rows: 0, events: 0, ...none, ...unused },
  ];
  const limits = { maxInFlight: 8, responses2xx: 100, sessions: 'recent' as const };

  it('accepts a phase where every 201 wrote its registration, prefecture and events', () => {
    expect(verificationProblems('spread c4', rows({}), limits)).toEqual([]);
  });

  it('accepts requests in flight at the end that were written in full or not at all', () => {
    expect(
      verificationProblems('spread c4', rows({}, { registered: 0, implied: 0, all_rows: 0, events: 0 }), limits),
    ).toEqual([]);
  });

  it('names every discrepancy', () => {
    expect(verificationProblems('x', rows({ registered: 99 }), limits)).toEqual([
      'x: 100 registrations answered 201, 99 in the database',
    ]);
    expect(verificationProblems('x', rows({ implied: 0, all_rows: 100 }), limits)).toEqual([
      'x: 0 implied prefecture registrations for 100 registrations',
      'x: 100 registration rows for 100 registrations (expected 2 each)',
    ]);
    expect(verificationProblems('x', rows({ events: 100 }), limits)).toEqual([
      'x: 100 events for 100 registrations (expected 2 each)',
    ]);
    expect(verificationProblems('x', rows({}), { ...limits, responses2xx: 101 })).toEqual([
      'x: 100 residents answered 201 but autocannon counted 101 2xx',
    ]);
    expect(verificationProblems('x', rows({}, { persons: 9 }), limits)).toEqual([
      'x: 9 requests never answered (at most 8 expected)',
    ]);
    expect(verificationProblems('x', rows({}, { events: 5 }), limits)[0]).toMatch(/partial registration/);
    expect(verificationProblems('x', rows({}, {}, { all_rows: 1 }), limits)[0]).toMatch(/sent nothing/);
  });

  it('checks that sessions were refreshed exactly when they were stale', () => {
    expect(verificationProblems('x', rows({ sessions_refreshed: 3 }), limits)).toEqual([
      'x: 3 of 100 sessions refreshed, expected 0 (recent sessions)',
    ]);
    expect(verificationProblems('x', rows({ sessions_refreshed: 100 }), { ...limits, sessions: 'stale' })).toEqual([]);
    expect(verificationProblems('x', rows({}), { ...limits, sessions: 'stale' })).toEqual([
      'x: 0 of 100 sessions refreshed, expected 100 (stale sessions)',
    ]);
  });

  it('treats a missing state as no residents in it', () => {
    expect(
      verificationProblems(
        'x',
        [{ state: 'created', persons: 2, registered: 2, implied: 2, all_rows: 4, events: 4, sessions_refreshed: 0 }],
        { maxInFlight: 0, responses2xx: 2, sessions: 'recent' },
      ),
    ).toEqual([]);
  });
});

describe('registrationProblem', () => {
  const body = {
    id: '7d7e4a44-0b5a-4d8a-9a55-7f4f2f0b8d11',
    municipalityCode: '042056',
    municipalityName: '気仙沼市',
    kind: 'municipality',
    tier: 'basic',
    relationTypes: [1, 2],
    consents: ['name', 'news'],
    implicit: false,
  };

  it('accepts the registration that was asked for', () => {
    expect(registrationProblem(body, '042056')).toBeUndefined();
  });

  it('rejects anything else', () => {
    expect(registrationProblem({ ...body, municipalityCode: '040002' }, '042056')).toMatch(/municipalityCode/);
    expect(registrationProblem({ ...body, implicit: true }, '042056')).toMatch(/implicit/);
    expect(registrationProblem({ ...body, relationTypes: [1] }, '042056')).toMatch(/relationTypes/);
    expect(registrationProblem(null, '042056')).toBe('not an object');
  });
});

describe('compare', () => {
  const phase = (pattern: 'spread' | 'one-municipality', mean: number) =>
    ({
      engine: 'postgres',
      pattern,
      connections: 4,
      rps: { mean, p50: mean, min: mean, max: mean, stddev: 0 },
      latency_ms: { mean: 5, p50: 4, p90: 8, p99: 12, max: 30 },
    }) as unknown as ApiPhaseRecord;
  const bare = (tps: number) =>
    ({ tps, latency_ms: { mean: 0.5, p50: 0.4, p90: 0.9, p99: 2.5, max: 9 } }) as unknown as BarePhaseRecord;

  it('divides the API rate by the bare-insert rate and judges it against the case target', () => {
    expect(compare(phase('spread', 600), bare(1000))).toEqual({
      engine: 'postgres',
      pattern: 'spread',
      connections: 4,
      api_rps: 600,
      api_latency_ms: { p50: 4, p99: 12 },
      bare_tps: 1000,
      bare_latency_ms: { p50: 0.4, p99: 2.5 },
      ratio: 0.6,
      target: 0.6,
      target_met: true,
      same_sql_tps: null,
      same_sql_latency_ms: null,
      api_vs_same_sql: null,
      trivial_rps: null,
      signed_in_read_rps: null,
      signed_in_read_ratio: null,
    });
    expect(compare(phase('spread', 599), bare(1000)).target_met).toBe(false);
    expect(compare(phase('one-municipality', 500), bare(1000))).toMatchObject({ target: 0.5, target_met: true });
    expect(compare(phase('one-municipality', 123), bare(1000))).toMatchObject({ ratio: 0.123, target_met: false });
  });

  it('divides the API rate by the same SQL run by pgbench, beside the bare-insert ratio', () => {
    const sameSql = {
      tps: 1250,
      latency_ms: { mean: 3, p50: 2.9, p90: 4.5, p99: 8.4, max: 27 },
    } as unknown as SameSqlPhaseRecord;
    expect(compare(phase('spread', 500), bare(1000), sameSql)).toMatchObject({
      ratio: 0.5,
      same_sql_tps: 1250,
      same_sql_latency_ms: { p50: 2.9, p99: 8.4 },
      api_vs_same_sql: 0.4,
    });
  });

  it('puts the trivial route and the signed-in read of the same clients beside it', () => {
    const reference = (kind: Reference, connections: number, mean: number) =>
      ({ reference: kind, connections, rps: { mean } }) as unknown as ReferencePhaseRecord;
    const references = [
      reference('trivial', 4, 9000),
      reference('signed-in-read', 4, 800),
      reference('trivial', 16, 20_000),
      reference('signed-in-read', 16, 1500),
    ];
    expect(compare(phase('spread', 500), bare(1000), undefined, references)).toMatchObject({
      trivial_rps: 9000,
      signed_in_read_rps: 800,
      signed_in_read_ratio: 0.8,
    });
    expect(compare(phase('spread', 500), undefined, undefined, references)).toMatchObject({
      signed_in_read_rps: 800,
      signed_in_read_ratio: null,
    });
  });

  it('has no ratio and no verdict without a bare insert to compare with (PGlite)', () => {
    expect(compare(phase('spread', 600), undefined)).toMatchObject({
      bare_tps: null,
      ratio: null,
      target: null,
      target_met: null,
    });
  });
});

describe('CPU of finished children and tracked backends', () => {
  it('reads cutime + cstime of this process', () => {
    const stat = '4242 (node) S 1 4242 4242 0 -1 4194304 100 2000 0 0 700 80 350 40 20 0 11 0 1657 3133440 389';
    expect(parseChildrenCpu(stat)).toBe(390);
  });

  it('keeps the later reading of each backend', () => {
    const merged = latestTicks(
      new Map([
        [1, 10],
        [2, 50],
      ]),
      new Map([
        [2, 40],
        [3, 7],
      ]),
    );
    expect([...merged]).toEqual([
      [1, 10],
      [2, 50],
      [3, 7],
    ]);
  });
});

describe('formatColumns', () => {
  it('left-aligns the name columns and right-aligns the figures', () => {
    const table = formatColumns(
      [{ a: 'x', b: 'long-name', n: 5 }],
      [
        { title: 'a', width: 2, value: (r) => r.a },
        { title: 'b', width: 2, value: (r) => r.b },
        { title: 'n', width: 3, value: (r) => String(r.n) },
      ],
      2,
    );
    expect(table.split('\n')).toEqual(['a   b            n', '--  ---------  ---', 'x   long-name    5']);
  });
});
