import type { ApplicationStatus, OpportunityStatus } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { NATIONAL_TENANT } from '../../platform/policy.ts';
import { appendAudit } from '../audit/repository.ts';
import { getMunicipality } from '../municipalities/service.ts';
import { type ActivityKind, jstDay, normaliseRelationTypes } from '../registrations/rules.ts';
import type { StaffContext } from '../staff/service.ts';
import * as applicationRepository from './application-repository.ts';
import type { OpportunityRow, OpportunityValues } from './repository.ts';
import * as repository from './repository.ts';
import {
  acceptsApplications,
  coHostProblems,
  jstDayStart,
  opportunityTransitionAllowed,
  SEAT_HOLDING,
  type SessionTimes,
  seatsLeft,
  sessionProblem,
} from './rules.ts';
import type { CreateOpportunityInput, UpdateOpportunityInput } from './schema.ts';
import type { SessionRow } from './session-repository.ts';
import * as sessionRepository from './session-repository.ts';

// Opportunities (募集) as staff write them and as anyone reads the open ones.

const STATUSES: readonly ApplicationStatus[] = ['applied', 'accepted', 'declined', 'attended', 'no_show', 'cancelled'];

function opportunityView(
  row: OpportunityRow,
  sessions: readonly SessionRow[],
  taken: number,
  names: ReadonlyMap<string, string>,
  now: Date,
) {
  const own = sessions
    .filter((s) => s.opportunityId === row.id)
    .map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt }));
  return {
    id: row.id,
    municipalityCode: row.municipalityCode,
    municipalityName: row.municipalityName,
    kind: row.kind as ActivityKind,
    title: row.title,
    description: row.description,
    sessions: own,
    place: row.place,
    online: row.online,
    capacity: row.capacity,
    seatsLeft: seatsLeft(row.capacity, taken),
    eligibility: {
      minTier: row.minTier,
      identityRequired: row.identityRequired,
      relationTypes: row.relationTypes,
    },
    questions: row.questions,
    coHosts: row.coHosts.map((code) => ({ code, name: names.get(code) ?? code })),
    status: row.status,
    acceptingApplications: acceptsApplications(row.status, own, now),
    updatedAt: row.updatedAt,
  };
}

/** Opportunities with their sessions and counts, in the order given. */
async function viewsOf(db: Executor, rows: readonly OpportunityRow[], now: Date) {
  const ids = rows.map((r) => r.id);
  const [sessions, counts, names] = await Promise.all([
    sessionRepository.sessionsOf(db, ids),
    applicationRepository.applicationCounts(db, ids),
    repository.municipalityNames(db, [...new Set(rows.flatMap((r) => r.coHosts))]),
  ]);
  return rows.map((row) => {
    const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ApplicationStatus, number>;
    for (const c of counts) if (c.opportunityId === row.id) byStatus[c.status] = Number(c.n);
    const taken = SEAT_HOLDING.reduce((n, s) => n + byStatus[s], 0);
    return { ...opportunityView(row, sessions, taken, names, now), applications: byStatus, createdAt: row.createdAt };
  });
}

function publicView({ applications: _a, createdAt: _c, ...view }: Awaited<ReturnType<typeof viewsOf>>[number]) {
  return view;
}

async function requireOpportunityTenant(db: Executor, tenant: string): Promise<void> {
  // Helpers are recruited by a municipality or a prefecture, never by the national level.
  if (tenant === NATIONAL_TENANT) throw new AppError('INVALID_TENANT');
  await getMunicipality(db, tenant);
}

function toTimes(session: { startsAt: string; endsAt: string }): SessionTimes {
  return { startsAt: new Date(session.startsAt), endsAt: new Date(session.endsAt) };
}

function refuseSessionProblem(problem: ReturnType<typeof sessionProblem>, index: number): void {
  if (problem === 'times') throw new AppError('SESSION_TIMES_INVALID', { index });
  if (problem === 'past') throw new AppError('OPPORTUNITY_DATE_IN_PAST', { index });
}

function valuesOf(input: CreateOpportunityInput): OpportunityValues {
  return {
    kind: input.kind,
    title: input.title,
    description: input.description,
    place: input.place,
    online: input.online,
    capacity: input.capacity,
    minTier: input.eligibility.minTier,
    identityRequired: input.eligibility.identityRequired,
    relationTypes: normaliseRelationTypes(input.eligibility.relationTypes),
    questions: input.questions,
    coHosts: input.coHosts,
    status: input.status,
  };
}

/** Refuses co-hosts that may not share this tenant's opportunity (see coHostProblems). */
async function checkCoHosts(db: Executor, tenant: string, coHosts: readonly string[], now: Date): Promise<void> {
  if (coHosts.length === 0) return;
  const [host, candidates] = await Promise.all([getMunicipality(db, tenant), repository.coHostCandidates(db, coHosts)]);
  const problems = coHostProblems(host, coHosts, candidates, jstDay(now));
  if (problems.length > 0) throw new AppError('OPPORTUNITY_CO_HOSTS_INVALID', { problems });
}

export async function createOpportunity(
  db: Executor,
  ctx: StaffContext,
  input: CreateOpportunityInput,
  now = new Date(),
) {
  await requireOpportunityTenant(db, ctx.tenant);
  await checkCoHosts(db, ctx.tenant, input.coHosts, now);
  // Ids of sessions are ignored here, so an opportunity can be created from a copy of another.
  const sessions = input.sessions.map(toTimes);
  for (const [index, s] of sessions.entries()) refuseSessionProblem(sessionProblem(s, now), index);
  return inTransaction(db, async (trx) => {
    const id = await repository.insertOpportunity(trx, ctx.tenant, valuesOf(input), ctx.actorPersonId, now);
    await sessionRepository.insertSessions(trx, ctx.tenant, id, sessions);
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: 'opportunity.created',
      subjectType: 'opportunity',
      subjectId: id,
      requestId: ctx.requestId,
      details: { title: input.title, kind: input.kind, status: input.status },
    });
    return getStaffOpportunity(trx, ctx, id, now);
  });
}

/**
 * Sessions are replaced by the list given: listed ids stay (moved if their times changed), entries
 * without an id are added, the rest are removed. A session people already checked in to keeps its day.
 */
async function replaceSessions(
  trx: Executor,
  ctx: StaffContext,
  id: string,
  input: NonNullable<UpdateOpportunityInput['sessions']>,
  now: Date,
): Promise<void> {
  const existing = await sessionRepository.sessionsOf(trx, [id]);
  const byId = new Map(existing.map((s) => [s.id, s]));
  const moved: { id: string; startsAt: Date; endsAt: Date }[] = [];
  const added: SessionTimes[] = [];
  input.forEach((given, index) => {
    const times = toTimes(given);
    const before = given.id === undefined ? undefined : byId.get(given.id);
    if (given.id !== undefined && !before) throw new AppError('SESSION_NOT_FOUND', { index, id: given.id });
    const unchanged =
      before !== undefined &&
      before.startsAt.getTime() === times.startsAt.getTime() &&
      before.endsAt.getTime() === times.endsAt.getTime();
    refuseSessionProblem(sessionProblem(times, now, unchanged), index);
    if (before && !unchanged) moved.push({ id: before.id, ...times });
    if (!before) added.push(times);
  });
  const kept = new Set(input.flatMap((s) => (s.id ? [s.id] : [])));
  const removed = existing.filter((s) => !kept.has(s.id)).map((s) => s.id);
  const attended = await sessionRepository.sessionsWithCheckIns(trx, ctx.tenant, [
    ...removed,
    ...moved.map((s) => s.id),
  ]);
  if (attended.length > 0) throw new AppError('SESSION_HAS_CHECK_INS', { sessions: attended });
  await sessionRepository.deleteSessions(trx, ctx.tenant, id, removed);
  for (const session of moved) await sessionRepository.moveSession(trx, ctx.tenant, id, session);
  await sessionRepository.insertSessions(trx, ctx.tenant, id, added);
}

export async function updateOpportunity(
  db: Executor,
  ctx: StaffContext,
  id: string,
  input: UpdateOpportunityInput,
  now = new Date(),
) {
  return inTransaction(db, async (trx) => {
    const current = await repository.findOpportunity(trx, { municipalityCode: ctx.tenant, id }, { lock: 'update' });
    if (!current) throw new AppError('OPPORTUNITY_NOT_FOUND');
    const status: OpportunityStatus = input.status ?? current.status;
    if (!opportunityTransitionAllowed(current.status, status)) {
      throw new AppError('OPPORTUNITY_STATUS_CONFLICT', { from: current.status, to: status });
    }
    if (input.capacity !== undefined) {
      const taken = await applicationRepository.seatsTaken(trx, ctx.tenant, id, SEAT_HOLDING);
      if (input.capacity < taken) throw new AppError('CAPACITY_BELOW_ACCEPTED', { seatsTaken: taken });
    }
    if (input.sessions) await replaceSessions(trx, ctx, id, input.sessions, now);
    if (input.coHosts) await checkCoHosts(trx, ctx.tenant, input.coHosts, now);
    if (status === 'open' && current.status !== 'open') {
      const sessions = await sessionRepository.sessionsOf(trx, [id]);
      if (!acceptsApplications('open', sessions, now)) {
        throw new AppError('OPPORTUNITY_DATE_IN_PAST', { reason: 'no_future_session' });
      }
    }
    const eligibility = input.eligibility && {
      minTier: input.eligibility.minTier,
      identityRequired: input.eligibility.identityRequired,
      relationTypes: normaliseRelationTypes(input.eligibility.relationTypes),
    };
    await repository.updateOpportunity(
      trx,
      ctx.tenant,
      id,
      {
        kind: input.kind,
        title: input.title,
        description: input.description,
        place: input.place,
        online: input.online,
        capacity: input.capacity,
        questions: input.questions,
        coHosts: input.coHosts,
        status: input.status,
        ...eligibility,
      },
      now,
    );
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: 'opportunity.updated',
      subjectType: 'opportunity',
      subjectId: id,
      requestId: ctx.requestId,
      details: {
        changed: Object.keys(input).filter((k) => input[k as keyof UpdateOpportunityInput] !== undefined),
        ...(input.status && input.status !== current.status && { status: { from: current.status, to: input.status } }),
      },
    });
    return getStaffOpportunity(trx, ctx, id, now);
  });
}

export async function getStaffOpportunity(db: Executor, ctx: StaffContext, id: string, now = new Date()) {
  const row = await repository.findOpportunity(db, { municipalityCode: ctx.tenant, id });
  if (!row) throw new AppError('OPPORTUNITY_NOT_FOUND');
  const [view] = await viewsOf(db, [row], now);
  return view as NonNullable<typeof view>;
}

export async function listStaffOpportunities(
  db: Executor,
  ctx: StaffContext,
  query: { status?: OpportunityStatus; page: number; pageSize: number },
  now = new Date(),
) {
  const result = await repository.opportunitiesOfTenant(
    db,
    ctx.tenant,
    { status: query.status },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return {
    items: await viewsOf(db, result.items, now),
    total: result.total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The public list: open opportunities with a session to come (anyone may read it, signed in or not). */
export async function listOpenOpportunities(
  db: Executor,
  query: {
    municipality?: string;
    prefecture?: string;
    kind?: string;
    online?: 'true' | 'false';
    from?: string;
    page: number;
    pageSize: number;
  },
  now = new Date(),
) {
  const result = await repository.openOpportunities(
    db,
    {
      municipalityCode: query.municipality,
      prefectureCode: query.prefecture,
      kind: query.kind,
      online: query.online === undefined ? undefined : query.online === 'true',
      from: query.from ? jstDayStart(query.from) : undefined,
    },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
    now,
  );
  const views = await viewsOf(db, result.items, now);
  return { items: views.map(publicView), total: result.total, page: query.page, pageSize: query.pageSize };
}

/** Open and closed opportunities can be read by anyone; a draft does not exist outside the staff console. */
export async function getPublicOpportunity(db: Executor, id: string, now = new Date()) {
  const row = await repository.findOpportunity(db, { id });
  if (!row || row.status === 'draft') throw new AppError('OPPORTUNITY_NOT_FOUND');
  const [view] = await viewsOf(db, [row], now);
  return publicView(view as NonNullable<typeof view>);
}
