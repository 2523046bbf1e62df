import type { Result } from 'autocannon';
import type { CpuCores } from './cpu.ts';
import { kibToMiB, type RssSample } from './rss.ts';

/** One measured phase of an HTTP benchmark, as written to the result JSON. */
export interface PhaseRecord {
  name: string;
  description: string;
  /** The request paths, sent in this order round-robin on every connection. */
  paths: string[];
  started_at: string;
  finished_at: string;
  duration_s: number;
  requests_total: number;
  /** Requests per second over the per-second samples: mean, median and the extremes. */
  rps: { mean: number; p50: number; min: number; max: number; stddev: number };
  /** Response latency in milliseconds (autocannon's histogram has whole-millisecond resolution). */
  latency_ms: { mean: number; p50: number; p90: number; p99: number; max: number };
  throughput_bytes_per_s: { mean: number; p50: number };
  errors: number;
  timeouts: number;
  non_2xx: number;
  status_codes: Record<string, number>;
  /** Server process memory: VmRSS sampled during warm-up and measurement; VmHWM read right after. */
  rss: { peak_mib: number | null; mean_mib: number | null; samples: number; vm_hwm_mib_after: number };
  /**
   * CPU used during the measured window, in cores (1 = one core busy throughout): the whole machine, the server
   * process, the PostgreSQL backends, the load generator and everything else (other work skewing the run).
   */
  cpu_cores: CpuCores | null;
  /** The unrecorded warm-up before the measurement; its errors and non-2xx responses fail the run too. */
  warmup: { duration_s: number; requests_total: number; errors: number; non_2xx: number } | null;
  /** This phase's mean requests/s divided by the trivial phase's (1 for the trivial phase itself). */
  ratio_vs_trivial: number | null;
}

export interface PhaseInput {
  name: string;
  description: string;
  paths: string[];
  result: Result;
  warmup?: Result | undefined;
  cpuCores?: CpuCores | undefined;
  rssSamples: RssSample[];
  hwmKiBAfter: number;
}

export const round = (value: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

export function summarisePhase(input: PhaseInput): PhaseRecord {
  const { result, rssSamples } = input;
  const statusCodes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = count;
  const rssValues = rssSamples.map((s) => s.rssKiB);
  return {
    name: input.name,
    description: input.description,
    paths: input.paths,
    started_at: new Date(result.start).toISOString(),
    finished_at: new Date(result.finish).toISOString(),
    duration_s: result.duration,
    requests_total: result.requests.total ?? Object.values(statusCodes).reduce((a, b) => a + b, 0),
    rps: {
      mean: round(result.requests.average, 1),
      p50: result.requests.p50,
      min: result.requests.min,
      max: result.requests.max,
      stddev: round(result.requests.stddev, 1),
    },
    latency_ms: {
      mean: round(result.latency.average, 2),
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    throughput_bytes_per_s: { mean: Math.round(result.throughput.average), p50: result.throughput.p50 },
    errors: result.errors,
    timeouts: result.timeouts,
    non_2xx: result.non2xx,
    status_codes: statusCodes,
    rss: {
      peak_mib: rssValues.length ? kibToMiB(Math.max(...rssValues)) : null,
      mean_mib: rssValues.length ? kibToMiB(rssValues.reduce((a, b) => a + b, 0) / rssValues.length) : null,
      samples: rssValues.length,
      vm_hwm_mib_after: kibToMiB(input.hwmKiBAfter),
    },
    cpu_cores: input.cpuCores ?? null,
    warmup: input.warmup
      ? {
          duration_s: input.warmup.duration,
          requests_total: input.warmup.requests.total ?? 0,
          errors: input.warmup.errors,
          non_2xx: input.warmup.non2xx,
        }
      : null,
    ratio_vs_trivial: null,
  };
}

/** Fills ratio_vs_trivial from the phase named `trivialName`; the ratio is the figure to compare across runs. */
export function withRatios(phases: PhaseRecord[], trivialName: string): PhaseRecord[] {
  const trivial = phases.find((p) => p.name === trivialName);
  const base = trivial?.rps.mean ?? 0;
  return phases.map((p) => ({ ...p, ratio_vs_trivial: base > 0 ? round(p.rps.mean / base, 3) : null }));
}

/** Why a phase measured nothing worth keeping: errors, timeouts, any non-2xx status, or no responses at all. */
export function phaseFailures(phase: PhaseRecord): string[] {
  const failures: string[] = [];
  if (phase.requests_total === 0) failures.push(`${phase.name}: no responses`);
  if (phase.errors > 0) failures.push(`${phase.name}: ${phase.errors} errors (${phase.timeouts} timeouts)`);
  if (phase.non_2xx > 0) {
    const codes = Object.entries(phase.status_codes)
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, n]) => `${code}×${n}`)
      .join(', ');
    failures.push(`${phase.name}: ${phase.non_2xx} non-2xx responses (${codes})`);
  }
  if (phase.warmup && (phase.warmup.errors > 0 || phase.warmup.non_2xx > 0)) {
    failures.push(
      `${phase.name}: warm-up had ${phase.warmup.errors} errors and ${phase.warmup.non_2xx} non-2xx responses`,
    );
  }
  return failures;
}

/** One column of a fixed-width table: its title, minimum width and how a row shows in it. */
export interface Column<T> {
  title: string;
  width: number;
  value: (row: T) => string;
}

const columns: Column<PhaseRecord>[] = [
  { title: 'phase', width: 10, value: (p) => p.name },
  { title: 'req/s mean', width: 10, value: (p) => p.rps.mean.toFixed(0) },
  { title: 'req/s p50', width: 9, value: (p) => String(p.rps.p50) },
  { title: 'p50 ms', width: 6, value: (p) => String(p.latency_ms.p50) },
  { title: 'p90 ms', width: 6, value: (p) => String(p.latency_ms.p90) },
  { title: 'p99 ms', width: 6, value: (p) => String(p.latency_ms.p99) },
  { title: 'max ms', width: 6, value: (p) => String(p.latency_ms.max) },
  { title: 'ratio', width: 5, value: (p) => (p.ratio_vs_trivial === null ? '-' : p.ratio_vs_trivial.toFixed(3)) },
  { title: 'peak RSS MiB', width: 12, value: (p) => (p.rss.peak_mib === null ? '-' : p.rss.peak_mib.toFixed(1)) },
  { title: 'srv CPU', width: 7, value: (p) => (p.cpu_cores ? p.cpu_cores.server.toFixed(2) : '-') },
  { title: 'db CPU', width: 6, value: (p) => (p.cpu_cores?.database == null ? '-' : p.cpu_cores.database.toFixed(2)) },
  { title: 'other CPU', width: 9, value: (p) => (p.cpu_cores ? p.cpu_cores.other.toFixed(2) : '-') },
  { title: 'non-2xx', width: 7, value: (p) => String(p.non_2xx) },
  { title: 'errors', width: 6, value: (p) => String(p.errors) },
];

/** A fixed-width table for the terminal: the first `leftColumns` columns (names) left-aligned, figures right. */
export function formatColumns<T>(rows: T[], cols: Column<T>[], leftColumns = 1): string {
  const cell = (text: string, width: number, i: number) =>
    i < leftColumns ? text.padEnd(width) : text.padStart(width);
  const widths = cols.map((c) => Math.max(c.width, c.title.length, ...rows.map((r) => c.value(r).length)));
  const line = (cells: string[]) => cells.map((text, i) => cell(text, widths[i] ?? 0, i)).join('  ');
  return [
    line(cols.map((c) => c.title)),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(cols.map((c) => c.value(r)))),
  ].join('\n');
}

/** The phases of an HTTP benchmark as a fixed-width table for the terminal. */
export function formatTable(phases: PhaseRecord[]): string {
  return formatColumns(phases, columns);
}

/** `<name>-<UTC timestamp>.json`, the ISO 8601 instant without milliseconds and with `-` for `:` (portable). */
export function resultFileName(name: string, at: Date, suffix = ''): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
  return `${name}-${stamp}${suffix}.json`;
}
