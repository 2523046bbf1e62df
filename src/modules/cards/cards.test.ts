import { randomUUID } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { type SignedIn, signInByEmail } from '../../../test/support/sign-in.ts';
import { CARD_TOKEN_TTL_SECONDS, CARD_TOKEN_TYPE, cardNumberOf, verifyCardToken } from './card-token.ts';
import { KEY_GRACE_DAYS, KEY_ROTATION_DAYS } from './rules.ts';
import { issueCardToken, publishedJwks, signCardClaims } from './service.ts';

const DAY = 86_400_000;

describe.each(testEngines())('digital member cards on %s', (engine) => {
  let t: TestApp;
  let me: SignedIn;
  beforeAll(async () => {
    t = await createTestApp(engine);
    me = await signInByEmail(t.app, 'card-holder@example.jp');
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/registrations',
      payload: { municipalityCode: '042056', relationTypes: [2], consents: ['name'] },
      ...me,
    });
    expect(registered.statusCode).toBe(201);
  });
  afterAll(() => t?.close());

  const cardToken = (who: SignedIn, code: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/me/registrations/${code}/card-token`, ...who });
  const jwks = async () => (await t.app.inject({ url: '/api/v1/cards/keys' })).json();

  it('issues a card token that verifies offline with the published keys only', async () => {
    const response = await cardToken(me, '042056');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const { token, expiresAt, card } = response.json();
    const registration = (await t.app.inject({ url: '/api/v1/me/registrations', ...me }))
      .json()
      .items.find((r: { municipalityCode: string }) => r.municipalityCode === '042056');
    expect(card).toEqual({
      memberId: registration.id,
      municipalityCode: '042056',
      municipalityName: '気仙沼市',
      tier: 'basic',
      validUntil: null,
      displayName: null,
      cardNumber: cardNumberOf(registration.id),
    });

    const keysResponse = await t.app.inject({ url: '/api/v1/cards/keys' });
    expect(keysResponse.headers['cache-control']).toBe('public, max-age=3600');
    const keys = keysResponse.json();
    expect(keys.keys).toHaveLength(1);
    expect(Object.keys(keys.keys[0]).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    expect(JSON.stringify(keys)).not.toContain('"d"');

    const issuedAt = new Date(new Date(expiresAt).getTime() - CARD_TOKEN_TTL_SECONDS * 1000);
    const valid = await verifyCardToken(token, keys, { now: new Date(), expectedMunicipality: '042056' });
    expect(valid).toMatchObject({
      status: 'valid',
      claims: { sub: registration.id, mun: '042056', tier: 'basic', exp: Math.floor(issuedAt.getTime() / 1000) + 300 },
    });
    expect(valid.status === 'valid' && valid.claims.name).toBeUndefined();

    expect((await verifyCardToken(token, keys, { now: new Date(Date.now() + 301_000) })).status).toBe('expired');
    expect((await verifyCardToken(token, keys, { now: new Date(), expectedMunicipality: '072010' })).status).toBe(
      'other_municipality',
    );
    const [header, payload, signature] = token.split('.');
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString());
    forged.tier = 'premium';
    const tampered = `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
    expect((await verifyCardToken(tampered, keys, { now: new Date() })).status).toBe('bad_signature');
  });

  it('does not verify a card signed by a key the platform never published', async () => {
    const keys = await jwks();
    const { privateKey } = await generateKeyPair('EdDSA');
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: randomUUID(), mun: '042056', tier: 'premium', iat: now, exp: now + 300, jti: randomUUID() };
    const signWith = (kid: string) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', typ: CARD_TOKEN_TYPE, kid }).sign(privateKey);
    expect(await verifyCardToken(await signWith('forger'), keys, { now: new Date() })).toEqual({
      status: 'unknown_key',
      kid: 'forger',
    });
    // Borrowing the platform's key id does not help either.
    expect(await verifyCardToken(await signWith(keys.keys[0].kid), keys, { now: new Date() })).toEqual({
      status: 'bad_signature',
    });
  });

  it('puts the name on the card only with the consent to share it with that municipality', async () => {
    await t.app.db.updateTable('people').set({ display_name: '気仙 花子' }).where('id', '=', me.personId).execute();
    // The prefecture registration came with the town's consents; the person narrows it.
    const narrowed = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/registrations/040002',
      payload: { consents: ['news'] },
      ...me,
    });
    expect(narrowed.statusCode).toBe(200);
    const withoutConsent = (await cardToken(me, '040002')).json();
    expect(withoutConsent.card).toMatchObject({ municipalityCode: '040002', displayName: null });
    const withConsent = (await cardToken(me, '042056')).json();
    expect(withConsent.card.displayName).toBe('気仙 花子');
    const verified = await verifyCardToken(withConsent.token, await jwks(), { now: new Date() });
    expect(verified).toMatchObject({ status: 'valid', claims: { name: '気仙 花子' } });

    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/registrations/042056',
      payload: { consents: [] },
      ...me,
    });
    const revoked = (await cardToken(me, '042056')).json();
    expect(revoked.card.displayName).toBeNull();
    const claims = JSON.parse(Buffer.from(revoked.token.split('.')[1], 'base64url').toString());
    expect(claims).not.toHaveProperty('name');
  });

  it('shows a valid premium with its expiry, and a lapsed one as basic', async () => {
    const expires = new Date(Date.now() + 200 * DAY);
    await t.app.db
      .updateTable('registrations')
      .set({ tier: 'premium', premium_since: new Date(), premium_expires_at: expires })
      .where('person_id', '=', me.personId)
      .where('municipality_code', '=', '042056')
      .execute();
    const premium = (await cardToken(me, '042056')).json();
    expect(premium.card).toMatchObject({ tier: 'premium', validUntil: expires.toISOString() });
    const afterExpiry = await issueCardToken(
      t.app.db,
      me.personId,
      '042056',
      new Date(),
      new Date(expires.getTime() + 1),
    );
    expect(afterExpiry.card).toMatchObject({ tier: 'basic', validUntil: null });
  });

  it('refuses a card for a municipality the person is not registered with, and anonymous callers', async () => {
    const response = await cardToken(me, '152226');
    expect([response.statusCode, response.json().error.code]).toEqual([404, 'REGISTRATION_NOT_FOUND']);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/me/registrations/042056/card-token' });
    expect(anonymous.json().error.code).toBe('AUTHENTICATION_REQUIRED');
  });
});

describe.each(testEngines())('card signing key rotation on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { demoData: false });
  });
  afterAll(() => t?.close());

  const claimsAt = (at: Date) => ({
    sub: randomUUID(),
    mun: '042056',
    tier: 'basic' as const,
    iat: Math.floor(at.getTime() / 1000),
    exp: Math.floor(at.getTime() / 1000) + CARD_TOKEN_TTL_SECONDS,
    jti: randomUUID(),
  });

  it('rotates every 30 days and keeps old cards verifiable through the grace period only', async () => {
    const t0 = new Date();
    const first = await signCardClaims(t.app.db, claimsAt(t0), t0);
    const jwksAt = (days: number) => publishedJwks(t.app.db, new Date(t0.getTime() + days * DAY));
    const kidOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0] as string, 'base64url').toString()).kid;

    // A card shown just before the rotation, synced from an offline scanner a week later.
    const rotated = new Date(t0.getTime() + (KEY_ROTATION_DAYS + 1) * DAY);
    const second = await signCardClaims(t.app.db, claimsAt(rotated), rotated);
    expect(kidOf(second)).not.toBe(kidOf(first));
    const weekLater = await jwksAt(KEY_ROTATION_DAYS + 7);
    expect(weekLater.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([kidOf(first), kidOf(second)]));
    expect(await verifyCardToken(first, weekLater, { now: t0 })).toMatchObject({ status: 'valid' });
    expect(await verifyCardToken(second, weekLater, { now: rotated })).toMatchObject({ status: 'valid' });

    const afterGrace = await jwksAt(KEY_ROTATION_DAYS + KEY_GRACE_DAYS + 1);
    expect(afterGrace.keys.map((k) => k.kid)).not.toContain(kidOf(first));
    expect(await verifyCardToken(first, afterGrace, { now: t0 })).toEqual({ status: 'unknown_key', kid: kidOf(first) });

    // The retired key's private half is gone from the database; its public half stays for the record.
    const stored = await t.app.db
      .selectFrom('card_signing_keys')
      .select(['kid', 'private_jwk'])
      .orderBy('generation')
      .execute();
    expect(stored[0]).toEqual({ kid: kidOf(first), private_jwk: null });
    expect(stored.at(-1)?.private_jwk).not.toBeNull();
  });
});
