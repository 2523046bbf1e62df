import fs from 'node:fs';
import { ensureWebBuild } from '../../scripts/ensure-web-build.ts';
import { CHROMIUM_PATH } from './chromium-path.ts';

// Browser tests never skip: without a browser or a build they fail and say what to do.
export default async function setup(): Promise<void> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `e2e: ${CHROMIUM_PATH} is missing. Install Debian's Chromium first: apt-get update && apt-get install -y chromium`,
    );
  }
  // Vitest sets NODE_ENV=test, and Vite takes NODE_ENV from the environment: left so, the build would
  // bundle React's development build into web/dist, which `npm start` would then go on serving. The browser
  // tests must test what is served: the production build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  let result: Awaited<ReturnType<typeof ensureWebBuild>>;
  try {
    result = await ensureWebBuild({ quiet: true });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  console.log(
    result.built ? `e2e: built the web app (${result.reason})` : 'e2e: web app build is up to date (web/dist)',
  );
}
