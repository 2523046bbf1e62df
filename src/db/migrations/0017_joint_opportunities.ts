import { type Kysely, sql } from 'kysely';

// Joint opportunities (広域型): a prefecture or a municipality recruits helpers together with other municipalities
// of the same prefecture. The co-hosts' residents may apply, the opportunity is listed on each co-host's page, and
// attendance counts toward premium at every co-host the helper is registered with.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table opportunities
      add column co_hosts char(6)[] not null default '{}',
      add constraint opportunities_co_hosts_valid
        check (cardinality(co_hosts) <= 20 and not (municipality_code = any (co_hosts)))
  `.execute(db);
  // "Open opportunities of municipality X" reads the co-hosted ones through this index, not by scanning all.
  await sql`create index opportunities_co_hosts_idx on opportunities using gin (co_hosts) where status = 'open'`.execute(
    db,
  );
}
