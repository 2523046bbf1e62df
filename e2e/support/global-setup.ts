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
  const result = await ensureWebBuild({ quiet: true });
  console.log(
    result.built ? `e2e: built the web app (${result.reason})` : 'e2e: web app build is up to date (web/dist)',
  );
}
