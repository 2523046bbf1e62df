import { sql } from 'kysely';
import type { RegistrationEventKind, RegistrationSource, Tier } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import type { CounterDelta, PremiumRule } from './rules.ts';

// SQL for registrations, their history and counters, premium rules and candidates. Helper activities and
// premium applications: activity-repository.ts; the registrant lists staff see: registrant-repository.ts.

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

/**
 * A person's registrations with their municipality, looked up by primary key for each. A plain join lets the
 * planner hash all ~1,900 municipalities for a person's few registrations (a sequential scan, ~1 ms of
 * database time on every call once it expects a dozen rows); the LIMIT keeps the subquery from being
 * flattened back into that join.
 */
function withMunicipality(db: Executor) {
  return db.selectFrom('registrations as r').innerJoinLateral(
    (eb) =>
      eb
        .selectFrom('municipalities')
        .select(['name', 'kind', 'prefecture_code'])
        .whereRef('municipalities.code', '=', 'r.municipality_code')
        .limit(sql.lit(1))
        .as('m'),
    (join) => join.onTrue(),
  );
}

export function registrationsOf(db: Executor, personId: string) {
  return withMunicipality(db)
    .select(registrationColumns)
    .where('r.person_id', '=', personId)
    .orderBy('r.registered_at')
    .orderBy('r.municipality_code')
    .execute();
}

export function findRegistration(db: Executor, personId: string, code: string, options: { lock?: boolean } = {}) {
  const query = withMunicipality(db)
    .select(registrationColumns)
    .where('r.person_id', '=', personId)
    .where('r.municipality_code', '=', code);
  return (options.lock ? query.forUpdate('r') : query).executeTakeFirst();
}

/** The person's municipality registrations within one prefecture (for the implied prefecture registration). */
export async function municipalityTypesInPrefecture(db: Executor, personId: string, prefectureCode: string) {
  return withMunicipality(db)
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
  return withMunicipality(db)
    .select(registrationColumns)
    .where('r.person_id', '=', sql<string>`any(${[...personIds]}::uuid[])`)
    .where('m.prefecture_code', '=', sql<string>`any(${[...prefectureCodes]}::char(2)[])`)
    .where('m.kind', 'in', ['municipality', 'prefecture'])
    .execute();
}

/** Everything the person holds in one prefecture, the prefecture itself included, in one read. */
export function registrationsInPrefecture(db: Executor, personId: string, prefectureCode: string) {
  return withMunicipality(db)
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

function registrationRow(r: NewRegistration) {
  return {
    municipality_code: r.municipalityCode,
    person_id: r.personId,
    relation_types: r.relationTypes,
    consents: r.consents,
    implicit: r.implicit,
    residence_prefecture: r.residencePrefecture,
    source: r.source,
    registered_at: r.registeredAt,
    updated_at: r.registeredAt,
  };
}

/** New registrations of people locked by the caller, who has checked they hold none of them: one statement. */
export async function insertRegistrations(db: Executor, rows: readonly (NewRegistration & { id: string })[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('registrations')
    .values(rows.map((r) => ({ id: r.id, ...registrationRow(r) })))
    .execute();
}

/** Inserts unless the person already holds it; undefined then (the caller reports the existing one). */
export function insertRegistration(db: Executor, r: NewRegistration) {
  return db
    .insertInto('registrations')
    .values(registrationRow(r))
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

// --- Premium candidates -----------------------------------------------------------------------------

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
