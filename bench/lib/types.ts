/** What a benchmark hands back to bench/run.ts, which writes `record` as JSON and prints `summary`. */
export interface BenchmarkOutcome {
  record: Record<string, unknown>;
  /** Empty when the run is valid; otherwise why it measured nothing worth keeping (the run exits non-zero). */
  failures: string[];
  /** A short human-readable summary for the terminal. */
  summary: string;
}

/** Every bench/<name>.ts exports these two. */
export interface BenchmarkModule {
  usage: string;
  run(argv: string[]): Promise<BenchmarkOutcome>;
}

/** Bad command-line arguments: bench/run.ts prints the message and the usage and exits 2. */
export class UsageError extends Error {}
