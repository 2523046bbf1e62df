import { type Expression, sql } from 'kysely';
import type { ActivityStatus, RegistrationEventKind, RegistrationSource, Tier } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import type { CounterDelta, PremiumRule } from './rules.ts';

// The only file with SQL for registrations, their history, counters, premium rules and activities.

export function findTarget(db: Executor, code: string) {
  return db
    .selectFrom('municipalities')
    .select(['code', 'kind', 'name', 'prefecture_code as prefectureCode', 'parent_code as parentCode', 'joined_at'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Registration targets (municipalities and prefectures) by code, in one read. */
export function findTargets(db: Executor, codes: readonly string[]) {
  return db
    .selectFrom('municipalities')
    .select(['code', 'kind', 'name', 'prefecture_code as prefectureCode', 'parent_code as parentCode', 'joined_at'])
    .where('code', '=', sql<string>`any(${[...codes]}::char(6)[])`)
    .execute();
}

/** Several people, locked in id order (the order every batch takes, so two batches cannot deadlock). */
export function lockPeople(db: Executor, personIds: readonly string[]) {
  return db
    .selectFrom('people')
    .select([
      'id',
      'residence_prefecture as residencePrefecture',
      'registered_municipality_code as registeredMunicipalityCode',
    ])
    .where('id', '=', sql<string>`any(${[...personIds]}::uuid[])`)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** The person, locked: premium limits and profile changes are decided one request at a time per person. */
export function lockPerson(db: Executor, personId: string) {
  return db
    .selectFrom('people')
    .select([
      'id',
      'email',
      'display_name as displayName',
      'birth_year as birthYear',
      'residence_prefecture as residencePrefecture',
      'identity_verified_at as identityVerifiedAt',
      'registered_municipality_code as registeredMunicipalityCode',
    ])
    .where('id', '=', personId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function updateProfile(
  db: Executor,
  personId: string,
  profile: { birthYear?: number; residencePrefecture?: string },
): Promise<void> {
  const set: { birth_year?: number; residence_prefecture?: string } = {};
  if (profile.birthYear !== undefined) set.birth_year = profile.birthYear;
  if (profile.residencePrefecture !== undefined) set.residence_prefecture = profile.residencePrefecture;
  if (Object.keys(set).length > 0) await db.updateTable('people').set(set).where('id', '=', personId).execute();
}

const registrationColumns = [
  'r.id',
  'r.person_id as personId',
  'r.municipality_code as municipalityCode',
  'm.name as municipalityName',
  'm.kind',
  'm.prefecture_code as prefectureCode',
  'r.tier',
  'r.relation_types as relationTypes',
  'r.consents',
  'r.implicit',
  'r.residence_prefecture as residencePrefecture',
  'r.registered_at as registeredAt',
  'r.premium_since as premiumSince',
  'r.premium_expires_at as premiumExpiresAt',
  'r.premium_reminded_at as premiumRemindedAt',
] as const;

export type RegistrationRow = Awaited<ReturnType<typeof registrationsOf>>[number];

export function registrationsOf(db: Executor, personId: string) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('municipalities as m', 'm.code', 'r.municipality_code')
    .select(registrationColumns)
    .where('r.person_id', '=', personId)
    .orderBy('r.registered_at')
    .orderBy('r.municipality_code')
    .execute();
}

export function findRegistration(db: Executor, personId: string, code: string, options: { lock?: boolean } = {}) {
  const query = db
    .selectFrom('registrations as r')
    .innerJoin('municipalities as m', 'm.code', 'r.municipality_code')
    .select(registrationColumns)
    .where('r.person_id', '=', personId)
    .where('r.municipality_code', '=', code);
  return (options.lock ? query.forUpdate('r') : query).executeTakeFirst();
}

/** The person's municipality registrations within one prefecture (for the implied prefecture registration). */
export async function municipalityTypesInPrefecture(db: Executor, personId: string, prefectureCode: string) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('municipalities as m', 'm.code', 'r.municipality_code')
    .select(['r.municipality_code as municipalityCode', 'r.relation_types as relationTypes'])
    .where('r.person_id', '=', personId)
    .where('m.prefecture_code', '=', prefectureCode)
    .where('m.kind', '=', 'municipality')
    .orderBy('r.municipality_code')
    .execute();
}

/** What several people hold in some prefectures (each prefecture itself included), in one read. */
export function registrationsOfPeopleIn(
  db: Executor,
  personIds: readonly string[],
  prefectureCodes: readonly string[],
) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('municipalities as m', 'm.code', 'r.municipality_code')
    .select(registrationColumns)
    .where('r.person_id', '=', sql<string>`any(${[...personIds]}::uuid[])`)
    .where('m.prefecture_code', '=', sql<string>`any(${[...prefectureCodes]}::char(2)[])`)
    .where('m.kind', 'in', ['municipality', 'prefecture'])
    .execute();
}

/** Everything the person holds in one prefecture, the prefecture itself included, in one read. */
export function registrationsInPrefecture(db: Executor, personId: string, prefectureCode: string) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('municipalities as m', 'm.code', 'r.municipality_code')
    .select(registrationColumns)
    .where('r.person_id', '=', personId)
    .where('m.prefecture_code', '=', prefectureCode)
    .where('m.kind', 'in', ['municipality', 'prefecture'])
    .execute();
}

export interface NewRegistration {
  municipalityCode: string;
  personId: string;
  relationTypes: number[];
  consents: string[];
  implicit: boolean;
  residencePrefecture: string;
  source: RegistrationSource;
  registeredAt: Date;
}

/** New registrations of people locked by the caller, who has checked they hold none of them: one statement. */
export async function insertRegistrations(db: Executor, rows: readonly (NewRegistration & { id: string })[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('registrations')
    .values(
      rows.map((r) => ({
        id: r.id,
        municipality_code: r.municipalityCode,
        person_id: r.personId,
        relation_types: r.relationTypes,
        consents: r.consents,
        implicit: r.implicit,
        residence_prefecture: r.residencePrefecture,
        source: r.source,
        registered_at: r.registeredAt,
        updated_at: r.registeredAt,
      })),
    )
    .execute();
}

/** Inserts unless the person already holds it; undefined then (the caller reports the existing one). */
export function insertRegistration(db: Executor, r: NewRegistration) {
  return db
    .insertInto('registrations')
    .values({
      municipality_code: r.municipalityCode,
      person_id: r.personId,
      relation_types: r.relationTypes,
      consents: r.consents,
      implicit: r.implicit,
      residence_prefecture: r.residencePrefecture,
      source: r.source,
      registered_at: r.registeredAt,
      updated_at: r.registeredAt,
    })
    .onConflict((oc) => oc.columns(['municipality_code', 'person_id']).doNothing())
    .returning(['id', 'registered_at as registeredAt'])
    .executeTakeFirst();
}

export async function updateRegistration(
  db: Executor,
  personId: string,
  code: string,
  set: {
    relationTypes?: number[];
    consents?: string[];
    implicit?: boolean;
    tier?: Tier;
    premiumSince?: Date | null;
    premiumExpiresAt?: Date | null;
    premiumRemindedAt?: Date | null;
  },
  now: Date,
): Promise<void> {
  await db
    .updateTable('registrations')
    .set({
      ...(set.relationTypes !== undefined && { relation_types: set.relationTypes }),
      ...(set.consents !== undefined && { consents: set.consents }),
      ...(set.implicit !== undefined && { implicit: set.implicit }),
      ...(set.tier !== undefined && { tier: set.tier }),
      ...(set.premiumSince !== undefined && { premium_since: set.premiumSince }),
      ...(set.premiumExpiresAt !== undefined && { premium_expires_at: set.premiumExpiresAt }),
      ...(set.premiumRemindedAt !== undefined && { premium_reminded_at: set.premiumRemindedAt }),
      updated_at: now,
    })
    .where('person_id', '=', personId)
    .where('municipality_code', '=', code)
    .execute();
}

export async function deleteRegistration(db: Executor, personId: string, code: string): Promise<void> {
  await db
    .deleteFrom('registrations')
    .where('person_id', '=', personId)
    .where('municipality_code', '=', code)
    .execute();
}

export interface NewEvent {
  municipalityCode: string;
  /** Null for the events of an account being deleted: they stay only as anonymous history. */
  personId: string | null;
  registrationId: string | null;
  kind: RegistrationEventKind;
  tier: Tier;
  relationTypes: readonly number[];
  residencePrefecture: string;
  occurredAt: Date;
  details?: Record<string, unknown>;
}

function eventRows(events: readonly NewEvent[]) {
  return events.map((e) => ({
    municipality_code: e.municipalityCode,
    person_id: e.personId,
    registration_id: e.registrationId,
    kind: e.kind,
    tier: e.tier,
    relation_types: [...e.relationTypes],
    residence_prefecture: e.residencePrefecture,
    occurred_at: e.occurredAt,
    details: e.details ? JSON.stringify(e.details) : null,
  }));
}

function counterRows(deltas: readonly CounterDelta[]) {
  return deltas.map((d) => ({
    municipality_code: d.municipalityCode,
    day: d.day,
    tier: d.tier,
    relation_type: d.relationType,
    residence_prefecture: d.residencePrefecture,
    shard: d.shard,
    n: d.n,
  }));
}

/**
 * Writes the history and the counter changes of one use-case in a single statement (one round trip on
 * the hot path). Counter rows go in the deltas' sorted order, so concurrent writers lock them alike.
 */
export async function appendHistory(
  db: Executor,
  events: readonly NewEvent[],
  deltas: readonly CounterDelta[],
): Promise<void> {
  if (deltas.length === 0) {
    if (events.length > 0) await db.insertInto('registration_events').values(eventRows(events)).execute();
    return;
  }
  const base =
    events.length > 0 ? db.with('events', (qc) => qc.insertInto('registration_events').values(eventRows(events))) : db;
  await base
    .insertInto('registration_counters')
    .values(counterRows(deltas))
    .onConflict((oc) =>
      oc
        .columns(['municipality_code', 'day', 'tier', 'relation_type', 'residence_prefecture', 'shard'])
        .doUpdateSet({ n: sql`registration_counters.n + excluded.n` }),
    )
    .execute();
}

/** Premium registrations the person holds elsewhere that are still valid at `now`. */
export async function countPremiumElsewhere(db: Executor, personId: string, code: string, now: Date) {
  const row = await db
    .selectFrom('registrations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('person_id', '=', personId)
    .where('municipality_code', '!=', code)
    .where('tier', '=', 'premium')
    .where('premium_expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// --- Premium rules ----------------------------------------------------------------------------------

export function findPremiumRule(db: Executor, code: string) {
  return db
    .selectFrom('premium_rules')
    .select([
      'min_activities as minActivities',
      'activity_kinds as activityKinds',
      'required_relation_types as requiredRelationTypes',
      'staff_review as staffReview',
      'updated_at as updatedAt',
    ])
    .where('municipality_code', '=', code)
    .executeTakeFirst();
}

export async function savePremiumRule(db: Executor, code: string, rule: PremiumRule, by: string, now: Date) {
  const values = {
    min_activities: rule.minActivities,
    activity_kinds: [...rule.activityKinds],
    required_relation_types: [...rule.requiredRelationTypes],
    staff_review: rule.staffReview,
    updated_at: now,
    updated_by: by,
  };
  await db
    .insertInto('premium_rules')
    .values({ municipality_code: code, ...values })
    .onConflict((oc) => oc.column('municipality_code').doUpdateSet(values))
    .execute();
}

// --- Activities -------------------------------------------------------------------------------------

/**
 * Registrants who pass the national requirements that do not depend on the municipality's rule
 * (identity verified, a known residence elsewhere, at least `minActivities` confirmed activities in the
 * window), with what the rules engine needs to decide the rest.
 */
export async function premiumCandidates(
  db: Executor,
  code: string,
  window: { since: string; until: string; minActivities: number; now: Date },
) {
  const rows = await db
    .selectFrom('registrations as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select([
      'r.person_id as personId',
      'r.tier',
      'r.relation_types as relationTypes',
      'r.premium_expires_at as premiumExpiresAt',
      'p.registered_municipality_code as residenceMunicipalityCode',
      (eb) =>
        eb
          .selectFrom('registrations as o')
          .select((o) => o.fn.countAll<string>().as('n'))
          .whereRef('o.person_id', '=', 'r.person_id')
          .where('o.municipality_code', '!=', code)
          .where('o.tier', '=', 'premium')
          .where('o.premium_expires_at', '>', window.now)
          .as('premiumElsewhere'),
    ])
    .where('r.municipality_code', '=', code)
    .where('p.identity_verified_at', 'is not', null)
    .where('p.registered_municipality_code', 'is not', null)
    .where(
      sql<boolean>`(select count(*) from activity_records a
        where a.person_id = r.person_id and a.municipality_code = ${code} and a.status = 'confirmed'
          and a.occurred_on between ${window.since} and ${window.until}) >= ${window.minActivities}`,
    )
    .execute();
  const activities = rows.length
    ? await db
        .selectFrom('activity_records')
        .select(['person_id as personId', 'kind', 'occurred_on as occurredOn', 'status'])
        .where('municipality_code', '=', code)
        .where('status', '=', 'confirmed')
        .where(
          'person_id',
          'in',
          rows.map((r) => r.personId),
        )
        .execute()
    : [];
  return rows.map((r) => ({
    ...r,
    premiumElsewhere: Number(r.premiumElsewhere ?? 0),
    activities: activities.filter((a) => a.personId === r.personId),
  }));
}

export async function countRegistrants(db: Executor, code: string): Promise<number> {
  const row = await db
    .selectFrom('registrations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('municipality_code', '=', code)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const activityColumns = [
  'a.id',
  'a.person_id as personId',
  'a.municipality_code as municipalityCode',
  'a.kind',
  'a.occurred_on as occurredOn',
  'a.source',
  'a.status',
  'a.note',
  'a.review_reason as reviewReason',
  'a.created_at as createdAt',
] as const;

export function activitiesOf(db: Executor, personId: string, code?: string) {
  let query = db
    .selectFrom('activity_records as a')
    .leftJoin('activity_proofs as p', (join) =>
      join.onRef('p.person_id', '=', 'a.person_id').onRef('p.activity_id', '=', 'a.id'),
    )
    .select([...activityColumns, sql<boolean>`p.activity_id is not null`.as('hasProof')])
    .where('a.person_id', '=', personId);
  if (code) query = query.where('a.municipality_code', '=', code);
  return query.orderBy('a.occurred_on', 'desc').orderBy('a.created_at', 'desc').execute();
}

export function insertActivity(
  db: Executor,
  a: {
    personId: string;
    municipalityCode: string;
    kind: string;
    occurredOn: string;
    source: 'platform' | 'proof';
    status: ActivityStatus;
    note: string | null;
    recordedBy: string | null;
  },
) {
  return db
    .insertInto('activity_records')
    .values({
      person_id: a.personId,
      municipality_code: a.municipalityCode,
      kind: a.kind,
      occurred_on: a.occurredOn,
      source: a.source,
      status: a.status,
      note: a.note,
      recorded_by: a.recordedBy,
    })
    .returning(['id', 'created_at as createdAt'])
    .executeTakeFirstOrThrow();
}

export async function insertProof(
  db: Executor,
  p: {
    personId: string;
    activityId: string;
    contentType: 'image/jpeg' | 'image/png' | 'application/pdf';
    bytes: Buffer;
  },
  sha256: Buffer,
): Promise<void> {
  await db
    .insertInto('activity_proofs')
    .values({
      person_id: p.personId,
      activity_id: p.activityId,
      content_type: p.contentType,
      size_bytes: p.bytes.byteLength,
      sha256,
      bytes: p.bytes,
    })
    .execute();
}

export function findActivityInTenant(db: Executor, code: string, id: string, options: { lock?: boolean } = {}) {
  const query = db
    .selectFrom('activity_records as a')
    .select(activityColumns)
    .where('a.municipality_code', '=', code)
    .where('a.id', '=', id);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

export function findProof(db: Executor, personId: string, activityId: string) {
  return db
    .selectFrom('activity_proofs')
    .select(['content_type as contentType', 'bytes', 'size_bytes as sizeBytes'])
    .where('person_id', '=', personId)
    .where('activity_id', '=', activityId)
    .executeTakeFirst();
}

export async function reviewActivity(
  db: Executor,
  personId: string,
  id: string,
  review: { status: 'confirmed' | 'rejected'; by: string; reason: string | null; at: Date },
): Promise<void> {
  await db
    .updateTable('activity_records')
    .set({ status: review.status, reviewed_by: review.by, reviewed_at: review.at, review_reason: review.reason })
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .execute();
}

export async function activityQueue(
  db: Executor,
  code: string,
  status: ActivityStatus,
  page: { limit: number; offset: number },
) {
  const base = db
    .selectFrom('activity_records as a')
    .leftJoin('registrations as r', (join) =>
      join.onRef('r.person_id', '=', 'a.person_id').on('r.municipality_code', '=', code),
    )
    .where('a.municipality_code', '=', code)
    .where('a.status', '=', status);
  const [items, count] = await Promise.all([
    base
      .leftJoin('activity_proofs as p', (join) =>
        join.onRef('p.person_id', '=', 'a.person_id').onRef('p.activity_id', '=', 'a.id'),
      )
      .select([...activityColumns, 'r.id as memberId', sql<boolean>`p.activity_id is not null`.as('hasProof')])
      .orderBy('a.created_at')
      .orderBy('a.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

// --- Premium applications ---------------------------------------------------------------------------

export function insertPremiumApplication(
  db: Executor,
  a: { municipalityCode: string; personId: string; kind: 'new' | 'renewal'; evaluation: unknown },
) {
  return db
    .insertInto('premium_applications')
    .values({
      municipality_code: a.municipalityCode,
      person_id: a.personId,
      kind: a.kind,
      evaluation: JSON.stringify(a.evaluation),
    })
    .onConflict((oc) => oc.columns(['municipality_code', 'person_id']).where('status', '=', 'pending').doNothing())
    .returning(['id'])
    .executeTakeFirst();
}

export function findPremiumApplication(db: Executor, code: string, id: string, options: { lock?: boolean } = {}) {
  const query = db
    .selectFrom('premium_applications')
    .select(['id', 'person_id as personId', 'kind', 'status'])
    .where('municipality_code', '=', code)
    .where('id', '=', id);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function decidePremiumApplication(
  db: Executor,
  code: string,
  id: string,
  decision: { status: 'approved' | 'rejected'; by: string; reason: string | null; at: Date },
): Promise<void> {
  await db
    .updateTable('premium_applications')
    .set({ status: decision.status, decided_by: decision.by, decided_at: decision.at, reason: decision.reason })
    .where('municipality_code', '=', code)
    .where('id', '=', id)
    .execute();
}

export async function deletePendingApplications(db: Executor, personId: string, code: string): Promise<void> {
  await db
    .deleteFrom('premium_applications')
    .where('person_id', '=', personId)
    .where('municipality_code', '=', code)
    .where('status', '=', 'pending')
    .execute();
}

export async function premiumApplicationQueue(
  db: Executor,
  code: string,
  status: 'pending' | 'approved' | 'rejected',
  page: { limit: number; offset: number },
) {
  const base = db
    .selectFrom('premium_applications as a')
    .leftJoin('registrations as r', (join) =>
      join.onRef('r.person_id', '=', 'a.person_id').onRef('r.municipality_code', '=', 'a.municipality_code'),
    )
    .where('a.municipality_code', '=', code)
    .where('a.status', '=', status);
  const [items, count] = await Promise.all([
    base
      .select([
        'a.id',
        'r.id as memberId',
        'a.kind',
        'a.status',
        'a.evaluation',
        'a.submitted_at as submittedAt',
        'a.decided_at as decidedAt',
        'a.reason',
      ])
      .orderBy('a.submitted_at')
      .orderBy('a.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

// --- Registrants (staff) ----------------------------------------------------------------------------

export interface RegistrantFilter {
  /** A fragment of the name, already folded by `normaliseForSearch`. */
  nameQuery?: string;
  tier?: Tier;
  relationType?: number;
  residencePrefecture?: string;
  /** Registered at or after this instant (the start of a JST day). */
  registeredSince?: Date;
  minActivities?: number;
}

export type RegistrantSort = 'registeredAt' | 'activities';

const KATAKANA = String.fromCharCode(...Array.from({ length: 0x30f6 - 0x30a1 + 1 }, (_, i) => 0x30a1 + i));
const HIRAGANA = String.fromCharCode(...Array.from({ length: 0x30f6 - 0x30a1 + 1 }, (_, i) => 0x3041 + i));
// What JavaScript's \s matches, as literal characters for a PostgreSQL bracket expression.
const SPACES = '[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+';

/**
 * `normaliseForSearch` (municipalities/rules.ts) in SQL, step for step: NFKC, no spaces, katakana as
 * hiragana, lower case. A query folded in TypeScript then meets names folded here.
 */
export function searchableSql(text: Expression<unknown>) {
  return sql<string>`lower(translate(regexp_replace(normalize(coalesce(${text}, ''), NFKC), ${SPACES}, '', 'g'), ${KATAKANA}, ${HIRAGANA}))`;
}

/** Confirmed helper activities of the registrant in this municipality (pending and rejected proofs do not count). */
function activityCountSql(code: string) {
  return sql<number>`(select count(*)::int from activity_records a
    where a.person_id = r.person_id and a.municipality_code = ${code} and a.status = 'confirmed')`;
}

/**
 * A filter on a field matches only people who consented to share that field: otherwise the
 * filter itself would reveal what they chose not to show. Activities are the municipality's own
 * records, so that filter needs no consent.
 */
function registrantsMatching(db: Executor, code: string, filter: RegistrantFilter) {
  let base = db
    .selectFrom('registrations as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .where('r.municipality_code', '=', code);
  if (filter.nameQuery) {
    base = base
      .where(sql<boolean>`strpos(${searchableSql(sql.ref('p.display_name'))}, ${filter.nameQuery}) > 0`)
      .where(sql<boolean>`'name' = any(r.consents)`);
  }
  if (filter.tier) base = base.where('r.tier', '=', filter.tier);
  if (filter.relationType !== undefined) {
    base = base
      .where(sql<boolean>`${filter.relationType}::smallint = any(r.relation_types)`)
      .where(sql<boolean>`'relation_details' = any(r.consents)`);
  }
  if (filter.residencePrefecture) {
    base = base
      .where('p.residence_prefecture', '=', filter.residencePrefecture)
      .where(sql<boolean>`'residence' = any(r.consents)`);
  }
  if (filter.registeredSince) base = base.where('r.registered_at', '>=', filter.registeredSince);
  if (filter.minActivities) base = base.where(sql<boolean>`${activityCountSql(code)} >= ${filter.minActivities}::int`);
  return base;
}

const registrantColumns = [
  'r.id as memberId',
  'r.person_id as personId',
  'r.tier',
  'r.registered_at as registeredAt',
  'r.premium_expires_at as premiumExpiresAt',
  'r.relation_types as relationTypes',
  'r.consents',
  'p.display_name as displayName',
  'p.email',
  'p.birth_year as birthYear',
  'p.residence_prefecture as residencePrefecture',
] as const;

export async function registrantsOf(
  db: Executor,
  code: string,
  filter: RegistrantFilter,
  page: { limit: number; offset: number },
  sort: RegistrantSort = 'registeredAt',
) {
  const base = registrantsMatching(db, code, filter);
  let items = base.select([...registrantColumns, activityCountSql(code).as('activityCount')]);
  if (sort === 'activities') items = items.orderBy('activityCount', 'desc');
  const [rows, count] = await Promise.all([
    items.orderBy('r.registered_at', 'desc').orderBy('r.id', 'desc').limit(page.limit).offset(page.offset).execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows, total: Number(count.n) };
}

export async function countRegistrantsMatching(db: Executor, code: string, filter: RegistrantFilter) {
  const row = await registrantsMatching(db, code, filter)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Where the previous batch ended; the instant as PostgreSQL's text, so no microsecond is lost. */
export interface RegistrantCursor {
  registeredAt: string;
  memberId: string;
}

/**
 * One batch of an export, newest first, by keyset on (registered_at, id): each batch reads only its own
 * rows (index registrations_by_registered_at) and no transaction stays open between batches.
 */
export function registrantBatch(
  db: Executor,
  code: string,
  filter: RegistrantFilter,
  after: RegistrantCursor | null,
  limit: number,
) {
  let query = registrantsMatching(db, code, filter).leftJoin('municipalities as pref', (join) =>
    join.on('pref.kind', '=', 'prefecture').onRef('pref.prefecture_code', '=', 'p.residence_prefecture'),
  );
  if (after) {
    query = query.where(
      sql<boolean>`(r.registered_at, r.id) < (${after.registeredAt}::timestamptz, ${after.memberId}::uuid)`,
    );
  }
  return query
    .select([
      ...registrantColumns,
      activityCountSql(code).as('activityCount'),
      'pref.name as residencePrefectureName',
      sql<string>`r.registered_at::text`.as('cursorAt'),
    ])
    .orderBy('r.registered_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
}

export function findRegistrant(db: Executor, code: string, memberId: string) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select([...registrantColumns, activityCountSql(code).as('activityCount')])
    .where('r.municipality_code', '=', code)
    .where('r.id', '=', memberId)
    .executeTakeFirst();
}

// --- Lapse and reminders ----------------------------------------------------------------------------

export function lapsedPremiums(db: Executor, now: Date, limit: number) {
  return db
    .selectFrom('registrations')
    .select(['person_id as personId', 'municipality_code as municipalityCode'])
    .where('tier', '=', 'premium')
    .where('premium_expires_at', '<=', now)
    .orderBy('premium_expires_at')
    .limit(limit)
    .execute();
}

export function premiumsExpiringBy(db: Executor, by: Date, now: Date, limit: number) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .innerJoin('municipalities as m', 'm.code', 'r.municipality_code')
    .select([
      'r.person_id as personId',
      'r.municipality_code as municipalityCode',
      'm.name as municipalityName',
      'r.premium_expires_at as premiumExpiresAt',
      'r.premium_reminded_at as premiumRemindedAt',
      'p.email',
      'p.locale',
    ])
    .where('r.tier', '=', 'premium')
    .where('r.premium_expires_at', '>', now)
    .where('r.premium_expires_at', '<=', by)
    .orderBy('r.premium_expires_at')
    .limit(limit)
    .execute();
}

// --- Export and deletion ----------------------------------------------------------------------------

export function eventsOf(db: Executor, personId: string) {
  return db
    .selectFrom('registration_events')
    .select([
      'municipality_code as municipalityCode',
      'kind',
      'tier',
      'relation_types as relationTypes',
      'details',
      'occurred_at as occurredAt',
    ])
    .where('person_id', '=', personId)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
}

export function premiumApplicationsOf(db: Executor, personId: string) {
  return db
    .selectFrom('premium_applications')
    .select([
      'municipality_code as municipalityCode',
      'id',
      'kind',
      'status',
      'evaluation',
      'submitted_at as submittedAt',
      'decided_at as decidedAt',
      'reason',
    ])
    .where('person_id', '=', personId)
    .orderBy('submitted_at')
    .execute();
}

/** Keeps the history as anonymous counts: the events stay, without anyone they point to. */
export async function forgetEventsOf(db: Executor, personId: string): Promise<void> {
  await db
    .updateTable('registration_events')
    .set({ person_id: null, registration_id: null })
    .where('person_id', '=', personId)
    .execute();
}

export async function deletePerson(db: Executor, personId: string): Promise<void> {
  await db.deleteFrom('people').where('id', '=', personId).execute();
}

// --- Verification -----------------------------------------------------------------------------------

/**
 * Counters summed over days and shards next to a full recount of the registrations, per key; only
 * the keys where they differ come back (empty = exact).
 */
export async function counterMismatches(db: Executor, limit = 100) {
  const result = await sql<{
    municipality_code: string;
    tier: Tier;
    relation_type: number;
    residence_prefecture: string;
    counted: string | null;
    actual: string | null;
  }>`
    with counted as (
      select municipality_code, tier, relation_type, residence_prefecture, sum(n) as n
      from registration_counters
      group by 1, 2, 3, 4
    ),
    actual as (
      select municipality_code, tier, 0::smallint as relation_type, residence_prefecture, count(*) as n
      from registrations group by 1, 2, 3, 4
      union all
      select municipality_code, tier, t as relation_type, residence_prefecture, count(*) as n
      from registrations, unnest(relation_types) as t group by 1, 2, 3, 4
    )
    select municipality_code, tier, relation_type, residence_prefecture, c.n::text as counted, a.n::text as actual
    from counted c
    full join actual a using (municipality_code, tier, relation_type, residence_prefecture)
    where coalesce(c.n, 0) <> coalesce(a.n, 0)
    order by 1, 2, 3, 4
    limit ${limit}
  `.execute(db);
  return result.rows;
}
