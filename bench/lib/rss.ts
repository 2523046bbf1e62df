import { readFile } from 'node:fs/promises';

export interface ProcMemory {
  /** Resident set size now (VmRSS), KiB. */
  rssKiB: number;
  /** Peak resident set size since the process started (VmHWM, "high water mark"), KiB. */
  hwmKiB: number;
}

/** Reads VmRSS and VmHWM out of the text of /proc/<pid>/status (values are in kB, which the kernel means as KiB). */
export function parseProcStatus(text: string): ProcMemory {
  const field = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+(\\d+)\\s+kB$`, 'm').exec(text);
    if (!match?.[1]) throw new Error(`${name} not found in /proc/<pid>/status`);
    return Number(match[1]);
  };
  return { rssKiB: field('VmRSS'), hwmKiB: field('VmHWM') };
}

export function kibToMiB(kib: number): number {
  return Math.round((kib / 1024) * 10) / 10;
}

export async function readProcMemory(pid: number): Promise<ProcMemory> {
  return parseProcStatus(await readFile(`/proc/${pid}/status`, 'utf8'));
}

export interface RssSample {
  /** ms since the sampler started */
  t: number;
  rssKiB: number;
}

/**
 * Samples a process's VmRSS at a fixed interval. Phases take a mark before they start and slice the samples
 * taken since, so every phase gets its own peak from the one sampler.
 */
export class RssSampler {
  readonly samples: RssSample[] = [];
  private readonly pid: number;
  private readonly intervalMs: number;
  private readonly startedAt = performance.now();
  private timer: NodeJS.Timeout | undefined;
  private reading = false;

  constructor(pid: number, intervalMs: number) {
    this.pid = pid;
    this.intervalMs = intervalMs;
  }

  start(): void {
    this.timer = setInterval(() => void this.sample(), this.intervalMs);
  }

  /** Takes one sample now (also used to bracket a phase, so even a short phase has samples). */
  async sample(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      const { rssKiB } = await readProcMemory(this.pid);
      this.samples.push({ t: Math.round(performance.now() - this.startedAt), rssKiB });
    } catch {
      // The process is gone; the caller notices that on its own.
    } finally {
      this.reading = false;
    }
  }

  mark(): number {
    return this.samples.length;
  }

  since(mark: number): RssSample[] {
    return this.samples.slice(mark);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
