import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { ApplicationStatus, OpportunityStatus, Tier } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';

// The only file with SQL for opportunities, their sessions, applications, messages and check-ins.

// --- Platform secrets -------------------------------------------------------------------------------

/**
 * A random secret stored under `name`, made by whichever process asks first; the insert that loses
 * the race does nothing, so every process reads the same value.
 */
export async function platformSecret(db: Executor, name: string): Promise<Uint8Array> {
  await db
    .insertInto('platform_secrets')
    .values({ name, secret: randomBytes(32) })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('platform_secrets')
    .select('secret')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.secret;
}

// --- Opportunities ----------------------------------------------------------------------------------

const opportunityColumns = [
  'o.id',
  'o.municipality_code as municipalityCode',
  'm.name as municipalityName',
  'o.kind',
  'o.title',
  'o.description',
  'o.place',
  'o.online',
  'o.capacity',
  'o.min_tier as minTier',
  'o.identity_required as identityRequired',
  'o.relation_types as relationTypes',
  'o.questions',
  'o.co_hosts as coHosts',
  'o.status',
  'o.created_at as createdAt',
  'o.updated_at as updatedAt',
] as const;

export interface OpportunityValues {
  kind: string;
  title: string;
  description: string;
  place: string;
  online: boolean;
  capacity: number;
  minTier: Tier;
  identityRequired: boolean;
  relationTypes: number[];
  questions: string[];
  coHosts: string[];
  status: OpportunityStatus;
}

function columnsOf(values: Partial<OpportunityValues>) {
  return {
    ...(values.kind !== undefined && { kind: values.kind }),
    ...(values.title !== undefined && { title: values.title }),
    ...(values.description !== undefined && { description: values.description }),
    ...(values.place !== undefined && { place: values.place }),
    ...(values.online !== undefined && { online: values.online }),
    ...(values.capacity !== undefined && { capacity: values.capacity }),
    ...(values.minTier !== undefined && { min_tier: values.minTier }),
    ...(values.identityRequired !== undefined && { identity_required: values.identityRequired }),
    ...(values.relationTypes !== undefined && { relation_types: values.relationTypes }),
    ...(values.questions !== undefined && { questions: values.questions }),
    ...(values.coHosts !== undefined && { co_hosts: values.coHosts }),
    ...(values.status !== undefined && { status: values.status }),
  };
}

export async function insertOpportunity(
  db: Executor,
  municipalityCode: string,
  values: OpportunityValues,
  createdBy: string | null,
  now: Date,
): Promise<string> {
  const row = await db
    .insertInto('opportunities')
    .values({
      ...columnsOf(values),
      kind: values.kind,
      title: values.title,
      description: values.description,
      place: values.place,
      capacity: values.capacity,
      municipality_code: municipalityCode,
      created_by: createdBy,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateOpportunity(
  db: Executor,
  municipalityCode: string,
  id: string,
  values: Partial<OpportunityValues>,
  now: Date,
): Promise<void> {
  await db
    .updateTable('opportunities')
    .set({ ...columnsOf(values), updated_at: now })
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .execute();
}

export type OpportunityRow = Awaited<ReturnType<typeof findOpportunity>> & {};

/**
 * Scoped by municipality when one is given (staff); a public lookup by id alone. `lock: 'update'`
 * serialises capacity decisions and edits; 'share' lets check-ins run side by side but not beside an edit.
 */
export function findOpportunity(
  db: Executor,
  where: { municipalityCode?: string; id: string },
  options: { lock?: 'update' | 'share' } = {},
) {
  let query = db
    .selectFrom('opportunities as o')
    .innerJoin('municipalities as m', 'm.code', 'o.municipality_code')
    .select(opportunityColumns)
    .where('o.id', '=', where.id);
  if (where.municipalityCode) query = query.where('o.municipality_code', '=', where.municipalityCode);
  if (options.lock === 'update') query = query.forNoKeyUpdate('o');
  if (options.lock === 'share') query = query.forShare('o');
  return query.executeTakeFirst();
}

export function opportunitiesByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('opportunities as o')
    .innerJoin('municipalities as m', 'm.code', 'o.municipality_code')
    .select(opportunityColumns)
    .where('o.id', 'in', ids)
    .execute();
}

export async function opportunitiesOfTenant(
  db: Executor,
  municipalityCode: string,
  filter: { status?: OpportunityStatus },
  page: { limit: number; offset: number },
) {
  let base = db
    .selectFrom('opportunities as o')
    .innerJoin('municipalities as m', 'm.code', 'o.municipality_code')
    .where('o.municipality_code', '=', municipalityCode);
  if (filter.status) base = base.where('o.status', '=', filter.status);
  const [items, count] = await Promise.all([
    base
      .select(opportunityColumns)
      .orderBy('o.created_at', 'desc')
      .orderBy('o.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export interface PublicFilter {
  municipalityCode?: string;
  prefectureCode?: string;
  kind?: string;
  online?: boolean;
  /** Only opportunities with a session starting at or after this instant. */
  from?: Date;
}

/** Open opportunities with a session still to come, the soonest first. */
export async function openOpportunities(
  db: Executor,
  filter: PublicFilter,
  page: { limit: number; offset: number },
  now: Date,
) {
  const upcoming = (from: Date | undefined) =>
    sql<boolean>`exists (
      select 1 from opportunity_sessions s
      where s.municipality_code = o.municipality_code and s.opportunity_id = o.id
        and s.ends_at > ${now} ${from ? sql`and s.starts_at >= ${from}` : sql``}
    )`;
  let base = db
    .selectFrom('opportunities as o')
    .innerJoin('municipalities as m', 'm.code', 'o.municipality_code')
    .where('o.status', '=', 'open')
    .where(upcoming(filter.from));
  const host = filter.municipalityCode;
  // A municipality's opportunities include the joint ones it co-hosts.
  if (host)
    base = base.where((eb) => eb.or([eb('o.municipality_code', '=', host), sql<boolean>`${host} = any (o.co_hosts)`]));
  if (filter.prefectureCode) base = base.where('m.prefecture_code', '=', filter.prefectureCode);
  if (filter.kind) base = base.where('o.kind', '=', filter.kind);
  if (filter.online !== undefined) base = base.where('o.online', '=', filter.online);
  const [items, count] = await Promise.all([
    base
      .select(opportunityColumns)
      .select(
        sql<Date>`(select min(s.starts_at) from opportunity_sessions s
          where s.municipality_code = o.municipality_code and s.opportunity_id = o.id and s.ends_at > ${now})`.as(
          'nextStartsAt',
        ),
      )
      .orderBy('nextStartsAt')
      .orderBy('o.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

// --- Sessions ---------------------------------------------------------------------------------------

export type SessionRow = { id: string; opportunityId: string; startsAt: Date; endsAt: Date };

export function sessionsOf(db: Executor, opportunityIds: readonly string[]): Promise<SessionRow[]> {
  if (opportunityIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('opportunity_sessions')
    .select(['id', 'opportunity_id as opportunityId', 'starts_at as startsAt', 'ends_at as endsAt'])
    .where('opportunity_id', 'in', opportunityIds)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}

export async function insertSessions(
  db: Executor,
  municipalityCode: string,
  opportunityId: string,
  sessions: readonly { startsAt: Date; endsAt: Date }[],
): Promise<void> {
  if (sessions.length === 0) return;
  await db
    .insertInto('opportunity_sessions')
    .values(
      sessions.map((s) => ({
        municipality_code: municipalityCode,
        opportunity_id: opportunityId,
        starts_at: s.startsAt,
        ends_at: s.endsAt,
      })),
    )
    .execute();
}

export async function moveSession(
  db: Executor,
  municipalityCode: string,
  opportunityId: string,
  session: { id: string; startsAt: Date; endsAt: Date },
): Promise<void> {
  await db
    .updateTable('opportunity_sessions')
    .set({ starts_at: session.startsAt, ends_at: session.endsAt })
    .where('municipality_code', '=', municipalityCode)
    .where('opportunity_id', '=', opportunityId)
    .where('id', '=', session.id)
    .execute();
}

export async function deleteSessions(
  db: Executor,
  municipalityCode: string,
  opportunityId: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .deleteFrom('opportunity_sessions')
    .where('municipality_code', '=', municipalityCode)
    .where('opportunity_id', '=', opportunityId)
    .where('id', 'in', ids)
    .execute();
}

export async function sessionsWithCheckIns(
  db: Executor,
  municipalityCode: string,
  sessionIds: readonly string[],
): Promise<string[]> {
  if (sessionIds.length === 0) return [];
  const rows = await db
    .selectFrom('opportunity_check_ins')
    .select('session_id')
    .distinct()
    .where('municipality_code', '=', municipalityCode)
    .where('session_id', 'in', sessionIds)
    .execute();
  return rows.map((r) => r.session_id);
}

// --- Applications -----------------------------------------------------------------------------------

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

// --- People and registrations (read) ----------------------------------------------------------------

/** Names of the co-hosts of the given opportunities' (code → name). */
export async function municipalityNames(db: Executor, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('municipalities').select(['code', 'name']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

export function coHostCandidates(db: Executor, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('municipalities')
    .select(['code', 'kind', 'prefecture_code as prefectureCode', 'joined_at as joinedAt'])
    .where('code', 'in', codes)
    .execute();
}

/** The person's registrations among the given municipalities (a joint opportunity's host and co-hosts). */
export function registrationsAmong(db: Executor, municipalityCodes: readonly string[], personId: string) {
  return db
    .selectFrom('registrations')
    .select([
      'municipality_code as municipalityCode',
      'id',
      'tier',
      'premium_expires_at as premiumExpiresAt',
      'relation_types as relationTypes',
      'consents',
    ])
    .where('municipality_code', 'in', municipalityCodes)
    .where('person_id', '=', personId)
    .execute();
}

export function personOf(db: Executor, personId: string) {
  return db
    .selectFrom('people')
    .select(['id', 'email', 'locale', 'identity_verified_at as identityVerifiedAt'])
    .where('id', '=', personId)
    .executeTakeFirst();
}

export function registrationOf(db: Executor, municipalityCode: string, personId: string) {
  return db
    .selectFrom('registrations')
    .select(['id', 'tier', 'premium_expires_at as premiumExpiresAt', 'relation_types as relationTypes', 'consents'])
    .where('municipality_code', '=', municipalityCode)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

/** Demo only: the first demo registrants of a municipality, in a stable order. */
export async function demoRegistrants(db: Executor, municipalityCode: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('registrations')
    .select('person_id')
    .where('municipality_code', '=', municipalityCode)
    .where('source', '=', 'demo')
    .where('tier', '=', 'basic')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.person_id);
}

/** The person behind a member id (the member card) of this municipality. */
/** The registrant whose member id (card number) this is, at any of the given municipalities. */
export function personOfMember(db: Executor, municipalityCodes: readonly string[], memberId: string) {
  return db
    .selectFrom('registrations')
    .select(['person_id as personId'])
    .where('municipality_code', 'in', municipalityCodes)
    .where('id', '=', memberId)
    .executeTakeFirst();
}

/** Everything about one person's applications, for their data export. */
export async function personalDataOf(db: Executor, personId: string) {
  const applications = await db
    .selectFrom('opportunity_applications as a')
    .innerJoin('opportunities as o', (join) =>
      join.onRef('o.municipality_code', '=', 'a.municipality_code').onRef('o.id', '=', 'a.opportunity_id'),
    )
    .select([
      'a.id',
      'a.municipality_code as municipalityCode',
      'o.title as opportunityTitle',
      'a.status',
      'a.answers',
      'a.applied_at as appliedAt',
      'a.decided_at as decidedAt',
      'a.cancelled_at as cancelledAt',
    ])
    .where('a.person_id', '=', personId)
    .orderBy('a.applied_at')
    .execute();
  const ids = applications.map((a) => a.id);
  const [messages, checkIns] = ids.length
    ? await Promise.all([
        db
          .selectFrom('application_messages')
          .select(['application_id as applicationId', 'body', 'sent_at as sentAt'])
          .where('application_id', 'in', ids)
          .orderBy('sent_at')
          .execute(),
        db
          .selectFrom('opportunity_check_ins')
          .select([
            'application_id as applicationId',
            'session_id as sessionId',
            'method',
            'checked_in_at as checkedInAt',
          ])
          .where('application_id', 'in', ids)
          .orderBy('checked_in_at')
          .execute(),
      ])
    : [[], []];
  return { applications, applicationMessages: messages, checkIns };
}
