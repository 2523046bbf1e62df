import { type Kysely, sql } from 'kysely';

// Counter rows are sharded by person so that a municipality's concurrent registrations do not queue on one
// row. Nobody writes to a day once it is over, so maintenance folds a past day's shards into shard 0
// (registrations/counter-compaction.ts): storage and the rows a dashboard reads then stop growing with the
// number of registrations. These partial indexes hold only the rows still to fold (shard ≠ 0): the last
// day or two once maintenance has caught up, so finding them never scans the table.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index registration_counters_unfolded on registration_counters (day) where shard <> 0`.execute(db);
  await sql`create index dashboard_registration_days_unfolded on dashboard_registration_days (day) where shard <> 0`.execute(
    db,
  );
  await sql`
    create index dashboard_registration_months_unfolded on dashboard_registration_months (month) where shard <> 0
  `.execute(db);
  // Totals never close; their shards are folded as they stand (rows written since the last fold).
  for (const table of ['dashboard_registration_totals', 'dashboard_residence']) {
    await sql`create index ${sql.raw(`${table}_unfolded`)} on ${sql.table(table)} (municipality_code) where shard <> 0`.execute(
      db,
    );
  }
}
