import type { PhasePlan } from '../registration.ts';
import type { ResidentState, SessionUse, Sql } from './residents.ts';

// What the registration benchmark checks after a run: what each phase's residents hold, and the counters.

export interface StateRow {
  state: ResidentState;
  persons: number;
  /** Residents with their own registration with the municipality the request named. */
  registered: number;
  /** Implied prefecture registrations of these residents. */
  implied: number;
  /** All their registrations. */
  all_rows: number;
  /** Their 'registered' events. */
  events: number;
  /** Their sessions the server refreshed (touched) during the run. */
  sessions_refreshed: number;
}

export interface Verification {
  by_state: StateRow[];
  problems: string[];
}

/**
 * What must hold for one phase's residents: each 201 wrote the registration it asked for, the implied
 * prefecture registration and two events; a request still in flight when autocannon stopped wrote all of
 * that or none of it (one transaction), and there are at most as many as connections in each autocannon run;
 * an unused resident has nothing. `responses2xx` is autocannon's count, which must equal the 201s seen.
 */
export function verificationProblems(
  name: string,
  rows: readonly StateRow[],
  limits: { maxInFlight: number; responses2xx: number; sessions: SessionUse },
): string[] {
  const problems: string[] = [];
  const row = (state: ResidentState): StateRow =>
    rows.find((r) => r.state === state) ?? {
      state,
      persons: 0,
      registered: 0,
      implied: 0,
      all_rows: 0,
      events: 0,
      sessions_refreshed: 0,
    };
  const created = row('created');
  const refreshed = limits.sessions === 'stale' ? created.persons : 0;
  if (created.sessions_refreshed !== refreshed) {
    problems.push(
      `${name}: ${created.sessions_refreshed} of ${created.persons} sessions refreshed, expected ${refreshed} (${limits.sessions} sessions)`,
    );
  }
  if (created.persons !== limits.responses2xx) {
    problems.push(
      `${name}: ${created.persons} residents answered 201 but autocannon counted ${limits.responses2xx} 2xx`,
    );
  }
  if (created.registered !== created.persons) {
    problems.push(`${name}: ${created.persons} registrations answered 201, ${created.registered} in the database`);
  }
  if (created.implied !== created.persons) {
    problems.push(`${name}: ${created.implied} implied prefecture registrations for ${created.persons} registrations`);
  }
  if (created.all_rows !== 2 * created.persons) {
    problems.push(
      `${name}: ${created.all_rows} registration rows for ${created.persons} registrations (expected 2 each)`,
    );
  }
  if (created.events !== 2 * created.persons) {
    problems.push(`${name}: ${created.events} events for ${created.persons} registrations (expected 2 each)`);
  }
  const inFlight = row('in_flight');
  if (inFlight.persons > limits.maxInFlight) {
    problems.push(`${name}: ${inFlight.persons} requests never answered (at most ${limits.maxInFlight} expected)`);
  }
  if (
    inFlight.implied !== inFlight.registered ||
    inFlight.all_rows !== 2 * inFlight.registered ||
    inFlight.events !== 2 * inFlight.registered
  ) {
    problems.push(`${name}: a request in flight at the end left a partial registration: ${JSON.stringify(inFlight)}`);
  }
  const unused = row('unused');
  if (unused.all_rows !== 0 || unused.events !== 0) {
    problems.push(`${name}: residents who sent nothing have registrations: ${JSON.stringify(unused)}`);
  }
  return problems;
}

export async function verifyPhase(sql: Sql, phase: PhasePlan, limits: Parameters<typeof verificationProblems>[2]) {
  const { plan } = phase;
  const ids = plan.residents.map((r) => r.id);
  const codes = plan.residents.map((_, i) => plan.codeOf(i));
  const states = plan.residents.map((_, i) => plan.stateOf(i));
  const { rows } = await sql.query<Record<keyof StateRow, string | number>>(
    `with sent as (
       select * from unnest($1::uuid[], $2::text[], $3::text[]) as s(person_id, code, state)
     )
     select s.state,
       count(*) as persons,
       count(r.person_id) as registered,
       coalesce(sum((select count(*) from registrations x where x.person_id = s.person_id and x.implicit)), 0)
         as implied,
       coalesce(sum((select count(*) from registrations x where x.person_id = s.person_id)), 0) as all_rows,
       coalesce(sum((select count(*) from registration_events e
                     where e.person_id = s.person_id and e.kind = 'registered')), 0) as events,
       coalesce(sum((select count(*) from sessions x where x.person_id = s.person_id
                     and x.last_seen_at between x.created_at + interval '30 minutes' and now())), 0)
         as sessions_refreshed
     from sent s
     left join registrations r on r.person_id = s.person_id and r.municipality_code = s.code and not r.implicit
     group by s.state
     order by s.state`,
    [ids, codes, states],
  );
  const byState: StateRow[] = rows.map((r) => ({
    state: r.state as ResidentState,
    persons: Number(r.persons),
    registered: Number(r.registered),
    implied: Number(r.implied),
    all_rows: Number(r.all_rows),
    events: Number(r.events),
    sessions_refreshed: Number(r.sessions_refreshed),
  }));
  return { by_state: byState, problems: verificationProblems(phase.name, byState, limits) };
}

export interface CounterCheck {
  registrations: number;
  counted_relation_type_0: number;
  /** (municipality, relation type) pairs whose counter sum differs from the registrations holding it. */
  mismatches: { code: string; relation_type: number; registrations: number; counted: number }[];
}

/**
 * The counters' invariant over the whole database (which holds only what this run wrote): for every
 * municipality and relation type (0 = every registration), the counter rows sum to the registrations.
 */
export async function checkCounters(sql: Sql): Promise<CounterCheck> {
  const { rows } = await sql.query<{ code: string; relation_type: number; registrations: string; counted: string }>(
    `with r as (
       select municipality_code, t as relation_type, count(*) as n
       from registrations cross join lateral unnest(array[0]::smallint[] || relation_types) as t
       group by 1, 2
     ), c as (
       select municipality_code, relation_type, sum(n) as n from registration_counters group by 1, 2
     )
     select coalesce(r.municipality_code, c.municipality_code) as code,
            coalesce(r.relation_type, c.relation_type) as relation_type,
            coalesce(r.n, 0) as registrations, coalesce(c.n, 0) as counted
     from r full join c on c.municipality_code = r.municipality_code and c.relation_type = r.relation_type
     where coalesce(r.n, 0) <> coalesce(c.n, 0)
     order by 1, 2 limit 20`,
  );
  const totals = await sql.query<{ registrations: string; counted: string }>(
    `select (select count(*) from registrations) as registrations,
            (select coalesce(sum(n), 0) from registration_counters where relation_type = 0) as counted`,
  );
  return {
    registrations: Number(totals.rows[0]?.registrations),
    counted_relation_type_0: Number(totals.rows[0]?.counted),
    mismatches: rows.map((r) => ({
      code: r.code,
      relation_type: Number(r.relation_type),
      registrations: Number(r.registrations),
      counted: Number(r.counted),
    })),
  };
}
