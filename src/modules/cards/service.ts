import { randomBytes, randomUUID } from 'node:crypto';
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { isPremiumValid } from '../registrations/rules.ts';
import {
  CARD_TOKEN_ALG,
  CARD_TOKEN_TTL_SECONDS,
  CARD_TOKEN_TYPE,
  type CardClaims,
  type CardVerification,
  cardNumberOf,
  verifyCardToken,
} from './card-token.ts';
import * as repository from './repository.ts';
import { keysToCreate, publishedAt, signingKeyAt } from './rules.ts';

/** Only these members of a stored public JWK are published. */
function publicJwkOf(row: repository.SigningKeyRow) {
  const jwk = row.publicJwk as { x: string };
  return {
    kty: 'OKP' as const,
    crv: 'Ed25519' as const,
    x: jwk.x,
    kid: row.kid,
    alg: 'EdDSA' as const,
    use: 'sig' as const,
  };
}

/** The key schedule made current at `now`: a key that signs now exists, and its successor when due. */
async function scheduledKeys(db: Executor, now: Date) {
  let keys = await repository.signingKeys(db);
  const missing = keysToCreate(keys, now);
  if (missing.length > 0) {
    for (const window of missing) {
      const { privateKey, publicKey } = await generateKeyPair(CARD_TOKEN_ALG, { extractable: true });
      await repository.insertSigningKey(db, {
        ...window,
        kid: randomBytes(12).toString('base64url'),
        publicJwk: await exportJWK(publicKey),
        privateJwk: await exportJWK(privateKey),
      });
    }
    await repository.forgetRetiredPrivateKeys(db, now);
    keys = await repository.signingKeys(db);
  }
  return keys;
}

/** The JWKS partners verify cards with: public keys only, from a week before they sign until after the grace. */
export async function publishedJwks(db: Executor, now = new Date()) {
  return { keys: publishedAt(await scheduledKeys(db, now), now).map(publicJwkOf) };
}

// Imported private keys by kid: a kid names one key forever, so the cache can never be stale.
const privateKeys = new Map<string, CryptoKey>();

async function signingKey(db: Executor, now: Date): Promise<{ kid: string; key: CryptoKey }> {
  const current = signingKeyAt(await scheduledKeys(db, now), now);
  if (!current) throw new Error('no card signing key after scheduling');
  const cached = privateKeys.get(current.kid);
  if (cached) return { kid: current.kid, key: cached };
  const jwk = await repository.privateKeyOf(db, current.kid);
  if (!jwk) throw new Error(`card signing key ${current.kid} has no private half`);
  const key = (await importJWK(jwk as JWK, CARD_TOKEN_ALG)) as CryptoKey;
  privateKeys.set(current.kid, key);
  return { kid: current.kid, key };
}

/** Signs card claims with the key of `now`. */
export async function signCardClaims(db: Executor, claims: CardClaims, now = new Date()): Promise<string> {
  const { kid, key } = await signingKey(db, now);
  return new SignJWT({ ...claims }).setProtectedHeader({ alg: CARD_TOKEN_ALG, typ: CARD_TOKEN_TYPE, kid }).sign(key);
}

/**
 * A fresh card token for one of the person's registrations. `issuedAt` is the moment the card
 * claims to be shown at (normally now); the key is always today's.
 */
export async function issueCardToken(db: Executor, personId: string, code: string, now = new Date(), issuedAt = now) {
  const subject = await repository.cardSubject(db, personId, code);
  if (!subject) throw new AppError('REGISTRATION_NOT_FOUND');
  const premium = isPremiumValid(subject.tier, subject.premiumExpiresAt, issuedAt);
  const displayName = subject.consents.includes('name') && subject.displayName ? subject.displayName : null;
  const iat = Math.floor(issuedAt.getTime() / 1000);
  const claims: CardClaims = {
    sub: subject.memberId,
    mun: subject.municipalityCode,
    tier: premium ? 'premium' : 'basic',
    iat,
    exp: iat + CARD_TOKEN_TTL_SECONDS,
    jti: randomUUID(),
    ...(displayName !== null && { name: displayName }),
  };
  return {
    token: await signCardClaims(db, claims, now),
    expiresAt: new Date(claims.exp * 1000),
    card: {
      memberId: subject.memberId,
      municipalityCode: subject.municipalityCode,
      municipalityName: subject.municipalityName,
      tier: claims.tier,
      validUntil: premium ? subject.premiumExpiresAt : null,
      displayName,
      cardNumber: cardNumberOf(subject.memberId),
    },
  };
}

/**
 * Verifies a card as the server sees it: with the keys published now (the grace period covers
 * any use synced within the offline window), judging expiry at the moment it was scanned.
 */
export async function verifyWithPlatformKeys(
  db: Executor,
  token: string,
  options: { now: Date; scannedAt: Date; expectedMunicipality: string },
): Promise<CardVerification> {
  const jwks = await publishedJwks(db, options.now);
  return verifyCardToken(token, jwks, { now: options.scannedAt, expectedMunicipality: options.expectedMunicipality });
}
