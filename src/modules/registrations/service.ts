import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { appendAudit } from '../audit/repository.ts';
import { normaliseForSearch } from '../municipalities/rules.ts';
import type { StaffContext } from '../staff/service.ts';
import * as activityRepository from './activity-repository.ts';
import { ChangeSet, counted, eventOf } from './change-set.ts';
import * as registrantRepository from './registrant-repository.ts';
import type { RegistrationRow } from './repository.ts';
import * as repository from './repository.ts';
import {
  ACTIVITY_KINDS,
  DEFAULT_PREMIUM_RULE,
  evaluatePremium,
  impliedPrefectureChange,
  jstDay,
  NATIONAL_PREMIUM,
  normaliseConsents,
  normaliseRelationTypes,
  PROOF_CONTENT_TYPES,
  PROOF_MAX_BYTES,
  type PremiumEvaluation,
  type PremiumRule,
  type ProofContentType,
  prefectureCodeOf,
  premiumExpiryAfterGrant,
  sniffProofType,
  visibleToStaff,
} from './rules.ts';
import type { RegistrantFilterQuery } from './schema.ts';
import { view } from './view.ts';

type Trx = Transaction<DB>;

async function requireRegistration(trx: Executor, personId: string, code: string) {
  const row = await repository.findRegistration(trx, personId, code, { lock: true });
  if (!row) throw new AppError('REGISTRATION_NOT_FOUND');
  return row;
}

// --- Registering --------------------------------------------------------------------------------

export async function listRegistrations(db: Executor, personId: string) {
  return { items: (await repository.registrationsOf(db, personId)).map(view) };
}

/** Keeps an implied prefecture registration equal to what the person's municipality registrations imply. */
async function syncImpliedPrefecture(
  trx: Trx,
  personId: string,
  prefectureNumber: string,
  defaults: { consents: string[]; residencePrefecture: string },
  changes: ChangeSet,
  now: Date,
): Promise<void> {
  const code = prefectureCodeOf(prefectureNumber);
  const held = await repository.registrationsInPrefecture(trx, personId, prefectureNumber);
  const existing = held.find((r) => r.municipalityCode === code);
  const change = impliedPrefectureChange(
    held.filter((r) => r.kind === 'municipality').map((r) => r.relationTypes),
    existing,
  );
  if (change === null) return;
  if (change.action === 'insert') {
    const inserted = await repository.insertRegistration(trx, {
      municipalityCode: code,
      personId,
      relationTypes: change.relationTypes,
      consents: defaults.consents,
      implicit: true,
      residencePrefecture: defaults.residencePrefecture,
      source: 'app',
      registeredAt: now,
    });
    const state = {
      municipalityCode: code,
      tier: 'basic' as const,
      relationTypes: change.relationTypes,
      residencePrefecture: defaults.residencePrefecture,
    };
    changes.record(
      { before: null, after: state },
      {
        ...state,
        personId,
        registrationId: inserted?.id ?? null,
        kind: 'registered',
        occurredAt: now,
        details: { implicit: true },
      },
    );
    return;
  }
  if (!existing) return;
  if (change.action === 'delete') {
    await repository.deleteRegistration(trx, personId, code);
    changes.record(
      { before: counted(existing), after: null },
      { ...eventOf(existing, personId, 'withdrawn', now), details: { reason: 'no_municipality_left' } },
    );
    return;
  }
  await repository.updateRegistration(trx, personId, code, { relationTypes: change.relationTypes }, now);
  changes.record(
    { before: counted(existing), after: counted({ ...existing, relationTypes: change.relationTypes }) },
    { ...eventOf(existing, personId, 'types_changed', now), relationTypes: change.relationTypes },
  );
}

export async function updateRegistration(
  db: Executor,
  personId: string,
  code: string,
  input: { relationTypes?: number[]; consents?: string[] },
  now = new Date(),
) {
  return inTransaction(db, async (trx) => {
    await repository.lockPerson(trx, personId);
    const existing = await requireRegistration(trx, personId, code);
    const changes = new ChangeSet();
    const relationTypes = input.relationTypes ? normaliseRelationTypes(input.relationTypes) : undefined;
    const consents = input.consents ? normaliseConsents(input.consents) : undefined;
    const typesChanged = relationTypes !== undefined && relationTypes.join() !== existing.relationTypes.join();
    const consentsChanged = consents !== undefined && consents.join() !== normaliseConsents(existing.consents).join();
    await repository.updateRegistration(
      trx,
      personId,
      code,
      {
        ...(typesChanged && { relationTypes, implicit: false }),
        ...(consentsChanged && { consents }),
      },
      now,
    );
    if (typesChanged) {
      changes.record(
        { before: counted(existing), after: counted({ ...existing, relationTypes }) },
        { ...eventOf(existing, personId, 'types_changed', now), relationTypes },
      );
      if (existing.kind === 'municipality') {
        const defaults = { consents: existing.consents, residencePrefecture: existing.residencePrefecture };
        await syncImpliedPrefecture(trx, personId, existing.prefectureCode, defaults, changes, now);
      }
    }
    if (consentsChanged) {
      changes.record(
        { before: null, after: null },
        { ...eventOf(existing, personId, 'consents_changed', now), details: { consents } },
      );
    }
    await changes.apply(trx, personId, now);
    return view((await repository.findRegistration(trx, personId, code)) as RegistrationRow);
  });
}

/** Leaves one municipality (or prefecture). The history stays; the counters go down from today. */
export async function withdraw(db: Executor, personId: string, code: string, now = new Date()): Promise<void> {
  await inTransaction(db, async (trx) => {
    await repository.lockPerson(trx, personId);
    const existing = await requireRegistration(trx, personId, code);
    if (existing.kind === 'prefecture') {
      const held = await repository.municipalityTypesInPrefecture(trx, personId, existing.prefectureCode);
      if (held.length > 0) {
        throw new AppError('PREFECTURE_HELD_BY_MUNICIPALITIES', {
          municipalities: held.map((r) => r.municipalityCode),
        });
      }
    }
    const changes = new ChangeSet();
    await activityRepository.deletePendingApplications(trx, personId, code);
    await repository.deleteRegistration(trx, personId, code);
    changes.record({ before: counted(existing), after: null }, eventOf(existing, personId, 'withdrawn', now));
    if (existing.kind === 'municipality') {
      const defaults = { consents: existing.consents, residencePrefecture: existing.residencePrefecture };
      await syncImpliedPrefecture(trx, personId, existing.prefectureCode, defaults, changes, now);
    }
    await changes.apply(trx, personId, now);
  });
}

// --- Premium ------------------------------------------------------------------------------------

async function ruleOf(
  db: Executor,
  code: string,
): Promise<PremiumRule & { isDefault: boolean; updatedAt: Date | null }> {
  const saved = await repository.findPremiumRule(db, code);
  if (!saved) return { ...DEFAULT_PREMIUM_RULE, isDefault: true, updatedAt: null };
  return { ...saved, isDefault: false };
}

async function evaluate(trx: Trx, personId: string, code: string, now: Date) {
  const person = await repository.lockPerson(trx, personId);
  const target = await repository.findTarget(trx, code);
  if (!target) throw new AppError('MUNICIPALITY_NOT_FOUND');
  const registration = await repository.findRegistration(trx, personId, code, { lock: true });
  const evaluation = evaluatePremium(
    {
      municipality: { code, kind: target.kind },
      registration: registration ?? null,
      identityVerified: person.identityVerifiedAt !== null,
      residenceMunicipalityCode: person.registeredMunicipalityCode,
      premiumElsewhere: await repository.countPremiumElsewhere(trx, personId, code, now),
      activities: await activityRepository.activitiesOf(trx, personId, code),
    },
    await ruleOf(trx, code),
    now,
  );
  return { evaluation, registration };
}

async function grantPremium(trx: Trx, personId: string, registration: RegistrationRow, now: Date) {
  const renewal = registration.tier === 'premium';
  const expiresAt = premiumExpiryAfterGrant(now, registration.premiumExpiresAt);
  await repository.updateRegistration(
    trx,
    personId,
    registration.municipalityCode,
    {
      tier: 'premium',
      premiumSince: renewal ? registration.premiumSince : now,
      premiumExpiresAt: expiresAt,
      premiumRemindedAt: null,
    },
    now,
  );
  const changes = new ChangeSet();
  changes.record(
    { before: counted(registration), after: counted({ ...registration, tier: 'premium' }) },
    {
      ...eventOf(registration, personId, renewal ? 'renewed' : 'upgraded', now),
      tier: 'premium',
      details: { expiresAt: expiresAt.toISOString() },
    },
  );
  await changes.apply(trx, personId, now);
  return view((await repository.findRegistration(trx, personId, registration.municipalityCode)) as RegistrationRow);
}

/**
 * A premium application or renewal: granted at once when the municipality's rule is met, queued for
 * staff when the rule asks for a review, refused with the explanation otherwise (nothing is written).
 */
export async function applyForPremium(db: Executor, personId: string, code: string, now = new Date()) {
  return inTransaction(db, async (trx) => {
    const { evaluation, registration } = await evaluate(trx, personId, code, now);
    if (evaluation.outcome === 'refuse' || !registration) {
      throw new AppError('PREMIUM_REQUIREMENTS_NOT_MET', { evaluation });
    }
    if (evaluation.outcome === 'review') {
      const application = await activityRepository.insertPremiumApplication(trx, {
        municipalityCode: code,
        personId,
        kind: evaluation.kind,
        evaluation,
      });
      if (!application) throw new AppError('PREMIUM_APPLICATION_PENDING');
      return {
        status: 'pending_review' as const,
        registration: view(registration),
        evaluation,
        applicationId: application.id,
      };
    }
    const granted = await grantPremium(trx, personId, registration, now);
    return { status: 'granted' as const, registration: granted, evaluation, applicationId: null };
  });
}

/** The explanation alone (what the person would get if they applied now), for the premium progress view. */
export async function premiumStatus(db: Executor, personId: string, code: string, now = new Date()) {
  return inTransaction(db, async (trx) => (await evaluate(trx, personId, code, now)).evaluation);
}

export async function decidePremiumApplication(
  db: Executor,
  ctx: StaffContext,
  id: string,
  input: { decision: 'approve' | 'reject'; reason?: string },
  now = new Date(),
) {
  return inTransaction(db, async (trx) => {
    const application = await activityRepository.findPremiumApplication(trx, ctx.tenant, id, { lock: true });
    if (!application) throw new AppError('PREMIUM_APPLICATION_NOT_FOUND');
    if (application.status !== 'pending') throw new AppError('ALREADY_DECIDED');
    const reason = input.reason?.trim() || null;
    if (input.decision === 'reject' && !reason) throw new AppError('REVIEW_REASON_REQUIRED');
    let evaluation: PremiumEvaluation | null = null;
    if (input.decision === 'approve') {
      // The person's situation may have changed since applying: the national rules are checked again.
      const current = await evaluate(trx, application.personId, ctx.tenant, now);
      evaluation = current.evaluation;
      if (evaluation.outcome === 'refuse' || !current.registration) {
        throw new AppError('PREMIUM_REQUIREMENTS_NOT_MET', { evaluation });
      }
      await grantPremium(trx, application.personId, current.registration, now);
    }
    await activityRepository.decidePremiumApplication(trx, ctx.tenant, id, {
      status: input.decision === 'approve' ? 'approved' : 'rejected',
      by: ctx.actorPersonId,
      reason,
      at: now,
    });
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: `premium_application.${input.decision === 'approve' ? 'approved' : 'rejected'}`,
      subjectType: 'premium_application',
      subjectId: id,
      requestId: ctx.requestId,
      details: reason ? { reason } : undefined,
    });
    return { id, status: input.decision === 'approve' ? ('approved' as const) : ('rejected' as const) };
  });
}

export async function listPremiumApplications(
  db: Executor,
  ctx: StaffContext,
  query: { status: 'pending' | 'approved' | 'rejected'; page: number; pageSize: number },
) {
  const result = await activityRepository.premiumApplicationQueue(db, ctx.tenant, query.status, {
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { ...result, page: query.page, pageSize: query.pageSize };
}

/** Lapsed premium registrations go back to basic, one transaction each (a failure leaves the rest). */
export async function lapseExpiredPremiums(db: Executor, now = new Date()): Promise<number> {
  let lapsed = 0;
  for (;;) {
    const due = await repository.lapsedPremiums(db, now, 100);
    if (due.length === 0) return lapsed;
    for (const { personId, municipalityCode } of due) {
      await inTransaction(db, async (trx) => {
        const row = await repository.findRegistration(trx, personId, municipalityCode, { lock: true });
        if (row?.tier !== 'premium' || (row.premiumExpiresAt && row.premiumExpiresAt > now)) return;
        await repository.updateRegistration(
          trx,
          personId,
          municipalityCode,
          { tier: 'basic', premiumSince: null, premiumExpiresAt: null, premiumRemindedAt: null },
          now,
        );
        const changes = new ChangeSet();
        changes.record(
          { before: counted(row), after: counted({ ...row, tier: 'basic' }) },
          { ...eventOf(row, personId, 'downgraded', now), tier: 'basic', details: { reason: 'expired' } },
        );
        await changes.apply(trx, personId, now);
      });
      lapsed++;
    }
  }
}

// --- Premium rules ------------------------------------------------------------------------------

export async function getPremiumRule(db: Executor, ctx: StaffContext) {
  const rule = await ruleOf(db, ctx.tenant);
  return {
    minActivities: rule.minActivities,
    activityKinds: ACTIVITY_KINDS.filter((kind) => rule.activityKinds.includes(kind)),
    requiredRelationTypes: [...rule.requiredRelationTypes],
    staffReview: rule.staffReview,
    isDefault: rule.isDefault,
    updatedAt: rule.updatedAt,
    national: {
      minActivities: NATIONAL_PREMIUM.minActivities,
      activityWindowMonths: NATIONAL_PREMIUM.activityWindowMonths,
      maxPremiumMunicipalities: NATIONAL_PREMIUM.maxPremiumMunicipalities,
      termMonths: NATIONAL_PREMIUM.termMonths,
      identityVerification: true as const,
      notInResidenceMunicipality: true as const,
    },
  };
}

/** The schema already refuses anything below the national minimum, so a saved rule only adds to it. */
export async function savePremiumRule(db: Executor, ctx: StaffContext, rule: PremiumRule, now = new Date()) {
  const target = await repository.findTarget(db, ctx.tenant);
  if (target?.kind !== 'municipality') throw new AppError('INVALID_TENANT');
  const normalised: PremiumRule = {
    minActivities: rule.minActivities,
    activityKinds: [...new Set(rule.activityKinds)].sort(),
    requiredRelationTypes: normaliseRelationTypes(rule.requiredRelationTypes),
    staffReview: rule.staffReview,
  };
  await inTransaction(db, async (trx) => {
    await repository.savePremiumRule(trx, ctx.tenant, normalised, ctx.actorPersonId, now);
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: 'premium_rule.saved',
      subjectType: 'premium_rule',
      subjectId: ctx.tenant,
      requestId: ctx.requestId,
      details: { ...normalised },
    });
  });
  return getPremiumRule(db, ctx);
}

/**
 * "Who would qualify": how many of today's registrants the rule would admit (granted or sent to
 * review), decided by the same rules engine as a real application, before the rule is saved.
 */
export async function previewPremiumRule(db: Executor, ctx: StaffContext, rule: PremiumRule, now = new Date()) {
  const since = jstDay(new Date(new Date(now).setUTCMonth(now.getUTCMonth() - NATIONAL_PREMIUM.activityWindowMonths)));
  const candidates = await repository.premiumCandidates(db, ctx.tenant, {
    since,
    until: jstDay(now),
    minActivities: rule.minActivities,
    now,
  });
  const qualify = candidates.filter(
    (c) =>
      evaluatePremium(
        {
          municipality: { code: ctx.tenant, kind: 'municipality' },
          registration: { tier: c.tier, relationTypes: c.relationTypes, premiumExpiresAt: null },
          identityVerified: true,
          residenceMunicipalityCode: c.residenceMunicipalityCode,
          premiumElsewhere: c.premiumElsewhere,
          activities: c.activities,
        },
        rule,
        now,
      ).outcome !== 'refuse',
  ).length;
  return { qualify, registrants: await repository.countRegistrants(db, ctx.tenant) };
}

// --- Activities and evidence --------------------------------------------------------------------

/**
 * A helper activity the platform itself witnessed (attendance confirmed by the organiser, a check-in):
 * it counts toward premium at once. For other modules, inside their own transaction.
 */
export async function recordConfirmedActivity(
  db: Executor,
  activity: {
    personId: string;
    municipalityCode: string;
    kind: string;
    occurredOn: string;
    note?: string;
    recordedBy: string | null;
  },
) {
  return activityRepository.insertActivity(db, {
    personId: activity.personId,
    municipalityCode: activity.municipalityCode,
    kind: activity.kind,
    occurredOn: activity.occurredOn,
    source: 'platform',
    status: 'confirmed',
    note: activity.note ?? null,
    recordedBy: activity.recordedBy,
  });
}

function activityView(row: Awaited<ReturnType<typeof activityRepository.activitiesOf>>[number]) {
  return {
    id: row.id,
    municipalityCode: row.municipalityCode,
    kind: row.kind,
    occurredOn: row.occurredOn,
    source: row.source,
    status: row.status,
    note: row.note,
    reviewReason: row.reviewReason,
    hasProof: row.hasProof,
    createdAt: row.createdAt,
  };
}

export async function listActivities(db: Executor, personId: string) {
  return { items: (await activityRepository.activitiesOf(db, personId)).map(activityView) };
}

function refuseFutureDate(occurredOn: string, now: Date): void {
  if (occurredOn > jstDay(now)) throw new AppError('ACTIVITY_DATE_IN_FUTURE');
}

/** A proof of a helper activity the platform did not record (image or PDF): it waits for staff review. */
export async function uploadProof(
  db: Executor,
  personId: string,
  input: { municipalityCode: string; kind: string; occurredOn: string; note?: string },
  file: { declaredType: string; bytes: Buffer },
  now = new Date(),
) {
  if (!(PROOF_CONTENT_TYPES as readonly string[]).includes(file.declaredType))
    throw new AppError('PROOF_TYPE_NOT_ALLOWED');
  if (file.bytes.byteLength > PROOF_MAX_BYTES) throw new AppError('PROOF_TOO_LARGE');
  const actual = sniffProofType(file.bytes);
  if (actual === null || actual !== file.declaredType) throw new AppError('PROOF_CONTENT_MISMATCH');
  refuseFutureDate(input.occurredOn, now);
  return inTransaction(db, async (trx) => {
    await requireRegistration(trx, personId, input.municipalityCode);
    const activity = await activityRepository.insertActivity(trx, {
      personId,
      municipalityCode: input.municipalityCode,
      kind: input.kind,
      occurredOn: input.occurredOn,
      source: 'proof',
      status: 'pending',
      note: input.note ?? null,
      recordedBy: personId,
    });
    await activityRepository.insertProof(
      trx,
      { personId, activityId: activity.id, contentType: actual as ProofContentType, bytes: file.bytes },
      createHash('sha256').update(file.bytes).digest(),
    );
    const rows = await activityRepository.activitiesOf(trx, personId, input.municipalityCode);
    return activityView(rows.find((r) => r.id === activity.id) as (typeof rows)[number]);
  });
}

/** Attendance confirmed by the organiser: counts toward premium at once. */
export async function recordActivity(
  db: Executor,
  ctx: StaffContext,
  input: { memberId: string; kind: string; occurredOn: string; note?: string },
  now = new Date(),
) {
  refuseFutureDate(input.occurredOn, now);
  return inTransaction(db, async (trx) => {
    const registrant = await registrantRepository.findRegistrant(trx, ctx.tenant, input.memberId);
    if (!registrant) throw new AppError('REGISTRANT_NOT_FOUND');
    const activity = await recordConfirmedActivity(trx, {
      personId: registrant.personId,
      municipalityCode: ctx.tenant,
      kind: input.kind,
      occurredOn: input.occurredOn,
      note: input.note,
      recordedBy: ctx.actorPersonId,
    });
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: 'activity.recorded',
      subjectType: 'registration',
      subjectId: input.memberId,
      requestId: ctx.requestId,
      details: { activityId: activity.id, kind: input.kind, occurredOn: input.occurredOn },
    });
    const rows = await activityRepository.activitiesOf(trx, registrant.personId, ctx.tenant);
    return {
      ...activityView(rows.find((r) => r.id === activity.id) as (typeof rows)[number]),
      memberId: input.memberId,
    };
  });
}

export async function reviewActivity(
  db: Executor,
  ctx: StaffContext,
  id: string,
  input: { decision: 'approve' | 'reject'; reason?: string },
  now = new Date(),
) {
  return inTransaction(db, async (trx) => {
    const activity = await activityRepository.findActivityInTenant(trx, ctx.tenant, id, { lock: true });
    if (!activity) throw new AppError('ACTIVITY_NOT_FOUND');
    if (activity.status !== 'pending') throw new AppError('ALREADY_DECIDED');
    const reason = input.reason?.trim() || null;
    if (input.decision === 'reject' && !reason) throw new AppError('REVIEW_REASON_REQUIRED');
    const status = input.decision === 'approve' ? ('confirmed' as const) : ('rejected' as const);
    await activityRepository.reviewActivity(trx, activity.personId, id, {
      status,
      by: ctx.actorPersonId,
      reason,
      at: now,
    });
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: `activity.${status}`,
      subjectType: 'activity',
      subjectId: id,
      requestId: ctx.requestId,
      details: reason ? { reason } : undefined,
    });
    return { id, status };
  });
}

export async function listActivityQueue(
  db: Executor,
  ctx: StaffContext,
  query: { status: 'pending' | 'confirmed' | 'rejected'; page: number; pageSize: number },
) {
  const result = await activityRepository.activityQueue(db, ctx.tenant, query.status, {
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return {
    items: result.items.map((row) => ({ ...activityView(row), memberId: row.memberId })),
    total: result.total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The uploaded file, for the reviewer; opening it is a read of personal data, so it is logged. */
export async function proofForReview(db: Executor, ctx: StaffContext, id: string) {
  const activity = await activityRepository.findActivityInTenant(db, ctx.tenant, id);
  if (!activity) throw new AppError('ACTIVITY_NOT_FOUND');
  const proof = await activityRepository.findProof(db, activity.personId, id);
  if (!proof) throw new AppError('ACTIVITY_NOT_FOUND');
  await appendAudit(db, {
    tenant: ctx.tenant,
    actorPersonId: ctx.actorPersonId,
    action: 'activity.proof_viewed',
    subjectType: 'activity',
    subjectId: id,
    requestId: ctx.requestId,
  });
  return proof;
}

// --- Registrants (staff) ------------------------------------------------------------------------

type RegistrantRow = NonNullable<Awaited<ReturnType<typeof registrantRepository.findRegistrant>>>;

function registrantView(row: RegistrantRow, now: Date) {
  return {
    memberId: row.memberId,
    tier: row.tier,
    registeredAt: row.registeredAt,
    premiumExpiresAt: row.premiumExpiresAt,
    ...visibleToStaff(row, row.consents, now),
    activityCount: row.activityCount,
  };
}

/** The staff's filter as the repository takes it: the name folded like the data, the day as JST midnight. */
export function registrantFilterOf(query: RegistrantFilterQuery): registrantRepository.RegistrantFilter {
  const nameQuery = query.q === undefined ? '' : normaliseForSearch(query.q);
  return {
    ...(nameQuery && { nameQuery }),
    ...(query.tier && { tier: query.tier }),
    ...(query.relationType !== undefined && { relationType: query.relationType }),
    ...(query.residencePrefecture && { residencePrefecture: query.residencePrefecture }),
    ...(query.registeredSince && { registeredSince: new Date(`${query.registeredSince}T00:00:00+09:00`) }),
    ...(query.minActivities && { minActivities: query.minActivities }),
  };
}

export async function listRegistrants(
  db: Executor,
  ctx: StaffContext,
  query: RegistrantFilterQuery & { sort: registrantRepository.RegistrantSort; page: number; pageSize: number },
  now = new Date(),
) {
  const { page, pageSize, sort, ...filter } = query;
  const result = await registrantRepository.registrantsOf(
    db,
    ctx.tenant,
    registrantFilterOf(filter),
    { limit: pageSize, offset: (page - 1) * pageSize },
    sort,
  );
  await appendAudit(db, {
    tenant: ctx.tenant,
    actorPersonId: ctx.actorPersonId,
    action: 'registrants.listed',
    subjectType: 'registrations',
    requestId: ctx.requestId,
    details: { filter, sort, page, shown: result.items.map((r) => r.memberId) },
  });
  return { items: result.items.map((r) => registrantView(r, now)), total: result.total, page, pageSize };
}

export async function getRegistrant(db: Executor, ctx: StaffContext, memberId: string, now = new Date()) {
  const row = await registrantRepository.findRegistrant(db, ctx.tenant, memberId);
  if (!row) throw new AppError('REGISTRANT_NOT_FOUND');
  const activities = await activityRepository.activitiesOf(db, row.personId, ctx.tenant);
  await appendAudit(db, {
    tenant: ctx.tenant,
    actorPersonId: ctx.actorPersonId,
    action: 'registrant.viewed',
    subjectType: 'registration',
    subjectId: memberId,
    requestId: ctx.requestId,
  });
  return { ...registrantView(row, now), activities: activities.map(activityView) };
}
