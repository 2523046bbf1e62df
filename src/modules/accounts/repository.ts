import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';

export interface Person {
  id: string;
  email: string | null;
  displayName: string | null;
  locale: 'ja' | 'en';
  /** ISO 8601 (UTC), or null while identity is not verified. */
  identityVerifiedAt: string | null;
}

// Formatted in SQL so that every query returning a person gives the API's ISO string on both engines.
const identityVerifiedAt = sql<
  string | null
>`to_char(identity_verified_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('identityVerifiedAt');
const personColumns = ['id', 'email', 'display_name as displayName', 'locale', identityVerifiedAt] as const;

export function findPersonByEmail(db: Executor, email: string): Promise<Person | undefined> {
  return db
    .selectFrom('people')
    .select(personColumns)
    .where('email', '=', email)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function findPerson(db: Executor, id: string): Promise<Person | undefined> {
  return db
    .selectFrom('people')
    .select(personColumns)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function insertPerson(
  db: Executor,
  person: { id?: string; email: string | null; displayName?: string | null; locale: 'ja' | 'en' },
): Promise<Person> {
  return db
    .insertInto('people')
    .values({ id: person.id, email: person.email, display_name: person.displayName ?? null, locale: person.locale })
    .returning(personColumns)
    .executeTakeFirstOrThrow();
}

export async function countRecentSignInCodes(db: Executor, email: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('sign_in_codes')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('email', '=', email)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function insertSignInCode(
  db: Executor,
  code: { email: string; codeHash: Buffer; linkTokenHash: Buffer; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('sign_in_codes')
    .values({
      email: code.email,
      code_hash: code.codeHash,
      link_token_hash: code.linkTokenHash,
      expires_at: code.expiresAt,
    })
    .execute();
}

/** Ends every live code of an address: only the newest one sent may work, so guesses never add up across codes. */
export async function retireLiveCodes(db: Executor, email: string, now: Date): Promise<void> {
  await db
    .updateTable('sign_in_codes')
    .set({ consumed_at: now })
    .where('email', '=', email)
    .where('consumed_at', 'is', null)
    .execute();
}

/** The newest code of an address that can still be used. */
export function findLiveCodeForEmail(db: Executor, email: string, now: Date) {
  return db
    .selectFrom('sign_in_codes')
    .select(['id', 'email', 'code_hash as codeHash', 'failed_attempts as failedAttempts'])
    .where('email', '=', email)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findLiveCodeByLinkToken(db: Executor, linkTokenHash: Buffer, now: Date) {
  return db
    .selectFrom('sign_in_codes')
    .select(['id', 'email'])
    .where('link_token_hash', '=', linkTokenHash)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Marks a code used; false when another request used it first (single use under concurrency). */
export async function consumeSignInCode(db: Executor, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('sign_in_codes')
    .set({ consumed_at: now })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Counts a wrong guess; the code is burnt when it reaches the limit. */
export async function recordFailedAttempt(db: Executor, id: string, maxAttempts: number, now: Date): Promise<void> {
  await db
    .updateTable('sign_in_codes')
    .set((eb) => ({
      failed_attempts: eb('failed_attempts', '+', 1),
      consumed_at: eb
        .case()
        .when('failed_attempts', '>=', maxAttempts - 1)
        .then(now)
        .else(eb.ref('consumed_at'))
        .end(),
    }))
    .where('id', '=', id)
    .execute();
}

export async function insertSession(
  db: Executor,
  session: {
    tokenHash: Buffer;
    personId: string;
    idleExpiresAt: Date;
    absoluteExpiresAt: Date;
    userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      person_id: session.personId,
      idle_expires_at: session.idleExpiresAt,
      absolute_expires_at: session.absoluteExpiresAt,
      user_agent: session.userAgent,
    })
    .execute();
}

export function findLiveSession(db: Executor, tokenHash: Buffer, now: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('people', 'people.id', 'sessions.person_id')
    .select([
      'sessions.person_id as personId',
      'sessions.created_at as createdAt',
      'sessions.last_seen_at as lastSeenAt',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.idle_expires_at', '>', now)
    .where('sessions.absolute_expires_at', '>', now)
    .where('people.deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function touchSession(db: Executor, tokenHash: Buffer, now: Date, idleExpiresAt: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now, idle_expires_at: idleExpiresAt })
    .where('token_hash', '=', tokenHash)
    .execute();
}

export async function deleteSession(db: Executor, tokenHash: Buffer): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOfPerson(db: Executor, personId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('person_id', '=', personId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
