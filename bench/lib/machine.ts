import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { repoRoot } from './server.ts';

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trimEnd();
  } catch {
    return null;
  }
}

export interface MachineInfo {
  cpus: number;
  cpu_model: string;
  total_mem_mib: number;
  platform: string;
  kernel: string;
  arch: string;
  node_version: string;
  /** 1, 5 and 15 minute load averages when the run started: other work on the machine skews every figure. */
  load_avg_at_start: number[];
  git_commit: string | null;
  /** True when the working tree had uncommitted changes, i.e. the commit is not exactly what ran. */
  git_dirty: boolean | null;
  /** The tracked files that differed from the commit, when dirty. */
  git_dirty_files: string[];
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  const status = git(['status', '--porcelain', '--untracked-files=no']);
  return {
    cpus: os.availableParallelism(),
    cpu_model: cpus[0]?.model.trim() ?? 'unknown',
    total_mem_mib: Math.round(os.totalmem() / 1024 / 1024),
    platform: os.platform(),
    kernel: os.release(),
    arch: os.arch(),
    node_version: process.version,
    load_avg_at_start: os.loadavg().map((n) => Math.round(n * 100) / 100),
    git_commit: git(['rev-parse', 'HEAD']),
    git_dirty: status === null ? null : status.length > 0,
    git_dirty_files: status ? status.split('\n').map((line) => line.slice(3)) : [],
  };
}
