import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';
import type { FormField, MeasureKind, MeasureUsage } from './rules.ts';

// SQL of support measures and of the member data they are judged against.

const measureColumns = [
  'sm.id',
  'sm.municipality_code as municipalityCode',
  'm.name as municipalityName',
  'sm.kind',
  'sm.title',
  'sm.summary',
  'sm.description',
  'sm.min_tier as minTier',
  'sm.relation_types as relationTypes',
  'sm.usage',
  'sm.valid_from as validFrom',
  'sm.valid_until as validUntil',
  'sm.max_amount_yen as maxAmountYen',
  'sm.form_fields as formFields',
  'sm.published',
  'sm.created_at as createdAt',
  'sm.updated_at as updatedAt',
] as const;

export interface MeasureFilter {
  municipalityCodes: readonly string[];
  kind?: MeasureKind;
  /** Only published measures that have not ended before this JST day. */
  openOn?: string;
}

function measuresQuery(db: Executor, filter: MeasureFilter) {
  let query = db
    .selectFrom('support_measures as sm')
    .innerJoin('municipalities as m', 'm.code', 'sm.municipality_code')
    .where('sm.municipality_code', 'in', [...filter.municipalityCodes]);
  if (filter.kind) query = query.where('sm.kind', '=', filter.kind);
  if (filter.openOn) {
    const day = filter.openOn;
    query = query
      .where('sm.published', '=', true)
      .where((eb) => eb.or([eb('sm.valid_until', 'is', null), eb('sm.valid_until', '>=', day)]));
  }
  return query;
}

export async function measuresOf(db: Executor, filter: MeasureFilter, page?: { limit: number; offset: number }) {
  if (filter.municipalityCodes.length === 0) return { items: [], total: 0 };
  let query = measuresQuery(db, filter)
    .select(measureColumns)
    .orderBy('sm.municipality_code')
    .orderBy('sm.created_at')
    .orderBy('sm.id');
  if (page) query = query.limit(page.limit).offset(page.offset);
  const [items, count] = await Promise.all([
    query.execute(),
    measuresQuery(db, filter).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}

export type MeasureRow = Awaited<ReturnType<typeof measuresOf>>['items'][number];

/** A measure by its id alone (residents reach measures of any municipality by id). */
export function findMeasure(db: Executor, id: string, tenant?: string) {
  let query = db
    .selectFrom('support_measures as sm')
    .innerJoin('municipalities as m', 'm.code', 'sm.municipality_code')
    .select(measureColumns)
    .where('sm.id', '=', id);
  if (tenant) query = query.where('sm.municipality_code', '=', tenant);
  return query.executeTakeFirst();
}

export function partnersOfMeasures(db: Executor, measureIds: readonly string[]) {
  if (measureIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('support_measure_partners as smp')
    .innerJoin('partners as p', 'p.id', 'smp.partner_id')
    .select(['smp.measure_id as measureId', 'p.id', 'p.name'])
    .where('smp.measure_id', 'in', [...measureIds])
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();
}

/** Of `ids`, the partners that belong to the tenant. */
export async function partnerIdsIn(db: Executor, tenant: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('partners')
    .select('id')
    .where('municipality_code', '=', tenant)
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => r.id);
}

export interface MeasureValues {
  kind: MeasureKind;
  title: string;
  summary: string;
  description: string;
  minTier: 'basic' | 'premium';
  relationTypes: number[];
  usage: MeasureUsage;
  validFrom: string | null;
  validUntil: string | null;
  maxAmountYen: number | null;
  formFields: FormField[];
  published: boolean;
}

function columnsOf(v: MeasureValues) {
  return {
    kind: v.kind,
    title: v.title,
    summary: v.summary,
    description: v.description,
    min_tier: v.minTier,
    relation_types: v.relationTypes,
    usage: v.usage,
    valid_from: v.validFrom,
    valid_until: v.validUntil,
    max_amount_yen: v.maxAmountYen,
    form_fields: JSON.stringify(v.formFields),
    published: v.published,
  };
}

export async function insertMeasure(db: Executor, tenant: string, values: MeasureValues, by: string | null) {
  const row = await db
    .insertInto('support_measures')
    .values({ municipality_code: tenant, ...columnsOf(values), created_by: by })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateMeasure(db: Executor, tenant: string, id: string, values: MeasureValues, now: Date) {
  await db
    .updateTable('support_measures')
    .set({ ...columnsOf(values), updated_at: now })
    .where('municipality_code', '=', tenant)
    .where('id', '=', id)
    .execute();
}

/** Locks the measure for the rest of the transaction (edits and one-time checks queue behind it). */
export async function lockMeasure(db: Executor, tenant: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('support_measures')
    .select('id')
    .where('municipality_code', '=', tenant)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

export async function replaceMeasurePartners(db: Executor, tenant: string, measureId: string, partnerIds: string[]) {
  await db
    .deleteFrom('support_measure_partners')
    .where('municipality_code', '=', tenant)
    .where('measure_id', '=', measureId)
    .execute();
  if (partnerIds.length === 0) return;
  await db
    .insertInto('support_measure_partners')
    .values(
      partnerIds.map((partnerId) => ({ municipality_code: tenant, measure_id: measureId, partner_id: partnerId })),
    )
    .execute();
}

// --- The member side ----------------------------------------------------------------------------

const standingColumns = [
  'r.id as memberId',
  'r.municipality_code as municipalityCode',
  'r.tier',
  'r.premium_expires_at as premiumExpiresAt',
  'r.relation_types as relationTypes',
  'r.residence_prefecture as residencePrefecture',
] as const;

export function registrationsOfPerson(db: Executor, personId: string) {
  return db.selectFrom('registrations as r').select(standingColumns).where('r.person_id', '=', personId).execute();
}

export function registrationOf(db: Executor, personId: string, code: string, options: { lock?: boolean } = {}) {
  const query = db
    .selectFrom('registrations as r')
    .select(standingColumns)
    .where('r.person_id', '=', personId)
    .where('r.municipality_code', '=', code);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

export function profileOf(db: Executor, personId: string) {
  return db
    .selectFrom('people')
    .select(['display_name as displayName', 'email', 'residence_prefecture as residencePrefecture'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
}

/** How often partners recorded each measure for the person. */
export async function usesByPerson(db: Executor, personId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('redemptions')
    .select(['measure_id as measureId', sql<number>`count(*)::int`.as('n')])
    .where('person_id', '=', personId)
    .groupBy('measure_id')
    .execute();
  return new Map(rows.map((r) => [r.measureId, r.n]));
}

/** One person's subsidy applications and the uses partners recorded for them, for their data export. */
export async function personalDataOf(db: Executor, personId: string) {
  const [subsidyApplications, benefitUses] = await Promise.all([
    db
      .selectFrom('subsidy_applications')
      .select([
        'id',
        'municipality_code as municipalityCode',
        'measure_id as measureId',
        'status',
        'applicant',
        'answers',
        'submitted_at as submittedAt',
        'decided_at as decidedAt',
        'reason',
      ])
      .where('person_id', '=', personId)
      .orderBy('submitted_at')
      .execute(),
    db
      .selectFrom('redemptions')
      .select([
        'id',
        'municipality_code as municipalityCode',
        'measure_id as measureId',
        'partner_id as partnerId',
        'scanned_at as scannedAt',
        'recorded_at as recordedAt',
      ])
      .where('person_id', '=', personId)
      .orderBy('recorded_at')
      .execute(),
  ]);
  return { subsidyApplications, benefitUses };
}
