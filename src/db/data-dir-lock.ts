import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// PGlite has no postmaster: two processes opening one data directory silently corrupt it.
// A lock file holding the owner's pid makes the second process fail fast instead.
const LOCK_FILE = 'furusato.lock';

export class DataDirLockedError extends Error {
  constructor(dataDir: string, owner: string) {
    super(
      `データディレクトリ ${dataDir} は別のプロセス (${owner}) が使用中です。そのプロセスを停止するか、DATA_DIR に別のディレクトリを指定してください。\n` +
        `The data directory ${dataDir} is in use by another process (${owner}). Stop it, or set DATA_DIR to another directory.`,
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock on `dataDir` (created if missing) and returns the function that releases it. */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE);
  const owner = `pid ${process.pid} on ${os.hostname()}`;

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, `${process.pid}\n${os.hostname()}\n${new Date().toISOString()}\n`, { flag: 'wx' });
      const release = () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8').startsWith(`${process.pid}\n`)) fs.unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const [pidText, host] = fs.readFileSync(lockPath, 'utf8').split('\n');
      const pid = Number(pidText);
      const sameHost = host === os.hostname();
      if (Number.isInteger(pid) && pid > 0 && (!sameHost || isAlive(pid))) {
        throw new DataDirLockedError(dataDir, `pid ${pid} on ${host}`);
      }
      // The previous owner died without cleaning up (kill -9, power loss): the lock is stale.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(dataDir, owner);
}
