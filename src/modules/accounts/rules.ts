export const SIGN_IN_CODE_TTL_MS = 15 * 60 * 1000;
/** After this many wrong codes the code is burnt and a new one must be requested. */
export const SIGN_IN_CODE_MAX_FAILED_ATTEMPTS = 5;
/** Codes one address may be sent per TTL window: stops mail bombing through our sender. */
export const SIGN_IN_CODES_PER_WINDOW = 3;

export const SESSION_IDLE_MS = 30 * 24 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 90 * 24 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so reading a page is not a write per request. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 1000;

/** One account per address, whatever case or width it was typed in. */
export function normaliseEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

export function sessionExpiry(now: Date, createdAt: Date): { idleExpiresAt: Date; absoluteExpiresAt: Date } {
  const absoluteExpiresAt = new Date(createdAt.getTime() + SESSION_ABSOLUTE_MS);
  const idle = new Date(now.getTime() + SESSION_IDLE_MS);
  return { idleExpiresAt: idle < absoluteExpiresAt ? idle : absoluteExpiresAt, absoluteExpiresAt };
}
