import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { appendAudit } from '../audit/repository.ts';
import { UNKNOWN_RESIDENCE } from '../registrations/rules.ts';
import type { StaffContext } from '../staff/service.ts';
import * as applicationRepository from './application-repository.ts';
import * as repository from './repository.ts';
import { type AnswerValue, checkAnswers, eligibilityOf } from './rules.ts';
import { measureView } from './service.ts';

// Subsidy applications (手続の円滑化): the form comes filled in from what the platform already knows;
// the person confirms it, and the municipality sees exactly what was confirmed — nothing else.

interface Applicant {
  memberId: string;
  displayName: string;
  email: string;
  residencePrefecture: string | null;
  relationTypes: number[] | null;
}

function view(row: applicationRepository.ApplicationRow) {
  return {
    id: row.id,
    measureId: row.measureId,
    measureTitle: row.measureTitle,
    municipalityCode: row.municipalityCode,
    municipalityName: row.municipalityName,
    status: row.status,
    applicant: row.applicant as Applicant,
    answers: row.answers as Record<string, unknown>,
    submittedAt: row.submittedAt,
    decidedAt: row.decidedAt,
    reason: row.reason,
  };
}

/** A published subsidy, or the reason the person cannot apply to it at all. */
async function subsidy(db: Executor, measureId: string) {
  const measure = await measureView(db, measureId);
  // Drafts are the municipality's own business: to a resident they do not exist.
  if (!measure.published) throw new AppError('MEASURE_NOT_FOUND');
  if (measure.kind !== 'subsidy') throw new AppError('MEASURE_HAS_NO_APPLICATION');
  return measure;
}

export async function applicationForm(db: Executor, personId: string, measureId: string, now = new Date()) {
  const measure = await subsidy(db, measureId);
  const registration = await repository.registrationOf(db, personId, measure.municipalityCode);
  if (!registration) throw new AppError('REGISTRATION_NOT_FOUND');
  const profile = await repository.profileOf(db, personId);
  const { eligible, reasons } = eligibilityOf(measure, registration, now);
  const registeredResidence =
    registration.residencePrefecture === UNKNOWN_RESIDENCE ? null : registration.residencePrefecture;
  return {
    measure,
    eligible,
    reasons,
    prefilled: {
      memberId: registration.memberId,
      municipalityCode: registration.municipalityCode,
      displayName: profile.displayName,
      email: profile.email,
      residencePrefecture: profile.residencePrefecture ?? registeredResidence,
      relationTypes: registration.relationTypes,
    },
    fields: measure.formFields,
  };
}

export async function submitApplication(
  db: Executor,
  personId: string,
  measureId: string,
  input: {
    applicant: { displayName: string; email: string; residencePrefecture: string | null; shareRelationTypes: boolean };
    answers: Record<string, AnswerValue>;
  },
  now = new Date(),
) {
  return inTransaction(db, async (trx) => {
    const measure = await subsidy(trx, measureId);
    // Locking the registration makes a double submission of a one-time subsidy wait, then fail.
    const registration = await repository.registrationOf(trx, personId, measure.municipalityCode, { lock: true });
    if (!registration) throw new AppError('REGISTRATION_NOT_FOUND');
    const { eligible, reasons } = eligibilityOf(measure, registration, now);
    if (!eligible) throw new AppError('MEASURE_NOT_ELIGIBLE', { reasons });
    const { answers, problems } = checkAnswers(measure.formFields, input.answers);
    if (problems.length > 0) throw new AppError('APPLICATION_ANSWERS_INVALID', { problems });
    if (
      measure.usage === 'once' &&
      (await applicationRepository.hasOpenApplication(trx, measure.municipalityCode, measure.id, personId))
    ) {
      throw new AppError('SUBSIDY_APPLICATION_EXISTS');
    }
    const applicant: Applicant = {
      memberId: registration.memberId,
      displayName: input.applicant.displayName,
      email: input.applicant.email,
      residencePrefecture: input.applicant.residencePrefecture,
      relationTypes: input.applicant.shareRelationTypes ? registration.relationTypes : null,
    };
    const id = await applicationRepository.insertApplication(trx, {
      municipalityCode: measure.municipalityCode,
      measureId: measure.id,
      personId,
      memberId: registration.memberId,
      applicant,
      answers,
      submittedAt: now,
    });
    const row = await applicationRepository.findApplication(trx, measure.municipalityCode, id);
    return view(row as applicationRepository.ApplicationRow);
  });
}

export async function myApplications(db: Executor, personId: string) {
  return { items: (await applicationRepository.applicationsOfPerson(db, personId)).map(view) };
}

/** The municipality's queue; reading applicants' data is written to the audit log. */
export async function listApplications(
  db: Executor,
  ctx: StaffContext,
  query: applicationRepository.ApplicationFilter & { page: number; pageSize: number },
) {
  const { page, pageSize, ...filter } = query;
  const result = await applicationRepository.applicationQueue(db, ctx.tenant, filter, {
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  await appendAudit(db, {
    tenant: ctx.tenant,
    actorPersonId: ctx.actorPersonId,
    action: 'subsidy_applications.listed',
    subjectType: 'subsidy_applications',
    requestId: ctx.requestId,
    details: { filter, page, shown: result.items.map((a) => a.id) },
  });
  return { items: result.items.map(view), total: result.total, page, pageSize };
}

export async function decideApplication(
  db: Executor,
  ctx: StaffContext,
  id: string,
  input: { decision: 'approve' | 'reject'; reason?: string },
  now = new Date(),
) {
  return inTransaction(db, async (trx) => {
    const current = await applicationRepository.lockApplication(trx, ctx.tenant, id);
    if (!current) throw new AppError('SUBSIDY_APPLICATION_NOT_FOUND');
    if (current.status !== 'submitted') throw new AppError('ALREADY_DECIDED');
    const reason = input.reason?.trim() || null;
    if (input.decision === 'reject' && !reason) throw new AppError('REVIEW_REASON_REQUIRED');
    const status = input.decision === 'approve' ? ('approved' as const) : ('rejected' as const);
    await applicationRepository.decideApplication(trx, ctx.tenant, id, {
      status,
      by: ctx.actorPersonId,
      reason,
      at: now,
    });
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: `subsidy_application.${status}`,
      subjectType: 'subsidy_application',
      subjectId: id,
      requestId: ctx.requestId,
      details: reason ? { reason } : undefined,
    });
    return { id, status };
  });
}
