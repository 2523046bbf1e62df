import { decodeJwt } from 'jose';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { appendAudit } from '../audit/repository.ts';
import { cardNumberOf } from '../cards/card-token.ts';
import { verifyWithPlatformKeys } from '../cards/service.ts';
import { isPremiumValid } from '../registrations/rules.ts';
import type { StaffContext } from '../staff/service.ts';
import * as redemptionRepository from './redemption-repository.ts';
import { eligibilityOf, scannedAtProblem } from './rules.ts';
import { measureView } from './service.ts';

// A partner records a member's use of a measure by scanning the card, online or later from an
// offline queue. The server believes nothing the scanner says except when it scanned.

function view(row: redemptionRepository.RedemptionRow) {
  return {
    id: row.id,
    measureId: row.measureId,
    measureTitle: row.measureTitle,
    partnerId: row.partnerId,
    partnerName: row.partnerName,
    memberId: row.memberId,
    cardNumber: cardNumberOf(row.memberId),
    tier: row.tier,
    scannedAt: row.scannedAt,
    offline: row.offline,
    recordedAt: row.recordedAt,
  };
}

function tokenIdOf(token: string): string | null {
  try {
    const jti = decodeJwt(token).jti;
    return typeof jti === 'string' ? jti : null;
  } catch {
    return null;
  }
}

/** A re-sent use answers what was recorded the first time; the same id for another use is refused. */
function replayOf(row: redemptionRepository.RedemptionRow, input: { token: string; measureId: string }) {
  if (row.measureId !== input.measureId || row.tokenId !== tokenIdOf(input.token)) {
    throw new AppError('CLIENT_USE_ID_REUSED');
  }
  return { redemption: view(row), replayed: true };
}

export interface RedemptionInput {
  token: string;
  measureId: string;
  clientUseId: string;
  /** ISO date-time of an offline scan; absent for a scan sent at once. */
  scannedAt?: string;
}

export async function recordRedemption(db: Executor, ctx: StaffContext, input: RedemptionInput, now = new Date()) {
  const scannedAt = input.scannedAt ? new Date(input.scannedAt) : now;
  const problem = scannedAtProblem(scannedAt, now);
  if (problem) throw new AppError('SCANNED_AT_OUT_OF_RANGE', { problem });
  const partnerId = await redemptionRepository.partnerOfMember(db, ctx.tenant, ctx.actorPersonId);
  if (!partnerId) throw new AppError('FORBIDDEN');

  // Before the card is judged again: a re-sent use must answer the same even once the card expired.
  const earlier = await redemptionRepository.findByClientUse(db, partnerId, input.clientUseId);
  if (earlier) return replayOf(earlier, input);

  const card = await verifyWithPlatformKeys(db, input.token, { now, scannedAt, expectedMunicipality: ctx.tenant });
  switch (card.status) {
    case 'valid':
      break;
    case 'expired':
      throw new AppError('CARD_EXPIRED', { expiredAt: new Date(card.claims.exp * 1000).toISOString() });
    case 'other_municipality':
      throw new AppError('CARD_OTHER_MUNICIPALITY', { municipalityCode: card.claims.mun });
    default:
      throw new AppError('CARD_INVALID', { reason: card.status });
  }
  const claims = card.claims;

  return inTransaction(db, async (trx) => {
    const measure = await measureView(trx, input.measureId, ctx.tenant);
    if (!(await redemptionRepository.honours(trx, ctx.tenant, measure.id, partnerId))) {
      throw new AppError('MEASURE_NOT_OFFERED_BY_PARTNER');
    }
    const member = await redemptionRepository.memberById(trx, ctx.tenant, claims.sub);
    if (!member) throw new AppError('CARD_REVOKED');
    const used = await redemptionRepository.timesUsed(trx, ctx.tenant, measure.id, member.personId);
    if (measure.usage === 'once' && used > 0) throw new AppError('ALREADY_REDEEMED');
    // Judged by the registration as it is now, at the moment of the scan: a lapsed premium no longer counts.
    const { eligible, reasons } = eligibilityOf(measure, member, scannedAt);
    if (!eligible) throw new AppError('MEASURE_NOT_ELIGIBLE', { reasons });
    const inserted = await redemptionRepository.insertRedemption(trx, {
      municipalityCode: ctx.tenant,
      measureId: measure.id,
      partnerId,
      personId: member.personId,
      memberId: member.memberId,
      tier: isPremiumValid(member.tier, member.premiumExpiresAt, scannedAt) ? 'premium' : 'basic',
      once: measure.usage === 'once',
      clientUseId: input.clientUseId,
      tokenId: claims.jti,
      scannedAt,
      offline: input.scannedAt !== undefined,
      recordedAt: now,
      recordedBy: ctx.actorPersonId,
    });
    if (!inserted) {
      // A concurrent scan got in first: the same use sent twice, or the one-time measure used meanwhile.
      const raced = await redemptionRepository.findByClientUse(trx, partnerId, input.clientUseId);
      if (raced) return replayOf(raced, input);
      throw new AppError('ALREADY_REDEEMED');
    }
    const row = (await redemptionRepository.findByClientUse(
      trx,
      partnerId,
      input.clientUseId,
    )) as redemptionRepository.RedemptionRow;
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: 'redemption.recorded',
      subjectType: 'redemption',
      subjectId: row.id,
      requestId: ctx.requestId,
      details: { measureId: measure.id, partnerId, offline: row.offline },
    });
    return { redemption: view(row), replayed: false };
  });
}

/** The municipality's record of uses; member ids are residents' data, so reading them is logged. */
export async function listRedemptions(
  db: Executor,
  ctx: StaffContext,
  query: { page: number; pageSize: number; measureId?: string; partnerId?: string },
) {
  const { page, pageSize, ...filter } = query;
  const result = await redemptionRepository.redemptionsOf(db, ctx.tenant, filter, {
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  await appendAudit(db, {
    tenant: ctx.tenant,
    actorPersonId: ctx.actorPersonId,
    action: 'redemptions.listed',
    subjectType: 'redemptions',
    requestId: ctx.requestId,
    details: { filter, page, shown: result.items.map((r) => r.id) },
  });
  return { items: result.items.map(view), total: result.total, page, pageSize };
}
