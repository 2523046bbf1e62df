import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';
import type { CounterSum } from './rules.ts';

// The only SQL of the open statistics. It reads the dashboards' counter tables (totals, residence and
// months: 0012_dashboards.ts, equal to the registration counters by verify-counters), never a registration
// nor a day: the cost follows the number of municipalities and months of the area, not the people.
// Counted are registrations with municipalities; a prefecture's own registrations (codes NN000C) are left
// out, since most are implied by a municipality's and would count the same people twice.

const municipalityOnly = sql`substr(c.municipality_code, 3, 3) <> '000'`;
const inPrefecture = (prefecture: string | undefined) =>
  prefecture === undefined ? sql`true` : sql`c.municipality_code like ${`${prefecture}%`}`;

type Row = { key: string; tier: 'basic' | 'premium'; relation_type: number; n: string | number };
const sums = (rows: Row[]): CounterSum[] =>
  rows.map((r) => ({ key: r.key, tier: r.tier, relationType: Number(r.relation_type), n: Number(r.n) }));

/** Per prefecture (of the municipality registered with) × tier × relation type. */
export async function sumsByPrefecture(db: Executor): Promise<CounterSum[]> {
  const result = await sql<Row>`
    select substr(c.municipality_code, 1, 2) as key, c.tier, c.relation_type, sum(c.n) as n
    from dashboard_registration_totals c
    where ${municipalityOnly}
    group by 1, 2, 3
  `.execute(db);
  return sums(result.rows);
}

/** Per municipality of one prefecture × tier × relation type. */
export async function sumsByMunicipality(db: Executor, prefecture: string): Promise<CounterSum[]> {
  const result = await sql<Row>`
    select c.municipality_code as key, c.tier, c.relation_type, sum(c.n) as n
    from dashboard_registration_totals c
    where ${municipalityOnly} and ${inPrefecture(prefecture)}
    group by 1, 2, 3
  `.execute(db);
  return sums(result.rows);
}

/** Per prefecture of residence (00 unknown, 99 abroad) × tier, nationally or for one prefecture's municipalities. */
export async function sumsByResidence(db: Executor, prefecture: string | undefined): Promise<CounterSum[]> {
  const result = await sql<Row>`
    select c.residence_prefecture as key, c.tier, 0 as relation_type, sum(c.n) as n
    from dashboard_residence c
    where ${municipalityOnly} and ${inPrefecture(prefecture)}
    group by 1, 2
  `.execute(db);
  return sums(result.rows);
}

/** Net change per JST month × tier, nationally, for a prefecture's municipalities or for one municipality. */
export async function sumsByMonth(
  db: Executor,
  area: { prefecture?: string; municipality?: string },
  until: string,
): Promise<CounterSum[]> {
  const where = area.municipality
    ? sql`c.municipality_code = ${area.municipality}`
    : sql`${municipalityOnly} and ${inPrefecture(area.prefecture)}`;
  const result = await sql<Row>`
    select to_char(c.month, 'YYYY-MM') as key, c.tier, c.relation_type, sum(c.n) as n
    from dashboard_registration_months c
    where c.relation_type = 0 and ${where} and c.month <= ${`${until}-01`}::date
    group by 1, 2, 3
    order by 1
  `.execute(db);
  return sums(result.rows);
}

export interface Area {
  code: string;
  prefectureCode: string;
  name: string;
  kind: string;
}

/** The names to label rows with: the prefectures, or the municipalities of one prefecture. */
export function listAreas(db: Executor, kind: 'prefecture' | 'municipality', prefecture?: string): Promise<Area[]> {
  let query = db
    .selectFrom('municipalities')
    .select(['code', 'prefecture_code as prefectureCode', 'name', 'kind'])
    .where('kind', '=', kind)
    .orderBy('code');
  if (prefecture !== undefined) query = query.where('prefecture_code', '=', prefecture);
  return query.execute();
}

export function findArea(db: Executor, code: string): Promise<Area | undefined> {
  return db
    .selectFrom('municipalities')
    .select(['code', 'prefecture_code as prefectureCode', 'name', 'kind'])
    .where('code', '=', code)
    .executeTakeFirst();
}
