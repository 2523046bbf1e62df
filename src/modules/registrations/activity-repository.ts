import { sql } from 'kysely';
import type { ActivityStatus } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';

// SQL for helper activities (the evidence premium is decided on) and premium applications.

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
