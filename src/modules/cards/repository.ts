import type { Executor } from '../../db/transaction.ts';

// The only SQL of member cards: the signing keys and what a card shows about a registration.

/** Every key window with its public half; the private half is read only by `privateKeyOf`. */
export function signingKeys(db: Executor) {
  return db
    .selectFrom('card_signing_keys')
    .select([
      'generation',
      'kid',
      'public_jwk as publicJwk',
      'active_from as activeFrom',
      'retire_at as retireAt',
      'unpublish_at as unpublishAt',
    ])
    .orderBy('generation')
    .execute();
}

export type SigningKeyRow = Awaited<ReturnType<typeof signingKeys>>[number];

/** Two processes may plan the same generation at once: the first insert wins, the other is a no-op. */
export async function insertSigningKey(
  db: Executor,
  key: {
    generation: number;
    kid: string;
    publicJwk: object;
    privateJwk: object;
    activeFrom: Date;
    retireAt: Date;
    unpublishAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('card_signing_keys')
    .values({
      generation: key.generation,
      kid: key.kid,
      public_jwk: JSON.stringify(key.publicJwk),
      private_jwk: JSON.stringify(key.privateJwk),
      active_from: key.activeFrom,
      retire_at: key.retireAt,
      unpublish_at: key.unpublishAt,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function privateKeyOf(db: Executor, kid: string) {
  const row = await db
    .selectFrom('card_signing_keys')
    .select('private_jwk as privateJwk')
    .where('kid', '=', kid)
    .executeTakeFirst();
  return row?.privateJwk ?? null;
}

/** A retired key signs nothing more, so its private half is kept no longer than needed. */
export async function forgetRetiredPrivateKeys(db: Executor, now: Date): Promise<void> {
  await db
    .updateTable('card_signing_keys')
    .set({ private_jwk: null })
    .where('retire_at', '<=', now)
    .where('private_jwk', 'is not', null)
    .execute();
}

/** The registration a card is issued for, with what the card may show. */
export function cardSubject(db: Executor, personId: string, code: string) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('municipalities as m', 'm.code', 'r.municipality_code')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select([
      'r.id as memberId',
      'r.municipality_code as municipalityCode',
      'm.name as municipalityName',
      'r.tier',
      'r.premium_expires_at as premiumExpiresAt',
      'r.consents',
      'p.display_name as displayName',
    ])
    .where('r.person_id', '=', personId)
    .where('r.municipality_code', '=', code)
    .executeTakeFirst();
}
