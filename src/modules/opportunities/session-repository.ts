import type { Executor } from '../../db/transaction.ts';

// The only SQL for the sessions (dates) of opportunities.

export type SessionRow = { id: string; opportunityId: string; startsAt: Date; endsAt: Date };

export function sessionsOf(db: Executor, opportunityIds: readonly string[]): Promise<SessionRow[]> {
  if (opportunityIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('opportunity_sessions')
    .select(['id', 'opportunity_id as opportunityId', 'starts_at as startsAt', 'ends_at as endsAt'])
    .where('opportunity_id', 'in', opportunityIds)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}

export async function insertSessions(
  db: Executor,
  municipalityCode: string,
  opportunityId: string,
  sessions: readonly { startsAt: Date; endsAt: Date }[],
): Promise<void> {
  if (sessions.length === 0) return;
  await db
    .insertInto('opportunity_sessions')
    .values(
      sessions.map((s) => ({
        municipality_code: municipalityCode,
        opportunity_id: opportunityId,
        starts_at: s.startsAt,
        ends_at: s.endsAt,
      })),
    )
    .execute();
}

export async function moveSession(
  db: Executor,
  municipalityCode: string,
  opportunityId: string,
  session: { id: string; startsAt: Date; endsAt: Date },
): Promise<void> {
  await db
    .updateTable('opportunity_sessions')
    .set({ starts_at: session.startsAt, ends_at: session.endsAt })
    .where('municipality_code', '=', municipalityCode)
    .where('opportunity_id', '=', opportunityId)
    .where('id', '=', session.id)
    .execute();
}

export async function deleteSessions(
  db: Executor,
  municipalityCode: string,
  opportunityId: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .deleteFrom('opportunity_sessions')
    .where('municipality_code', '=', municipalityCode)
    .where('opportunity_id', '=', opportunityId)
    .where('id', 'in', ids)
    .execute();
}

export async function sessionsWithCheckIns(
  db: Executor,
  municipalityCode: string,
  sessionIds: readonly string[],
): Promise<string[]> {
  if (sessionIds.length === 0) return [];
  const rows = await db
    .selectFrom('opportunity_check_ins')
    .select('session_id')
    .distinct()
    .where('municipality_code', '=', municipalityCode)
    .where('session_id', 'in', sessionIds)
    .execute();
  return rows.map((r) => r.session_id);
}
