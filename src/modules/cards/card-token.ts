import { compactVerify, decodeProtectedHeader, errors, importJWK, type JSONWebKeySet, type JWK } from 'jose';

// The digital member card (issue 6): a short-lived Ed25519 JWS the resident app shows as a QR code.
// This file is shared with the browser (the partner scanner verifies offline with the published
// JWKS), so it imports nothing but `jose`: no node: modules, no database.

/** Marks the JWS as a member card, so no other token signed with EdDSA can pass for one. */
export const CARD_TOKEN_TYPE = 'furusato-card+jwt';
export const CARD_TOKEN_ALG = 'EdDSA';
/** A card shown on a phone is good for five minutes: a screenshot passed around soon stops working. */
export const CARD_TOKEN_TTL_SECONDS = 300;
/** Longer input is not a card; refusing it early keeps a scanner from decoding arbitrary blobs. */
const MAX_TOKEN_LENGTH = 2048;

export interface CardClaims {
  /** The member id: the registration's id. */
  sub: string;
  /** The municipality (全国地方公共団体コード) the registration is with. */
  mun: string;
  tier: 'basic' | 'premium';
  iat: number;
  exp: number;
  jti: string;
  /** Only when the person consented to share their name with this municipality. */
  name?: string;
}

export type CardVerification =
  | { status: 'valid'; claims: CardClaims }
  | { status: 'expired'; claims: CardClaims }
  | { status: 'other_municipality'; claims: CardClaims }
  | { status: 'bad_signature' }
  | { status: 'unknown_key'; kid: string }
  | { status: 'malformed' };

const MUNICIPALITY_CODE = /^[0-9]{6}$/;

function isCardClaims(value: unknown): value is CardClaims {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.sub === 'string' &&
    c.sub.length > 0 &&
    typeof c.mun === 'string' &&
    MUNICIPALITY_CODE.test(c.mun) &&
    (c.tier === 'basic' || c.tier === 'premium') &&
    Number.isInteger(c.iat) &&
    Number.isInteger(c.exp) &&
    typeof c.jti === 'string' &&
    c.jti.length > 0 &&
    (c.name === undefined || typeof c.name === 'string')
  );
}

/**
 * Checks a card token against a JWKS, offline. The signature is checked before anything in the
 * payload is believed; a card of another municipality is reported as such even when it has also
 * expired (showing it again would not help); `now` is the moment the card was scanned.
 */
export async function verifyCardToken(
  token: string,
  jwks: JSONWebKeySet,
  options: { now: Date; expectedMunicipality?: string },
): Promise<CardVerification> {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH || token.split('.').length !== 3) {
    return { status: 'malformed' };
  }
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return { status: 'malformed' };
  }
  if (header.alg !== CARD_TOKEN_ALG || header.typ !== CARD_TOKEN_TYPE || typeof header.kid !== 'string') {
    return { status: 'malformed' };
  }
  const kid = header.kid;
  const jwk = jwks.keys.find((k: JWK) => k.kid === kid && k.kty === 'OKP' && k.crv === 'Ed25519');
  if (!jwk) return { status: 'unknown_key', kid };
  let key: Awaited<ReturnType<typeof importJWK>>;
  try {
    key = await importJWK({ ...jwk, alg: CARD_TOKEN_ALG }, CARD_TOKEN_ALG);
  } catch {
    return { status: 'unknown_key', kid };
  }
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(token, key, { algorithms: [CARD_TOKEN_ALG] }));
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) return { status: 'bad_signature' };
    return { status: 'malformed' };
  }
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    return { status: 'malformed' };
  }
  if (!isCardClaims(claims)) return { status: 'malformed' };
  if (options.expectedMunicipality !== undefined && claims.mun !== options.expectedMunicipality) {
    return { status: 'other_municipality', claims };
  }
  // RFC 7519 4.1.4: not accepted on or after exp.
  if (Math.floor(options.now.getTime() / 1000) >= claims.exp) return { status: 'expired', claims };
  return { status: 'valid', claims };
}

/**
 * The number printed on the card, derived from the member id alone (so a scanner can show it from
 * the token, offline): 15 digits from the uuid plus a Luhn check digit, grouped by four. It is for
 * reading aloud and typing, not an identifier: two members may in rare cases share one.
 */
export function cardNumberOf(memberId: string): string {
  const hex = memberId.replaceAll('-', '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error('a member id is a uuid');
  const body = (BigInt(`0x${hex}`) % 10n ** 15n).toString().padStart(15, '0');
  const digits = body + luhnCheckDigit(body);
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

function luhnCheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Doubling starts at the rightmost digit of the body, which becomes second-from-right.
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}
