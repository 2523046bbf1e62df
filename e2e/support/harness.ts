import net from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { prepareDatabase } from '../../src/db/prepare.ts';
import { createMailer } from '../../src/modules/mail/mailer.ts';
import { CHROMIUM_PATH } from './chromium-path.ts';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught exceptions and console errors (CSP violations among them) seen so far on this page. */
  errors: string[];
}

export interface Harness {
  /** `http://localhost:<port>`: the address the browser, the e-mailed links and passkeys use. */
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (own storage, own service worker) with one page at `path`. */
  open(path: string, options?: BrowserContextOptions): Promise<OpenedPage>;
  stop(): Promise<void>;
}

/**
 * A real server on an ephemeral port with an in-memory PGlite holding the demo data, and a headless
 * Debian Chromium. One per test file: files run one after the other (vitest.config.ts).
 */
export async function startHarness(options: { env?: Record<string, string> } = {}): Promise<Harness> {
  const database: Database = await openDatabase({ kind: 'memory' });
  let app: FastifyInstance | undefined;
  let browser: Browser | undefined;
  try {
    await prepareDatabase(database.db, { demoData: true });
    // A full config from the same loader the CLI uses (never from this process's environment), so that
    // settings added to the app later get their defaults here too. The public address is the one the
    // browser uses, so that the links in e-mails (sign-in links) lead back to this server. No SMTP: mail
    // stays in the developer mailbox (/dev/mail). The browser uses `localhost`, not 127.0.0.1: passkeys are
    // bound to a domain (WebAuthn refuses IP addresses), and localhost is the one secure context over http.
    const port = await freePort();
    const baseUrl = `http://localhost:${port}`;
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      RATE_LIMIT_PER_MINUTE: '100000',
      SIGN_IN_RATE_LIMIT: '1000',
      ...options.env,
    });
    // With SMTP_URL in `env`, mail goes out over SMTP exactly as in production.
    app = await buildApp({ config, database, mailer: createMailer(config.mail) });
    // localhost is 127.0.0.1 in /etc/hosts here; Chromium tries ::1 too and falls back to it.
    await app.listen({ host: '127.0.0.1', port });
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
      ],
    });
    const contexts: BrowserContext[] = [];
    const running = { app, browser };
    return {
      baseUrl,
      browser,
      async open(path, options = {}) {
        const context = await running.browser.newContext({ baseURL: baseUrl, ...options });
        // Everything here answers within a second or two; a stuck wait should fail long before the test timeout.
        context.setDefaultTimeout(10_000);
        contexts.push(context);
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
        page.on('console', (message) => {
          // An HTTP error status the page handles (404 for an unknown code) is logged too; that is not a fault.
          if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
            errors.push(`console: ${message.text()}`);
          }
        });
        await page.goto(path);
        return { page, context, errors };
      },
      async stop() {
        for (const context of contexts) await context.close().catch(() => {});
        await running.browser.close();
        await running.app.close();
        await database.close();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => {});
    await app?.close().catch(() => {});
    await database.close();
    throw error;
  }
}

/** A port nobody listens on now (the server takes it right after). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Runs axe (WCAG 2.1 A and AA) on the page as it is now; fails listing every serious or critical violation. */
export async function expectAccessible(page: Page, state = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const violations = results.violations.filter((v) => FAILING_IMPACTS.has(v.impact ?? ''));
  if (violations.length === 0) return;
  const lines = violations.flatMap((v) => [
    `- ${v.id} (${v.impact}): ${v.help} ${v.helpUrl}`,
    ...v.nodes.map((node) => `    at ${node.target.join(' ')}: ${node.failureSummary?.replaceAll('\n', ' ')}`),
  ]);
  throw new Error(`Accessibility violations on ${state}:\n${lines.join('\n')}`);
}

/** Exactly one <h1> with text, and a document title that is not empty. */
export async function expectOneHeadingAndTitle(page: Page): Promise<{ heading: string; title: string }> {
  const headings = page.locator('h1');
  // Pages are loaded per route: right after navigation the page's code may still be on its way.
  await headings.first().waitFor();
  const count = await headings.count();
  if (count !== 1) throw new Error(`expected exactly one <h1> on ${page.url()}, found ${count}`);
  const heading = ((await headings.textContent()) ?? '').trim();
  const title = (await page.title()).trim();
  if (!heading) throw new Error(`the <h1> on ${page.url()} is empty`);
  if (!title) throw new Error(`the document title on ${page.url()} is empty`);
  return { heading, title };
}

/** What every visited page state must pass: one h1, a title, and axe. Returns the heading and title. */
export async function checkPage(page: Page, state: string): Promise<{ heading: string; title: string }> {
  const seen = await expectOneHeadingAndTitle(page);
  await expectAccessible(page, state);
  return seen;
}

/** Presses Tab until `target` has focus; fails after `limit` presses. */
export async function tabTo(page: Page, target: Locator, limit = 30): Promise<number> {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab');
    if ((await target.and(page.locator(':focus')).count()) === 1) return presses;
  }
  throw new Error(`Tab did not reach the element within ${limit} presses`);
}

/** Whether `target` has the keyboard focus now. */
export async function hasFocus(target: Locator): Promise<boolean> {
  return (await target.and(target.page().locator(':focus')).count()) === 1;
}
