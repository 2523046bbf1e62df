import type { Histogram, Result } from 'autocannon';
import { describe, expect, it } from 'vitest';
import { backendDelta, cpuCores, isBackendOf, parseMachineCpu, parseProcessCpu } from './lib/cpu.ts';
import { kibToMiB, parseProcStatus } from './lib/rss.ts';
import { formatTable, phaseFailures, resultFileName, summarisePhase, withRatios } from './lib/summary.ts';

const STATUS = `Name:\tnode
Umask:\t0022
State:\tS (sleeping)
Pid:\t4242
VmPeak:\t11745632 kB
VmSize:\t11700000 kB
VmHWM:\t  796160 kB
VmRSS:\t  716902 kB
RssAnon:\t  650000 kB
Threads:\t11
`;

function histogram(values: Partial<Histogram>): Histogram {
  const zero = {
    average: 0,
    mean: 0,
    stddev: 0,
    min: 0,
    max: 0,
    p1: 0,
    p2_5: 0,
    p10: 0,
    p25: 0,
    p50: 0,
    p75: 0,
    p90: 0,
    p97_5: 0,
    p99: 0,
    p99_9: 0,
    p99_99: 0,
    p99_999: 0,
  };
  return { ...zero, ...values };
}

function result(values: Partial<Result> & { rps: number }): Result {
  const { rps, ...rest } = values;
  return {
    url: 'http://127.0.0.1:1',
    requests: histogram({
      average: rps,
      mean: rps,
      p50: rps - 3,
      min: rps - 100,
      max: rps + 50,
      stddev: 12.34,
      total: rps * 10,
    }),
    latency: histogram({ average: 3.456, p50: 3, p90: 5, p99: 11, max: 42 }),
    throughput: histogram({ average: 1234567.8, p50: 1200000 }),
    duration: 10.02,
    samples: 10,
    errors: 0,
    timeouts: 0,
    mismatches: 0,
    non2xx: 0,
    resets: 0,
    start: new Date('2026-11-26T10:00:00.000Z'),
    finish: new Date('2026-11-26T10:00:10.020Z'),
    connections: 10,
    pipelining: 1,
    statusCodeStats: { '200': { count: rps * 10 } },
    '1xx': 0,
    '2xx': rps * 10,
    '3xx': 0,
    '4xx': 0,
    '5xx': 0,
    ...rest,
  };
}

describe('parseProcStatus', () => {
  it('reads VmRSS and VmHWM in KiB from /proc/<pid>/status', () => {
    expect(parseProcStatus(STATUS)).toEqual({ rssKiB: 716902, hwmKiB: 796160 });
  });

  it('fails loudly when a field is missing (e.g. a zombie process has no Vm lines)', () => {
    expect(() => parseProcStatus('Name:\tnode\nState:\tZ (zombie)\n')).toThrow(/VmRSS/);
  });

  it('reads this very process', async () => {
    const { readProcMemory } = await import('./lib/rss.ts');
    const own = await readProcMemory(process.pid);
    expect(own.rssKiB).toBeGreaterThan(1024);
    expect(own.hwmKiB).toBeGreaterThanOrEqual(own.rssKiB);
  });
});

describe('CPU accounting', () => {
  it('reads busy and total ticks from the aggregate line of /proc/stat (idle and iowait are not busy)', () => {
    const stat = 'cpu  141375 4399 22800 159567 435 0 1230 284 0 0\ncpu0 70749 2223 11261 79817 221 0 552 138 0 0\n';
    expect(parseMachineCpu(stat)).toEqual({ busy: 170088, total: 330090 });
  });

  it('reads utime + stime of a process, even when its name contains spaces and parentheses', () => {
    const stat =
      '27055 (node (main) x) R 27052 27052 6505 0 -1 4194304 102 0 0 0 1234 56 0 0 20 0 11 0 165789 3133440 389';
    expect(parseProcessCpu(stat)).toBe(1290);
  });

  it('turns two snapshots into cores busy, the rest being other work', () => {
    const from = { at: 0, machineBusy: 1000, machineTotal: 5000, server: 100, database: null, client: 200 };
    const to = { at: 10_000, machineBusy: 2900, machineTotal: 7000, server: 1050, database: null, client: 850 };
    // 10 s at 100 ticks/s: machine 1900 ticks = 1.9 cores, server 950 = 0.95, client 650 = 0.65
    expect(cpuCores(from, to, 100)).toEqual({ machine: 1.9, server: 0.95, database: null, client: 0.65, other: 0.3 });
  });

  it('counts the PostgreSQL backends apart from other work', () => {
    const before = new Map([
      [101, 200],
      [102, 300],
    ]);
    const after = new Map([
      [101, 500],
      [102, 400],
    ]);
    const from = { at: 0, machineBusy: 0, machineTotal: 0, server: 0, database: before, client: 0 };
    const to = { at: 5000, machineBusy: 950, machineTotal: 1000, server: 400, database: after, client: 100 };
    expect(cpuCores(from, to, 100)).toEqual({ machine: 1.9, server: 0.8, database: 0.8, client: 0.2, other: 0.1 });
  });

  it('counts a backend that started in between in full and never goes negative when one ended', () => {
    const before = new Map([
      [101, 200],
      [102, 300],
    ]);
    // 102 exited (the pool closed it), 103 is new
    const after = new Map([
      [101, 260],
      [103, 40],
    ]);
    expect(backendDelta(before, after)).toBe(100);
  });

  it('recognises the backends of one database by their process title', () => {
    const backend = 'postgres: 15/main: postgres furusato_bench 127.0.0.1(52344) idle\0\0\0';
    expect(isBackendOf(backend, 'furusato_bench')).toBe(true);
    expect(isBackendOf(backend, 'furusato')).toBe(false);
    expect(isBackendOf('postgres: 15/main: checkpointer ', 'furusato_bench')).toBe(false);
    expect(isBackendOf('node\0bench/run.ts\0furusato_bench\0', 'furusato_bench')).toBe(false);
  });
});

describe('kibToMiB', () => {
  it('converts with one decimal', () => {
    expect(kibToMiB(716902)).toBe(700.1);
    expect(kibToMiB(1024)).toBe(1);
  });
});

describe('summarisePhase', () => {
  const phase = summarisePhase({
    name: 'search',
    description: 'search',
    paths: ['/a', '/b'],
    result: result({ rps: 2000 }),
    warmup: result({ rps: 1500, duration: 2 }),
    rssSamples: [
      { t: 0, rssKiB: 600 * 1024 },
      { t: 100, rssKiB: 700 * 1024 },
      { t: 200, rssKiB: 650 * 1024 },
    ],
    hwmKiBAfter: 720 * 1024,
  });

  it('keeps rps, latency, throughput and counts from the autocannon result', () => {
    expect(phase.rps).toEqual({ mean: 2000, p50: 1997, min: 1900, max: 2050, stddev: 12.3 });
    expect(phase.latency_ms).toEqual({ mean: 3.46, p50: 3, p90: 5, p99: 11, max: 42 });
    expect(phase.throughput_bytes_per_s).toEqual({ mean: 1234568, p50: 1200000 });
    expect(phase.requests_total).toBe(20000);
    expect(phase.status_codes).toEqual({ '200': 20000 });
    expect(phase.started_at).toBe('2026-11-26T10:00:00.000Z');
    expect(phase.duration_s).toBe(10.02);
    expect(phase.warmup).toEqual({ duration_s: 2, requests_total: 15000, errors: 0, non_2xx: 0 });
  });

  it('takes the peak and mean of the RSS samples and the high-water mark after', () => {
    expect(phase.rss).toEqual({ peak_mib: 700, mean_mib: 650, samples: 3, vm_hwm_mib_after: 720 });
  });

  it('has no RSS peak without samples rather than a made-up one', () => {
    const none = summarisePhase({
      name: 'x',
      description: 'x',
      paths: ['/'],
      result: result({ rps: 1 }),
      rssSamples: [],
      hwmKiBAfter: 2048,
    });
    expect(none.rss).toEqual({ peak_mib: null, mean_mib: null, samples: 0, vm_hwm_mib_after: 2 });
    expect(none.warmup).toBeNull();
  });
});

describe('withRatios', () => {
  const make = (name: string, rps: number) =>
    summarisePhase({ name, description: name, paths: ['/'], result: result({ rps }), rssSamples: [], hwmKiBAfter: 0 });

  it('divides each mean rps by the trivial phase', () => {
    const phases = withRatios([make('trivial', 8000), make('search', 2000), make('by-code', 3000)], 'trivial');
    expect(phases.map((p) => p.ratio_vs_trivial)).toEqual([1, 0.25, 0.375]);
  });

  it('leaves the ratio empty when there is no trivial phase to divide by', () => {
    expect(withRatios([make('search', 2000)], 'trivial')[0]?.ratio_vs_trivial).toBeNull();
  });
});

describe('phaseFailures', () => {
  const summarise = (r: Result, warmup?: Result) =>
    summarisePhase({
      name: 'search',
      description: '',
      paths: ['/'],
      result: r,
      warmup,
      rssSamples: [],
      hwmKiBAfter: 0,
    });

  it('accepts a clean phase', () => {
    expect(phaseFailures(summarise(result({ rps: 100 })))).toEqual([]);
  });

  it('rejects rate-limited and failing responses, naming the status codes', () => {
    const limited = result({
      rps: 100,
      non2xx: 40,
      statusCodeStats: { '200': { count: 960 }, '429': { count: 30 }, '500': { count: 10 } },
    });
    expect(phaseFailures(summarise(limited))).toEqual(['search: 40 non-2xx responses (429×30, 500×10)']);
  });

  it('rejects connection errors and timeouts, also during the warm-up', () => {
    const failing = result({ rps: 100, errors: 3, timeouts: 2 });
    expect(phaseFailures(summarise(result({ rps: 100 }), failing))).toEqual([
      'search: warm-up had 3 errors and 0 non-2xx responses',
    ]);
    expect(phaseFailures(summarise(failing))).toEqual(['search: 3 errors (2 timeouts)']);
  });

  it('rejects a phase with no responses at all', () => {
    const empty = result({ rps: 0, statusCodeStats: {} });
    expect(phaseFailures(summarise(empty))).toEqual(['search: no responses']);
  });
});

describe('formatTable', () => {
  it('prints one aligned row per phase', () => {
    const phase = withRatios(
      [
        summarisePhase({
          name: 'trivial',
          description: '',
          paths: ['/'],
          result: result({ rps: 9000 }),
          cpuCores: { machine: 1.6, server: 1, database: null, client: 0.6, other: 0 },
          rssSamples: [{ t: 0, rssKiB: 1024 * 512 }],
          hwmKiBAfter: 0,
        }),
      ],
      'trivial',
    );
    const lines = formatTable(phase).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^phase\s+req\/s mean\s+req\/s p50\s+p50 ms/);
    expect(lines[2]).toMatch(/^trivial\s+9000\s+8997\s+3\s+5\s+11\s+42\s+1\.000\s+512\.0\s+1\.00\s+-\s+0\.00\s+0\s+0$/);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });
});

describe('resultFileName', () => {
  it('uses a UTC ISO timestamp without colons or milliseconds', () => {
    const at = new Date('2026-11-26T17:22:10.019Z');
    expect(resultFileName('municipality-search', at)).toBe('municipality-search-2026-11-26T17-22-10Z.json');
    expect(resultFileName('municipality-search', at, '-failed')).toBe(
      'municipality-search-2026-11-26T17-22-10Z-failed.json',
    );
  });
});
