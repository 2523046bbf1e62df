// Builds the web app (web/ → web/dist) when it is missing or out of date; `--force` always builds,
// `--verbose` shows Vite's report.
// `npm start` runs this before the server, so a fresh clone serves the app without a separate build step.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const webDir = path.join(root, 'web');
const distDir = path.join(webDir, 'dist');
const stampFile = path.join(distDir, '.build-stamp');
const viteConfig = path.join(webDir, 'vite.config.ts');
// Outside web/, only the lockfile decides what gets bundled.
const extraInputs = [path.join(root, 'package-lock.json')];
const skippedDirs = new Set([distDir, path.join(webDir, 'node_modules')]);

export interface EnsureWebBuildResult {
  built: boolean;
  /** 'kept': inputs changed but Vite is not installed (a production install); the existing build is served. */
  reason: 'forced' | 'missing' | 'changed' | 'up-to-date' | 'kept';
  ms: number;
}

/**
 * A fingerprint of every input's path, size and modification time. Comparing it with the one stored at the
 * last build also notices deleted files and files restored with an older time stamp (git checkout).
 */
export function inputFingerprint(): string {
  const files: string[] = [...extraInputs];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skippedDirs.has(full)) walk(full);
      } else if (entry.isFile()) files.push(full);
    }
  };
  walk(webDir);
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    hash.update(`${path.relative(root, file)}\0${stat?.size ?? -1}\0${stat?.mtimeMs ?? -1}\n`);
  }
  return hash.digest('hex');
}

function readStamp(): string | null {
  try {
    return fs.readFileSync(stampFile, 'utf8').trim();
  } catch {
    return null;
  }
}

export async function ensureWebBuild(
  options: { force?: boolean; quiet?: boolean } = {},
): Promise<EnsureWebBuildResult> {
  const started = performance.now();
  const fingerprint = inputFingerprint();
  let reason: EnsureWebBuildResult['reason'];
  if (options.force) reason = 'forced';
  else if (!fs.existsSync(path.join(distDir, 'index.html'))) reason = 'missing';
  else if (readStamp() !== fingerprint) reason = 'changed';
  else return { built: false, reason: 'up-to-date', ms: performance.now() - started };

  // Vite is loaded only when there is something to build, which keeps the up-to-date check quick.
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch (error) {
    const canKeep = reason === 'changed' && (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND';
    if (canKeep) return { built: false, reason: 'kept', ms: performance.now() - started };
    throw error;
  }
  const { build } = vite;
  // Vite takes NODE_ENV from the environment: under Vitest (NODE_ENV=test) it would bundle React's
  // development build into web/dist, which `npm start` would then go on serving. web/dist is always
  // the production build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: viteConfig, logLevel: options.quiet ? 'warn' : 'info' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  fs.writeFileSync(stampFile, `${fingerprint}\n`);
  return { built: true, reason, ms: performance.now() - started };
}

function describe(result: EnsureWebBuildResult): string {
  const seconds = (result.ms / 1000).toFixed(1);
  if (result.reason === 'kept') return 'web app: Vite is not installed (production install): serving web/dist as built';
  if (!result.built) return `web app: up to date (web/dist, checked in ${Math.round(result.ms)} ms)`;
  const why: Record<EnsureWebBuildResult['reason'], string> = {
    forced: '--force',
    missing: 'no build yet',
    changed: 'inputs changed',
    'up-to-date': '',
    kept: '',
  };
  return `web app: built web/dist in ${seconds} s (${why[result.reason]})`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    // One line by default; --verbose shows Vite's own report (every file with its size).
    const result = await ensureWebBuild({
      force: process.argv.includes('--force'),
      quiet: !process.argv.includes('--verbose'),
    });
    console.log(describe(result));
  } catch (error) {
    console.error('web app: build failed');
    console.error(error);
    process.exit(1);
  }
}
