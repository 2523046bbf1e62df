import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { round } from './summary.ts';

// pgbench (PostgreSQL's own load generator, in C) running a custom script: the database's rate for the
// same clients without any application in between, the yardstick of an API benchmark.

/** What pgbench prints at the end of a run. */
export interface PgbenchReport {
  transactions: number;
  failed: number;
  /** Transactions per second, excluding the time to open the connections. */
  tps: number;
  latencyAvgMs: number | null;
  connectionMs: number | null;
  queryMode: string | null;
}

function numberAfter(text: string, pattern: RegExp): number | null {
  const match = pattern.exec(text);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** Parses pgbench's closing report (PostgreSQL 15: "tps = 8504.80 (without initial connection time)"). */
export function parsePgbenchReport(stdout: string): PgbenchReport {
  const transactions = numberAfter(stdout, /^number of transactions actually processed: (\d+)/m);
  const tps = numberAfter(stdout, /^tps = ([\d.]+) \(without initial connection time\)/m);
  if (transactions === null || tps === null) throw new Error(`not a pgbench report:\n${stdout}`);
  return {
    transactions,
    failed: numberAfter(stdout, /^number of failed transactions: (\d+)/m) ?? 0,
    tps,
    latencyAvgMs: numberAfter(stdout, /^latency average = ([\d.]+) ms/m),
    connectionMs: numberAfter(stdout, /^initial connection time = ([\d.]+) ms/m),
    queryMode: /^query mode: (\S+)/m.exec(stdout)?.[1] ?? null,
  };
}

/** One line of pgbench's per-transaction log (-l): who, how long, and when it ended. */
export interface LoggedTransaction {
  client: number;
  latencyUs: number;
  /** Completion time, microseconds since the epoch. */
  endUs: number;
  /** false for a transaction that failed or was skipped (its time field is not a number). */
  ok: boolean;
}

/**
 * Parses a per-transaction log: `client_id transaction_no time script_no time_epoch time_us [...]`, where
 * `time` is the latency in µs and `time_epoch`, `time_us` the moment it completed.
 */
export function parseTransactionLog(text: string): LoggedTransaction[] {
  const rows: LoggedTransaction[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [client, , time, , epoch, us] = line.split(' ');
    const latencyUs = Number(time);
    rows.push({
      client: Number(client),
      latencyUs: Number.isFinite(latencyUs) ? latencyUs : 0,
      endUs: Number(epoch) * 1_000_000 + Number(us),
      ok: Number.isFinite(latencyUs),
    });
  }
  return rows;
}

/** The value below which `p` percent of the sorted values lie (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export interface TransactionStats {
  transactions: number;
  failed: number;
  /** From every logged transaction, in ms (the log has µs resolution). */
  latency_ms: { mean: number; p50: number; p90: number; p99: number; max: number };
  /** Transactions completed in each whole second of the run (a last, partial second is left out). */
  per_second: { mean: number; p50: number; min: number; max: number; stddev: number; samples: number };
}

/** Latency percentiles and per-second rates of a run `durationS` long, from its transaction log. */
export function transactionStats(rows: readonly LoggedTransaction[], durationS: number): TransactionStats {
  const ok = rows.filter((r) => r.ok);
  const latencies = ok.map((r) => r.latencyUs).sort((a, b) => a - b);
  const ms = (us: number) => round(us / 1000, 3);
  const mean = latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : Number.NaN;
  // The run started when the first transaction began: its completion time minus its latency.
  let start = Number.POSITIVE_INFINITY;
  for (const r of ok) start = Math.min(start, r.endUs - r.latencyUs);
  const seconds = new Array<number>(Math.floor(durationS)).fill(0);
  for (const r of ok) {
    const second = Math.floor((r.endUs - start) / 1_000_000);
    if (second >= 0 && second < seconds.length) seconds[second] = (seconds[second] ?? 0) + 1;
  }
  const sortedSeconds = [...seconds].sort((a, b) => a - b);
  const perSecondMean = seconds.length ? seconds.reduce((a, b) => a + b, 0) / seconds.length : 0;
  const variance = seconds.length
    ? seconds.reduce((a, b) => a + (b - perSecondMean) ** 2, 0) / seconds.length
    : Number.NaN;
  return {
    transactions: ok.length,
    failed: rows.length - ok.length,
    latency_ms: {
      mean: ms(mean),
      p50: ms(percentile(latencies, 50)),
      p90: ms(percentile(latencies, 90)),
      p99: ms(percentile(latencies, 99)),
      max: ms(latencies.at(-1) ?? Number.NaN),
    },
    per_second: {
      mean: round(perSecondMean, 1),
      p50: percentile(sortedSeconds, 50),
      min: sortedSeconds[0] ?? 0,
      max: sortedSeconds.at(-1) ?? 0,
      stddev: round(Math.sqrt(variance), 1),
      samples: seconds.length,
    },
  };
}

/** The libpq connection arguments of a postgres:// URL (the password goes in the environment, not argv). */
export function connectionArgs(url: string): { args: string[]; env: Record<string, string> } {
  const u = new URL(url);
  const args = ['-h', u.hostname || '127.0.0.1', '-p', u.port || '5432'];
  if (u.username) args.push('-U', decodeURIComponent(u.username));
  const env: Record<string, string> = {};
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  return { args: [...args, decodeURIComponent(u.pathname.replace(/^\//, ''))], env };
}

export interface PgbenchRun {
  argv: string[];
  exitCode: number | null;
  stdout: string;
  stderr: string;
  report: PgbenchReport | null;
  /** Present when the run was logged (`log: true`) and pgbench succeeded. */
  stats: TransactionStats | null;
}

function execute(command: string, argv: string[], env: Record<string, string>) {
  return new Promise<{ exitCode: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('error', reject);
    // 'close' comes after the process was reaped: its CPU time is then in this process's children figures.
    child.once('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

export async function pgbenchVersion(command: string): Promise<string> {
  const { stdout, exitCode } = await execute(command, ['--version'], {});
  if (exitCode !== 0) throw new Error(`${command} --version failed`);
  return stdout.trim();
}

/**
 * Runs pgbench with a custom script for `durationS` seconds (`-n`: no vacuum of its own tables, which this
 * script does not use; `-M prepared`: the script's statement is parsed once per connection).
 */
export async function runPgbench(options: {
  command: string;
  url: string;
  script: string;
  clients: number;
  threads: number;
  durationS: number;
  defines?: Record<string, string | number>;
  log: boolean;
}): Promise<PgbenchRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'furusato-pgbench-'));
  try {
    const scriptFile = path.join(dir, 'script.sql');
    await writeFile(scriptFile, options.script);
    const { args: connection, env } = connectionArgs(options.url);
    const argv = [
      '-n',
      '-M',
      'prepared',
      '-c',
      String(options.clients),
      '-j',
      String(Math.min(options.threads, options.clients)),
      '-T',
      String(options.durationS),
      '-f',
      scriptFile,
      ...Object.entries(options.defines ?? {}).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
      ...(options.log ? ['-l', `--log-prefix=${path.join(dir, 'tx')}`] : []),
      ...connection,
    ];
    const { exitCode, stdout, stderr } = await execute(options.command, argv, env);
    let report: PgbenchReport | null = null;
    let stats: TransactionStats | null = null;
    if (exitCode === 0) {
      report = parsePgbenchReport(stdout);
      if (options.log) {
        const rows: LoggedTransaction[] = [];
        for (const file of (await readdir(dir)).filter((f) => f.startsWith('tx.'))) {
          // Not push(...rows): a thread's log of a fast run has more rows than a call has room for arguments.
          for (const row of parseTransactionLog(await readFile(path.join(dir, file), 'utf8'))) rows.push(row);
        }
        stats = transactionStats(rows, options.durationS);
      }
    }
    const shown = argv.map((a) => a.replace(dir, '<tmp>'));
    return { argv: shown, exitCode, stdout, stderr, report, stats };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
