// Benchmark dispatcher: `npm run bench -- <name> [options]` runs bench/<name>.ts and writes its JSON record to
// bench/results/<name>-<UTC timestamp>.json (a run that measured errors goes to …-failed.json, which git ignores).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resultFileName } from './lib/summary.ts';
import { type BenchmarkModule, UsageError } from './lib/types.ts';

const benchmarks: Record<string, { description: string; load: () => Promise<BenchmarkModule> }> = {
  'municipality-search': {
    description:
      'municipality search and lookup under autocannon, as a ratio to a trivial route (PGlite or PostgreSQL)',
    load: () => import('./municipality-search.ts'),
  },
  dashboards: {
    description:
      'p50/p95/p99 of each dashboard API at 1 million and 100 million registrations, growth ratio (PostgreSQL)',
    load: () => import('./dashboards.ts'),
  },
  newsletter: {
    description:
      'one newsletter to N registrants (default 1,000,000) through pg-boss to a local SMTP sink, with concurrent read p99 (PostgreSQL)',
    load: () => import('./newsletter.ts'),
  },
  registration: {
    description:
      'registrations/s through the API with 4 and 16 clients, as a ratio to a pgbench bare INSERT (PostgreSQL, PGlite)',
    load: () => import('./registration.ts'),
  },
};

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));

function listBenchmarks(): string {
  const names = Object.entries(benchmarks).map(([name, b]) => `  ${name.padEnd(22)} ${b.description}`);
  return `usage: npm run bench -- <name> [options]   (<name> --help for its options)\n\nbenchmarks:\n${names.join('\n')}`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const entry = name === undefined ? undefined : benchmarks[name];
  if (name === undefined || entry === undefined) {
    if (name !== undefined && name !== '--help' && name !== '-h') console.error(`unknown benchmark: ${name}\n`);
    console.error(listBenchmarks());
    return 2;
  }
  const benchmark = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(benchmark.usage);
    return 0;
  }
  let outcome: Awaited<ReturnType<BenchmarkModule['run']>>;
  try {
    outcome = await benchmark.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${benchmark.usage}`);
      return 2;
    }
    throw error;
  }
  const ok = outcome.failures.length === 0;
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, resultFileName(name, new Date(), ok ? '' : '-failed'));
  await writeFile(file, `${JSON.stringify(outcome.record, null, 2)}\n`);
  console.log(`\n${outcome.summary}\n`);
  if (!ok) {
    console.error(`INVALID RUN: it measured errors, not performance:\n  ${outcome.failures.join('\n  ')}`);
  }
  console.log(`results: ${path.relative(process.cwd(), file)}`);
  return ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
