import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.ts';

// The product as a newcomer runs it: real processes on a real data directory.
const root = path.resolve(import.meta.dirname, '..');

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function runCli(args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, [path.join(root, 'src/cli.ts'), ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForUrl(run: Run): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const match = run.output().match(/Furusato: (http:\/\/\S+)/);
    if (match?.[1]) return match[1];
    if (run.child.exitCode !== null) throw new Error(`server exited early:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start:\n${run.output()}`);
}

describe('furusato CLI on an embedded data directory', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'furusato-cli-'));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('migrates, serves, refuses a second server on the same data, stops cleanly and keeps data', async () => {
    const env = { DATA_DIR: dataDir, PORT: '0' };
    const migrate = runCli(['migrate'], env);
    expect(await migrate.exited).toBe(0);
    expect(migrate.output()).toContain('applied: 0001_municipality_directory');

    const first = runCli(['serve'], env);
    const url = await waitForUrl(first);
    const found = await fetch(`${url}/api/v1/municipalities?q=${encodeURIComponent('けせんぬま')}`).then(
      (r) => r.json() as Promise<{ items: { code: string }[] }>,
    );
    expect(found.items[0]?.code).toBe('042056');

    const second = runCli(['serve'], env);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('別のプロセス');
    expect(second.output()).toContain('is in use by another process');

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'furusato.lock'))).toBe(false);

    const again = runCli(['migrate'], env);
    expect(await again.exited).toBe(0);
    expect(again.output()).toContain('migrations are up to date');

    // The demo registrants' counters equal a recount; one tampered row is found and named.
    const verified = runCli(['verify-counters'], env);
    expect([await verified.exited, verified.output()]).toEqual([
      0,
      expect.stringContaining('counters equal a full recount'),
    ]);
    const database = await openDatabase({ kind: 'embedded', dataDir });
    await database.db
      .updateTable('registration_counters')
      .set((eb) => ({ n: eb('n', '+', 1) }))
      .where('municipality_code', '=', '042056')
      .where('relation_type', '=', 0)
      .execute()
      .then(() => database.close());
    const tampered = runCli(['verify-counters'], env);
    expect(await tampered.exited).toBe(1);
    expect(tampered.output()).toContain('"municipality_code": "042056"');
    // Six real processes, one after another: generous on a loaded 2-core machine.
  }, 120_000);

  it('fails clearly on a bad configuration', async () => {
    const run = runCli(['serve'], { DATA_DIR: dataDir, PORT: 'eighty' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('Invalid configuration');
    expect(run.output()).toContain('PORT');
  });

  it('rejects an unknown command with usage', async () => {
    const run = runCli(['frobnicate'], { DATA_DIR: dataDir });
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('usage: furusato <command>');
  });
});
