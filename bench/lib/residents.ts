import { randomUUID } from 'node:crypto';
import { csrfTokenFor, randomToken } from '../../src/modules/accounts/secrets.ts';
import { SESSION_COOKIE } from '../../src/modules/accounts/session-plugin.ts';

// Signed-in residents made directly in the database, as many as a benchmark will use: a person and a live
// session each, so every request can come from someone who has not registered yet.

/** The part of pg.Client and PGlite the benchmarks use. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface Resident {
  id: string;
  /** The `Cookie` header of the resident's session. */
  cookie: string;
  /** The session's CSRF token, for the `x-csrf-token` header of writes. */
  csrf: string;
  /** The session token itself (the database holds only its SHA-256). */
  token: string;
}

/** New residents with random ids and session tokens, as sign-in would make them (not yet in the database). */
export function makeResidents(count: number): Resident[] {
  return Array.from({ length: count }, () => {
    const token = randomToken();
    return { id: randomUUID(), token, cookie: `${SESSION_COOKIE}=${token}`, csrf: csrfTokenFor(token) };
  });
}

/**
 * How recently each session was used. `recent`: within the minute the server waits before it refreshes a
 * session (stored as a day ahead, so it stays recent however long the run lasts): requests only read the
 * session, as for a resident whose registration follows the page loads that brought them to it. `stale`: an
 * hour ago, so the first request on each session also refreshes it (an UPDATE and a commit of its own).
 */
export type SessionUse = 'recent' | 'stale';

/** Writes residents as people with one session each (30-day expiry), in chunks of one statement per table. */
export async function insertResidents(
  sql: Sql,
  residents: readonly Resident[],
  options: { sessions: SessionUse; chunkSize?: number },
): Promise<void> {
  const chunkSize = options.chunkSize ?? 5000;
  const lastSeen = options.sessions === 'recent' ? "now() + interval '1 day'" : "now() - interval '1 hour'";
  for (let i = 0; i < residents.length; i += chunkSize) {
    const chunk = residents.slice(i, i + chunkSize);
    const ids = chunk.map((r) => r.id);
    await sql.query(
      `insert into people (id, email)
       select id, 'bench-' || id || '@example.invalid' from unnest($1::uuid[]) as t(id)`,
      [ids],
    );
    await sql.query(
      `insert into sessions (token_hash, person_id, created_at, last_seen_at, idle_expires_at, absolute_expires_at)
       select sha256(convert_to(token, 'UTF8')), id, now() - interval '1 hour', ${lastSeen},
              now() + interval '30 days', now() + interval '30 days'
       from unnest($1::uuid[], $2::text[]) as t(id, token)`,
      [ids, chunk.map((r) => r.token)],
    );
  }
}

export const UNUSED = 0;
export const IN_FLIGHT = 1;
export const CREATED = 2;
export const REFUSED = 3;

export type ResidentState = 'unused' | 'in_flight' | 'created' | 'refused';
const STATE_NAMES: ResidentState[] = ['unused', 'in_flight', 'created', 'refused'];

/**
 * One phase's residents, each used for exactly one request: `take()` hands out the next one (round-robin over
 * the municipalities), `answer()` records the response. What is left `in_flight` at the end was sent and never
 * answered (autocannon stops with requests outstanding); the database says whether those were written.
 */
export class RegistrationPlan {
  readonly residents: readonly Resident[];
  readonly codes: readonly string[];
  private readonly states: Uint8Array;
  private next = 0;
  readonly statuses: Record<string, number> = {};
  exhausted = false;

  constructor(residents: readonly Resident[], codes: readonly string[]) {
    if (codes.length === 0) throw new Error('no municipality to register with');
    this.residents = residents;
    this.codes = codes;
    this.states = new Uint8Array(residents.length);
  }

  /** The municipality resident `index` registers with. */
  codeOf(index: number): string {
    return this.codes[index % this.codes.length] as string;
  }

  /** The next unused resident, or undefined when all have been used. */
  take(): number | undefined {
    if (this.next >= this.residents.length) {
      this.exhausted = true;
      return undefined;
    }
    const index = this.next++;
    this.states[index] = IN_FLIGHT;
    return index;
  }

  answer(index: number, status: number): void {
    this.statuses[status] = (this.statuses[status] ?? 0) + 1;
    if (this.states[index] === IN_FLIGHT) this.states[index] = status === 201 ? CREATED : REFUSED;
  }

  get used(): number {
    return this.next;
  }

  stateOf(index: number): ResidentState {
    return STATE_NAMES[this.states[index] ?? UNUSED] as ResidentState;
  }

  counts(): Record<ResidentState, number> {
    const counts: Record<ResidentState, number> = { unused: 0, in_flight: 0, created: 0, refused: 0 };
    for (const state of this.states) counts[STATE_NAMES[state] as ResidentState]++;
    return counts;
  }
}
