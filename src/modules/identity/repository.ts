import type { IdentityLevel } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import type { DirectoryMunicipality } from './rules.ts';

export async function insertVerificationRequest(
  db: Executor,
  request: { personId: string; stateHash: Buffer; nonce: string; codeVerifier: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('identity_verification_requests')
    .values({
      person_id: request.personId,
      state_hash: request.stateHash,
      nonce: request.nonce,
      code_verifier: request.codeVerifier,
      expires_at: request.expiresAt,
    })
    .execute();
}

/**
 * Marks the person's pending request with this state used and returns its secrets; undefined when the state is
 * unknown, another person's, expired or already used. One statement, so two callbacks cannot both win.
 */
export function consumeVerificationRequest(db: Executor, personId: string, stateHash: Buffer, now: Date) {
  return db
    .updateTable('identity_verification_requests')
    .set({ consumed_at: now })
    .where('person_id', '=', personId)
    .where('state_hash', '=', stateHash)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['nonce', 'code_verifier as codeVerifier'])
    .executeTakeFirst();
}

/** Expired requests are of no use to anyone; cleared whenever a new one starts. */
export async function deleteExpiredVerificationRequests(db: Executor, now: Date): Promise<void> {
  await db.deleteFrom('identity_verification_requests').where('expires_at', '<=', now).execute();
}

/** Every municipality (not prefectures, not wards of designated cities) with its prefecture's name. */
export function municipalityDirectory(db: Executor): Promise<DirectoryMunicipality[]> {
  return db
    .selectFrom('municipalities as m')
    .innerJoin('municipalities as p', (join) =>
      join.onRef('p.prefecture_code', '=', 'm.prefecture_code').on('p.kind', '=', 'prefecture'),
    )
    .select(['m.code', 'p.name as prefectureName', 'm.name'])
    .where('m.kind', '=', 'municipality')
    .execute();
}

export async function recordVerifiedIdentity(
  db: Executor,
  personId: string,
  verified: { level: IdentityLevel; at: Date; municipalityCode: string | null },
): Promise<void> {
  await db
    .updateTable('people')
    .set({
      identity_level: verified.level,
      identity_verified_at: verified.at,
      registered_municipality_code: verified.municipalityCode,
    })
    .where('id', '=', personId)
    .where('deleted_at', 'is', null)
    .execute();
}

export function identityOf(db: Executor, personId: string) {
  return db
    .selectFrom('people')
    .select([
      'identity_level as level',
      'identity_verified_at as verifiedAt',
      'registered_municipality_code as registeredMunicipalityCode',
    ])
    .where('id', '=', personId)
    .executeTakeFirst();
}
