import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';

const columns = ['id', 'municipality_code as municipalityCode', 'name', 'created_at as createdAt'] as const;

export async function partnersOf(db: Executor, municipalityCode: string, page: { limit: number; offset: number }) {
  const [items, count] = await Promise.all([
    db
      .selectFrom('partners')
      .select(columns)
      .where('municipality_code', '=', municipalityCode)
      .orderBy('name')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('partners')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('municipality_code', '=', municipalityCode)
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}

export function insertPartner(db: Executor, municipalityCode: string, name: string) {
  return db
    .insertInto('partners')
    .values({ municipality_code: municipalityCode, name })
    .returning(columns)
    .executeTakeFirstOrThrow();
}

/** Scoped by municipality: a partner id from another tenant is simply not found. */
export function findPartner(db: Executor, municipalityCode: string, id: string) {
  return db
    .selectFrom('partners')
    .select(columns)
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .executeTakeFirst();
}
