import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../test/support/databases.ts';
import { type SignedIn, signInByEmail } from '../../../test/support/sign-in.ts';
import { CALLBACK_PATH } from './index.ts';
import { startVerification } from './service.ts';
import {
  type IdentityTestBed,
  type IdpLogin,
  loginAtDevIdp,
  startIdentityTestBed,
  TEST_REDIRECT_URI,
} from './testing.ts';

interface AuditEntry {
  action: string;
  actorPersonId: string | null;
  subjectId: string | null;
  details: Record<string, unknown>;
}

// The whole flow over real HTTP against the dev IdP: the app is driven with inject, the IdP with fetch.
describe.each(testEngines())('identity verification with the My Number Card on %s', (engine) => {
  let t: IdentityTestBed;
  let national: SignedIn;
  let residents = 0;
  beforeAll(async () => {
    t = await startIdentityTestBed(engine);
    national = await signInByEmail(t.app, 'admin@national.example.jp');
  });
  afterAll(() => t?.close());

  const newResident = () => signInByEmail(t.app, `resident${++residents}@example.jp`);

  const start = async (as: SignedIn) => {
    const response = await t.app.inject({ url: '/api/v1/identity/verification/start', ...as });
    expect(response.statusCode, response.body).toBe(302);
    expect(response.headers['cache-control']).toBe('no-store');
    return new URL(String(response.headers.location));
  };

  /** The app's answer to the provider's redirect: where the browser is sent next. */
  const callback = async (back: URL, as?: SignedIn) => {
    const response = await t.app.inject({ url: `${CALLBACK_PATH}${back.search}`, ...(as ?? {}) });
    expect(response.statusCode).toBe(302);
    return String(response.headers.location);
  };

  const verify = async (as: SignedIn, login: IdpLogin = {}) =>
    callback(await loginAtDevIdp((await start(as)).href, TEST_REDIRECT_URI, login), as);

  const person = async (as: SignedIn) =>
    (await t.app.inject({ url: '/api/v1/auth/session', ...as })).json().person as Record<string, unknown>;

  const status = async (as: SignedIn) => (await t.app.inject({ url: '/api/v1/identity/verification', ...as })).json();

  const auditOf = async (personId: string): Promise<AuditEntry[]> => {
    const log = await t.app.inject({ url: '/api/v1/tenants/national/audit-log?pageSize=100', ...national });
    return log.json().items.filter((e: AuditEntry) => e.action.startsWith('identity.') && e.subjectId === personId);
  };

  const failed = (code: string) => `/account?verification=failed&code=${code}`;

  it('verifies a resident and keeps only the level, the time and the municipality', async () => {
    const resident = await newResident();
    expect(await person(resident)).toMatchObject({ identityVerifiedAt: null });

    const authorization = await start(resident);
    expect(authorization.origin + authorization.pathname).toBe(`${t.idp.issuer}/auth`);
    const asked = Object.fromEntries(authorization.searchParams);
    expect(asked).toMatchObject({
      response_type: 'code',
      client_id: 'furusato-test',
      redirect_uri: TEST_REDIRECT_URI,
      scope: 'openid name address birthdate',
      code_challenge_method: 'S256',
    });
    expect(asked.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(asked.nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(asked.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const back = await loginAtDevIdp(authorization.href, TEST_REDIRECT_URI);
    const before = Date.now();
    expect(await callback(back, resident)).toBe('/account?verification=done');

    const verifiedAt = (await person(resident)).identityVerifiedAt as string;
    expect(verifiedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(verifiedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(await status(resident)).toEqual({
      available: true,
      level: 'my_number_card',
      verifiedAt,
      registeredMunicipalityCode: '042056',
    });

    const [entry] = await auditOf(resident.personId);
    expect(entry).toMatchObject({
      action: 'identity.verified',
      actorPersonId: resident.personId,
      details: { level: 'my_number_card', registeredMunicipalityCode: '042056', municipalityDerived: true },
    });
    // Name, birthdate and address were read and dropped: they are in no row of the person's, nor in the log.
    const stored = JSON.stringify([
      (await sql`select * from people where id = ${resident.personId}`.execute(t.app.db)).rows,
      (await sql`select * from identity_verification_requests`.execute(t.app.db)).rows,
      (await sql`select details from audit_log`.execute(t.app.db)).rows,
    ]);
    for (const secret of ['八日町', 'ふるさと 太郎', '1990-04-01', '宮城県']) expect(stored).not.toContain(secret);
  });

  it('gives the city for an address in a ward of a designated city', async () => {
    const resident = await newResident();
    expect(await verify(resident, { login: 'sendai', pin: '2222' })).toBe('/account?verification=done');
    expect((await status(resident)).registeredMunicipalityCode).toBe('041009');
  });

  it('verifies all the same when the address names no municipality, and records that', async () => {
    const resident = await newResident();
    expect(await verify(resident, { login: 'abroad', pin: '3333' })).toBe('/account?verification=done');
    expect(await status(resident)).toMatchObject({ level: 'my_number_card', registeredMunicipalityCode: null });
    const [entry] = await auditOf(resident.personId);
    expect(entry?.details).toMatchObject({ registeredMunicipalityCode: null, municipalityDerived: false });
    expect(JSON.stringify(entry)).not.toContain('Downing');
  });

  it('refuses a tampered state, a repeated one and one of another person, and changes nothing', async () => {
    const resident = await newResident();
    const back = await loginAtDevIdp((await start(resident)).href, TEST_REDIRECT_URI);
    const tampered = new URL(back);
    const state = String(back.searchParams.get('state'));
    tampered.searchParams.set('state', `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`);
    expect(await callback(tampered, resident)).toBe(failed('IDENTITY_STATE_INVALID'));
    const doubled = new URL(back);
    doubled.searchParams.append('state', state);
    expect(await callback(doubled, resident)).toBe(failed('IDENTITY_STATE_INVALID'));
    const someoneElse = await newResident();
    expect(await callback(back, someoneElse)).toBe(failed('IDENTITY_STATE_INVALID'));
    expect((await person(resident)).identityVerifiedAt).toBeNull();
    expect((await person(someoneElse)).identityVerifiedAt).toBeNull();

    // The untouched answer still works once, and only once.
    expect(await callback(back, resident)).toBe('/account?verification=done');
    expect(await callback(back, resident)).toBe(failed('IDENTITY_STATE_INVALID'));
    expect((await auditOf(resident.personId)).map((e) => [e.action, e.details.code ?? null])).toEqual([
      ['identity.verification_failed', 'IDENTITY_STATE_INVALID'],
      ['identity.verified', null],
      ['identity.verification_failed', 'IDENTITY_STATE_INVALID'],
      ['identity.verification_failed', 'IDENTITY_STATE_INVALID'],
    ]);
  });

  it('refuses a state older than ten minutes', async () => {
    const resident = await newResident();
    const elevenMinutesAgo = new Date(Date.now() - 11 * 60 * 1000);
    const authorization = await startVerification(t.app.db, t.providerFor(), resident.personId, elevenMinutesAgo);
    const back = await loginAtDevIdp(authorization.href, TEST_REDIRECT_URI);
    expect(await callback(back, resident)).toBe(failed('IDENTITY_STATE_INVALID'));
    expect((await person(resident)).identityVerifiedAt).toBeNull();
  });

  it('reports a refusal at the provider (access_denied)', async () => {
    const resident = await newResident();
    const back = await loginAtDevIdp((await start(resident)).href, TEST_REDIRECT_URI, { consent: false });
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(await callback(back, resident)).toBe(failed('IDENTITY_VERIFICATION_DENIED'));
    expect((await person(resident)).identityVerifiedAt).toBeNull();
    const [entry] = await auditOf(resident.personId);
    expect(entry?.details).toEqual({ code: 'IDENTITY_VERIFICATION_DENIED', reason: 'provider:access_denied' });
  });

  it('refuses an answer of another provider sent back with our state (mix-up)', async () => {
    const resident = await newResident();
    for (const iss of ['as sent', 'removed', 'forged']) {
      const ours = await start(resident);
      const elsewhere = new URL(`${t.otherIdp.issuer}/auth${ours.search}`);
      const back = await loginAtDevIdp(elsewhere.href, TEST_REDIRECT_URI);
      expect(back.searchParams.get('iss')).toBe(t.otherIdp.issuer);
      if (iss === 'removed') back.searchParams.delete('iss');
      if (iss === 'forged') back.searchParams.set('iss', t.idp.issuer);
      expect([iss, await callback(back, resident)]).toEqual([iss, failed('IDENTITY_TOKEN_INVALID')]);
    }
    expect((await person(resident)).identityVerifiedAt).toBeNull();
    // RFC 9207: the provider names itself in `iss`; without it, or with ours, its code fails at our token endpoint.
    expect((await auditOf(resident.personId)).map((e) => e.details.reason).reverse()).toEqual([
      'OAUTH_INVALID_RESPONSE',
      'OAUTH_INVALID_RESPONSE',
      'token:invalid_grant',
    ]);
  });

  it('needs a signed-in resident', async () => {
    const anonymous = await t.app.inject({ url: '/api/v1/identity/verification/start' });
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toBe('/sign-in?next=%2Faccount');
    expect((await t.app.inject({ url: '/api/v1/identity/verification' })).statusCode).toBe(401);

    const resident = await newResident();
    const back = await loginAtDevIdp((await start(resident)).href, TEST_REDIRECT_URI);
    expect(await callback(back)).toBe(failed('AUTHENTICATION_REQUIRED'));
    expect((await person(resident)).identityVerifiedAt).toBeNull();
  });

  it.each([
    ['no parameters at all', ''],
    ['garbage', '?state=%00%ff&code=<script>&iss[]=x'],
    ['a very long state', `?state=${'a'.repeat(5000)}&code=x`],
  ])('answers %s with a redirect, never an error page', async (_, query) => {
    const resident = await newResident();
    expect(await callback(new URL(`http://x${query}`), resident)).toBe(failed('IDENTITY_STATE_INVALID'));
  });
});
