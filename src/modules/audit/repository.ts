import type { Executor } from '../../db/transaction.ts';

export interface AuditEntry {
  tenant: string;
  actorPersonId: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  requestId?: string;
  details?: Record<string, unknown>;
}

/** Append-only (a trigger refuses UPDATE and DELETE). Write it in the transaction of the change it records. */
export async function appendAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      tenant: entry.tenant,
      actor_person_id: entry.actorPersonId,
      action: entry.action,
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId ?? null,
      request_id: entry.requestId ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}

export async function auditLogOf(db: Executor, tenant: string, page: { limit: number; offset: number }) {
  const [items, count] = await Promise.all([
    db
      .selectFrom('audit_log')
      .leftJoin('people', 'people.id', 'audit_log.actor_person_id')
      .select([
        'audit_log.id',
        'audit_log.occurred_at as occurredAt',
        'audit_log.actor_person_id as actorPersonId',
        'people.email as actorEmail',
        'audit_log.action',
        'audit_log.subject_type as subjectType',
        'audit_log.subject_id as subjectId',
        'audit_log.request_id as requestId',
        'audit_log.details',
      ])
      .where('audit_log.tenant', '=', tenant)
      .orderBy('audit_log.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant', '=', tenant)
      .executeTakeFirstOrThrow(),
  ]);
  return { items: items.map((i) => ({ ...i, id: String(i.id) })), total: Number(count.n) };
}
