import { createHash, randomUUID } from 'node:crypto';
import { jstDay, COUNTER_SHARDS as SHARDS, UNKNOWN_RESIDENCE } from '../../src/modules/registrations/rules.ts';
import type { SessionUse, Sql } from './residents.ts';

// The SQL the API runs for one registration (POST /api/v1/me/registrations by a resident registering with a
// municipality for the first time) when it is written alone, as a pgbench script: the same statements, in the
// same order, with the same number of rows, on the same tables, each a round trip of its own, so that
// pgbench's rate is what the database sustains for the API's work one transaction per registration, without
// HTTP and Node.js in between. Under load the API writes the registrations that arrive together in one
// transaction (group commit, src/modules/registrations/registering.ts): then it can pass this rate.
//
// The statement texts are those the server sends (checked against what the server's own code compiles by
// bench/same-sql.test.ts). Where the API sends a parameter pgbench cannot produce as a string, the script
// computes it on the server from pgbench's integers: a 6-character code with its leading zero,
// lpad(:n::text, 6, '0'), arrays of them, and the registrations' ids, which the server makes at random and
// pgbench makes from the person number, md5(:p || …)::uuid. Everything else is a plain parameter: the values
// pgbench defines (-D) or the values the session look-up returned (\gset), as the server passes them on.

/** pgbench's people: `bench_same_sql_people.i` is pgbench's number for the person, the session token. */
export const SAME_SQL_PEOPLE_TABLE = 'bench_same_sql_people';

/** `($a, $b, …), (…)`: Kysely's VALUES list of `rows` rows of `columns` parameters from `$first`. */
function valuesList(rows: number, columns: number, first: number): string {
  return Array.from(
    { length: rows },
    (_, r) => `(${Array.from({ length: columns }, (_, c) => `$${first + r * columns + c}`).join(', ')})`,
  ).join(', ');
}

const REGISTRATION_COLUMNS =
  '"r"."id", "r"."person_id" as "personId", "r"."municipality_code" as "municipalityCode", "m"."name" as "municipalityName", "m"."kind", ' +
  '"m"."prefecture_code" as "prefectureCode", "r"."tier", "r"."relation_types" as "relationTypes", ' +
  '"r"."consents", "r"."implicit", "r"."residence_prefecture" as "residencePrefecture", ' +
  '"r"."registered_at" as "registeredAt", "r"."premium_since" as "premiumSince", ' +
  '"r"."premium_expires_at" as "premiumExpiresAt", "r"."premium_reminded_at" as "premiumRemindedAt"';

const EVENT_COLUMNS =
  '"municipality_code", "person_id", "registration_id", "kind", "tier", "relation_types", "residence_prefecture", "occurred_at", "details"';
const COUNTER_KEY = '"municipality_code", "day", "tier", "relation_type", "residence_prefecture", "shard"';

/** The server's statements for one registration, as PostgreSQL receives them ($n: the parameters). */
export const API_SQL = {
  /** The session cookie's session and its person (accounts repository findLiveSession). */
  session:
    'select "sessions"."person_id" as "personId", "sessions"."created_at" as "createdAt", "sessions"."last_seen_at" as "lastSeenAt" ' +
    'from "sessions" inner join "people" on "people"."id" = "sessions"."person_id" ' +
    'where "sessions"."token_hash" = $1 and "sessions"."idle_expires_at" > $2 and "sessions"."absolute_expires_at" > $3 ' +
    'and "people"."deleted_at" is null',
  /** Only when the session was last used over a minute ago (touchSession, autocommitted). */
  touchSession: 'update "sessions" set "last_seen_at" = $1, "idle_expires_at" = $2 where "token_hash" = $3',
  /** Only with an Idempotency-Key header: the claim (src/platform/idempotency.ts, autocommitted). */
  claimKey:
    'insert into "idempotency_keys" ("person_id", "key", "request_hash") values ($1, $2, $3) ' +
    'on conflict ("person_id", "key") do nothing returning "key"',
  /** The municipality asked for and its prefecture, and whether they participate (findTargets). */
  target:
    'select "code", "kind", "name", "prefecture_code" as "prefectureCode", "parent_code" as "parentCode", "joined_at" ' +
    'from "municipalities" where "code" = any($1::char(6)[])',
  begin: 'begin',
  /** lockPeople: the batch's people (here one). */
  lockPerson:
    'select "id", "residence_prefecture" as "residencePrefecture", ' +
    '"registered_municipality_code" as "registeredMunicipalityCode" from "people" ' +
    'where "id" = any($1::uuid[]) order by "id" for update',
  /** registrationsOfPeopleIn: what the people hold in the prefectures concerned (here nothing yet). */
  inPrefecture:
    `select ${REGISTRATION_COLUMNS} from "registrations" as "r" ` +
    'inner join lateral (select "name", "kind", "prefecture_code" from "municipalities" ' +
    'where "municipalities"."code" = "r"."municipality_code" limit 1) as "m" on true ' +
    'where "r"."person_id" = any($1::uuid[]) and "m"."prefecture_code" = any($2::char(2)[]) and "m"."kind" in ($3, $4)',
  /** insertRegistrations: the municipality's and the implied prefecture's, one statement, ids made by the server. */
  insertRegistration:
    'insert into "registrations" ("id", "municipality_code", "person_id", "relation_types", "consents", "implicit", ' +
    `"residence_prefecture", "source", "registered_at", "updated_at") values ${valuesList(2, 10, 1)}`,
  /** appendHistory: two `registered` events and six counter upserts in one statement. */
  history:
    `with "events" as (insert into "registration_events" (${EVENT_COLUMNS}) values ${valuesList(2, 9, 1)}) ` +
    `insert into "registration_counters" (${COUNTER_KEY}, "n") values ${valuesList(6, 7, 19)} ` +
    `on conflict (${COUNTER_KEY}) do update set "n" = registration_counters.n + excluded.n`,
  commit: 'commit',
  /** Only with an Idempotency-Key header: the answer, stored after the transaction (autocommitted). */
  storeResponse:
    'update "idempotency_keys" set "status_code" = $1, "response" = $2 where "person_id" = $3 and "key" = $4',
} as const;

export type ApiStatement = keyof typeof API_SQL;

/** The statements of one registration, in order, for the session and Idempotency-Key options. */
export function apiStatements(options: { sessions: SessionUse; idempotencyKey: boolean }): ApiStatement[] {
  return [
    'session',
    ...(options.sessions === 'stale' ? (['touchSession'] as const) : []),
    ...(options.idempotencyKey ? (['claimKey'] as const) : []),
    'target',
    'begin',
    'lockPerson',
    'inPrefecture',
    'insertRegistration',
    'history',
    'commit',
    ...(options.idempotencyKey ? (['storeResponse'] as const) : []),
  ];
}

/** What the script passes for each $n of each statement (pgbench variables or server-side expressions). */
const code6 = (variable: string) => `lpad(:${variable}::text, 6, '0')`;
const CODE = code6('code_n');
const PREFECTURE_CODE = code6('pref_n');
/** The server makes the registrations' ids (randomUUID); pgbench makes them from the person number. */
const REGISTRATION_ID = "md5(:p::text || 'm')::uuid";
const IMPLIED_ID = "md5(:p::text || 'p')::uuid";

function historyParams(): string[] {
  const event = (code: string, registrationId: string, details: string) => [
    code,
    ':personId',
    registrationId,
    ':kind_registered',
    ':tier',
    ':relation_types',
    ':residence',
    ':now',
    details,
  ];
  // Sorted by counter key as the server sorts them (the prefecture's code sorts before its municipalities'),
  // so concurrent transactions lock the counter rows in the same order as the API's.
  const counter = (code: string, relationType: string) => [
    code,
    ':day',
    ':tier',
    relationType,
    ':residence',
    ':shard',
    ':one',
  ];
  return [
    ...event(CODE, REGISTRATION_ID, 'null'),
    ...event(PREFECTURE_CODE, IMPLIED_ID, ':implied_details'),
    ...[':rt0', ':rt1', ':rt2'].flatMap((t) => counter(PREFECTURE_CODE, t)),
    ...[':rt0', ':rt1', ':rt2'].flatMap((t) => counter(CODE, t)),
  ];
}

export interface ScriptStatement {
  statement: ApiStatement;
  params: string[];
  /** `\gset` with this prefix (empty: no prefix): keep the returned row's columns as variables. */
  gset?: string;
}

export function scriptStatements(options: { sessions: SessionUse; idempotencyKey: boolean }): ScriptStatement[] {
  return apiStatements(options).map((statement): ScriptStatement => {
    switch (statement) {
      case 'session':
        // the session token's hash is pgbench's number for the person (as bytes: its decimal digits)
        return { statement, params: [':p', ':now', ':now'], gset: '' };
      case 'touchSession':
        return { statement, params: [':now', ':idle_expires_at', ':p'] };
      case 'claimKey':
        // the key is the person's id, as the bench's API requests send it
        return { statement, params: [':personId', ':personId', ':request_hash'] };
      case 'target':
        // the codes as text with their leading zero, typed as the column so its primary key finds them
        return { statement, params: [`array[${CODE}, ${PREFECTURE_CODE}]`] };
      case 'lockPerson':
        return { statement, params: ['array[:personId]'] };
      case 'inPrefecture':
        return {
          statement,
          params: [
            'array[:personId]',
            "array[lpad(:prefecture_n::text, 2, '0')]",
            ':kind_municipality',
            ':kind_prefecture',
          ],
        };
      case 'insertRegistration': {
        const row = (id: string, code: string, implicit: string) => [
          id,
          code,
          ':personId',
          ':relation_types',
          ':consents',
          implicit,
          ':residence',
          ':source',
          ':now',
          ':now',
        ];
        return {
          statement,
          params: [...row(REGISTRATION_ID, CODE, ':explicit'), ...row(IMPLIED_ID, PREFECTURE_CODE, ':implicit')],
        };
      }
      case 'history':
        return { statement, params: historyParams() };
      case 'storeResponse':
        return { statement, params: [':status_code', ':response', ':personId', ':personId'] };
      default:
        // begin, commit
        return { statement, params: [] };
    }
  });
}

/** The statement with its $n replaced by what the script passes. */
function substitute(sql: string, params: readonly string[]): string {
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    const param = params[Number(n) - 1];
    if (param === undefined) throw new Error(`no parameter $${n} for: ${sql}`);
    return param;
  });
  const used = new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  if (used.size !== params.length) throw new Error(`${params.length} parameters for ${used.size} in: ${sql}`);
  return text;
}

/**
 * A pgbench expression choosing `values[i]` for the integer expression `index` in 0 … values.length − 1,
 * as a balanced tree of CASEs (about log2(n) comparisons per transaction, in pgbench).
 */
export function choose(index: string, values: readonly number[], from = 0): string {
  if (values.length === 0) throw new Error('nothing to choose from');
  if (values.length === 1) return String(values[0]);
  const half = Math.floor(values.length / 2);
  return (
    `case when ${index} < ${from + half} then ${choose(index, values.slice(0, half), from)} ` +
    `else ${choose(index, values.slice(half), from + half)} end`
  );
}

export interface Targets {
  /** The municipality codes the API phase registers with, round-robin (one, for one municipality). */
  codes: readonly string[];
  /** Each prefecture's number ('04') and its own code ('040002'), for the implied registration. */
  prefectures: ReadonlyMap<string, string>;
}

/**
 * The pgbench script of one registration. Person `p` (`:base` + the client + `:clients` × the client's
 * count: never the same twice in a run) signs in with session token `p`, and registers with
 * `codes[p mod codes.length]`, round-robin like the API phase.
 */
export function sameSqlScript(targets: Targets, options: { sessions: SessionUse; idempotencyKey: boolean }): string {
  const codes = targets.codes.map((code) => {
    const prefecture = targets.prefectures.get(code.slice(0, 2));
    if (!/^\d{6}$/.test(code) || !prefecture) throw new Error(`no prefecture for municipality ${code}`);
    // The server sorts counter rows by key: the script's fixed order is the same only if this holds.
    if (!(prefecture < code)) throw new Error(`prefecture ${prefecture} does not sort before ${code}`);
    return code;
  });
  const last = Math.max(...codes.map((c) => Number(c.slice(0, 2))));
  const lines = [
    '\\set p :base + :client_id + :clients * :n',
    '\\set n :n + 1',
    `\\set k :p % ${codes.length}`,
    `\\set code_n ${choose(':k', codes.map(Number))}`,
    // the prefecture's own code by its number, 1 … 47 (a number no code has: any value, never chosen)
    '\\set prefecture_n :code_n / 10000',
    `\\set pref_n ${choose(
      ':prefecture_n',
      Array.from({ length: last }, (_, i) => Number(targets.prefectures.get(String(i + 1).padStart(2, '0')) ?? 0)),
      1,
    )}`,
    `\\set shard :p % ${SHARDS}`,
  ];
  for (const s of scriptStatements(options)) {
    const text = substitute(API_SQL[s.statement], s.params);
    lines.push(s.gset === undefined ? `${text};` : `${text}\n\\gset${s.gset ? ` ${s.gset}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The values pgbench passes as parameters (-D), as the server would for a registration at `now`:
 * relation types [1,2], consents name and news, no residence prefecture declared.
 */
export function sameSqlDefines(now: Date): Record<string, string | number> {
  const nowText = now.toISOString();
  return {
    n: 0,
    now: nowText,
    idle_expires_at: new Date(now.getTime() + 30 * 24 * 3600_000).toISOString(),
    day: jstDay(now),
    relation_types: '{1,2}',
    consents: '{name,news}',
    explicit: 'false',
    implicit: 'true',
    residence: UNKNOWN_RESIDENCE,
    source: 'app',
    kind_municipality: 'municipality',
    kind_prefecture: 'prefecture',
    kind_registered: 'registered',
    tier: 'basic',
    implied_details: JSON.stringify({ implicit: true }),
    rt0: 0,
    rt1: 1,
    rt2: 2,
    one: 1,
    // Idempotency-Key only: a 32-byte request hash and a 201 answer of the API's size.
    request_hash: createHash('sha256').update('POST /api/v1/me/registrations').digest('hex').slice(0, 32),
    status_code: 201,
    response: JSON.stringify({
      id: randomUUID(),
      municipalityCode: '042056',
      municipalityName: '気仙沼市',
      kind: 'municipality',
      tier: 'basic',
      relationTypes: [1, 2],
      consents: ['name', 'news'],
      implicit: false,
      registeredAt: nowText,
      premiumSince: null,
      premiumExpiresAt: null,
    }),
  };
}

/**
 * Writes pgbench's people `first` … `last` (random UUIDs, as sign-in makes them) with one session each, whose
 * token hash is the person's number as text (what pgbench sends for `:p`), used as recently as `sessions`.
 */
export async function insertSameSqlPeople(sql: Sql, first: number, last: number, sessions: SessionUse) {
  const lastSeen = sessions === 'recent' ? "now() + interval '1 day'" : "now() - interval '1 hour'";
  await sql.query(
    `create table if not exists ${SAME_SQL_PEOPLE_TABLE} (i integer primary key, person_id uuid not null unique)`,
  );
  await sql.query(
    `insert into ${SAME_SQL_PEOPLE_TABLE} (i, person_id)
     select i, gen_random_uuid() from generate_series($1::integer, $2::integer) as i`,
    [first, last],
  );
  await sql.query(
    `insert into people (id, email)
     select person_id, 'bench-sql-' || i || '@example.invalid' from ${SAME_SQL_PEOPLE_TABLE}
     where i between $1 and $2`,
    [first, last],
  );
  await sql.query(
    `insert into sessions (token_hash, person_id, created_at, last_seen_at, idle_expires_at, absolute_expires_at)
     select convert_to(i::text, 'UTF8'), person_id, now() - interval '1 hour', ${lastSeen},
            now() + interval '30 days', now() + interval '30 days'
     from ${SAME_SQL_PEOPLE_TABLE} where i between $1 and $2`,
    [first, last],
  );
}

/**
 * People pgbench needs per phase: the maximum rate over warm-up and measurement, half as many again (client c
 * takes every `clients`-th number from c, so the numbers a run reaches are set by its busiest client: up to
 * ~20% ahead of the mean was seen), plus one per client and run.
 */
export function sameSqlPeoplePerPhase(maxRate: number, warmupS: number, durationS: number, clients: number) {
  return Math.ceil(maxRate * (warmupS + durationS) * 1.5) + 2 * clients;
}

/** The highest person number in `first` … `last` that has registered (first − 1: none). */
export async function lastPersonUsed(sql: Sql, first: number, last: number): Promise<number> {
  const { rows } = await sql.query<{ i: number | null }>(
    `select max(b.i) as i from ${SAME_SQL_PEOPLE_TABLE} b
     where b.i between $1 and $2 and exists (select 1 from registrations r where r.person_id = b.person_id)`,
    [first, last],
  );
  return rows[0]?.i ?? first - 1;
}

export interface SameSqlWritten {
  /** People of the range with their own registration, with the implied prefecture registration. */
  registered: number;
  implied: number;
  /** Their `registered` events. */
  events: number;
  /** Their sessions whose last use is the run's time (refreshed by the script). */
  sessions_refreshed: number;
  /** Their Idempotency-Key rows holding a 201. */
  keys_answered: number;
  /** Their own registrations with another municipality than person p's, codes[p mod codes.length]. */
  wrong_municipality: number;
  /** Their implied registrations that are not the prefecture of their own registration. */
  wrong_prefecture: number;
}

/** What pgbench's people `first` … `last` have in the database after a run at `now` with `codes`. */
export async function sameSqlWritten(
  sql: Sql,
  first: number,
  last: number,
  now: Date,
  codes: readonly string[],
): Promise<SameSqlWritten> {
  const { rows } = await sql.query<Record<keyof SameSqlWritten, string>>(
    `with b as (select i, person_id from ${SAME_SQL_PEOPLE_TABLE} where i between $1 and $2)
     select
       (select count(*) from registrations r join b using (person_id)
        where not r.implicit and r.municipality_code <> ($4::text[])[b.i % cardinality($4::text[]) + 1])
         as wrong_municipality,
       (select count(*) from registrations r join b using (person_id) join municipalities m on m.code = r.municipality_code
        where r.implicit and (m.kind <> 'prefecture' or not exists (
          select 1 from registrations x join municipalities xm on xm.code = x.municipality_code
          where x.person_id = r.person_id and not x.implicit and xm.prefecture_code = m.prefecture_code)))
         as wrong_prefecture,
       (select count(*) from registrations r join b using (person_id) where not r.implicit) as registered,
       (select count(*) from registrations r join b using (person_id) where r.implicit) as implied,
       (select count(*) from registration_events e join b using (person_id) where e.kind = 'registered') as events,
       (select count(*) from sessions s join b using (person_id) where s.last_seen_at = $3) as sessions_refreshed,
       (select count(*) from idempotency_keys k join b using (person_id) where k.status_code = 201) as keys_answered`,
    [first, last, now, codes],
  );
  const row = rows[0];
  return {
    registered: Number(row?.registered),
    implied: Number(row?.implied),
    events: Number(row?.events),
    sessions_refreshed: Number(row?.sessions_refreshed),
    keys_answered: Number(row?.keys_answered),
    wrong_municipality: Number(row?.wrong_municipality),
    wrong_prefecture: Number(row?.wrong_prefecture),
  };
}

/** What a same-SQL run of `transactions` must have written, or the discrepancies. */
export function sameSqlProblems(
  name: string,
  transactions: number,
  written: SameSqlWritten,
  counterDelta: number,
  options: { sessions: SessionUse; idempotencyKey: boolean },
): string[] {
  const problems: string[] = [];
  const expect = (what: string, actual: number, expected: number) => {
    if (actual !== expected) problems.push(`${name}: ${actual} ${what} for ${transactions} transactions`);
  };
  expect('registrations written', written.registered, transactions);
  expect('implied prefecture registrations', written.implied, transactions);
  expect('registered events', written.events, 2 * transactions);
  expect('added to the relation-type-0 counters', counterDelta, 2 * transactions);
  expect('sessions refreshed', written.sessions_refreshed, options.sessions === 'stale' ? transactions : 0);
  expect('idempotency keys answered', written.keys_answered, options.idempotencyKey ? transactions : 0);
  expect('registrations with another municipality than the person’s', written.wrong_municipality, 0);
  expect('implied registrations with another prefecture than the municipality’s', written.wrong_prefecture, 0);
  return problems;
}
