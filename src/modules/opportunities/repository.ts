import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { OpportunityStatus, Tier } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';

// The only SQL for opportunities themselves and what they read of people and registrations; sessions and
// applications have their own repositories.

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
