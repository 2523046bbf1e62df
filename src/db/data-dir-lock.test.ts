import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.ts';

describe('data directory lock', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'furusato-lock-'));
    dirs.push(dir);
    return path.join(dir, 'data');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates the directory and refuses a second holder while the first is alive', () => {
    const dir = freshDir();
    const release = lockDataDir(dir);
    expect(fs.existsSync(path.join(dir, 'furusato.lock'))).toBe(true);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(`pid ${process.pid}`);
    release();
    expect(fs.existsSync(path.join(dir, 'furusato.lock'))).toBe(false);
    lockDataDir(dir)();
  });

  it('takes over a lock left by a process that died', () => {
    const dir = freshDir();
    fs.mkdirSync(dir, { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
    fs.writeFileSync(path.join(dir, 'furusato.lock'), `${dead}\n${os.hostname()}\n2026-01-01T00:00:00Z\n`);
    const release = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'furusato.lock'), 'utf8')).toMatch(new RegExp(`^${process.pid}\n`));
    release();
  });
});
