import { type JsonWebKey, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { consentPage, errorPage, loginPage } from './dev-idp-pages.ts';
import { generateSigningKey } from './keys.ts';

export interface DevIdpAccount {
  /** The 4-digit PIN of the card's user certificate (利用者証明用電子証明書), here just a password. */
  pin: string;
  claims: {
    name: string;
    birthdate: string;
    address: { formatted?: string; region?: string; locality?: string; street_address?: string };
  };
}

export const DEMO_ACCOUNT_ID = 'demo';
export const DEMO_PIN = '1234';

export const DEMO_ACCOUNTS: Record<string, DevIdpAccount> = {
  [DEMO_ACCOUNT_ID]: {
    pin: DEMO_PIN,
    claims: {
      name: 'ふるさと 太郎',
      birthdate: '1990-04-01',
      address: { formatted: '宮城県気仙沼市八日町1-1-1', region: '宮城県', locality: '気仙沼市' },
    },
  },
};

export interface DevIdpOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  clientId: string;
  /** The client's public keys, for private_key_jwt. */
  clientJwks: { keys: JsonWebKey[] };
  redirectUri: string | string[];
  accounts?: Record<string, DevIdpAccount>;
  /** The provider's ID token signing key (private JWK); a new one per start when absent. */
  signingJwk?: JsonWebKey;
  clientName?: string;
  /** Shown on the login page, e.g. the demo account's credentials. */
  loginHint?: string | null;
}

export interface DevIdp {
  issuer: string;
  provider: Provider;
  close(): Promise<void>;
}

const INTERACTION = /^\/interaction\/([A-Za-z0-9_-]{1,100})(?:\/(login|confirm|abort))?$/;
const MAX_FORM_BYTES = 10_000;

async function formOf(req: http.IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_FORM_BYTES) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

function sendHtml(res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
  });
  res.end(html);
}

/**
 * A local OpenID Provider standing in for the My Number Card provider (デジタル認証アプリ) in development and
 * tests: `oidc-provider` with its in-memory adapter, one client using private_key_jwt, PKCE required, and
 * login and consent pages of its own (labelled Japanese forms; oidc-provider's dev pages load web fonts
 * and have no labels). Everything runs offline.
 */
export async function startDevIdp(options: DevIdpOptions): Promise<DevIdp> {
  const host = options.host ?? '127.0.0.1';
  const accounts = options.accounts ?? DEMO_ACCOUNTS;
  const clientName = options.clientName ?? 'ふるさと住民';
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host}:${port}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: options.clientId,
        client_name: clientName,
        redirect_uris: Array.isArray(options.redirectUri) ? options.redirectUri : [options.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: options.clientJwks as NonNullable<Configuration['jwks']>,
      },
    ],
    clientAuthMethods: ['private_key_jwt'],
    jwks: { keys: [(options.signingJwk ?? generateSigningKey()) as NonNullable<Configuration['jwks']>['keys'][0]] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    // デジタル認証アプリ's scopes: each gives the claim of the same name.
    claims: { openid: ['sub'], name: ['name'], address: ['address'], birthdate: ['birthdate'] },
    pkce: { required: () => true },
    // Seconds. Short: a dev provider holds everything in memory.
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const account = Object.hasOwn(accounts, sub) ? accounts[sub] : undefined;
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...account.claims }) };
    },
    renderError: (ctx: KoaContextWithOIDC, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(String(out.error), out.error_description ? String(out.error_description) : undefined);
    },
  };
  const provider = new Provider(issuer, configuration);
  const oidc = provider.callback();

  const interaction = async (req: http.IncomingMessage, res: http.ServerResponse, action: string | undefined) => {
    const details = await provider.interactionDetails(req, res);
    const { uid, prompt, params } = details;
    if (req.method === 'GET' && !action) {
      if (prompt.name === 'login') {
        return sendHtml(res, 200, loginPage({ uid, clientName, failed: false, hint: options.loginHint ?? null }));
      }
      const scopes = String(params.scope ?? '').split(' ');
      return sendHtml(res, 200, consentPage({ uid, clientName, scopes }));
    }
    if (req.method !== 'POST') return sendHtml(res, 405, errorPage('method_not_allowed', undefined));
    if (action === 'abort') {
      return provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'End-User denied the request' },
        { mergeWithLastSubmission: false },
      );
    }
    if (action === 'login' && prompt.name === 'login') {
      const form = await formOf(req);
      const accountId = form.get('login') ?? '';
      const account = Object.hasOwn(accounts, accountId) ? accounts[accountId] : undefined;
      if (!account || account.pin !== form.get('pin')) {
        return sendHtml(res, 401, loginPage({ uid, clientName, failed: true, hint: options.loginHint ?? null }));
      }
      return provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
    }
    if (action === 'confirm' && prompt.name === 'consent') {
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session?.accountId, clientId: String(params.client_id) });
      if (!grant) throw new Error('grant not found');
      const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    }
    return sendHtml(res, 400, errorPage('invalid_request', 'unexpected step'));
  };

  server.on('request', (req, res) => {
    const match = INTERACTION.exec(new URL(req.url ?? '/', issuer).pathname);
    if (!match) return oidc(req, res);
    interaction(req, res, match[2]).catch((error: Error & { error?: string; error_description?: string }) => {
      if (!res.headersSent) sendHtml(res, 400, errorPage(error.error ?? 'invalid_request', error.error_description));
    });
  });

  return {
    issuer,
    provider,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
