import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { type SignedIn, signInByEmail } from '../../../test/support/sign-in.ts';
import { CALLBACK_PATH } from './index.ts';
import { createIdentityProvider, privateKeyOf } from './provider.ts';
import { VERIFICATION_SCOPES } from './rules.ts';
import { completeVerification, startVerification } from './service.ts';
import {
  type IdentityTestBed,
  loginAtDevIdp,
  startIdentityTestBed,
  TEST_CLIENT_ID,
  TEST_REDIRECT_URI,
} from './testing.ts';

type TokenResponse = Record<string, unknown> & { id_token: string };

// The token endpoint's answer is replaced by one the test obtained itself, so that openid-client's checks
// of the ID token (issuer, nonce, signature) are what stands between it and a verified person.
describe.each(testEngines())('ID token checks on %s', (engine) => {
  let t: IdentityTestBed;
  let resident: SignedIn;
  beforeAll(async () => {
    t = await startIdentityTestBed(engine);
    resident = await signInByEmail(t.app, 'token-checks@example.jp');
  });
  afterAll(() => t?.close());

  /** A real token response from `issuer` for our client, for an authorization request with this nonce. */
  const tokensFrom = async (issuer: string, nonce: string): Promise<TokenResponse> => {
    const config = await client.discovery(
      new URL(issuer),
      TEST_CLIENT_ID,
      undefined,
      client.PrivateKeyJwt(await privateKeyOf(t.clientKey)),
      { execute: [client.allowInsecureRequests] },
    );
    const verifier = client.randomPKCECodeVerifier();
    const authorization = client.buildAuthorizationUrl(config, {
      redirect_uri: TEST_REDIRECT_URI,
      scope: VERIFICATION_SCOPES,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: 'test-state',
      nonce,
    });
    const back = await loginAtDevIdp(authorization.href, TEST_REDIRECT_URI);
    const tokens = await client.authorizationCodeGrant(config, back, {
      pkceCodeVerifier: verifier,
      expectedState: 'test-state',
      expectedNonce: nonce,
    });
    const { access_token, token_type, id_token, expires_in, scope } = tokens;
    return { access_token, token_type, id_token: String(id_token), expires_in, scope };
  };

  /** Starts a verification and answers its callback with `answer(nonce)` in place of the provider's tokens. */
  const completeWith = async (answer: (nonce: string) => Promise<TokenResponse>) => {
    let replacement: TokenResponse | undefined;
    const provider = t.providerFor(async (url, options) =>
      url.endsWith('/token') && replacement ? Response.json(replacement) : fetch(url, options as RequestInit),
    );
    const authorization = await startVerification(t.app.db, provider, resident.personId);
    replacement = await answer(String(authorization.searchParams.get('nonce')));
    const query = new URLSearchParams({
      code: 'replaced-anyway',
      state: String(authorization.searchParams.get('state')),
      iss: t.idp.issuer,
    });
    return completeVerification(t.app.db, provider, { personId: resident.personId, query, requestId: 'test' });
  };

  const verifiedAt = async () =>
    (await t.app.inject({ url: '/api/v1/auth/session', ...resident })).json().person.identityVerifiedAt;

  it('refuses an ID token of another issuer', async () => {
    const outcome = await completeWith((nonce) => tokensFrom(t.otherIdp.issuer, nonce));
    expect(outcome).toMatchObject({
      ok: false,
      code: 'IDENTITY_TOKEN_INVALID',
      reason: 'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
    });
  });

  it('refuses an ID token issued for another nonce', async () => {
    const outcome = await completeWith(() => tokensFrom(t.idp.issuer, client.randomNonce()));
    expect(outcome).toMatchObject({
      ok: false,
      code: 'IDENTITY_TOKEN_INVALID',
      reason: 'OAUTH_JWT_CLAIM_COMPARISON_FAILED',
    });
  });

  it('refuses an ID token whose signature does not verify', async () => {
    const outcome = await completeWith(async (nonce) => {
      const tokens = await tokensFrom(t.idp.issuer, nonce);
      const [header, payload, signature = ''] = tokens.id_token.split('.');
      const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
      return { ...tokens, id_token: `${header}.${payload}.${flipped}` };
    });
    expect(outcome).toMatchObject({ ok: false, code: 'IDENTITY_TOKEN_INVALID', reason: 'OAUTH_INVALID_RESPONSE' });
  });

  it('refuses a token response without an ID token', async () => {
    const outcome = await completeWith(async (nonce) => {
      const { id_token: _, ...rest } = await tokensFrom(t.idp.issuer, nonce);
      return rest as TokenResponse;
    });
    expect(outcome).toMatchObject({ ok: false, code: 'IDENTITY_TOKEN_INVALID' });
    expect(await verifiedAt()).toBeNull();
  });

  it('accepts the untouched answer (the checks above fail for their reason only)', async () => {
    const outcome = await completeWith((nonce) => tokensFrom(t.idp.issuer, nonce));
    expect(outcome).toEqual({ ok: true, registeredMunicipalityCode: '042056' });
    expect(await verifiedAt()).toEqual(expect.any(String));
  });

  it('answers 503 when the provider cannot be reached, and writes nothing', async () => {
    const unreachable = createIdentityProvider({
      issuerUrl: 'http://127.0.0.1:9',
      clientId: TEST_CLIENT_ID,
      privateJwk: t.clientKey,
      redirectUri: TEST_REDIRECT_URI,
      timeoutSeconds: 2,
    });
    const pending = () =>
      t.app.db
        .selectFrom('identity_verification_requests')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('person_id', '=', resident.personId)
        .executeTakeFirstOrThrow();
    const before = await pending();
    await expect(startVerification(t.app.db, unreachable, resident.personId)).rejects.toMatchObject({
      code: 'IDENTITY_PROVIDER_UNAVAILABLE',
      statusCode: 503,
      reason: 'discovery',
    });
    expect(await pending()).toEqual(before);
  });
});

describe('identity verification on a service without a provider', () => {
  let t: TestApp;
  let resident: SignedIn;
  beforeAll(async () => {
    t = await createTestApp('pglite');
    resident = await signInByEmail(t.app, 'no-provider@example.jp');
  });
  afterAll(() => t?.close());

  it('says so on the account page, never with a 5xx', async () => {
    const start = await t.app.inject({ url: '/api/v1/identity/verification/start', ...resident });
    expect(start.statusCode).toBe(302);
    expect(start.headers.location).toBe('/account?verification=failed&code=IDENTITY_VERIFICATION_UNAVAILABLE');
    const callback = await t.app.inject({ url: `${CALLBACK_PATH}?code=x&state=y`, ...resident });
    expect(callback.headers.location).toBe('/account?verification=failed&code=IDENTITY_VERIFICATION_UNAVAILABLE');
    const status = await t.app.inject({ url: '/api/v1/identity/verification', ...resident });
    expect(status.json()).toEqual({
      available: false,
      level: null,
      verifiedAt: null,
      registeredMunicipalityCode: null,
    });
  });
});
