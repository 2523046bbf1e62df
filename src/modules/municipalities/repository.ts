import { sql } from 'kysely';
import type { FeeStatus, ModelProjectType } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { offsetOf } from '../../platform/pagination.ts';
import { type DirectoryEntry, searchColumns } from './directory-source.ts';
import type { Municipality, MunicipalitySearchQuery } from './schema.ts';

function selectMunicipalities(db: Executor) {
  return db
    .selectFrom('municipalities as m')
    .innerJoin('municipalities as p', (join) =>
      join.onRef('p.prefecture_code', '=', 'm.prefecture_code').on('p.kind', '=', 'prefecture'),
    )
    .select([
      'm.code',
      'm.prefecture_code as prefectureCode',
      'p.name as prefectureName',
      'm.kind',
      'm.parent_code as parentCode',
      'm.name',
      'm.kana',
      'm.full_name as fullName',
      'm.joined_at as joinedAt',
      'm.fee_status as feeStatus',
      'm.model_type as modelType',
    ]);
}

export interface SearchFilter {
  /** Already passed through normaliseForSearch; escaped here for LIKE. */
  prefix?: string;
  prefectureCode?: string;
  kind: MunicipalitySearchQuery['kind'];
  /** 'YYYY-MM-DD' (JST): only those that joined on or before this day. */
  participatingOn?: string;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function applyFilter<QB extends ReturnType<typeof selectMunicipalities>>(query: QB, filter: SearchFilter): QB {
  let q = query;
  if (filter.kind !== 'all') q = q.where('m.kind', '=', filter.kind) as QB;
  if (filter.prefectureCode) q = q.where('m.prefecture_code', '=', filter.prefectureCode) as QB;
  if (filter.participatingOn) q = q.where('m.joined_at', '<=', filter.participatingOn) as QB;
  if (filter.prefix) {
    const pattern = `${escapeLike(filter.prefix)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('m.search_name', 'like', pattern),
        eb('m.search_kana', 'like', pattern),
        eb('m.search_full_name', 'like', pattern),
      ]),
    ) as QB;
  }
  return q;
}

export async function searchMunicipalities(
  db: Executor,
  filter: SearchFilter,
  page: { page: number; pageSize: number },
): Promise<{ items: Municipality[]; total: number }> {
  const [items, count] = await Promise.all([
    applyFilter(selectMunicipalities(db), filter)
      .orderBy('m.code')
      .limit(page.pageSize)
      .offset(offsetOf(page))
      .execute(),
    applyFilter(selectMunicipalities(db), filter)
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('total'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.total };
}

export async function findMunicipality(db: Executor, code: string): Promise<Municipality | undefined> {
  return selectMunicipalities(db).where('m.code', '=', code).executeTakeFirst();
}

/** Inserts new entries and refreshes names and readings of existing ones; participation data is untouched. */
export async function upsertDirectoryEntries(db: Executor, entries: DirectoryEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const rows = entries.map((e) => ({
    code: e.code,
    prefecture_code: e.prefectureCode,
    kind: e.kind,
    parent_code: e.parentCode,
    name: e.name,
    kana: e.kana,
    full_name: e.fullName,
    ...searchColumns(e),
  }));
  const result = await db
    .insertInto('municipalities')
    .values(rows)
    .onConflict((oc) =>
      oc
        .column('code')
        .doUpdateSet((eb) => ({
          prefecture_code: eb.ref('excluded.prefecture_code'),
          kind: eb.ref('excluded.kind'),
          parent_code: eb.ref('excluded.parent_code'),
          name: eb.ref('excluded.name'),
          kana: eb.ref('excluded.kana'),
          full_name: eb.ref('excluded.full_name'),
          search_name: eb.ref('excluded.search_name'),
          search_kana: eb.ref('excluded.search_kana'),
          search_full_name: eb.ref('excluded.search_full_name'),
          updated_at: sql`now()`,
        }))
        // Unchanged rows are not rewritten, so a restart does not churn 1,900 rows.
        .where((eb) =>
          eb.or([
            eb('municipalities.name', 'is distinct from', eb.ref('excluded.name')),
            eb('municipalities.kana', 'is distinct from', eb.ref('excluded.kana')),
            eb('municipalities.full_name', 'is distinct from', eb.ref('excluded.full_name')),
            eb('municipalities.parent_code', 'is distinct from', eb.ref('excluded.parent_code')),
            eb('municipalities.kind', 'is distinct from', eb.ref('excluded.kind')),
          ]),
        ),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export async function countByKind(db: Executor): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('municipalities')
    .select(['kind', sql<number>`count(*)::int`.as('n')])
    .groupBy('kind')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

export async function setParticipation(
  db: Executor,
  code: string,
  participation: { joinedAt: string | null; feeStatus: FeeStatus; modelType: ModelProjectType | null },
): Promise<void> {
  await db
    .updateTable('municipalities')
    .set({
      joined_at: participation.joinedAt,
      fee_status: participation.feeStatus,
      model_type: participation.modelType,
      updated_at: sql`now()`,
    })
    .where('code', '=', code)
    .execute();
}
