import type { Transaction } from 'kysely';
import QRCode from 'qrcode';
import type { DB } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { appendAudit } from '../audit/repository.ts';
import { recordConfirmedActivity } from '../registrations/service.ts';
import type { StaffContext } from '../staff/service.ts';
import type { ApplicationRow } from './application-repository.ts';
import * as applicationRepository from './application-repository.ts';
import { signCheckInToken, verifyCheckInToken } from './check-in-token.ts';
import type { OpportunityRow } from './repository.ts';
import * as repository from './repository.ts';
import { activityDayOf, applicationTransition, checkInWindow, sessionOpenNow } from './rules.ts';
import type { SessionRow } from './session-repository.ts';
import * as sessionRepository from './session-repository.ts';

// Attendance: the resident scans the session's QR at the venue, or staff scan the member card. Either
// way the application becomes 'attended' and exactly one confirmed helper activity is recorded for
// that session, in the same transaction, so it counts toward premium at once.

/** The name of the HMAC key in platform_secrets; every server process signs and verifies with it. */
export const TOKEN_SECRET = 'opportunity_check_in_token';

/** The signed token for one session, as text, as the URL a phone camera opens, and as a QR code. */
export async function checkInCode(
  db: Executor,
  ctx: StaffContext,
  opportunityId: string,
  sessionId: string,
  options: { publicUrl: string },
  now = new Date(),
) {
  const opportunity = await repository.findOpportunity(db, { municipalityCode: ctx.tenant, id: opportunityId });
  if (!opportunity) throw new AppError('OPPORTUNITY_NOT_FOUND');
  const session = (await sessionRepository.sessionsOf(db, [opportunityId])).find((s) => s.id === sessionId);
  if (!session) throw new AppError('SESSION_NOT_FOUND', { id: sessionId });
  const { opens, closes } = checkInWindow(session);
  if (now >= closes) throw new AppError('CHECK_IN_CLOSED', { closedAt: closes });
  const token = signCheckInToken(await repository.platformSecret(db, TOKEN_SECRET), {
    municipalityCode: ctx.tenant,
    opportunityId,
    sessionId,
    validFrom: opens,
    validUntil: closes,
  });
  // In the fragment, so the token never reaches a server log or a Referer header.
  const url = `${options.publicUrl}/check-in#${token}`;
  const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  await appendAudit(db, {
    tenant: ctx.tenant,
    actorPersonId: ctx.actorPersonId,
    action: 'check_in_code.issued',
    subjectType: 'opportunity',
    subjectId: opportunityId,
    requestId: ctx.requestId,
    details: { sessionId },
  });
  return { sessionId, token, url, qrSvg, validFrom: opens, validUntil: closes, occurredOn: activityDayOf(session) };
}

async function recordCheckIn(
  trx: Transaction<DB>,
  opportunity: OpportunityRow,
  session: SessionRow,
  application: ApplicationRow | undefined,
  by: { method: 'token' | 'staff'; actorPersonId: string; staff: boolean; requestId: string },
  now: Date,
) {
  if (!application) throw new AppError('APPLICATION_NOT_ACCEPTED', { status: null });
  const next = applicationTransition(application.status, 'check_in', [session], now);
  if (!next.ok) throw new AppError('APPLICATION_NOT_ACCEPTED', { status: application.status });
  const claimed = await applicationRepository.insertCheckIn(trx, {
    municipalityCode: opportunity.municipalityCode,
    applicationId: application.id,
    opportunityId: opportunity.id,
    sessionId: session.id,
    method: by.method,
    by: by.staff ? by.actorPersonId : null,
    now,
  });
  if (!claimed) throw new AppError('ALREADY_CHECKED_IN', { sessionId: session.id });
  const occurredOn = activityDayOf(session);
  const activity = await recordConfirmedActivity(trx, {
    personId: application.personId,
    municipalityCode: opportunity.municipalityCode,
    kind: opportunity.kind,
    occurredOn,
    note: opportunity.title,
    recordedBy: by.staff ? by.actorPersonId : null,
  });
  await applicationRepository.attachActivity(trx, {
    municipalityCode: opportunity.municipalityCode,
    applicationId: application.id,
    sessionId: session.id,
    activityId: activity.id,
  });
  // A joint opportunity's helper took part for each co-host they are registered with too: the activity counts
  // toward premium there (each municipality's premium is decided on its own records).
  if (opportunity.coHosts.length > 0) {
    const registered = await repository.registrationsAmong(trx, opportunity.coHosts, application.personId);
    for (const { municipalityCode } of registered) {
      await recordConfirmedActivity(trx, {
        personId: application.personId,
        municipalityCode,
        kind: opportunity.kind,
        occurredOn,
        note: `${opportunity.title}（${opportunity.municipalityName}との共同募集）`,
        recordedBy: by.staff ? by.actorPersonId : null,
      });
    }
  }
  if (application.status !== 'attended') {
    await applicationRepository.setApplicationStatus(trx, opportunity.municipalityCode, application.id, {
      status: 'attended',
      now,
    });
  }
  await appendAudit(trx, {
    tenant: opportunity.municipalityCode,
    actorPersonId: by.actorPersonId,
    action: 'application.checked_in',
    subjectType: 'application',
    subjectId: application.id,
    requestId: by.requestId,
    details: { sessionId: session.id, method: by.method, activityId: activity.id, occurredOn },
  });
  return {
    applicationId: application.id,
    opportunityId: opportunity.id,
    sessionId: session.id,
    status: 'attended' as const,
    activityId: activity.id,
    occurredOn,
    method: by.method,
  };
}

const tokenErrors = {
  malformed: 'CHECK_IN_TOKEN_INVALID',
  signature: 'CHECK_IN_TOKEN_INVALID',
  expired: 'CHECK_IN_TOKEN_EXPIRED',
  not_yet_valid: 'CHECK_IN_TOKEN_NOT_YET_VALID',
} as const;

/** The signed-in resident scanned the venue's QR code. */
export async function checkInWithToken(
  db: Executor,
  personId: string,
  token: string,
  requestId: string,
  now = new Date(),
) {
  const verified = verifyCheckInToken(await repository.platformSecret(db, TOKEN_SECRET), token, now);
  if (!verified.ok) {
    throw new AppError(tokenErrors[verified.reason], {
      reason: verified.reason,
      ...(verified.claims && { validFrom: verified.claims.validFrom, validUntil: verified.claims.validUntil }),
    });
  }
  const claims = verified.claims;
  return inTransaction(db, async (trx) => {
    const opportunity = await repository.findOpportunity(
      trx,
      { municipalityCode: claims.municipalityCode, id: claims.opportunityId },
      { lock: 'share' },
    );
    const session = opportunity
      ? (await sessionRepository.sessionsOf(trx, [opportunity.id])).find((s) => s.id === claims.sessionId)
      : undefined;
    if (!opportunity || !session) throw new AppError('CHECK_IN_TOKEN_INVALID', { reason: 'unknown_session' });
    // A session moved to another day after its QR was printed: the old QR must not count for the new day.
    const { opens, closes } = checkInWindow(session);
    if (opens.getTime() !== claims.validFrom.getTime() || closes.getTime() !== claims.validUntil.getTime()) {
      throw new AppError('CHECK_IN_TOKEN_INVALID', { reason: 'session_moved' });
    }
    const application = await applicationRepository.findApplicationOf(
      trx,
      { municipalityCode: opportunity.municipalityCode, opportunityId: opportunity.id, personId },
      { lock: true },
    );
    return recordCheckIn(
      trx,
      opportunity,
      session,
      application,
      { method: 'token', actorPersonId: personId, staff: false, requestId },
      now,
    );
  });
}

/**
 * Staff check an accepted applicant in by member id (from the member card's QR). Without a session id,
 * the one session whose check-in is open now is meant; staff may record a past session afterwards.
 */
export async function checkInByStaff(
  db: Executor,
  ctx: StaffContext,
  opportunityId: string,
  input: { memberId: string; sessionId?: string },
  now = new Date(),
) {
  return inTransaction(db, async (trx) => {
    const opportunity = await repository.findOpportunity(
      trx,
      { municipalityCode: ctx.tenant, id: opportunityId },
      { lock: 'share' },
    );
    if (!opportunity) throw new AppError('OPPORTUNITY_NOT_FOUND');
    const sessions = await sessionRepository.sessionsOf(trx, [opportunityId]);
    let session: SessionRow | null;
    if (input.sessionId) {
      session = sessions.find((s) => s.id === input.sessionId) ?? null;
      if (!session) throw new AppError('SESSION_NOT_FOUND', { id: input.sessionId });
    } else {
      session = sessions.length === 1 ? (sessions[0] as SessionRow) : sessionOpenNow(sessions, now);
      if (!session) throw new AppError('SESSION_REQUIRED', { sessions: sessions.map((s) => s.id) });
    }
    const { opens } = checkInWindow(session);
    if (now < opens) throw new AppError('CHECK_IN_NOT_OPEN', { opensAt: opens });
    // A joint opportunity's helper may show the card of a co-host they are registered with.
    const member = await repository.personOfMember(trx, [ctx.tenant, ...opportunity.coHosts], input.memberId);
    if (!member) throw new AppError('REGISTRANT_NOT_FOUND');
    const application = await applicationRepository.findApplicationOf(
      trx,
      { municipalityCode: ctx.tenant, opportunityId, personId: member.personId },
      { lock: true },
    );
    return recordCheckIn(
      trx,
      opportunity,
      session,
      application,
      { method: 'staff', actorPersonId: ctx.actorPersonId, staff: true, requestId: ctx.requestId },
      now,
    );
  });
}
