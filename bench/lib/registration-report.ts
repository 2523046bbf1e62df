import type {
  ApiPhaseRecord,
  BarePhaseRecord,
  EngineName,
  Pattern,
  Reference,
  ReferencePhaseRecord,
  SameSqlPhaseRecord,
} from '../registration.ts';
import { type Column, formatColumns, round } from './summary.ts';

// The registration benchmark's verdict and tables: each API phase beside pgbench's and the references.

/** The API's rate as a share of the bare insert's, per case (the targets). */
export const TARGETS: Record<Pattern, number> = { spread: 0.6, 'one-municipality': 0.5 };

export interface Comparison {
  engine: EngineName;
  pattern: Pattern;
  connections: number;
  api_rps: number;
  api_latency_ms: { p50: number; p99: number };
  bare_tps: number | null;
  bare_latency_ms: { p50: number; p99: number } | null;
  /** The API's mean registrations/s ÷ pgbench's tps with the same clients and case: the figure. */
  ratio: number | null;
  target: number | null;
  target_met: boolean | null;
  /** pgbench running the API's SQL for one registration, with the same clients and case. */
  same_sql_tps: number | null;
  same_sql_latency_ms: { p50: number; p99: number } | null;
  /** The API's mean registrations/s ÷ the same SQL's tps: what HTTP and Node.js leave of the database's rate. */
  api_vs_same_sql: number | null;
  /** GET /healthz with the same clients (no session, no database): the most any request reaches here. */
  trivial_rps: number | null;
  /** A signed-in read with the same clients (session look-up and one SELECT), and its ratio to the bare insert:
   * the ratio no signed-in request, a write least of all, can pass on this machine. */
  signed_in_read_rps: number | null;
  signed_in_read_ratio: number | null;
}

export function compare(
  phase: ApiPhaseRecord,
  bare: BarePhaseRecord | undefined,
  sameSql?: SameSqlPhaseRecord,
  references: readonly ReferencePhaseRecord[] = [],
): Comparison {
  const reference = (kind: Reference) =>
    references.find((r) => r.reference === kind && r.connections === phase.connections)?.rps.mean ?? null;
  const read = reference('signed-in-read');
  const ratio = bare && bare.tps > 0 ? round(phase.rps.mean / bare.tps, 3) : null;
  const target = bare ? TARGETS[phase.pattern] : null;
  return {
    engine: phase.engine,
    pattern: phase.pattern,
    connections: phase.connections,
    api_rps: phase.rps.mean,
    api_latency_ms: { p50: phase.latency_ms.p50, p99: phase.latency_ms.p99 },
    bare_tps: bare?.tps ?? null,
    bare_latency_ms: bare?.latency_ms ? { p50: bare.latency_ms.p50, p99: bare.latency_ms.p99 } : null,
    ratio,
    target,
    target_met: ratio === null || target === null ? null : ratio >= target,
    same_sql_tps: sameSql?.tps ?? null,
    same_sql_latency_ms: sameSql?.latency_ms ? { p50: sameSql.latency_ms.p50, p99: sameSql.latency_ms.p99 } : null,
    api_vs_same_sql: sameSql && sameSql.tps > 0 ? round(phase.rps.mean / sameSql.tps, 3) : null,
    trivial_rps: reference('trivial'),
    signed_in_read_rps: read,
    signed_in_read_ratio: read !== null && bare && bare.tps > 0 ? round(read / bare.tps, 3) : null,
  };
}

export type Row = {
  comparison: Comparison;
  phase: ApiPhaseRecord;
  bare: BarePhaseRecord | undefined;
  sameSql: SameSqlPhaseRecord | undefined;
};
const dash = '-';
const fixed = (n: number | null | undefined, digits: number) => (n == null ? dash : n.toFixed(digits));
const tableColumns: Column<Row>[] = [
  { title: 'engine', width: 6, value: (r) => r.comparison.engine },
  { title: 'case', width: 16, value: (r) => r.comparison.pattern },
  { title: 'clients', width: 7, value: (r) => String(r.comparison.connections) },
  { title: 'reg/s', width: 6, value: (r) => fixed(r.comparison.api_rps, 0) },
  { title: 'p50 ms', width: 6, value: (r) => String(r.comparison.api_latency_ms.p50) },
  { title: 'p99 ms', width: 6, value: (r) => String(r.comparison.api_latency_ms.p99) },
  { title: 'bare tps', width: 8, value: (r) => fixed(r.comparison.bare_tps, 0) },
  { title: 'bare p50', width: 8, value: (r) => fixed(r.comparison.bare_latency_ms?.p50, 2) },
  { title: 'bare p99', width: 8, value: (r) => fixed(r.comparison.bare_latency_ms?.p99, 2) },
  { title: 'ratio', width: 5, value: (r) => fixed(r.comparison.ratio, 3) },
  { title: 'target', width: 6, value: (r) => (r.comparison.target === null ? dash : `≥${r.comparison.target}`) },
  {
    title: 'met',
    width: 3,
    value: (r) => (r.comparison.target_met === null ? dash : r.comparison.target_met ? 'yes' : 'NO'),
  },
  { title: 'sql tps', width: 7, value: (r) => fixed(r.comparison.same_sql_tps, 0) },
  { title: 'sql p50', width: 7, value: (r) => fixed(r.comparison.same_sql_latency_ms?.p50, 2) },
  { title: 'sql p99', width: 7, value: (r) => fixed(r.comparison.same_sql_latency_ms?.p99, 2) },
  { title: 'vs sql', width: 6, value: (r) => fixed(r.comparison.api_vs_same_sql, 3) },
  { title: 'healthz/s', width: 9, value: (r) => fixed(r.comparison.trivial_rps, 0) },
  { title: 'read/s', width: 6, value: (r) => fixed(r.comparison.signed_in_read_rps, 0) },
  { title: 'read ratio', width: 10, value: (r) => fixed(r.comparison.signed_in_read_ratio, 3) },
  { title: 'srv CPU', width: 7, value: (r) => fixed(r.phase.cpu_cores?.server, 2) },
  { title: 'db CPU', width: 6, value: (r) => fixed(r.phase.cpu_cores?.database, 2) },
  { title: 'client CPU', width: 10, value: (r) => fixed(r.phase.cpu_cores?.client, 2) },
  { title: 'other CPU', width: 9, value: (r) => fixed(r.phase.cpu_cores?.other, 2) },
  { title: 'peak RSS MiB', width: 12, value: (r) => fixed(r.phase.rss.peak_mib, 1) },
  { title: 'non-2xx', width: 7, value: (r) => String(r.phase.non_2xx) },
];

export function formatComparisons(rows: Row[]): string {
  return formatColumns(rows, tableColumns, 2);
}

export const pgbenchColumns = (script: string): Column<BarePhaseRecord | SameSqlPhaseRecord>[] => [
  { title: `pgbench ${script}`, width: 16, value: (b) => b.pattern },
  { title: 'clients', width: 7, value: (b) => String(b.connections) },
  { title: 'tps', width: 6, value: (b) => fixed(b.tps, 0) },
  { title: 'p50 ms', width: 6, value: (b) => fixed(b.latency_ms?.p50, 2) },
  { title: 'p90 ms', width: 6, value: (b) => fixed(b.latency_ms?.p90, 2) },
  { title: 'p99 ms', width: 6, value: (b) => fixed(b.latency_ms?.p99, 2) },
  { title: 'max ms', width: 6, value: (b) => fixed(b.latency_ms?.max, 2) },
  { title: 'db CPU', width: 6, value: (b) => fixed(b.cpu_cores.database, 2) },
  { title: 'client CPU', width: 10, value: (b) => fixed(b.cpu_cores.client, 2) },
  { title: 'other CPU', width: 9, value: (b) => fixed(b.cpu_cores.other, 2) },
  { title: 'failed', width: 6, value: (b) => String(b.failed) },
];
