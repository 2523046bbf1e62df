import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Secrets live only as SHA-256 hashes in the database. */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function randomSignInCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Constant-time comparison, so a wrong code takes as long to reject however many digits match. */
export function secretMatches(secret: string, expectedHash: Uint8Array): boolean {
  const actual = hashSecret(secret);
  return actual.length === expectedHash.length && timingSafeEqual(actual, expectedHash);
}

/** The CSRF token of a session: derivable from the session cookie, unreadable to another origin. */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`, 'utf8').digest('base64url');
}
