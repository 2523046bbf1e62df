import { generateKeyPairSync, type JsonWebKey, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** The public half of a private JWK, as a provider registers it for the client. */
export function publicJwkOf(jwk: JsonWebKey): JsonWebKey {
  return Object.fromEntries(Object.entries(jwk).filter(([name]) => !PRIVATE_MEMBERS.includes(name)));
}

function keyId(): string {
  return randomBytes(9).toString('base64url');
}

/** A client key for private_key_jwt: ECDSA P-256 (ES256). */
export function generateClientKey(): JsonWebKey {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...privateKey.export({ format: 'jwk' }), kid: keyId(), alg: 'ES256', use: 'sig' };
}

/** A provider's ID token signing key: RSA 2048 (RS256, what OpenID Connect clients expect by default). */
export function generateSigningKey(): JsonWebKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: keyId(), alg: 'RS256', use: 'sig' };
}

export interface DevKeys {
  clientKey: JsonWebKey;
  signingKey: JsonWebKey;
}

/** The dev IdP's keys under `dir`, made on first use, so restarts keep the app's settings valid. */
export function loadOrCreateDevKeys(dir: string): DevKeys & { created: boolean } {
  const file = path.join(dir, 'keys.json');
  if (fs.existsSync(file)) return { ...(JSON.parse(fs.readFileSync(file, 'utf8')) as DevKeys), created: false };
  fs.mkdirSync(dir, { recursive: true });
  const keys: DevKeys = { clientKey: generateClientKey(), signingKey: generateSigningKey() };
  fs.writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  return { ...keys, created: true };
}
