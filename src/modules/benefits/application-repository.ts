import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';

// SQL of subsidy applications.

const columns = [
  'a.id',
  'a.measure_id as measureId',
  'sm.title as measureTitle',
  'a.municipality_code as municipalityCode',
  'm.name as municipalityName',
  'a.member_id as memberId',
  'a.status',
  'a.applicant',
  'a.answers',
  'a.submitted_at as submittedAt',
  'a.decided_at as decidedAt',
  'a.reason',
] as const;

function applications(db: Executor) {
  return db
    .selectFrom('subsidy_applications as a')
    .innerJoin('support_measures as sm', (join) =>
      join.onRef('sm.municipality_code', '=', 'a.municipality_code').onRef('sm.id', '=', 'a.measure_id'),
    )
    .innerJoin('municipalities as m', 'm.code', 'a.municipality_code');
}

export type ApplicationRow = Awaited<ReturnType<typeof applicationsOfPerson>>[number];

export function applicationsOfPerson(db: Executor, personId: string) {
  return applications(db)
    .select(columns)
    .where('a.person_id', '=', personId)
    .orderBy('a.submitted_at', 'desc')
    .orderBy('a.id')
    .execute();
}

export function findApplication(db: Executor, tenant: string, id: string) {
  return applications(db)
    .select([...columns, 'a.person_id as personId'])
    .where('a.municipality_code', '=', tenant)
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export async function lockApplication(db: Executor, tenant: string, id: string) {
  return db
    .selectFrom('subsidy_applications')
    .select(['status'])
    .where('municipality_code', '=', tenant)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** A submitted or approved application of the person for the measure (a rejected one may be retried). */
export async function hasOpenApplication(db: Executor, tenant: string, measureId: string, personId: string) {
  const row = await db
    .selectFrom('subsidy_applications')
    .select('id')
    .where('municipality_code', '=', tenant)
    .where('measure_id', '=', measureId)
    .where('person_id', '=', personId)
    .where('status', 'in', ['submitted', 'approved'])
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertApplication(
  db: Executor,
  a: {
    municipalityCode: string;
    measureId: string;
    personId: string;
    memberId: string;
    applicant: object;
    answers: object;
    submittedAt: Date;
  },
) {
  const row = await db
    .insertInto('subsidy_applications')
    .values({
      municipality_code: a.municipalityCode,
      measure_id: a.measureId,
      person_id: a.personId,
      member_id: a.memberId,
      applicant: JSON.stringify(a.applicant),
      answers: JSON.stringify(a.answers),
      submitted_at: a.submittedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function decideApplication(
  db: Executor,
  tenant: string,
  id: string,
  d: { status: 'approved' | 'rejected'; by: string; reason: string | null; at: Date },
): Promise<void> {
  await db
    .updateTable('subsidy_applications')
    .set({ status: d.status, decided_by: d.by, decided_at: d.at, reason: d.reason })
    .where('municipality_code', '=', tenant)
    .where('id', '=', id)
    .execute();
}

export interface ApplicationFilter {
  status?: 'submitted' | 'approved' | 'rejected';
  measureId?: string;
}

export async function applicationQueue(
  db: Executor,
  tenant: string,
  filter: ApplicationFilter,
  page: { limit: number; offset: number },
) {
  let query = applications(db).where('a.municipality_code', '=', tenant);
  if (filter.status) query = query.where('a.status', '=', filter.status);
  if (filter.measureId) query = query.where('a.measure_id', '=', filter.measureId);
  const [items, count] = await Promise.all([
    query
      .select(columns)
      .orderBy('a.submitted_at', 'desc')
      .orderBy('a.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}
