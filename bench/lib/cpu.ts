import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

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
  client: number;
}

export async function cpuSnapshot(serverPid: number): Promise<CpuSnapshot> {
  const [machine, server] = await Promise.all([
    readFile('/proc/stat', 'utf8').then(parseMachineCpu),
    readFile(`/proc/${serverPid}/stat`, 'utf8').then(parseProcessCpu),
  ]);
  const { user, system } = process.cpuUsage();
  return {
    at: performance.now(),
    machineBusy: machine.busy,
    machineTotal: machine.total,
    server,
    client: ((user + system) / 1e6) * clockTicks(),
  };
}

/**
 * CPU used between two snapshots, in cores (1.0 = one core fully busy for the whole window): the whole machine,
 * the server process, this benchmark process (the load generator) and everything else (on PostgreSQL that
 * includes its backends; otherwise it is other work on the machine that skews the figures).
 */
export function cpuCores(
  from: CpuSnapshot,
  to: CpuSnapshot,
  ticks = clockTicks(),
): { machine: number; server: number; client: number; other: number } {
  const seconds = (to.at - from.at) / 1000;
  const cores = (t: number) => Math.round((t / ticks / seconds) * 100) / 100;
  const machine = cores(to.machineBusy - from.machineBusy);
  const server = cores(to.server - from.server);
  const client = cores(to.client - from.client);
  return { machine, server, client, other: Math.max(0, Math.round((machine - server - client) * 100) / 100) };
}
