import type { Executor } from '../../db/transaction.ts';

export interface StoredPasskey {
  id: string;
  personId: string;
  publicKey: Uint8Array<ArrayBuffer>;
  counter: number;
  transports: string[];
}

export async function findPasskey(db: Executor, id: string): Promise<StoredPasskey | undefined> {
  const row = await db
    .selectFrom('passkeys')
    .select(['id', 'person_id as personId', 'public_key as publicKey', 'counter', 'transports'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { ...row, publicKey: new Uint8Array(row.publicKey), counter: Number(row.counter) };
}

export function passkeysOf(db: Executor, personId: string) {
  return db
    .selectFrom('passkeys')
    .select([
      'id',
      'name',
      'device_type as deviceType',
      'backed_up as backedUp',
      'transports',
      'created_at as createdAt',
      'last_used_at as lastUsedAt',
    ])
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .execute();
}

export async function insertPasskey(
  db: Executor,
  p: {
    id: string;
    personId: string;
    publicKey: Uint8Array;
    counter: number;
    transports: string[];
    deviceType: 'singleDevice' | 'multiDevice';
    backedUp: boolean;
    name: string;
  },
): Promise<void> {
  await db
    .insertInto('passkeys')
    .values({
      id: p.id,
      person_id: p.personId,
      public_key: Buffer.from(p.publicKey),
      counter: p.counter,
      transports: p.transports,
      device_type: p.deviceType,
      backed_up: p.backedUp,
      name: p.name,
    })
    .execute();
}

export async function recordPasskeyUse(db: Executor, id: string, counter: number, now: Date): Promise<void> {
  await db.updateTable('passkeys').set({ counter, last_used_at: now }).where('id', '=', id).execute();
}

export async function deletePasskey(db: Executor, personId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('passkeys')
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function countPasskeys(db: Executor, personId: string): Promise<number> {
  const rows = await db.selectFrom('passkeys').select('id').where('person_id', '=', personId).forUpdate().execute();
  return rows.length;
}

export async function insertChallenge(
  db: Executor,
  c: {
    challenge: string;
    purpose: 'register' | 'authenticate';
    personId: string | null;
    newPersonId: string | null;
    displayName: string | null;
    expiresAt: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('webauthn_challenges')
    .values({
      challenge: c.challenge,
      purpose: c.purpose,
      person_id: c.personId,
      new_person_id: c.newPersonId,
      display_name: c.displayName,
      expires_at: c.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Takes a live challenge exactly once: a replayed response finds nothing. */
export function consumeChallenge(db: Executor, id: string, purpose: 'register' | 'authenticate', now: Date) {
  return db
    .updateTable('webauthn_challenges')
    .set({ consumed_at: now })
    .where('id', '=', id)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['challenge', 'person_id as personId', 'new_person_id as newPersonId', 'display_name as displayName'])
    .executeTakeFirst();
}
