import { Kysely, PostgresDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../src/db/schema.ts';
import { resolveSession } from '../src/modules/accounts/service.ts';
import { register } from '../src/modules/registrations/registering.ts';
import { shardOf } from '../src/modules/registrations/rules.ts';
import type { SessionUse } from './lib/residents.ts';
import {
  API_SQL,
  apiStatements,
  choose,
  type SameSqlWritten,
  sameSqlDefines,
  sameSqlPeoplePerPhase,
  sameSqlProblems,
  sameSqlScript,
  scriptStatements,
} from './lib/same-sql.ts';
import { elideChoices } from './registration.ts';

// The same-SQL baseline is only worth its name while its statements are the server's: these tests run the
// server's own code for one registration against a recording connection and compare.

const NOW = new Date('2026-11-26T20:15:22.659Z');
const PERSON = '5b2961dd-e2f6-4215-8979-ec119ff5b4db';

interface Recorded {
  sql: string;
  parameters: readonly unknown[];
}

/** A Kysely on the real PostgreSQL dialect whose connection records each statement and answers `respond`. */
function recordingDb(respond: (sql: string, nth: number) => Record<string, unknown>[]) {
  const recorded: Recorded[] = [];
  const client = {
    processID: 1,
    query: async (sql: string, parameters: unknown[] = []) => {
      const nth = recorded.filter((r) => r.sql === sql).length;
      recorded.push({ sql, parameters });
      const rows = respond(sql, nth);
      return { command: sql.split(' ')[0]?.toUpperCase(), rowCount: rows.length, rows };
    },
    release: () => {},
  };
  const pool = { connect: async () => client, end: async () => {} };
  return { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as never }) }), recorded };
}

/** What the server runs for a resident registering with 042056 for the first time. */
async function serverStatements(sessions: SessionUse): Promise<Recorded[]> {
  const { db, recorded } = recordingDb((sql) => {
    switch (sql) {
      case API_SQL.session:
        return [
          {
            personId: PERSON,
            createdAt: new Date(NOW.getTime() - 3600_000),
            // as the bench writes them: recent = a day ahead, stale = an hour ago
            lastSeenAt: new Date(NOW.getTime() + (sessions === 'recent' ? 86_400_000 : -3600_000)),
          },
        ];
      case API_SQL.target:
        return [
          {
            code: '042056',
            kind: 'municipality',
            name: '気仙沼市',
            prefectureCode: '04',
            parentCode: null,
            joined_at: '2026-04-01',
          },
          {
            code: '040002',
            kind: 'prefecture',
            name: '宮城県',
            prefectureCode: '04',
            parentCode: null,
            joined_at: '2026-04-01',
          },
        ];
      case API_SQL.lockPerson:
        return [{ id: PERSON, residencePrefecture: null, registeredMunicipalityCode: null }];
      default:
        return [];
    }
  });
  const session = await resolveSession(db, 'the-session-token', NOW);
  expect(session?.personId).toBe(PERSON);
  const result = await register(
    db,
    PERSON,
    { municipalityCode: '042056', relationTypes: [1, 2], consents: ['name', 'news'] },
    NOW,
  );
  expect(result).toMatchObject({ municipalityCode: '042056', implicit: false });
  return recorded;
}

/** `a, f(b, c)` → ['a', 'f(b, c)']. */
function topLevelItems(list: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (const [i, ch] of [...list].entries()) {
    if (ch === '(') depth += 1;
    else if (ch === ')') depth -= 1;
    else if (ch === ',' && depth === 0) {
      items.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  return [...items, list.slice(start).trim()];
}

/** What the script passes for a parameter, given pgbench's variables. */
function evaluate(param: string, variables: Record<string, string>): string | null {
  if (param === 'null') return null;
  const array = /^array\[(.*)\]$/.exec(param);
  if (array)
    return `{${topLevelItems(array[1] as string)
      .map((p) => evaluate(p, variables))
      .join(',')}}`;
  const padded = /^lpad\(:(\w+)::text, (\d), '0'\)$/.exec(param);
  if (padded) return (variables[padded[1] as string] as string).padStart(Number(padded[2]), '0');
  const variable = /^:(\w+)$/.exec(param);
  if (variable && variables[variable[1] as string] !== undefined) return variables[variable[1] as string] as string;
  throw new Error(`cannot evaluate ${param}`);
}

/** A server parameter as the text PostgreSQL receives (undefined: a value pgbench makes otherwise). */
function asText(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (Buffer.isBuffer(value)) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return `{${value.join(',')}}`;
  return String(value);
}

describe.each(['recent', 'stale'] as const)('the same SQL as the server (%s sessions)', (sessions) => {
  const options = { sessions, idempotencyKey: false };

  it('has the statements the server runs for a first registration, in its order', async () => {
    const recorded = await serverStatements(sessions);
    expect(recorded.map((r) => r.sql)).toEqual(apiStatements(options).map((s) => API_SQL[s]));
    expect(recorded.filter((r) => r.sql === API_SQL.touchSession)).toHaveLength(sessions === 'stale' ? 1 : 0);
  });

  it('passes the values the server passes, parameter by parameter', async () => {
    const recorded = await serverStatements(sessions);
    const variables: Record<string, string> = {
      ...Object.fromEntries(Object.entries(sameSqlDefines(NOW)).map(([k, v]) => [k, String(v)])),
      // returned by the session look-up (\gset)
      personId: PERSON,
      // pgbench's integers for 042056, its prefecture's number and its prefecture 040002
      code_n: '42056',
      prefecture_n: '4',
      pref_n: '40002',
      // the script's shard is the person number mod 8; the server's comes from the id
      shard: String(shardOf(PERSON)),
    };
    const statements = scriptStatements(options);
    expect(statements).toHaveLength(recorded.length);
    // The registrations' ids: the server's are random, pgbench's made from the person number. Each must
    // stand for one id of the server's, the same wherever it is used (the registration and its event).
    const ids = new Map<string, string>();
    for (const [i, statement] of statements.entries()) {
      const server = recorded[i] as Recorded;
      expect(statement.params).toHaveLength(server.parameters.length);
      for (const [n, param] of statement.params.entries()) {
        const expected = asText(server.parameters[n]);
        if (expected === undefined) continue; // the session token's hash: pgbench's is the person number
        if (/^md5\(:p::text \|\| '\w'\)::uuid$/.test(param)) {
          const id = String(expected);
          expect(id).toMatch(/^[0-9a-f-]{36}$/);
          expect(ids.get(param) ?? id).toBe(id);
          ids.set(param, id);
          continue;
        }
        expect({ statement: statement.statement, n: n + 1, value: evaluate(param, variables) }).toEqual({
          statement: statement.statement,
          n: n + 1,
          value: expected,
        });
      }
    }
    // Two registrations, two ids, each used twice (its row and its event).
    expect(new Set(ids.values()).size).toBe(2);
  });
});

describe('apiStatements', () => {
  it('adds the Idempotency-Key claim before the registration and the stored answer after it', () => {
    const statements = apiStatements({ sessions: 'recent', idempotencyKey: true });
    expect(statements.slice(0, 3)).toEqual(['session', 'claimKey', 'target']);
    expect(statements.at(-1)).toBe('storeResponse');
    expect(statements.filter((s) => s === 'insertRegistration')).toHaveLength(1);
  });
});

/** A choose() expression as JavaScript, to evaluate it. */
function chooser(expression: string, variable: string): (i: number) => number {
  const js = expression
    .replaceAll('case when ', '((')
    .replaceAll(' then ', ') ? (')
    .replaceAll(' else ', ') : (')
    .replaceAll(' end', '))')
    .replaceAll(`:${variable}`, variable);
  return new Function(variable, `return ${js};`) as (i: number) => number;
}

describe('choose', () => {
  it('picks values[i] for every index, with about log2(n) comparisons', () => {
    for (const n of [1, 2, 3, 7, 64, 1741]) {
      const values = Array.from({ length: n }, (_, i) => 10_000 + i * 7);
      const expression = choose(':k', values);
      const pick = chooser(expression, 'k');
      expect(values.map((_, i) => pick(i))).toEqual(values);
      expect((expression.match(/case when/g) ?? []).length).toBe(n - 1);
    }
  });

  it('can start from another index than 0', () => {
    const pick = chooser(choose(':n', [10_006, 20_001, 30_007], 1), 'n');
    expect([1, 2, 3].map(pick)).toEqual([10_006, 20_001, 30_007]);
  });
});

describe('sameSqlScript', () => {
  const prefectures = new Map([
    ['01', '010006'],
    ['04', '040002'],
    ['13', '130001'],
  ]);
  const options = { sessions: 'recent' as const, idempotencyKey: false };

  it('numbers each transaction a new person and picks the municipality and its prefecture by that number', () => {
    const script = sameSqlScript({ codes: ['011002', '042056', '131016'], prefectures }, options);
    const lines = script.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '\\set p :base + :client_id + :clients * :n',
      '\\set n :n + 1',
      '\\set k :p % 3',
    ]);
    const code = chooser(lines[3]?.replace('\\set code_n ', '') as string, 'k');
    expect([0, 1, 2].map(code)).toEqual([11002, 42056, 131016]);
    expect(lines[4]).toBe('\\set prefecture_n :code_n / 10000');
    const prefecture = chooser(lines[5]?.replace('\\set pref_n ', '') as string, 'prefecture_n');
    expect([1, 4, 13].map(prefecture)).toEqual([10006, 40002, 130001]);
    expect(lines[6]).toBe('\\set shard :p % 8');
  });

  it('runs each statement once per transaction, as the server does, with its results kept where used', () => {
    const script = sameSqlScript({ codes: ['042056'], prefectures }, options);
    expect(script).toContain('\\set code_n 42056\n');
    expect(script).toContain(`"token_hash" = :p and "sessions"."idle_expires_at" > :now`);
    expect(script).toContain(
      `where "code" = any(array[lpad(:code_n::text, 6, '0'), lpad(:pref_n::text, 6, '0')]::char(6)[]);\n`,
    );
    expect(script).toContain(`values (md5(:p::text || 'm')::uuid, lpad(:code_n::text, 6, '0'), :personId,`);
    expect(script).toContain(`(lpad(:pref_n::text, 6, '0'), :personId, md5(:p::text || 'p')::uuid,`);
    expect(script.match(/\\gset/g)).toHaveLength(1);
    expect(script.match(/^(select|insert|with|begin|commit|update)/gm)).toEqual([
      'select',
      'select',
      'begin',
      'select',
      'select',
      'insert',
      'with',
      'commit',
    ]);
    expect(script).not.toMatch(/\$\d/);
  });

  it('adds the session refresh and the Idempotency-Key statements when the API runs them', () => {
    const script = sameSqlScript({ codes: ['042056'], prefectures }, { sessions: 'stale', idempotencyKey: true });
    expect(script).toContain(
      'update "sessions" set "last_seen_at" = :now, "idle_expires_at" = :idle_expires_at where "token_hash" = :p;',
    );
    expect(script).toContain('values (:personId, :personId, :request_hash) on conflict');
    expect(script.trimEnd().split('\n').at(-1)).toBe(
      'update "idempotency_keys" set "status_code" = :status_code, "response" = :response where "person_id" = :personId and "key" = :personId;',
    );
  });

  it('refuses a municipality without its prefecture', () => {
    expect(() => sameSqlScript({ codes: ['271004'], prefectures }, options)).toThrow(/no prefecture/);
  });

  it('is recorded with its long choices shortened', () => {
    const codes = Array.from({ length: 300 }, (_, i) => `04${String(2000 + i * 10).padStart(4, '0')}`);
    const script = sameSqlScript({ codes, prefectures }, options);
    const elided = elideChoices(script);
    expect(elided.length).toBeLessThan(script.length / 3);
    expect(elided).toMatch(/^\\set code_n case when :k < 150 then .* … \(300 values, \d+ characters: see choose\(\)/m);
    expect(elided.split('\n').slice(-8)).toEqual(script.split('\n').slice(-8));
  });
});

describe('sameSqlProblems', () => {
  const written: SameSqlWritten = {
    registered: 100,
    implied: 100,
    events: 200,
    sessions_refreshed: 0,
    keys_answered: 0,
    wrong_municipality: 0,
    wrong_prefecture: 0,
  };
  const options = { sessions: 'recent' as const, idempotencyKey: false };

  it('accepts a run where every transaction wrote one registration of each kind, two events and its counters', () => {
    expect(sameSqlProblems('x', 100, written, 200, options)).toEqual([]);
    expect(
      sameSqlProblems('x', 100, { ...written, sessions_refreshed: 100, keys_answered: 100 }, 200, {
        sessions: 'stale',
        idempotencyKey: true,
      }),
    ).toEqual([]);
  });

  it('names every discrepancy', () => {
    expect(sameSqlProblems('x', 101, written, 200, options)).toEqual([
      'x: 100 registrations written for 101 transactions',
      'x: 100 implied prefecture registrations for 101 transactions',
      'x: 200 registered events for 101 transactions',
      'x: 200 added to the relation-type-0 counters for 101 transactions',
    ]);
    expect(sameSqlProblems('x', 100, { ...written, wrong_municipality: 1, wrong_prefecture: 2 }, 200, options)).toEqual(
      [
        'x: 1 registrations with another municipality than the person’s for 100 transactions',
        'x: 2 implied registrations with another prefecture than the municipality’s for 100 transactions',
      ],
    );
    expect(sameSqlProblems('x', 100, written, 200, { sessions: 'stale', idempotencyKey: false })).toEqual([
      'x: 0 sessions refreshed for 100 transactions',
    ]);
  });
});

describe('sameSqlPeoplePerPhase', () => {
  it('covers the maximum rate over warm-up and measurement half as much again, plus the clients', () => {
    expect(sameSqlPeoplePerPhase(4000, 2, 10, 16)).toBe(72_032);
    expect(sameSqlPeoplePerPhase(10, 0, 1, 4)).toBe(23);
  });
});
