import { sql } from 'kysely';
import type { Tier } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';

// SQL of partner uses (redemptions) of support measures.

/** The partner a person acts for in the tenant, when their role there is `partner`. */
export async function partnerOfMember(db: Executor, tenant: string, personId: string): Promise<string | null> {
  const row = await db
    .selectFrom('staff_memberships')
    .select('partner_id as partnerId')
    .where('tenant', '=', tenant)
    .where('person_id', '=', personId)
    .where('role', '=', 'partner')
    .executeTakeFirst();
  return row?.partnerId ?? null;
}

export async function honours(db: Executor, tenant: string, measureId: string, partnerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('support_measure_partners')
    .select('partner_id')
    .where('municipality_code', '=', tenant)
    .where('measure_id', '=', measureId)
    .where('partner_id', '=', partnerId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The registration a card names, if it still exists (a withdrawal deletes it). */
export function memberById(db: Executor, tenant: string, memberId: string) {
  return db
    .selectFrom('registrations')
    .select([
      'id as memberId',
      'person_id as personId',
      'tier',
      'premium_expires_at as premiumExpiresAt',
      'relation_types as relationTypes',
    ])
    .where('municipality_code', '=', tenant)
    .where('id', '=', memberId)
    .executeTakeFirst();
}

export async function timesUsed(db: Executor, tenant: string, measureId: string, personId: string) {
  const row = await db
    .selectFrom('redemptions')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('municipality_code', '=', tenant)
    .where('measure_id', '=', measureId)
    .where('person_id', '=', personId)
    .executeTakeFirstOrThrow();
  return row.n;
}

const columns = [
  'u.id',
  'u.measure_id as measureId',
  'sm.title as measureTitle',
  'u.partner_id as partnerId',
  'p.name as partnerName',
  'u.member_id as memberId',
  'u.tier',
  'u.scanned_at as scannedAt',
  'u.offline',
  'u.recorded_at as recordedAt',
  'u.token_id as tokenId',
] as const;

function redemptions(db: Executor) {
  return db
    .selectFrom('redemptions as u')
    .innerJoin('support_measures as sm', (join) =>
      join.onRef('sm.municipality_code', '=', 'u.municipality_code').onRef('sm.id', '=', 'u.measure_id'),
    )
    .innerJoin('partners as p', 'p.id', 'u.partner_id');
}

export type RedemptionRow = NonNullable<Awaited<ReturnType<typeof findByClientUse>>>;

export function findByClientUse(db: Executor, partnerId: string, clientUseId: string) {
  return redemptions(db)
    .select(columns)
    .where('u.partner_id', '=', partnerId)
    .where('u.client_use_id', '=', clientUseId)
    .executeTakeFirst();
}

/**
 * Inserts unless the partner already recorded this clientUseId or the person already used this
 * one-time measure (both are unique indexes, so concurrent scans cannot both get in).
 */
export async function insertRedemption(
  db: Executor,
  r: {
    municipalityCode: string;
    measureId: string;
    partnerId: string;
    personId: string;
    memberId: string;
    tier: Tier;
    once: boolean;
    clientUseId: string;
    tokenId: string;
    scannedAt: Date;
    offline: boolean;
    recordedAt: Date;
    recordedBy: string;
  },
): Promise<boolean> {
  const row = await db
    .insertInto('redemptions')
    .values({
      municipality_code: r.municipalityCode,
      measure_id: r.measureId,
      partner_id: r.partnerId,
      person_id: r.personId,
      member_id: r.memberId,
      tier: r.tier,
      once: r.once,
      client_use_id: r.clientUseId,
      token_id: r.tokenId,
      scanned_at: r.scannedAt,
      offline: r.offline,
      recorded_at: r.recordedAt,
      recorded_by: r.recordedBy,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function redemptionsOf(
  db: Executor,
  tenant: string,
  filter: { measureId?: string; partnerId?: string },
  page: { limit: number; offset: number },
) {
  let query = redemptions(db).where('u.municipality_code', '=', tenant);
  if (filter.measureId) query = query.where('u.measure_id', '=', filter.measureId);
  if (filter.partnerId) query = query.where('u.partner_id', '=', filter.partnerId);
  const [items, count] = await Promise.all([
    query
      .select(columns)
      .orderBy('u.recorded_at', 'desc')
      .orderBy('u.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}
