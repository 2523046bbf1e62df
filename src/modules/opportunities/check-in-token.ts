import { createHmac, timingSafeEqual } from 'node:crypto';

// The check-in QR shown at the venue: which session, and the day(s) it is valid, signed with HMAC-SHA256.
// Anyone may read it (it hangs on a wall); only the signature matters, and checking in also needs the
// signed-in resident's accepted application, so a photo of the QR is useless to anyone else.

const VERSION = 'c1';

export interface CheckInClaims {
  municipalityCode: string;
  opportunityId: string;
  sessionId: string;
  /** Valid from (inclusive) and until (exclusive). */
  validFrom: Date;
  validUntil: Date;
}

interface Wire {
  m: string;
  o: string;
  s: string;
  nbf: number;
  exp: number;
}

function mac(secret: Uint8Array, signed: string): Buffer {
  return createHmac('sha256', secret).update(signed, 'utf8').digest();
}

export function signCheckInToken(secret: Uint8Array, claims: CheckInClaims): string {
  const wire: Wire = {
    m: claims.municipalityCode,
    o: claims.opportunityId,
    s: claims.sessionId,
    nbf: Math.floor(claims.validFrom.getTime() / 1000),
    exp: Math.floor(claims.validUntil.getTime() / 1000),
  };
  const signed = `${VERSION}.${Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url')}`;
  return `${signed}.${mac(secret, signed).toString('base64url')}`;
}

export type CheckInTokenResult =
  | { ok: true; claims: CheckInClaims }
  | { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'not_yet_valid'; claims?: CheckInClaims };

const isUuid = (v: unknown) =>
  typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

function parseWire(payload: string): CheckInClaims | null {
  let wire: Partial<Wire>;
  try {
    wire = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<Wire>;
  } catch {
    return null;
  }
  if (
    typeof wire !== 'object' ||
    wire === null ||
    typeof wire.m !== 'string' ||
    !/^[0-9]{6}$/.test(wire.m) ||
    !isUuid(wire.o) ||
    !isUuid(wire.s) ||
    !Number.isSafeInteger(wire.nbf) ||
    !Number.isSafeInteger(wire.exp)
  ) {
    return null;
  }
  return {
    municipalityCode: wire.m,
    opportunityId: wire.o as string,
    sessionId: wire.s as string,
    validFrom: new Date((wire.nbf as number) * 1000),
    validUntil: new Date((wire.exp as number) * 1000),
  };
}

/** The signature is checked before anything in the payload is trusted, and in constant time. */
export function verifyCheckInToken(secret: Uint8Array, token: string, now: Date): CheckInTokenResult {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) return { ok: false, reason: 'malformed' };
  const [version, payload, signature] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]+$/.test(payload) || !/^[A-Za-z0-9_-]{43}$/.test(signature)) {
    return { ok: false, reason: 'malformed' };
  }
  // Compared as text, so a second base64url spelling of the same bytes is not a second valid token.
  const expected = Buffer.from(mac(secret, `${version}.${payload}`).toString('base64url'));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  const claims = parseWire(payload);
  if (!claims) return { ok: false, reason: 'malformed' };
  if (now < claims.validFrom) return { ok: false, reason: 'not_yet_valid', claims };
  if (now >= claims.validUntil) return { ok: false, reason: 'expired', claims };
  return { ok: true, claims };
}
