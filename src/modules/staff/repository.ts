import { sql } from 'kysely';
import type { StaffRole } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import type { Membership } from '../../platform/policy.ts';

export function membershipsOf(
  db: Executor,
  personId: string,
): Promise<(Membership & { partnerName: string | null })[]> {
  return db
    .selectFrom('staff_memberships as s')
    .leftJoin('partners as p', 'p.id', 's.partner_id')
    .select(['s.tenant', 's.role', 's.partner_id as partnerId', 'p.name as partnerName'])
    .where('s.person_id', '=', personId)
    .orderBy('s.tenant')
    .execute();
}

export async function staffOf(db: Executor, tenant: string, page: { limit: number; offset: number }) {
  const [items, count] = await Promise.all([
    db
      .selectFrom('staff_memberships as s')
      .innerJoin('people as p', 'p.id', 's.person_id')
      .select([
        'p.id as personId',
        'p.email',
        'p.display_name as displayName',
        's.role',
        's.partner_id as partnerId',
        's.created_at as since',
      ])
      .where('s.tenant', '=', tenant)
      .where('p.deleted_at', 'is', null)
      .orderBy('p.email')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('staff_memberships')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('tenant', '=', tenant)
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}

export function findMembership(db: Executor, tenant: string, personId: string) {
  return db
    .selectFrom('staff_memberships')
    .select(['tenant', 'role'])
    .where('tenant', '=', tenant)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function upsertMembership(
  db: Executor,
  m: { tenant: string; personId: string; role: StaffRole; partnerId?: string | null; grantedBy: string | null },
): Promise<void> {
  const partnerId = m.partnerId ?? null;
  await db
    .insertInto('staff_memberships')
    .values({ tenant: m.tenant, person_id: m.personId, role: m.role, partner_id: partnerId, granted_by: m.grantedBy })
    .onConflict((oc) =>
      oc.columns(['tenant', 'person_id']).doUpdateSet({ role: m.role, partner_id: partnerId, granted_by: m.grantedBy }),
    )
    .execute();
}

export async function deleteMembership(db: Executor, tenant: string, personId: string): Promise<void> {
  await db.deleteFrom('staff_memberships').where('tenant', '=', tenant).where('person_id', '=', personId).execute();
}

/** Locks the tenant's admin rows so two concurrent demotions cannot both pass the last-admin check. */
export async function countAdminsForUpdate(db: Executor, tenant: string): Promise<number> {
  const rows = await db
    .selectFrom('staff_memberships')
    .select('person_id')
    .where('tenant', '=', tenant)
    .where('role', '=', 'admin')
    .forUpdate()
    .execute();
  return rows.length;
}
