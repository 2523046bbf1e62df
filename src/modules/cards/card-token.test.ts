import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { CARD_TOKEN_TYPE, type CardClaims, cardNumberOf, verifyCardToken } from './card-token.ts';

const NOW = new Date('2026-11-26T10:00:00Z');
const iat = Math.floor(NOW.getTime() / 1000);
const claims: CardClaims = {
  sub: '0f8a4c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b',
  mun: '042056',
  tier: 'premium',
  iat,
  exp: iat + 300,
  jti: '6c1b9e52-1f0a-4d7e-9c3b-2a1e5d4c3b2a',
};

async function keyPair(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  return { privateKey, jwk };
}

type Key = Awaited<ReturnType<typeof keyPair>>;

function sign(key: Key, payload: object = claims, header: Record<string, unknown> = {}) {
  return new SignJWT({ ...payload })
    .setProtectedHeader({ alg: 'EdDSA', typ: CARD_TOKEN_TYPE, kid: key.jwk.kid, ...header })
    .sign(key.privateKey);
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('verifyCardToken', () => {
  let current: Key;
  let previous: Key;
  let stranger: Key;
  let jwks: { keys: JWK[] };
  beforeAll(async () => {
    current = await keyPair('k-2');
    previous = await keyPair('k-1');
    stranger = await keyPair('k-x');
    jwks = { keys: [current.jwk, previous.jwk] };
  });

  it('accepts a card signed by any published key until it expires', async () => {
    for (const key of [current, previous]) {
      expect(await verifyCardToken(await sign(key), jwks, { now: NOW, expectedMunicipality: '042056' })).toEqual({
        status: 'valid',
        claims,
      });
    }
    const lastSecond = new Date((claims.exp - 1) * 1000);
    expect((await verifyCardToken(await sign(current), jwks, { now: lastSecond })).status).toBe('valid');
  });

  it('reports expiry from the exp second on, with the claims for the message', async () => {
    const token = await sign(current);
    expect(await verifyCardToken(token, jwks, { now: new Date(claims.exp * 1000) })).toEqual({
      status: 'expired',
      claims,
    });
  });

  it('refuses a card of another municipality, even before it expires', async () => {
    const token = await sign(current, { ...claims, mun: '072010' });
    const result = await verifyCardToken(token, jwks, { now: NOW, expectedMunicipality: '042056' });
    expect(result).toMatchObject({ status: 'other_municipality', claims: { mun: '072010' } });
    const later = await verifyCardToken(token, jwks, {
      now: new Date(NOW.getTime() + 3600_000),
      expectedMunicipality: '042056',
    });
    expect(later.status).toBe('other_municipality');
  });

  it('detects a tampered payload (a basic card turned premium, another member, a later expiry)', async () => {
    const [header, , signature] = (await sign(current, { ...claims, tier: 'basic' })).split('.');
    for (const forged of [
      { ...claims, tier: 'premium' },
      { ...claims, tier: 'basic', sub: 'someone-else' },
      { ...claims, tier: 'basic', exp: claims.exp + 86_400 },
    ]) {
      const result = await verifyCardToken(`${header}.${b64(forged)}.${signature}`, jwks, { now: NOW });
      expect(result).toEqual({ status: 'bad_signature' });
    }
  });

  it('tells a key it does not know from a wrong signature', async () => {
    expect(await verifyCardToken(await sign(stranger), jwks, { now: NOW })).toEqual({
      status: 'unknown_key',
      kid: 'k-x',
    });
    // Signed by a key that is not in the JWKS but claiming a published kid.
    const impostor = await sign({ ...stranger, jwk: { ...stranger.jwk, kid: 'k-2' } });
    expect(await verifyCardToken(impostor, jwks, { now: NOW })).toEqual({ status: 'bad_signature' });
    // Once the old key has left the JWKS, its cards can no longer be checked.
    expect(await verifyCardToken(await sign(previous), { keys: [current.jwk] }, { now: NOW })).toEqual({
      status: 'unknown_key',
      kid: 'k-1',
    });
  });

  it('calls anything that is not a card malformed', async () => {
    const unsigned = `${b64({ alg: 'none', typ: CARD_TOKEN_TYPE, kid: 'k-2' })}.${b64(claims)}.`;
    const cases = [
      '',
      'not-a-token',
      'a.b.c',
      unsigned,
      await sign(current, claims, { typ: 'JWT' }),
      await sign(current, { ...claims, mun: 'x' }),
      await sign(current, { ...claims, tier: 'gold' }),
      await sign(current, { sub: claims.sub, mun: claims.mun }),
      `${await sign(current)}.extra`,
      'x'.repeat(5000),
    ];
    for (const token of cases) {
      expect([token.slice(0, 40), await verifyCardToken(token, jwks, { now: NOW })]).toEqual([
        token.slice(0, 40),
        { status: 'malformed' },
      ]);
    }
  });

  it('keeps the name only when the token carries it', async () => {
    const named = await sign(current, { ...claims, name: '気仙 花子' });
    expect(await verifyCardToken(named, jwks, { now: NOW })).toMatchObject({ claims: { name: '気仙 花子' } });
  });
});

describe('cardNumberOf', () => {
  const luhnValid = (digits: string) =>
    [...digits].reverse().reduce((sum, ch, i) => {
      let d = Number(ch);
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      return sum + d;
    }, 0) %
      10 ===
    0;

  it('is 16 digits in groups of four, the same for the same member, with a Luhn check digit', () => {
    const ids = [
      claims.sub,
      '00000000-0000-4000-8000-000000000000',
      'ffffffff-ffff-4fff-bfff-ffffffffffff',
      crypto.randomUUID(),
    ];
    for (const id of ids) {
      const number = cardNumberOf(id);
      expect(number).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
      expect(cardNumberOf(id.toUpperCase())).toBe(number);
      expect(luhnValid(number.replaceAll(' ', ''))).toBe(true);
    }
    expect(cardNumberOf(ids[0] as string)).not.toBe(cardNumberOf(ids[3] as string));
  });

  it('refuses what is not a uuid', () => {
    expect(() => cardNumberOf('042056')).toThrow();
  });
});
