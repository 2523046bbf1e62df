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
  /** Shard rows folded into shard 0. */
  folded: number;
  /** Rows deleted at zero from registration_counters and the dashboards' day and month tables. */
  deleted: number;
}

/** Folds the sharded counter rows of every day before yesterday (JST) into shard 0. */
export async function compactCounters(db: Executor, now = new Date()): Promise<CompactionResult> {
  const before = firstOpenCounterDay(now);
  const total: CompactionResult = { folded: 0, deleted: 0 };
  let previous: string | undefined;
  for (;;) {
    const step = await inTransaction(db, async (tx) => {
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
