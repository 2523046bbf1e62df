import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CheckInClaims, signCheckInToken, verifyCheckInToken } from './check-in-token.ts';

const secret = randomBytes(32);
const claims: CheckInClaims = {
  municipalityCode: '042056',
  opportunityId: '3f0e3c4a-1b2c-4d5e-8f90-123456789abc',
  sessionId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  validFrom: new Date('2026-06-09T15:00:00Z'),
  validUntil: new Date('2026-06-10T15:00:00Z'),
};
const during = new Date('2026-06-10T01:00:00Z');

describe('check-in token', () => {
  it('verifies what it signed, on the day', () => {
    const token = signCheckInToken(secret, claims);
    expect(token).toMatch(/^c1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyCheckInToken(secret, token, during)).toEqual({ ok: true, claims });
    expect(verifyCheckInToken(secret, ` ${token}\n`, during).ok).toBe(true);
  });

  it('is valid from the start of the day and not at its end', () => {
    const token = signCheckInToken(secret, claims);
    expect(verifyCheckInToken(secret, token, claims.validFrom).ok).toBe(true);
    expect(verifyCheckInToken(secret, token, new Date(claims.validFrom.getTime() - 1000))).toMatchObject({
      ok: false,
      reason: 'not_yet_valid',
    });
    expect(verifyCheckInToken(secret, token, new Date(claims.validUntil.getTime() - 1000)).ok).toBe(true);
    expect(verifyCheckInToken(secret, token, claims.validUntil)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('refuses a token signed with another secret', () => {
    const token = signCheckInToken(randomBytes(32), claims);
    expect(verifyCheckInToken(secret, token, during)).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses a payload changed after signing (another session, a longer validity)', () => {
    const [version, , signature] = signCheckInToken(secret, claims).split('.');
    for (const forged of [
      { ...claims, sessionId: '00000000-0000-4000-8000-000000000000' },
      { ...claims, validUntil: new Date('2027-01-01T00:00:00Z') },
    ]) {
      const payload = signCheckInToken(secret, forged).split('.')[1];
      expect(verifyCheckInToken(secret, `${version}.${payload}.${signature}`, during)).toEqual({
        ok: false,
        reason: 'signature',
      });
    }
  });

  it.each([
    '',
    'not a token',
    'c1.abc',
    'c2.e30.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    'c1.e30.short',
    'c1.e30.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.extra',
  ])('refuses the malformed token %j', (token) => {
    expect(verifyCheckInToken(secret, token, during)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a well-signed payload that is not a set of claims', () => {
    const payload = Buffer.from(JSON.stringify({ m: '042056', o: 'x', s: 'y', nbf: 1, exp: 2 })).toString('base64url');
    const signature = createHmac('sha256', secret).update(`c1.${payload}`).digest('base64url');
    expect(verifyCheckInToken(secret, `c1.${payload}.${signature}`, during)).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('never accepts a single flipped character anywhere in the token', () => {
    const token = signCheckInToken(secret, claims);
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), fc.constantFrom(...'ABCabc019_-.'), (index, replacement) => {
        fc.pre(token[index] !== replacement);
        const changed = token.slice(0, index) + replacement + token.slice(index + 1);
        return !verifyCheckInToken(secret, changed, during).ok;
      }),
    );
  });
});
