import type { JsonWebKey } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { CustomFetch } from 'openid-client';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.ts';
import { buildApp } from '../../app.ts';
import type { Engine } from '../../db/database.ts';
import { prepareDatabase } from '../../db/prepare.ts';
import { DEMO_ACCOUNT_ID, DEMO_ACCOUNTS, DEMO_PIN, type DevIdp, type DevIdpAccount, startDevIdp } from './dev-idp.ts';
import { CALLBACK_PATH } from './index.ts';
import { generateClientKey, publicJwkOf } from './keys.ts';
import { createIdentityProvider, type IdentityProvider } from './provider.ts';

// Test support: drives the dev IdP over real HTTP the way a browser does (cookies, redirects followed by
// hand, its forms posted), and stops at the redirect back to the app.

export interface IdpLogin {
  login?: string;
  pin?: string;
  /** false presses 「同意しない」 on the consent page. */
  consent?: boolean;
}

function formAction(html: string, step: 'login' | 'confirm' | 'abort'): string | undefined {
  return new RegExp(`action="([^"]+/${step})"`).exec(html)?.[1];
}

/** Follows the provider from its authorization URL to the app's callback URL, logging in on the way. */
export async function loginAtDevIdp(authorizationUrl: string, redirectUri: string, as: IdpLogin = {}): Promise<URL> {
  const cookies = new Map<string, string>();
  let url = authorizationUrl;
  let form: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    if (url.startsWith(`${redirectUri}?`)) return new URL(url);
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      body: form,
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const header of response.headers.getSetCookie()) {
      const pair = header.split(';')[0] ?? '';
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (value) cookies.set(name, value);
      else cookies.delete(name);
    }
    form = undefined;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).href;
      continue;
    }
    const html = await response.text();
    const login = formAction(html, 'login');
    const confirm = formAction(html, 'confirm');
    if (login && !html.includes('role="alert"')) {
      form = new URLSearchParams({ login: as.login ?? DEMO_ACCOUNT_ID, pin: as.pin ?? DEMO_PIN });
      url = new URL(login, url).href;
    } else if (confirm) {
      url = new URL(as.consent === false ? (formAction(html, 'abort') ?? '') : confirm, url).href;
      form = new URLSearchParams();
    } else {
      throw new Error(`unexpected answer from the IdP at ${url}: ${response.status}\n${html.slice(0, 800)}`);
    }
  }
  throw new Error('the IdP did not send the browser back within 20 steps');
}

export const TEST_CLIENT_ID = 'furusato-test';
export const TEST_PUBLIC_URL = 'http://localhost:3000';
export const TEST_REDIRECT_URI = `${TEST_PUBLIC_URL}${CALLBACK_PATH}`;

/** More residents of the dev IdP, to check how addresses become municipalities. */
export const TEST_ACCOUNTS: Record<string, DevIdpAccount> = {
  ...DEMO_ACCOUNTS,
  sendai: {
    pin: '2222',
    claims: {
      name: '仙台 花子',
      birthdate: '1985-07-07',
      address: { formatted: '宮城県仙台市青葉区国分町3-7-1', region: '宮城県', locality: '仙台市青葉区' },
    },
  },
  abroad: {
    pin: '3333',
    claims: { name: '海外 次郎', birthdate: '1970-01-01', address: { formatted: '10 Downing Street, London' } },
  },
};

export interface IdentityTestBed {
  app: FastifyInstance;
  testDatabase: TestDatabase;
  /** The provider the app is configured with. */
  idp: DevIdp;
  /** A second provider that knows the same client: its codes and tokens must be refused. */
  otherIdp: DevIdp;
  clientKey: JsonWebKey;
  /** A client for the app's provider, as the app builds it, optionally with a replaced HTTP client. */
  providerFor(fetch?: CustomFetch): IdentityProvider;
  close(): Promise<void>;
}

/** An app configured for identity verification against a dev IdP, on its own database, with demo data. */
export async function startIdentityTestBed(engine: Engine): Promise<IdentityTestBed> {
  const clientKey = generateClientKey();
  const idpOptions = {
    port: 0,
    clientId: TEST_CLIENT_ID,
    clientJwks: { keys: [publicJwkOf(clientKey)] },
    redirectUri: TEST_REDIRECT_URI,
    accounts: TEST_ACCOUNTS,
  };
  const idp = await startDevIdp(idpOptions);
  const otherIdp = await startDevIdp(idpOptions);
  const testDatabase = await createTestDatabase(engine);
  await prepareDatabase(testDatabase.database.db, { demoData: true });
  const identity = { issuerUrl: idp.issuer, clientId: TEST_CLIENT_ID, privateJwk: clientKey };
  const app = await buildApp({
    config: {
      env: 'test',
      logLevel: 'silent',
      rateLimitPerMinute: 100_000,
      signInRateLimit: 10_000,
      publicUrl: TEST_PUBLIC_URL,
      cookieSecure: false,
      identity,
    },
    database: testDatabase.database,
    webDistDir: '/nonexistent',
  });
  await app.ready();
  return {
    app,
    testDatabase,
    idp,
    otherIdp,
    clientKey,
    providerFor: (fetch) => createIdentityProvider({ ...identity, redirectUri: TEST_REDIRECT_URI, fetch }),
    async close() {
      await app.close();
      await testDatabase.drop();
      await idp.close();
      await otherIdp.close();
    },
  };
}
