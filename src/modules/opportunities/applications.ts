import type { ApplicationStatus } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { appendAudit } from '../audit/repository.ts';
import { enqueueMail } from '../mail/repository.ts';
import { type ActivityKind, visibleToStaff } from '../registrations/rules.ts';
import type { StaffContext } from '../staff/service.ts';
import type { ApplicationRow } from './application-repository.ts';
import * as applicationRepository from './application-repository.ts';
import { decisionMail, messageMail } from './mail-templates.ts';
import type { OpportunityRow } from './repository.ts';
import * as repository from './repository.ts';
import {
  acceptsApplications,
  applicationTransition,
  evaluateEligibility,
  pairAnswers,
  SEAT_HOLDING,
  type TransitionRefusal,
} from './rules.ts';
import * as sessionRepository from './session-repository.ts';

// Applying for an opportunity, the staff's decision, and messages from staff to the applicant.

type Page = { page: number; pageSize: number };
const limitOf = (p: Page) => ({ limit: p.pageSize, offset: (p.page - 1) * p.pageSize });

/** The applicant's own view: the opportunity in brief, the staff's messages, the check-ins. */
async function myViews(db: Executor, rows: readonly ApplicationRow[]) {
  const ids = rows.map((r) => r.id);
  const opportunityIds = [...new Set(rows.map((r) => r.opportunityId))];
  const [opportunities, sessions, messages, checkIns] = await Promise.all([
    repository.opportunitiesByIds(db, opportunityIds),
    sessionRepository.sessionsOf(db, opportunityIds),
    applicationRepository.messagesOf(db, ids),
    applicationRepository.checkInsOf(db, ids),
  ]);
  return rows.map((row) => {
    const o = opportunities.find((x) => x.id === row.opportunityId) as OpportunityRow;
    return {
      id: row.id,
      status: row.status,
      answers: row.answers,
      appliedAt: row.appliedAt,
      decidedAt: row.decidedAt,
      cancelledAt: row.cancelledAt,
      opportunity: {
        id: o.id,
        municipalityCode: o.municipalityCode,
        municipalityName: o.municipalityName,
        kind: o.kind as ActivityKind,
        title: o.title,
        place: o.place,
        online: o.online,
        sessions: sessions
          .filter((s) => s.opportunityId === o.id)
          .map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt })),
      },
      checkIns: checkIns
        .filter((c) => c.applicationId === row.id)
        .map((c) => ({ sessionId: c.sessionId, checkedInAt: c.checkedInAt, method: c.method })),
      messages: messages
        .filter((m) => m.applicationId === row.id)
        .map((m) => ({ id: m.id, body: m.body, sentAt: m.sentAt })),
    };
  });
}

async function myView(db: Executor, row: ApplicationRow) {
  const [view] = await myViews(db, [row]);
  return view as NonNullable<typeof view>;
}

function refuseTransition(reason: TransitionRefusal, status: ApplicationStatus, action: string): never {
  if (reason === 'too_late') throw new AppError('CANCELLATION_CLOSED');
  if (reason === 'too_early') throw new AppError('SESSION_NOT_STARTED');
  throw new AppError('APPLICATION_STATUS_CONFLICT', { status, action });
}

/**
 * A registered resident who meets the opportunity's requirements applies, answering its questions.
 * A second application answers 409 with the first; a cancelled one may be applied for again.
 */
export async function apply(
  db: Executor,
  personId: string,
  opportunityId: string,
  answers: string[],
  now = new Date(),
) {
  const opportunity = await repository.findOpportunity(db, { id: opportunityId });
  if (!opportunity || opportunity.status === 'draft') throw new AppError('OPPORTUNITY_NOT_FOUND');
  const where = { municipalityCode: opportunity.municipalityCode, opportunityId, personId };
  const existing = await applicationRepository.findApplicationOf(db, where);
  if (existing && existing.status !== 'cancelled') {
    throw new AppError('APPLICATION_EXISTS', { application: await myView(db, existing) });
  }
  const sessions = await sessionRepository.sessionsOf(db, [opportunityId]);
  if (!acceptsApplications(opportunity.status, sessions, now)) throw new AppError('OPPORTUNITY_NOT_OPEN');
  const paired = pairAnswers(opportunity.questions, answers);
  if (!paired) throw new AppError('OPPORTUNITY_ANSWERS_INVALID', { questions: opportunity.questions });
  // A joint opportunity (広域型) takes the registrants of its co-hosts too: any one registration that meets the
  // requirements will do; the host's own (or the first) explains a refusal.
  const hosts = [opportunity.municipalityCode, ...opportunity.coHosts];
  const [registrations, person] = await Promise.all([
    repository.registrationsAmong(db, hosts, personId),
    repository.personOf(db, personId),
  ]);
  const rule = {
    minTier: opportunity.minTier,
    identityRequired: opportunity.identityRequired,
    relationTypes: opportunity.relationTypes,
  };
  const identityVerified = person?.identityVerifiedAt != null;
  const ordered = hosts.flatMap((code) => registrations.filter((r) => r.municipalityCode === code));
  const results = (ordered.length > 0 ? ordered : [null]).map((registration) =>
    evaluateEligibility({ registration, identityVerified }, rule, now),
  );
  const { eligible, requirements } =
    results.find((r) => r.eligible) ?? (results[0] as ReturnType<typeof evaluateEligibility>);
  if (!eligible) throw new AppError('OPPORTUNITY_REQUIREMENTS_NOT_MET', { requirements });

  return inTransaction(db, async (trx) => {
    const id = await applicationRepository.insertApplication(trx, { ...where, answers: paired, now });
    if (id) return myView(trx, (await applicationRepository.findApplication(trx, { id })) as ApplicationRow);
    const current = (await applicationRepository.findApplicationOf(trx, where, { lock: true })) as ApplicationRow;
    if (current.status !== 'cancelled') {
      throw new AppError('APPLICATION_EXISTS', { application: await myView(trx, current) });
    }
    await applicationRepository.reopenApplication(trx, opportunity.municipalityCode, current.id, paired, now);
    return myView(trx, (await applicationRepository.findApplication(trx, { id: current.id })) as ApplicationRow);
  });
}

export async function listMyApplications(db: Executor, personId: string, page: Page) {
  const result = await applicationRepository.applicationsOfPerson(db, personId, limitOf(page));
  return { items: await myViews(db, result.items), total: result.total, page: page.page, pageSize: page.pageSize };
}

/** The resident may cancel until the first session starts; the seat is free again at once. */
export async function cancelApplication(db: Executor, personId: string, id: string, now = new Date()) {
  return inTransaction(db, async (trx) => {
    const row = await applicationRepository.findApplication(trx, { id, personId }, { lock: true });
    if (!row) throw new AppError('APPLICATION_NOT_FOUND');
    const sessions = await sessionRepository.sessionsOf(trx, [row.opportunityId]);
    const next = applicationTransition(row.status, 'cancel', sessions, now);
    if (!next.ok) refuseTransition(next.reason, row.status, 'cancel');
    await applicationRepository.setApplicationStatus(trx, row.municipalityCode, id, { status: next.to, now });
    return myView(trx, (await applicationRepository.findApplication(trx, { id })) as ApplicationRow);
  });
}

// --- Staff ------------------------------------------------------------------------------------------

/** Applicants as the municipality may see them (consented fields only); the read is audited. */
export async function listApplications(
  db: Executor,
  ctx: StaffContext,
  opportunityId: string,
  query: Page & { status?: ApplicationStatus },
  now = new Date(),
) {
  const opportunity = await repository.findOpportunity(db, { municipalityCode: ctx.tenant, id: opportunityId });
  if (!opportunity) throw new AppError('OPPORTUNITY_NOT_FOUND');
  const result = await applicationRepository.applicationsOfOpportunity(
    db,
    ctx.tenant,
    opportunityId,
    { status: query.status },
    limitOf(query),
  );
  const ids = result.items.map((r) => r.id);
  const [messages, checkIns] = await Promise.all([
    applicationRepository.messagesOf(db, ids),
    applicationRepository.checkInsOf(db, ids),
  ]);
  await appendAudit(db, {
    tenant: ctx.tenant,
    actorPersonId: ctx.actorPersonId,
    action: 'applications.listed',
    subjectType: 'opportunity',
    subjectId: opportunityId,
    requestId: ctx.requestId,
    details: { status: query.status ?? null, page: query.page, shown: ids },
  });
  const items = result.items.map((row) => ({
    id: row.id,
    opportunityId: row.opportunityId,
    status: row.status,
    answers: row.answers,
    appliedAt: row.appliedAt,
    decidedAt: row.decidedAt,
    // Someone who withdrew from the municipality after applying shares nothing any more.
    applicant: {
      memberId: row.memberId,
      tier: row.tier,
      ...visibleToStaff({ ...row, relationTypes: row.relationTypes ?? [] }, row.consents ?? [], now),
    },
    checkIns: checkIns
      .filter((c) => c.applicationId === row.id)
      .map((c) => ({ sessionId: c.sessionId, checkedInAt: c.checkedInAt, method: c.method })),
    messages: messages
      .filter((m) => m.applicationId === row.id)
      .map((m) => ({ id: m.id, body: m.body, sentAt: m.sentAt })),
  }));
  return { items, total: result.total, page: query.page, pageSize: query.pageSize };
}

async function mailApplicant(
  trx: Executor,
  personId: string,
  opportunity: OpportunityRow,
  publicUrl: string,
  compose: (
    locale: 'ja' | 'en',
    about: { municipalityName: string; title: string; link: string },
  ) => {
    subject: string;
    text: string;
  },
): Promise<boolean> {
  const person = await repository.personOf(trx, personId);
  if (!person?.email) return false;
  const about = {
    municipalityName: opportunity.municipalityName,
    title: opportunity.title,
    link: `${publicUrl}/opportunities/${opportunity.id}`,
  };
  await enqueueMail(trx, { to: person.email, ...compose(person.locale, about) });
  return true;
}

/**
 * Accept, decline, or mark an accepted person absent. Accepting holds the opportunity's row lock while
 * it counts the seats, so two staff accepting the last seat at once cannot both succeed.
 */
export async function decide(
  db: Executor,
  ctx: StaffContext,
  id: string,
  input: { decision: 'accept' | 'decline' | 'no_show'; message?: string },
  options: { publicUrl: string },
  now = new Date(),
) {
  return inTransaction(db, async (trx) => {
    const found = await applicationRepository.findApplication(trx, { id, municipalityCode: ctx.tenant });
    if (!found) throw new AppError('APPLICATION_NOT_FOUND');
    // Lock order everywhere: the opportunity, then the application.
    const opportunity = (await repository.findOpportunity(
      trx,
      { municipalityCode: ctx.tenant, id: found.opportunityId },
      { lock: 'update' },
    )) as OpportunityRow;
    const row = (await applicationRepository.findApplication(
      trx,
      { id, municipalityCode: ctx.tenant },
      { lock: true },
    )) as ApplicationRow;
    const sessions = await sessionRepository.sessionsOf(trx, [row.opportunityId]);
    const next = applicationTransition(row.status, input.decision, sessions, now);
    if (!next.ok) refuseTransition(next.reason, row.status, input.decision);
    if (input.decision === 'accept') {
      const taken = await applicationRepository.seatsTaken(trx, ctx.tenant, row.opportunityId, SEAT_HOLDING);
      if (taken >= opportunity.capacity) {
        throw new AppError('CAPACITY_FULL', { capacity: opportunity.capacity, seatsTaken: taken });
      }
    }
    await applicationRepository.setApplicationStatus(trx, ctx.tenant, id, {
      status: next.to,
      decidedBy: ctx.actorPersonId,
      now,
    });
    const message = input.message ?? null;
    if (message) {
      await applicationRepository.insertMessage(trx, {
        municipalityCode: ctx.tenant,
        applicationId: id,
        body: message,
        sentBy: ctx.actorPersonId,
        now,
      });
    }
    // Acceptance and refusal are always told; a no-show only when staff wrote something.
    const status = next.to as 'accepted' | 'declined' | 'no_show';
    const mailed =
      (status !== 'no_show' || message !== null) &&
      (await mailApplicant(trx, row.personId, opportunity, options.publicUrl, (locale, about) =>
        decisionMail(locale, about, status, message),
      ));
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: `application.${status}`,
      subjectType: 'application',
      subjectId: id,
      requestId: ctx.requestId,
      details: { opportunityId: row.opportunityId, from: row.status, message: message !== null, mailed },
    });
    return { id, opportunityId: row.opportunityId, status: next.to, decidedAt: now };
  });
}

/** Stored for the applicant to read in the app, and mailed when they have an address. */
export async function sendMessage(
  db: Executor,
  ctx: StaffContext,
  id: string,
  body: string,
  options: { publicUrl: string },
  now = new Date(),
) {
  return inTransaction(db, async (trx) => {
    const row = await applicationRepository.findApplication(trx, { id, municipalityCode: ctx.tenant });
    if (!row) throw new AppError('APPLICATION_NOT_FOUND');
    const opportunity = (await repository.findOpportunity(trx, {
      municipalityCode: ctx.tenant,
      id: row.opportunityId,
    })) as OpportunityRow;
    const message = await applicationRepository.insertMessage(trx, {
      municipalityCode: ctx.tenant,
      applicationId: id,
      body,
      sentBy: ctx.actorPersonId,
      now,
    });
    const mailed = await mailApplicant(trx, row.personId, opportunity, options.publicUrl, (locale, about) =>
      messageMail(locale, about, body),
    );
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: 'application.message_sent',
      subjectType: 'application',
      subjectId: id,
      requestId: ctx.requestId,
      details: { messageId: message.id, mailed },
    });
    return message;
  });
}
