import { type Expression, sql } from 'kysely';
import type { Tier } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';

// SQL for the registrants staff see: the members list, its filters and the CSV export's batches.

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
