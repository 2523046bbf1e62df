// `npm test`: every suite (unit, integration on each engine, browser), then a closing line that
// CI can read. A skipped, focused or to-do test fails the run: a test that does not run proves nothing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const resultsFile = path.join(root, '.vitest', 'results.json');
fs.rmSync(resultsFile, { force: true });

const vitest = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${resultsFile}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);

interface Results {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; assertionResults: { status: string; fullName: string }[] }[];
}

if (!fs.existsSync(resultsFile)) {
  console.error('vitest wrote no results: the run did not complete.');
  process.exit(vitest.status || 1);
}
const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as Results;
const skipped = results.numPendingTests + results.numTodoTests;
const problems: string[] = [];
if (vitest.status !== 0) problems.push(`vitest exited with ${vitest.status}`);
if (results.numTotalTests === 0) problems.push('no test ran');
if (skipped > 0) {
  const names = results.testResults.flatMap((file) =>
    file.assertionResults
      .filter((a) => a.status === 'pending' || a.status === 'todo' || a.status === 'skipped')
      .map((a) => `${path.relative(root, file.name)} › ${a.fullName}`),
  );
  problems.push(`${skipped} test(s) skipped:\n  ${names.join('\n  ')}`);
}

console.log(`\n${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`);
if (problems.length > 0) {
  console.error(`\nnpm test failed: ${problems.join('; ')}`);
  process.exit(1);
}
