#!/usr/bin/env node
// Entry point for `npx furusato`. The project runs on Node 22 (the `node` devDependency); when an
// older system node started us, hand over to the pinned one.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}src/cli.ts`;
const major = Number(process.versions.node.split('.')[0]);

if (major >= 22) {
  await import(cli);
} else {
  const pinned = `${root}node_modules/.bin/node`;
  if (!existsSync(pinned)) {
    console.error('Node.js 22 以上が必要です。npm ci を実行してください / Node.js 22+ is required: run npm ci');
    process.exit(1);
  }
  const result = spawnSync(pinned, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
