import type { Executor } from '../../db/transaction.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/locale.ts';
import { enqueueMail } from '../mail/repository.ts';
import { signInMail } from './mail-templates.ts';
import * as repository from './repository.ts';
import {
  normaliseEmail,
  SESSION_TOUCH_INTERVAL_MS,
  SIGN_IN_CODE_MAX_FAILED_ATTEMPTS,
  SIGN_IN_CODE_TTL_MS,
  SIGN_IN_CODES_PER_WINDOW,
  sessionExpiry,
} from './rules.ts';
import { hashSecret, randomSignInCode, randomToken, secretMatches } from './secrets.ts';

/**
 * Sends a one-time code and link to an address. The answer is the same whether or not an account
 * exists, so the endpoint cannot be used to find out who is registered.
 */
export async function startEmailSignIn(
  db: Executor,
  input: { email: string; locale: Locale; publicUrl: string },
  now = new Date(),
): Promise<void> {
  const email = normaliseEmail(input.email);
  await inTransaction(db, async (trx) => {
    const recent = await repository.countRecentSignInCodes(trx, email, new Date(now.getTime() - SIGN_IN_CODE_TTL_MS));
    if (recent >= SIGN_IN_CODES_PER_WINDOW) throw new AppError('TOO_MANY_SIGN_IN_CODES');
    await repository.retireLiveCodes(trx, email, now);
    const code = randomSignInCode();
    const linkToken = randomToken();
    await repository.insertSignInCode(trx, {
      email,
      codeHash: hashSecret(code),
      linkTokenHash: hashSecret(linkToken),
      expiresAt: new Date(now.getTime() + SIGN_IN_CODE_TTL_MS),
    });
    const link = `${input.publicUrl}/sign-in/email?token=${encodeURIComponent(linkToken)}`;
    await enqueueMail(trx, { to: email, ...signInMail(input.locale, code, link) });
  });
}

export type SignInProof = { email: string; code: string } | { token: string };

export interface NewSession {
  token: string;
  person: repository.Person;
  createdAccount: boolean;
}

/** Checks a code or link, creates the account on first use, and opens a session. */
export async function completeEmailSignIn(
  db: Executor,
  proof: SignInProof,
  context: { locale: Locale; userAgent: string | null },
  now = new Date(),
): Promise<NewSession> {
  const found = 'token' in proof ? await findByLink(db, proof.token, now) : await findByCode(db, proof, now);
  return inTransaction(db, async (trx) => {
    if (!(await repository.consumeSignInCode(trx, found.id, now))) throw new AppError('SIGN_IN_CODE_INVALID');
    const existing = await repository.findPersonByEmail(trx, found.email);
    const person = existing ?? (await repository.insertPerson(trx, { email: found.email, locale: context.locale }));
    const token = await openSession(trx, person.id, context.userAgent, now);
    return { token, person, createdAccount: !existing };
  });
}

async function findByLink(db: Executor, token: string, now: Date) {
  const found = await repository.findLiveCodeByLinkToken(db, hashSecret(token), now);
  if (!found) throw new AppError('SIGN_IN_CODE_INVALID');
  return found;
}

async function findByCode(db: Executor, proof: { email: string; code: string }, now: Date) {
  const found = await repository.findLiveCodeForEmail(db, normaliseEmail(proof.email), now);
  if (!found) throw new AppError('SIGN_IN_CODE_INVALID');
  if (!secretMatches(proof.code, found.codeHash)) {
    // Recorded outside any transaction: the failure must stick although the request fails.
    await repository.recordFailedAttempt(db, found.id, SIGN_IN_CODE_MAX_FAILED_ATTEMPTS, now);
    throw new AppError('SIGN_IN_CODE_INVALID');
  }
  return found;
}

export async function openSession(
  db: Executor,
  personId: string,
  userAgent: string | null,
  now: Date,
): Promise<string> {
  const token = randomToken();
  await repository.insertSession(db, {
    tokenHash: hashSecret(token),
    personId,
    userAgent: userAgent?.slice(0, 300) ?? null,
    ...sessionExpiry(now, now),
  });
  return token;
}

export interface ActiveSession {
  personId: string;
  tokenHash: Buffer;
}

/** The session a cookie names, if it is still alive; slides the idle expiry at most once a minute. */
export async function resolveSession(db: Executor, token: string, now = new Date()): Promise<ActiveSession | null> {
  const tokenHash = hashSecret(token);
  const session = await repository.findLiveSession(db, tokenHash, now);
  if (!session) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_TOUCH_INTERVAL_MS) {
    await repository.touchSession(db, tokenHash, now, sessionExpiry(now, session.createdAt).idleExpiresAt);
  }
  return { personId: session.personId, tokenHash };
}

export async function signOut(db: Executor, session: ActiveSession): Promise<void> {
  await repository.deleteSession(db, session.tokenHash);
}

export async function signOutEverywhere(db: Executor, session: ActiveSession): Promise<number> {
  return repository.deleteSessionsOfPerson(db, session.personId);
}

export async function currentPerson(db: Executor, session: ActiveSession): Promise<repository.Person> {
  const person = await repository.findPerson(db, session.personId);
  if (!person) throw new AppError('AUTHENTICATION_REQUIRED');
  return person;
}
