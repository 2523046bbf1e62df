import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { prepareDatabase } from '../src/db/prepare.ts';
import { DEMO_ACCOUNT_ID, DEMO_PIN, type DevIdp, startDevIdp } from '../src/modules/identity/dev-idp.ts';
import { CALLBACK_PATH } from '../src/modules/identity/index.ts';
import { generateClientKey, publicJwkOf } from '../src/modules/identity/keys.ts';
import { signInWithCode } from './support/accounts.ts';
import { CHROMIUM_PATH } from './support/chromium-path.ts';
import { checkPage } from './support/harness.ts';

// The shared harness builds an app without an identity provider, so this file sets up its own from the same
// pieces: the dev IdP (oidc-provider) on one port, the app configured for it on another, Debian's Chromium.

const CLIENT_ID = 'furusato-e2e';

let idp: DevIdp;
let database: Database;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

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

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const clientKey = generateClientKey();
  idp = await startDevIdp({
    port: 0,
    clientId: CLIENT_ID,
    clientJwks: { keys: [publicJwkOf(clientKey)] },
    redirectUri: `${baseUrl}${CALLBACK_PATH}`,
    loginHint: `デモ用の利用者ID「${DEMO_ACCOUNT_ID}」、暗証番号「${DEMO_PIN}」でログインできます。`,
  });
  database = await openDatabase({ kind: 'memory' });
  await prepareDatabase(database.db, { demoData: true });
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    RATE_LIMIT_PER_MINUTE: '100000',
    SIGN_IN_RATE_LIMIT: '1000',
    IDENTITY_ISSUER_URL: idp.issuer,
    IDENTITY_CLIENT_ID: CLIENT_ID,
    IDENTITY_PRIVATE_JWK: JSON.stringify(clientKey),
  });
  app = await buildApp({ config, database });
  await app.listen({ host: '127.0.0.1', port });
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-quic'],
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
  await idp?.close();
});

/** A fresh browser with one page, signed in as `address` through the sign-in page; ends on /account. */
async function signedIn(address: string): Promise<{ page: Page; errors: string[]; visited: string[] }> {
  const context = await browser.newContext({ baseURL: baseUrl });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  const visited: string[] = [];
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console: ${message.text()}`);
    }
  });
  // Every address the tab arrives at, so a query the page tidies away afterwards can still be checked.
  page.on('request', (request) => {
    if (request.isNavigationRequest()) visited.push(request.url());
  });
  await page.goto('/sign-in');
  await signInWithCode(page, address);
  return { page, errors, visited };
}

async function startVerificationFromAccountPage(page: Page): Promise<void> {
  await page.getByText('本人確認はまだ済んでいません。').waitFor();
  await page.getByRole('button', { name: 'マイナンバーカードで本人確認する' }).click();
  await page.getByRole('heading', { level: 1, name: 'マイナンバーカードでログイン' }).waitFor();
  expect(page.url().startsWith(`${idp.issuer}/interaction/`)).toBe(true);
}

async function logInAtProvider(page: Page, pin = DEMO_PIN): Promise<void> {
  await page.getByLabel('利用者ID').fill(DEMO_ACCOUNT_ID);
  await page.getByLabel('暗証番号（数字4桁）').fill(pin);
  await page.getByRole('button', { name: 'ログイン' }).click();
}

describe('identity verification with the My Number Card (dev provider)', () => {
  it('verifies from the account page and comes back verified', async () => {
    const { page, errors, visited } = await signedIn('verify.me@example.jp');
    await startVerificationFromAccountPage(page);
    const { title } = await checkPage(page, 'provider: login');
    expect(title).toBe('ログイン | マイナンバーカード認証（開発用）');
    await page.getByText(`デモ用の利用者ID「${DEMO_ACCOUNT_ID}」`).waitFor();

    await logInAtProvider(page);
    await page.getByRole('heading', { level: 1, name: '情報の提供に同意しますか' }).waitFor();
    await checkPage(page, 'provider: consent');
    const asked = await page.getByRole('listitem').allTextContents();
    expect(asked).toEqual(['氏名', '住所', '生年月日']);
    await page.getByRole('button', { name: '同意する' }).click();

    await page.getByRole('heading', { level: 1, name: 'アカウント' }).waitFor();
    await page.getByRole('status').getByText('本人確認が完了しました。').waitFor();
    await page.getByText(/^本人確認済み（.+）$/).waitFor();
    expect(visited.some((url) => url === `${baseUrl}/account?verification=done`)).toBe(true);
    expect(await page.getByRole('button', { name: 'マイナンバーカードで本人確認する' }).count()).toBe(0);
    await checkPage(page, 'account after verification');
    expect(errors).toEqual([]);
  });

  it('says so on a wrong PIN, and reports a refusal back on the account page', async () => {
    const { page, errors, visited } = await signedIn('say.no@example.jp');
    await startVerificationFromAccountPage(page);
    await logInAtProvider(page, '0000');
    await page.getByRole('alert').getByText('利用者IDまたは暗証番号が正しくありません。').waitFor();
    await checkPage(page, 'provider: wrong PIN');

    await logInAtProvider(page);
    await page.getByRole('button', { name: '同意しない' }).click();
    await page.getByRole('heading', { level: 1, name: 'アカウント' }).waitFor();
    await page.getByText('本人確認ができませんでした').waitFor();
    await page.getByText('エラーコード: IDENTITY_VERIFICATION_DENIED').waitFor();
    expect(visited).toContain(`${baseUrl}/account?verification=failed&code=IDENTITY_VERIFICATION_DENIED`);
    await page.getByText('本人確認はまだ済んでいません。').waitFor();
    await checkPage(page, 'account after a refusal');
    expect(errors).toEqual([]);
  });

  it("the provider's error page is accessible too", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${idp.issuer}/auth?client_id=unknown-client&response_type=code&scope=openid`);
    expect(response?.status()).toBe(400);
    await page.getByRole('heading', { level: 1, name: '認証を続けられません' }).waitFor();
    await checkPage(page, 'provider: error page');
    await context.close();
  });
});
