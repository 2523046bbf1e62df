import type { ApplicationStatus } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';

// The only SQL for applications to opportunities, their messages and check-ins.

/** Applications per opportunity and status. */
export async function applicationCounts(db: Executor, opportunityIds: readonly string[]) {
  if (opportunityIds.length === 0) return [];
  return db
    .selectFrom('opportunity_applications')
    .select(['opportunity_id as opportunityId', 'status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('opportunity_id', 'in', opportunityIds)
    .groupBy(['opportunity_id', 'status'])
    .execute();
}

export async function seatsTaken(
  db: Executor,
  municipalityCode: string,
  opportunityId: string,
  holding: readonly ApplicationStatus[],
): Promise<number> {
  const row = await db
    .selectFrom('opportunity_applications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('municipality_code', '=', municipalityCode)
    .where('opportunity_id', '=', opportunityId)
    .where('status', 'in', holding)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const applicationColumns = [
  'a.id',
  'a.municipality_code as municipalityCode',
  'a.opportunity_id as opportunityId',
  'a.person_id as personId',
  'a.status',
  'a.answers',
  'a.applied_at as appliedAt',
  'a.decided_at as decidedAt',
  'a.cancelled_at as cancelledAt',
] as const;

export type ApplicationRow = Awaited<ReturnType<typeof findApplication>> & {};

/** By id, scoped by municipality (staff) or by person (the applicant), locked when deciding. */
export function findApplication(
  db: Executor,
  where: { id: string; municipalityCode?: string; personId?: string },
  options: { lock?: boolean } = {},
) {
  let query = db.selectFrom('opportunity_applications as a').select(applicationColumns).where('a.id', '=', where.id);
  if (where.municipalityCode) query = query.where('a.municipality_code', '=', where.municipalityCode);
  if (where.personId) query = query.where('a.person_id', '=', where.personId);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export function findApplicationOf(
  db: Executor,
  where: { municipalityCode: string; opportunityId: string; personId: string },
  options: { lock?: boolean } = {},
) {
  let query = db
    .selectFrom('opportunity_applications as a')
    .select(applicationColumns)
    .where('a.municipality_code', '=', where.municipalityCode)
    .where('a.opportunity_id', '=', where.opportunityId)
    .where('a.person_id', '=', where.personId);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Null when the person already has an application for this opportunity. */
export async function insertApplication(
  db: Executor,
  a: {
    municipalityCode: string;
    opportunityId: string;
    personId: string;
    answers: { question: string; answer: string }[];
    now: Date;
  },
): Promise<string | null> {
  const row = await db
    .insertInto('opportunity_applications')
    .values({
      municipality_code: a.municipalityCode,
      opportunity_id: a.opportunityId,
      person_id: a.personId,
      answers: JSON.stringify(a.answers),
      applied_at: a.now,
      updated_at: a.now,
    })
    .onConflict((oc) => oc.columns(['municipality_code', 'opportunity_id', 'person_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** A cancelled application applied for again: it starts over. */
export async function reopenApplication(
  db: Executor,
  municipalityCode: string,
  id: string,
  answers: { question: string; answer: string }[],
  now: Date,
): Promise<void> {
  await db
    .updateTable('opportunity_applications')
    .set({
      status: 'applied',
      answers: JSON.stringify(answers),
      applied_at: now,
      decided_at: null,
      decided_by: null,
      cancelled_at: null,
      updated_at: now,
    })
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .execute();
}

export async function setApplicationStatus(
  db: Executor,
  municipalityCode: string,
  id: string,
  change: { status: ApplicationStatus; decidedBy?: string | null; now: Date },
): Promise<void> {
  const decided = ['accepted', 'declined', 'no_show'].includes(change.status);
  await db
    .updateTable('opportunity_applications')
    .set({
      status: change.status,
      updated_at: change.now,
      ...(decided && { decided_at: change.now, decided_by: change.decidedBy ?? null }),
      ...(change.status === 'cancelled' && { cancelled_at: change.now }),
    })
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .execute();
}

export async function applicationsOfPerson(db: Executor, personId: string, page: { limit: number; offset: number }) {
  const base = db.selectFrom('opportunity_applications as a').where('a.person_id', '=', personId);
  const [items, count] = await Promise.all([
    base
      .select(applicationColumns)
      .orderBy('a.applied_at', 'desc')
      .orderBy('a.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** Applicants with the registration (and its consents) they hold with the municipality, if any. */
export async function applicationsOfOpportunity(
  db: Executor,
  municipalityCode: string,
  opportunityId: string,
  filter: { status?: ApplicationStatus },
  page: { limit: number; offset: number },
) {
  let base = db
    .selectFrom('opportunity_applications as a')
    .where('a.municipality_code', '=', municipalityCode)
    .where('a.opportunity_id', '=', opportunityId);
  if (filter.status) base = base.where('a.status', '=', filter.status);
  const [items, count] = await Promise.all([
    base
      .innerJoin('people as p', 'p.id', 'a.person_id')
      .leftJoin('registrations as r', (join) =>
        join.onRef('r.municipality_code', '=', 'a.municipality_code').onRef('r.person_id', '=', 'a.person_id'),
      )
      .select(applicationColumns)
      .select([
        'r.id as memberId',
        'r.tier',
        'r.relation_types as relationTypes',
        'r.consents',
        'p.display_name as displayName',
        'p.email',
        'p.birth_year as birthYear',
        'p.residence_prefecture as residencePrefecture',
      ])
      .orderBy('a.applied_at')
      .orderBy('a.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

// --- Messages and check-ins -------------------------------------------------------------------------

export function messagesOf(db: Executor, applicationIds: readonly string[]) {
  if (applicationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('application_messages')
    .select(['id', 'application_id as applicationId', 'body', 'sent_at as sentAt'])
    .where('application_id', 'in', applicationIds)
    .orderBy('sent_at')
    .orderBy('id')
    .execute();
}

export function insertMessage(
  db: Executor,
  m: { municipalityCode: string; applicationId: string; body: string; sentBy: string | null; now: Date },
) {
  return db
    .insertInto('application_messages')
    .values({
      municipality_code: m.municipalityCode,
      application_id: m.applicationId,
      body: m.body,
      sent_by: m.sentBy,
      sent_at: m.now,
    })
    .returning(['id', 'application_id as applicationId', 'body', 'sent_at as sentAt'])
    .executeTakeFirstOrThrow();
}

export function checkInsOf(db: Executor, applicationIds: readonly string[]) {
  if (applicationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('opportunity_check_ins')
    .select(['application_id as applicationId', 'session_id as sessionId', 'checked_in_at as checkedInAt', 'method'])
    .where('application_id', 'in', applicationIds)
    .orderBy('checked_in_at')
    .execute();
}

/** False when this application already checked in to this session. */
export async function insertCheckIn(
  db: Executor,
  c: {
    municipalityCode: string;
    applicationId: string;
    opportunityId: string;
    sessionId: string;
    method: 'token' | 'staff';
    by: string | null;
    now: Date;
  },
): Promise<boolean> {
  const row = await db
    .insertInto('opportunity_check_ins')
    .values({
      municipality_code: c.municipalityCode,
      application_id: c.applicationId,
      opportunity_id: c.opportunityId,
      session_id: c.sessionId,
      method: c.method,
      checked_in_by: c.by,
      checked_in_at: c.now,
    })
    .onConflict((oc) => oc.columns(['municipality_code', 'application_id', 'session_id']).doNothing())
    .returning('session_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function attachActivity(
  db: Executor,
  c: { municipalityCode: string; applicationId: string; sessionId: string; activityId: string },
): Promise<void> {
  await db
    .updateTable('opportunity_check_ins')
    .set({ activity_id: c.activityId })
    .where('municipality_code', '=', c.municipalityCode)
    .where('application_id', '=', c.applicationId)
    .where('session_id', '=', c.sessionId)
    .execute();
}
