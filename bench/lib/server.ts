import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = createServer();
  server.listen(0, host);
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (!address || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

export interface ChildServer {
  pid: number;
  baseUrl: string;
  /** What /readyz answered, e.g. { status: 'ready', database: 'pglite' }. */
  ready: Record<string, unknown>;
  startupMs: number;
  /** The last lines the server wrote (stdout and stderr), for diagnosing a failure. */
  output(): string;
  stop(): Promise<void>;
}

const OUTPUT_LINES = 200;

/**
 * Starts `node src/cli.ts serve` as a child process (its own process, so its memory can be read from /proc)
 * with the same Node binary as this process, and waits until GET /readyz answers 200.
 */
export async function startChildServer(options: {
  env: Record<string, string>;
  readyTimeoutMs?: number;
}): Promise<ChildServer> {
  const host = options.env.HOST ?? '127.0.0.1';
  const port = Number(options.env.PORT);
  const baseUrl = `http://${host}:${port}`;
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['src/cli.ts', 'serve'], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > OUTPUT_LINES) lines.splice(0, lines.length - OUTPUT_LINES);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  const output = () => lines.join('\n');

  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exit;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  try {
    if (child.pid === undefined) throw new Error('the server process did not start');
    for (;;) {
      if (exited) throw new Error(`the server exited before it was ready (${JSON.stringify(exited)})`);
      if (Date.now() > deadline) throw new Error('the server was not ready in time');
      try {
        const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2000) });
        if (response.status === 200) {
          const ready = (await response.json()) as Record<string, unknown>;
          return { pid: child.pid, baseUrl, ready, startupMs: Math.round(performance.now() - started), output, stop };
        }
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output()}`);
  }
}
