// Development: the API (restarted on change by node --watch) on :3001 and the Vite dev server (hot reload)
// on :3000, which proxies /api, /healthz and /readyz to the API. Open http://localhost:3000. Ctrl-C stops both.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { ViteDevServer } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const API_PORT = '3001';

function startApi(): ChildProcess {
  return spawn(process.execPath, ['--watch', 'src/cli.ts', 'serve'], {
    cwd: root,
    // Everything the developer set (DATA_DIR, DATABASE_URL, LOG_LEVEL…) goes through; only the port is ours.
    env: { ...process.env, PORT: API_PORT },
    stdio: 'inherit',
  });
}

async function startWeb(): Promise<ViteDevServer> {
  const { createServer } = await import('vite');
  const server = await createServer({ configFile: path.join(root, 'web', 'vite.config.ts') });
  await server.listen();
  server.printUrls();
  return server;
}

const api = startApi();
let web: ViteDevServer | undefined;
let stopping = false;

async function stop(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const apiExited = new Promise<void>((resolve) => {
    if (api.exitCode !== null || api.signalCode !== null) resolve();
    else api.once('exit', () => resolve());
  });
  api.kill('SIGTERM');
  const forced = setTimeout(() => api.kill('SIGKILL'), 10_000);
  forced.unref();
  await Promise.all([web?.close(), apiExited]);
  process.exit(exitCode);
}

api.once('exit', (code, signal) => {
  if (stopping) return;
  console.error(`dev: the API stopped (${signal ?? `exit code ${code}`}); stopping the web dev server too`);
  void stop(code || 1);
});
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

try {
  web = await startWeb();
  console.log(`dev: web app on http://localhost:3000 → API on http://localhost:${API_PORT}. Ctrl-C stops both.`);
} catch (error) {
  console.error('dev: the Vite dev server did not start');
  console.error(error);
  await stop(1);
}
