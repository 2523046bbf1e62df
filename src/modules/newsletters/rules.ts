import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type Segment = { kind: 'all' } | { kind: 'premium' } | { kind: 'relation_types'; relationTypes: number[] };

export type Channel = 'email' | 'push';

/** What a registration says about one person, as far as a segment needs. */
export interface SegmentCandidate {
  consents: readonly string[];
  tier: 'basic' | 'premium';
  relationTypes: readonly number[];
}

/**
 * Whether a registrant is in a segment. Consent to news (the registration's `news` scope, which the
 * unsubscribe link removes) is required whatever the segment: no segment reaches past it.
 */
export function segmentAdmits(segment: Segment, candidate: SegmentCandidate): boolean {
  if (!candidate.consents.includes('news')) return false;
  switch (segment.kind) {
    case 'all':
      return true;
    case 'premium':
      return candidate.tier === 'premium';
    case 'relation_types':
      return candidate.relationTypes.some((t) => segment.relationTypes.includes(t));
  }
}

/** Recipients per queue job: one job's retry resends at most this many failures. */
export const BATCH_SIZE = 500;

export interface BatchPlan {
  from: number;
  to: number;
  /** The batch's first message may not leave before this (epoch ms). */
  startAt: number;
}

/**
 * The send-rate limit as a schedule: delivery number n (0-based, across the whole newsletter) has its
 * own slot at start + n / rate seconds, so however many workers run at once, no second sees more than
 * `ratePerSecond` messages. A batch's job is queued to start at its first slot.
 */
export function planBatches(total: number, ratePerSecond: number, start: number, batchSize = BATCH_SIZE): BatchPlan[] {
  const plans: BatchPlan[] = [];
  for (let from = 0; from < total; from += batchSize) {
    plans.push({ from, to: Math.min(from + batchSize, total), startAt: slotOf(from, ratePerSecond, start) });
  }
  return plans;
}

/** When delivery number `seq` may leave (epoch ms). */
export function slotOf(seq: number, ratePerSecond: number, start: number): number {
  return start + Math.floor((seq * 1000) / ratePerSecond);
}

/** What a test send approved: editing the subject or body afterwards requires a new test send. */
export function contentDigest(subject: string, body: string): string {
  return createHash('sha256').update(`${subject}\n\u0000${body}`).digest('base64url');
}

// ----- unsubscribe links (RFC 8058 one-click) -----

function signatureOf(secret: string, municipalityCode: string, personId: string): Buffer {
  return createHmac('sha256', secret).update(`unsubscribe\n${municipalityCode}\n${personId}`).digest();
}

/** A link token naming the person and municipality, signed so that nobody can unsubscribe someone else. */
export function signUnsubscribeToken(secret: string, municipalityCode: string, personId: string): string {
  return `${municipalityCode}.${personId}.${signatureOf(secret, municipalityCode, personId).toString('base64url')}`;
}

const TOKEN = /^(\d{6})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

/** The municipality and person a token names, or null when it is malformed or its signature is wrong. */
export function verifyUnsubscribeToken(
  secret: string,
  token: string,
): { municipalityCode: string; personId: string } | null {
  const match = TOKEN.exec(token);
  if (!match) return null;
  const [, municipalityCode, personId, signature] = match as unknown as [string, string, string, string];
  const expected = signatureOf(secret, municipalityCode, personId);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { municipalityCode, personId };
}

// ----- delivery outcomes -----

export type DeliveryOutcome =
  | { status: 'sent' }
  | { status: 'retrying' | 'failed'; error: string }
  | { status: 'unsubscribed' | 'unreachable' };

/**
 * A refusal the next attempt may not meet: SMTP 4xx (RFC 5321 "transient negative completion"),
 * a dropped or refused connection (no reply code), a push service's 429 or 5xx. 5xx from SMTP and
 * other 4xx from a push service are final.
 */
export function isTransient(failure: { smtpCode?: number; httpStatus?: number }): boolean {
  if (failure.smtpCode !== undefined) return failure.smtpCode < 500;
  if (failure.httpStatus !== undefined) return failure.httpStatus === 429 || failure.httpStatus >= 500;
  return true;
}

/** A failure's outcome: transient ones are retried until the queue's last attempt. */
export function failureOutcome(transient: boolean, lastAttempt: boolean, error: string): DeliveryOutcome {
  return { status: transient && !lastAttempt ? 'retrying' : 'failed', error: error.slice(0, 500) };
}
