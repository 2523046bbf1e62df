import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { NATIONAL_TENANT } from '../../platform/policy.ts';
import { appendAudit } from '../audit/repository.ts';
import { getMunicipality } from '../municipalities/service.ts';
import { jstDay, normaliseRelationTypes } from '../registrations/rules.ts';
import type { StaffContext } from '../staff/service.ts';
import * as repository from './repository.ts';
import { eligibilityOf, type FormField, measureSettingsProblems } from './rules.ts';
import type { CreateMeasureInput, MeasureView, UpdateMeasureInput } from './schema.ts';

// Support measures: staff define them, residents see what they may use and why not.

async function withPartners(db: Executor, rows: repository.MeasureRow[]): Promise<MeasureView[]> {
  const partners = await repository.partnersOfMeasures(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    ...row,
    formFields: row.formFields as FormField[],
    partners: partners.filter((p) => p.measureId === row.id).map(({ id, name }) => ({ id, name })),
  }));
}

export async function measureView(db: Executor, id: string, tenant?: string): Promise<MeasureView> {
  const row = await repository.findMeasure(db, id, tenant);
  if (!row) throw new AppError('MEASURE_NOT_FOUND');
  return (await withPartners(db, [row]))[0] as MeasureView;
}

async function requireMunicipalityTenant(db: Executor, tenant: string): Promise<void> {
  if (tenant === NATIONAL_TENANT) throw new AppError('INVALID_TENANT');
  await getMunicipality(db, tenant);
}

async function checkedValues(db: Executor, tenant: string, values: repository.MeasureValues, partnerIds: string[]) {
  const normalised = { ...values, relationTypes: normaliseRelationTypes(values.relationTypes) };
  const problems = measureSettingsProblems({ ...normalised, partnerIds });
  if (problems.length > 0) throw new AppError('MEASURE_SETTINGS_INVALID', { problems });
  const wanted = [...new Set(partnerIds)];
  const found = await repository.partnerIdsIn(db, tenant, wanted);
  const missing = wanted.filter((id) => !found.includes(id));
  if (missing.length > 0) throw new AppError('PARTNER_NOT_FOUND', { partnerIds: missing });
  return { values: normalised, partnerIds: wanted };
}

export async function createMeasure(db: Executor, ctx: StaffContext, input: CreateMeasureInput) {
  await requireMunicipalityTenant(db, ctx.tenant);
  const { partnerIds, ...values } = input;
  return inTransaction(db, async (trx) => {
    const checked = await checkedValues(trx, ctx.tenant, values, partnerIds);
    const id = await repository.insertMeasure(trx, ctx.tenant, checked.values, ctx.actorPersonId);
    await repository.replaceMeasurePartners(trx, ctx.tenant, id, checked.partnerIds);
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: 'measure.created',
      subjectType: 'support_measure',
      subjectId: id,
      requestId: ctx.requestId,
      details: { kind: values.kind, title: values.title, partnerIds: checked.partnerIds },
    });
    return measureView(trx, id, ctx.tenant);
  });
}

export async function updateMeasure(
  db: Executor,
  ctx: StaffContext,
  id: string,
  patch: UpdateMeasureInput,
  now = new Date(),
) {
  return inTransaction(db, async (trx) => {
    if (!(await repository.lockMeasure(trx, ctx.tenant, id))) throw new AppError('MEASURE_NOT_FOUND');
    const current = await measureView(trx, id, ctx.tenant);
    const { partnerIds, ...changes } = patch;
    const merged: repository.MeasureValues = {
      kind: changes.kind ?? current.kind,
      title: changes.title ?? current.title,
      summary: changes.summary ?? current.summary,
      description: changes.description ?? current.description,
      minTier: changes.minTier ?? current.minTier,
      relationTypes: changes.relationTypes ?? current.relationTypes,
      usage: changes.usage ?? current.usage,
      validFrom: changes.validFrom !== undefined ? changes.validFrom : current.validFrom,
      validUntil: changes.validUntil !== undefined ? changes.validUntil : current.validUntil,
      maxAmountYen: changes.maxAmountYen !== undefined ? changes.maxAmountYen : current.maxAmountYen,
      formFields: changes.formFields ?? current.formFields,
      published: changes.published ?? current.published,
    };
    const checked = await checkedValues(trx, ctx.tenant, merged, partnerIds ?? current.partners.map((p) => p.id));
    await repository.updateMeasure(trx, ctx.tenant, id, checked.values, now);
    if (partnerIds) await repository.replaceMeasurePartners(trx, ctx.tenant, id, checked.partnerIds);
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: 'measure.updated',
      subjectType: 'support_measure',
      subjectId: id,
      requestId: ctx.requestId,
      details: { changed: Object.keys(patch).sort() },
    });
    return measureView(trx, id, ctx.tenant);
  });
}

export async function listMeasures(
  db: Executor,
  ctx: StaffContext,
  query: { page: number; pageSize: number; kind?: repository.MeasureFilter['kind'] },
) {
  const result = await repository.measuresOf(
    db,
    { municipalityCodes: [ctx.tenant], kind: query.kind },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return {
    items: await withPartners(db, result.items),
    total: result.total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** What anyone may see of a municipality's measures: published ones that have not ended. */
export async function listPublicMeasures(
  db: Executor,
  code: string,
  query: { page: number; pageSize: number },
  now = new Date(),
) {
  await getMunicipality(db, code);
  const result = await repository.measuresOf(
    db,
    { municipalityCodes: [code], openOn: jstDay(now) },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return {
    items: await withPartners(db, result.items),
    total: result.total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The open measures of every municipality the person is registered with, each judged for them. */
export async function myBenefits(db: Executor, personId: string, now = new Date()) {
  const registrations = await repository.registrationsOfPerson(db, personId);
  const { items } = await repository.measuresOf(db, {
    municipalityCodes: registrations.map((r) => r.municipalityCode),
    openOn: jstDay(now),
  });
  const [measures, uses] = await Promise.all([withPartners(db, items), repository.usesByPerson(db, personId)]);
  return {
    items: measures.map((measure) => {
      const registration = registrations.find((r) => r.municipalityCode === measure.municipalityCode) ?? null;
      const timesUsed = uses.get(measure.id) ?? 0;
      return {
        measure,
        memberId: registration?.memberId ?? null,
        ...eligibilityOf(measure, registration, now, timesUsed),
        timesUsed,
      };
    }),
  };
}
