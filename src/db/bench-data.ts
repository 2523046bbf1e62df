import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { firstOpenCounterDay } from '../modules/registrations/rules.ts';

// `npx furusato bench-data`: the national target's scale (issue 7, Performance: 10 million people, 100 million
// registrations) generated inside PostgreSQL, for the dashboard benchmarks. The rows are made by the server
// itself (INSERT … SELECT over generate_series: no row crosses the network, which on one machine is faster than
// COPY from a client); the counters are then computed from the registrations with GROUP BY, in the shape the
// app leaves them (JST day, tier, relation type 0 + each type, residence; shard by person for today and
// yesterday, past days folded into shard 0 as counter compaction does; an upgrade is −1 basic and +1 premium
// on its day), so `furusato verify-counters` holds. Anything that maintains aggregates from the
// counters (triggers) sees ordinary inserts. Not written: the registration history (registration_events).

export interface BenchDataOptions {
  databaseUrl: string;
  people: number;
  registrations: number;
  /** Allowed to add to a database that already holds people. */
  append: boolean;
  /** People per batch (one transaction each): bounds the temporary tables and the WAL of one commit. */
  batchPeople: number;
  log?: (line: string) => void;
}

export interface BenchDataResult {
  people: number;
  registrations: number;
  prefectureRegistrations: number;
  counterRows: number;
  seconds: number;
  databaseBytes: number;
}

export class BenchDataRefused extends Error {}

// Population of each prefecture (2020 census, ten thousands), JIS order: where supporters live.
const POPULATION = [
  522, 124, 121, 230, 96, 107, 183, 287, 193, 194, 734, 628, 1405, 924, 220, 103, 113, 77, 81, 205, 198, 363, 754, 177,
  141, 258, 884, 547, 132, 92, 55, 67, 189, 280, 134, 72, 95, 133, 69, 514, 81, 131, 174, 112, 107, 159, 147,
];
/** Of registrants, the share who did not declare a residence (00) and who live abroad (99). */
const UNDECLARED = 0.2;
const ABROAD = 0.01;
const PREMIUM_SHARE = 0.03;
/** Relationship types held, as (types, weight in %): most hold one, ② and ①② most often. */
const TYPE_MIX: [number[], number][] = [
  [[1], 35],
  [[2], 25],
  [[1, 2], 15],
  [[3], 8],
  [[2, 3], 7],
  [[1, 3], 3],
  [[4], 3],
  [[2, 4], 2],
  [[3, 4], 2],
];
/** Municipality popularity is Zipf-like: the k-th most chosen gets ∝ k^-0.9 (one viral town ~8 %). */
const ZIPF = 0.9;
const SLOTS = 100_000;
/** Registrations are spread from this day to now, more of them recently (growth). */
const FIRST_DAY = '2021-04-01';

/** Slots of a lookup table: each value holds a share of `total` slots proportional to its weight (≥ 1). */
export function slotCounts(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.max(1, Math.floor((w / sum) * total)));
  let rest = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % counts.length, rest--) counts[i] = (counts[i] as number) + 1;
  // The minimum of one slot can overshoot: the largest values give slots back.
  for (; rest < 0; rest++) {
    const largest = counts.indexOf(Math.max(...counts));
    counts[largest] = (counts[largest] as number) - 1;
  }
  return counts;
}

/** Registrations per batch so that the batches add up to exactly `registrations`. */
export function batchTargets(
  people: number,
  registrations: number,
  batchPeople: number,
): { people: number; registrations: number }[] {
  const batches: { people: number; registrations: number }[] = [];
  let donePeople = 0;
  let doneRegistrations = 0;
  while (donePeople < people) {
    const size = Math.min(batchPeople, people - donePeople);
    donePeople += size;
    const until = Math.round((registrations * donePeople) / people);
    batches.push({ people: size, registrations: until - doneRegistrations });
    doneRegistrations = until;
  }
  return batches;
}

async function lookupTables(client: pg.Client): Promise<void> {
  const total = POPULATION.reduce((a, b) => a + b, 0);
  const residence = [...POPULATION.map((p) => p * (1 - UNDECLARED - ABROAD)), total * UNDECLARED, total * ABROAD];
  const codes = [...POPULATION.keys()].map((i) => String(i + 1).padStart(2, '0')).concat(['00', '99']);
  const residenceSlots = slotCounts(residence, 1000);
  await client.query(
    `
    create temp table bench_residence as
    select (row_number() over () - 1)::int as slot, code::char(2) as code
    from unnest($1::text[], $2::int[]) as w(code, slots), generate_series(1, w.slots)
  `,
    [codes, residenceSlots],
  );
  const mix = slotCounts(
    TYPE_MIX.map(([, w]) => w),
    100,
  );
  await client.query(
    `
    create temp table bench_types as
    select (row_number() over () - 1)::int as slot, string_to_array(types, ',')::smallint[] as types
    from unnest($1::text[], $2::int[]) as w(types, slots), generate_series(1, w.slots)
  `,
    [TYPE_MIX.map(([t]) => t.join(',')), mix],
  );
  // The rank of a municipality is fixed by a hash of its code, so every run picks the same popular towns.
  const { rows } = await client.query<{ code: string }>(
    `select code from municipalities where kind = 'municipality' order by md5(code)`,
  );
  const slots = slotCounts(
    rows.map((_, k) => (k + 1) ** -ZIPF),
    SLOTS,
  );
  await client.query(
    `
    create temp table bench_municipalities as
    select (row_number() over () - 1)::int as slot, code::char(6) as code
    from unnest($1::text[], $2::int[]) as w(code, slots), generate_series(1, w.slots)
  `,
    [rows.map((r) => r.code), slots],
  );
  for (const table of ['bench_residence', 'bench_types', 'bench_municipalities']) {
    await client.query(`create unique index on ${table} (slot); analyze ${table}`);
  }
}

const SHARD = `(('x' || right(r.person_id::text, 2))::bit(8)::int % 8)::smallint`;
/** Past days as counter compaction leaves them (shard 0); today and yesterday ($1 on) by person. */
const shardOn = (day: string) => `(case when ${day} >= $1::date then ${SHARD} else 0 end)::smallint`;
const JST_DAY = (column: string) => `(${column} at time zone 'Asia/Tokyo')::date`;

async function loadBatch(
  client: pg.Client,
  salt: string,
  first: number,
  target: { people: number; registrations: number },
  now: Date,
): Promise<{ prefectureRegistrations: number; steps: Record<string, number> }> {
  const steps: Record<string, number> = {};
  let last = performance.now();
  const step = (name: string) => {
    const t = performance.now();
    steps[name] = Math.round(t - last);
    last = t;
  };
  await client.query('begin');
  await client.query(
    `create temp table bench_batch on commit drop as
     select i - $2::bigint as k, md5($1 || i)::uuid as id, res.code as residence
     from (select i, floor(random() * 1000)::int as slot from generate_series($2::bigint, $3::bigint) i) g
     join bench_residence res using (slot)`,
    [salt, first, first + target.people - 1],
  );
  await client.query('create unique index on bench_batch (k); analyze bench_batch');
  await client.query(
    `insert into people (id, created_at, residence_prefecture, birth_year, locale)
     select id, $1::timestamptz - interval '1 day' * floor(random() * 2000),
            nullif(residence, '00'), 1940 + floor(random() * 66)::int, 'ja'
     from bench_batch`,
    [now],
  );
  step('people');
  // People with low numbers register more often (a skewed count per person); a municipality chosen twice by
  // one person is dropped by the primary key and made up for in the next round.
  let missing = target.registrations;
  for (let round = 0; missing > 0; round++) {
    if (round === 20) throw new Error('could not place the registrations of a batch (too few municipalities?)');
    const result = await client.query(
      `insert into registrations (municipality_code, person_id, tier, relation_types, consents, residence_prefecture,
                                  source, registered_at, premium_since, premium_expires_at, updated_at)
       select m.code, b.id, case when premium then 'premium' else 'basic' end, t.types, '{name,news}', b.residence,
              'import', at, case when premium then since end, case when premium then since + interval '365 days' end, at
       from (
         select floor($2::int * power(random(), 2))::int as k, floor(random() * ${SLOTS})::int as m_slot,
                floor(random() * 100)::int as t_slot, random() < ${PREMIUM_SHARE} as premium,
                $3::timestamptz - ($3::timestamptz - $4::timestamptz) * (1 - sqrt(random())) as at
         from generate_series(1, ceil($1 * 1.05)::int)
       ) g
       join bench_batch b using (k)
       join bench_municipalities m on m.slot = g.m_slot
       join bench_types t on t.slot = g.t_slot
       cross join lateral (select greatest(at, $3::timestamptz - interval '1 day' * floor(random() * 300)) as since) p
       order by 1
       limit $1
       on conflict do nothing`,
      [missing, target.people, now, FIRST_DAY],
    );
    missing -= result.rowCount ?? 0;
  }
  step('registrations');
  // Registering with a municipality registers with its prefecture too (implicit, the union of the types).
  const implied = await client.query(
    `insert into registrations (municipality_code, person_id, tier, relation_types, implicit, consents,
                                residence_prefecture, source, registered_at, updated_at)
     select p.code, r.person_id, 'basic', array_agg(distinct t order by t), true, '{name,news}',
            min(r.residence_prefecture), 'import', min(r.registered_at), min(r.registered_at)
     from registrations r
     join bench_batch b on b.id = r.person_id
     cross join unnest(r.relation_types) t
     join municipalities p on p.kind = 'prefecture' and p.prefecture_code = substr(r.municipality_code, 1, 2)
     group by p.code, r.person_id`,
  );
  step('prefecture_registrations');
  await client.query(
    `insert into registration_counters (municipality_code, day, tier, relation_type, residence_prefecture, shard, n)
     select municipality_code, day, tier, relation_type, residence_prefecture, shard, sum(n)
     from (
       select r.municipality_code, ${JST_DAY('r.registered_at')} as day, 'basic' as tier, rt as relation_type,
              r.residence_prefecture, ${shardOn(JST_DAY('r.registered_at'))} as shard, 1 as n
       from registrations r join bench_batch b on b.id = r.person_id
       cross join unnest(array[0::smallint] || r.relation_types) rt
       union all
       select r.municipality_code, ${JST_DAY('r.premium_since')}, s.tier, rt, r.residence_prefecture,
              ${shardOn(JST_DAY('r.premium_since'))}, s.n
       from registrations r join bench_batch b on b.id = r.person_id
       cross join unnest(array[0::smallint] || r.relation_types) rt
       cross join (values ('basic', -1), ('premium', 1)) s(tier, n)
       where r.tier = 'premium'
     ) x
     group by 1, 2, 3, 4, 5, 6
     having sum(n) <> 0
     order by 1, 2, 3, 4, 5, 6
     on conflict (municipality_code, day, tier, relation_type, residence_prefecture, shard)
     do update set n = registration_counters.n + excluded.n`,
    [firstOpenCounterDay(now)],
  );
  step('counters');
  await client.query('commit');
  step('commit');
  return { prefectureRegistrations: implied.rowCount ?? 0, steps };
}

export async function generateBenchData(options: BenchDataOptions): Promise<BenchDataResult> {
  const log = options.log ?? (() => undefined);
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const started = performance.now();
  try {
    const existing = Number((await client.query('select count(*) as n from people')).rows[0]?.n);
    if (existing > 0 && !options.append) {
      throw new BenchDataRefused(
        `このデータベースには ${existing} 人が登録済みです（追加するには --append） / the database already holds ${existing} people (add to them with --append)`,
      );
    }
    // Participation: every municipality and prefecture takes part from the first day of the data.
    await client.query(
      `update municipalities set joined_at = $1 where kind in ('municipality', 'prefecture') and (joined_at is null or joined_at > $1)`,
      [FIRST_DAY],
    );
    await lookupTables(client);
    const now = new Date();
    const salt = randomUUID();
    let first = 1;
    let prefectureRegistrations = 0;
    let done = { people: 0, registrations: 0 };
    for (const target of batchTargets(options.people, options.registrations, options.batchPeople)) {
      const batch = await loadBatch(client, salt, first, target, now);
      first += target.people;
      prefectureRegistrations += batch.prefectureRegistrations;
      done = { people: done.people + target.people, registrations: done.registrations + target.registrations };
      const seconds = (performance.now() - started) / 1000;
      log(
        `${done.people.toLocaleString('en')} people, ${done.registrations.toLocaleString('en')} registrations (+${prefectureRegistrations.toLocaleString('en')} prefecture) — ${seconds.toFixed(0)} s; batch ms ${JSON.stringify(batch.steps)}`,
      );
    }
    // A bulk load leaves tables with no visibility map and the upserts' dead rows, which a live database's
    // autovacuum keeps clear: measured before that, reads pay for the load (and autovacuum runs meanwhile).
    log('vacuum analyze …');
    await client.query('vacuum (analyze)');
    const counterRows = Number((await client.query('select count(*) as n from registration_counters')).rows[0]?.n);
    const databaseBytes = Number((await client.query('select pg_database_size(current_database()) as n')).rows[0]?.n);
    return {
      people: done.people,
      registrations: done.registrations,
      prefectureRegistrations,
      counterRows,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      databaseBytes,
    };
  } finally {
    await client.end();
  }
}

/** `--people 10000000 --registrations 100000000 --database-url … [--append] [--batch 250000]` */
export function parseBenchDataArgs(argv: readonly string[], env: NodeJS.ProcessEnv): BenchDataOptions {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const count = (name: string, fallback: number) => {
    const text = value(name);
    if (text === undefined) return fallback;
    const n = Number(text.replaceAll('_', ''));
    if (!Number.isSafeInteger(n) || n < 1)
      throw new BenchDataRefused(`${name}: 正の整数 / a positive integer (got "${text}")`);
    return n;
  };
  const databaseUrl = value('--database-url') ?? env.DATABASE_URL;
  if (!databaseUrl)
    throw new BenchDataRefused(
      '--database-url（または DATABASE_URL）が必要です / --database-url (or DATABASE_URL) is required',
    );
  const people = count('--people', 10_000_000);
  const registrations = count('--registrations', 100_000_000);
  return {
    databaseUrl,
    people,
    registrations,
    append: argv.includes('--append'),
    batchPeople: count('--batch', 250_000),
  };
}
