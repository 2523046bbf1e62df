import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

/** Aggregate CPU time of the whole machine from the first line of /proc/stat, in clock ticks. */
export function parseMachineCpu(procStat: string): { busy: number; total: number } {
  const line = procStat.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) throw new Error('no aggregate cpu line in /proc/stat');
  // user nice system idle iowait irq softirq steal (guest time is already inside user and nice)
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = user + nice + system + idle + iowait + irq + softirq + steal;
  return { busy: total - idle - iowait, total };
}

/** utime + stime of a process (all its threads) from /proc/<pid>/stat, in clock ticks. */
export function parseProcessCpu(pidStat: string): number {
  // The command name (field 2) may contain spaces and parentheses: count fields after the last ')'.
  const fields = pidStat.slice(pidStat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so utime (field 14) and stime (field 15) are at 11 and 12.
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * CPU time of this process's children that have ended and been waited for (cutime + cstime, fields 16 and 17 of
 * /proc/self/stat), in clock ticks: how a load generator run to completion (pgbench) is counted as the client.
 */
export function parseChildrenCpu(selfStat: string): number {
  const fields = selfStat.slice(selfStat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so cutime (field 16) and cstime (field 17) are at 13 and 14.
  return Number(fields[13]) + Number(fields[14]);
}

/**
 * Whether a process command line (NUL-separated, as in /proc/<pid>/cmdline) is a PostgreSQL backend serving
 * `database`: backends retitle themselves `postgres: [cluster: ]user database host(port) state`.
 */
export function isBackendOf(cmdline: string, database: string): boolean {
  const title = cmdline.replace(/\0/g, ' ').trim();
  return title.startsWith('postgres: ') && ` ${title} `.includes(` ${database} `);
}

/** CPU ticks of each local PostgreSQL backend serving `database`, by pid (none when the server is elsewhere). */
async function backendTicks(database: string): Promise<Map<number, number>> {
  const ticks = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!isBackendOf(await readFile(`/proc/${entry}/cmdline`, 'utf8'), database)) continue;
      ticks.set(Number(entry), parseProcessCpu(await readFile(`/proc/${entry}/stat`, 'utf8')));
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}

/**
 * Ticks the backends used between two snapshots. Backends come and go (the pool closes idle connections):
 * one that started in between counts in full; one that ended in between is lost, which undercounts a little.
 */
export function backendDelta(from: Map<number, number>, to: Map<number, number>): number {
  let delta = 0;
  for (const [pid, ticks] of to) delta += Math.max(0, ticks - (from.get(pid) ?? 0));
  return delta;
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

export interface CpuSnapshot {
  at: number;
  machineBusy: number;
  machineTotal: number;
  server: number;
  /** Ticks of the PostgreSQL backends of the benchmark's database by pid; null on PGlite (inside the server). */
  database: Map<number, number> | null;
  /** This process (autocannon runs in it) plus its children that have ended (a pgbench run), in ticks. */
  client: number;
}

export async function cpuSnapshot(serverPid: number, databaseName?: string): Promise<CpuSnapshot> {
  const [machine, server, database, children] = await Promise.all([
    readFile('/proc/stat', 'utf8').then(parseMachineCpu),
    readFile(`/proc/${serverPid}/stat`, 'utf8').then(parseProcessCpu),
    databaseName ? backendTicks(databaseName) : null,
    // The server is a child too, but one that has not ended: it is not in these figures until it is reaped.
    readFile('/proc/self/stat', 'utf8').then(parseChildrenCpu),
  ]);
  const { user, system } = process.cpuUsage();
  return {
    at: performance.now(),
    machineBusy: machine.busy,
    machineTotal: machine.total,
    server,
    database,
    client: ((user + system) / 1e6) * clockTicks() + children,
  };
}

/** Per backend, the later (higher) of two tick readings: merges what a tracker saw into a snapshot. */
export function latestTicks(a: Map<number, number>, b: Map<number, number>): Map<number, number> {
  const merged = new Map(a);
  for (const [pid, ticks] of b) merged.set(pid, Math.max(ticks, merged.get(pid) ?? 0));
  return merged;
}

/**
 * Reads the database's backends every `intervalMs` during a phase, so that backends which end before the phase
 * does (those of a pgbench run) are still counted, up to their last reading, instead of being lost.
 */
export class BackendTracker {
  private readonly seen = new Map<number, number>();
  private readonly database: string;
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;

  constructor(database: string, intervalMs = 250) {
    this.database = database;
    this.intervalMs = intervalMs;
  }

  start(): void {
    this.timer = setInterval(() => {
      this.reading ??= backendTicks(this.database)
        .then((ticks) => {
          for (const [pid, t] of latestTicks(this.seen, ticks)) this.seen.set(pid, t);
        })
        .finally(() => {
          this.reading = undefined;
        });
    }, this.intervalMs);
  }

  /** Stops and returns the last reading of every backend seen. */
  async stop(): Promise<Map<number, number>> {
    clearInterval(this.timer);
    await this.reading;
    return new Map(this.seen);
  }
}

/** The snapshot taken after a phase, completed with the backends a tracker saw end during it. */
export function withTrackedBackends(snapshot: CpuSnapshot, tracked: Map<number, number>): CpuSnapshot {
  return snapshot.database ? { ...snapshot, database: latestTicks(snapshot.database, tracked) } : snapshot;
}

export interface CpuCores {
  machine: number;
  server: number;
  /** PostgreSQL backends of the benchmark database (null on PGlite, where the database is inside the server). */
  database: number | null;
  client: number;
  other: number;
}

/**
 * CPU used between two snapshots, in cores (1.0 = one core fully busy for the whole window): the whole machine,
 * the server process, the PostgreSQL backends, this benchmark process (the load generator) and everything else:
 * other work on the machine that skews the figures (and the kernel's own time, e.g. for loopback networking).
 */
export function cpuCores(from: CpuSnapshot, to: CpuSnapshot, ticks = clockTicks()): CpuCores {
  const seconds = (to.at - from.at) / 1000;
  const cores = (t: number) => Math.round((t / ticks / seconds) * 100) / 100;
  const machine = cores(to.machineBusy - from.machineBusy);
  const server = cores(to.server - from.server);
  const database = from.database && to.database ? cores(backendDelta(from.database, to.database)) : null;
  const client = cores(to.client - from.client);
  const other = Math.max(0, Math.round((machine - server - (database ?? 0) - client) * 100) / 100);
  return { machine, server, database, client, other };
}
