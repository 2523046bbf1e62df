import { sql } from 'kysely';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { firstOpenCounterDay } from './rules.ts';

// Counter rows are sharded by person so that one municipality's concurrent registrations do not queue on a
// single row. A day that is over is never written again, so its shards are folded into shard 0: storage
// and the rows a dashboard reads then follow the number of days, not the number of registrations.
//
// A fold is an upsert of registration_counters itself (shard s −n, shard 0 +n), so the statement triggers
// of 0012/0013 move the dashboards' days, months, totals, residence and national rows alike and every sum
// stays exact at every moment, whoever reads or writes meanwhile. Rows left at zero are then deleted (they
// count nothing; no trigger fires on delete).

/** Days folded per transaction: bounds a transaction when a long backlog is caught up (an upgrade, demo data). */
const DAYS_PER_FOLD = 7;
/** Only one process folds at a time (two would still be exact, but could leave negative shard rows behind). */
const LOCK = 'furusato.counter-compaction';

export interface CompactionResult {
  /** Shard rows of past days folded into shard 0 (registration_counters). */
  folded: number;
  /** Shard rows of the dashboards' totals and residence tables folded into shard 0. */
  foldedTotals: number;
  /** Rows deleted at zero from registration_counters and the dashboards' day and month tables. */
  deleted: number;
}

/**
 * Folds the sharded counter rows of every day before yesterday (JST) into shard 0, then the shards of the
 * timeless totals (a municipality's registrants now, by tier × type and by residence).
 */
export async function compactCounters(db: Executor, now = new Date()): Promise<CompactionResult> {
  const total = { ...(await foldPastDays(db, now)), foldedTotals: 0 };
  for (const [table, key] of TIMELESS) {
    const step = await foldStep(db, (tx) => foldTimeless(tx, table, key));
    total.foldedTotals += step.folded;
    total.deleted += step.deleted;
  }
  return total;
}

const DEADLOCK = '40P01';
const ATTEMPTS = 5;

/**
 * One fold step in its own transaction, run again when PostgreSQL breaks a deadlock by aborting it. A
 * registration writes the dashboards' rows in two passes of its counter triggers (counter rows inserted,
 * then counter rows updated), each in key order but not both together, so it can hold a row a fold wants
 * while waiting for one the fold holds. Whichever side PostgreSQL aborts runs again: a fold step here (it is
 * all-or-nothing and finds its work anew), a registration batch in the group commit (each alone).
 */
async function foldStep<T>(db: Executor, work: (tx: Executor) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(db, work);
    } catch (error) {
      const deadlocked = (error as { code?: unknown }).code === DEADLOCK;
      // Inside a caller's transaction the abort is the caller's: nothing can be retried here.
      if (!deadlocked || db.isTransaction || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** Dashboard tables without a time column, and their keys without the shard. */
const TIMELESS = [
  ['dashboard_registration_totals', ['municipality_code', 'tier', 'relation_type']],
  ['dashboard_residence', ['municipality_code', 'tier', 'residence_prefecture']],
] as const;

/**
 * Totals are written to by every registration, so unlike a day they never close: their shards are folded as
 * they are at this moment. Writers meanwhile only add to a row (under its lock), so the sum stays exact; a
 * shard row deleted at zero is simply inserted again by the next writer.
 */
async function foldTimeless(
  tx: Executor,
  table: (typeof TIMELESS)[number][0],
  key: readonly string[],
): Promise<{ folded: number; deleted: number }> {
  const locked = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext(${LOCK})) as ok`.execute(tx);
  if (!locked.rows[0]?.ok) return { folded: 0, deleted: 0 };
  const columns = sql.raw(key.join(', '));
  const all = sql.raw([...key, 'shard'].join(', '));
  const folded = await sql<{ n: string }>`
    with unfolded as (select ${all}, n from ${sql.table(table)} where shard <> 0 and n <> 0),
    moved as (
      insert into ${sql.table(table)} (${all}, n)
      select * from (
        select ${all}, -n from unfolded
        union all
        select ${columns}, 0::smallint, sum(n)::int from unfolded group by ${columns} having sum(n) <> 0
      ) moves
      order by ${all}
      on conflict (${all}) do update set n = ${sql.table(table)}.n + excluded.n
    )
    select count(*) as n from unfolded
  `.execute(tx);
  // A row a writer holds is skipped, not waited for: that writer may be waiting for a row folded above.
  const deleted = await sql`
    delete from ${sql.table(table)} where ctid = any (array(
      select ctid from ${sql.table(table)} where shard <> 0 and n = 0 for update skip locked
    ))
  `.execute(tx);
  return { folded: Number(folded.rows[0]?.n ?? 0), deleted: Number(deleted.numAffectedRows ?? 0) };
}

async function foldPastDays(db: Executor, now: Date): Promise<{ folded: number; deleted: number }> {
  const before = firstOpenCounterDay(now);
  const total = { folded: 0, deleted: 0 };
  let previous: string | undefined;
  for (;;) {
    const step = await foldStep(db, async (tx) => {
      const locked = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext(${LOCK})) as ok`.execute(tx);
      if (!locked.rows[0]?.ok) return null;
      const oldest = await sql<{ day: string | null }>`
        select to_char(min(day), 'YYYY-MM-DD') as day from registration_counters where shard <> 0 and day < ${before}::date
      `.execute(tx);
      const from = oldest.rows[0]?.day;
      if (!from) return null;
      const until = sql`least(${from}::date + ${DAYS_PER_FOLD}::int, ${before}::date)`;
      const folded = await sql<{ n: string }>`
        with unfolded as (
          select municipality_code, day, tier, relation_type, residence_prefecture, shard, n
          from registration_counters
          where shard <> 0 and day >= ${from}::date and day < ${until} and n <> 0
        ),
        moved as (
          insert into registration_counters (municipality_code, day, tier, relation_type, residence_prefecture, shard, n)
          select * from (
            select municipality_code, day, tier, relation_type, residence_prefecture, shard, -n from unfolded
            union all
            select municipality_code, day, tier, relation_type, residence_prefecture, 0::smallint, sum(n)::int
            from unfolded group by 1, 2, 3, 4, 5 having sum(n) <> 0
          ) moves
          order by 1, 2, 3, 4, 5, 6
          on conflict (municipality_code, day, tier, relation_type, residence_prefecture, shard)
          do update set n = registration_counters.n + excluded.n
        )
        select count(*) as n from unfolded
      `.execute(tx);
      let deleted = 0;
      for (const zeros of [
        sql`delete from registration_counters where shard <> 0 and day >= ${from}::date and day < ${until} and n = 0`,
        sql`delete from dashboard_registration_days where shard <> 0 and day >= ${from}::date and day < ${until} and n = 0`,
        // A month's shard rows reach zero once all its days are folded.
        sql`delete from dashboard_registration_months
            where shard <> 0 and month < date_trunc('month', ${until})::date and n = 0`,
      ]) {
        deleted += Number((await zeros.execute(tx)).numAffectedRows ?? 0);
      }
      return { from, folded: Number(folded.rows[0]?.n ?? 0), deleted };
    });
    // A day that is written to while it is folded stays for the next run rather than looping here.
    if (!step || step.from === previous) return total;
    previous = step.from;
    total.folded += step.folded;
    total.deleted += step.deleted;
  }
}
