import { type Kysely, sql } from 'kysely';

// The national view (issue 7 §3–§5): participation and fees, the model project, and the aggregates the
// national dashboard reads. Everything national is read from small rollups kept exact by triggers in the
// transaction of the write, so no dashboard ever scans registration rows (100M at the ten-year target).
export async function up(db: Kysely<unknown>): Promise<void> {
  // 'charged': the exemption ended (or never applied) and a fee has been decided.
  await sql`alter table municipalities drop constraint municipalities_fee_status_check`.execute(db);
  await sql`
    alter table municipalities add constraint municipalities_fee_status_check
      check (fee_status in ('not_participating', 'exempt', 'pending_decision', 'charged'))
  `.execute(db);

  // Seed 第1 (利用料): the join deadline, the length of the free period and the later fee are policy that
  // changes by decision, so they are rows (the latest applies), not constants. null = 「今後検討」.
  await sql`
    create table fee_policies (
      id bigint generated always as identity primary key,
      join_deadline date not null,
      exemption_months smallint check (exemption_months between 1 and 240),
      annual_fee_yen integer check (annual_fee_yen >= 0),
      note text,
      decided_at timestamptz not null default now(),
      decided_by uuid references people (id) on delete set null
    )
  `.execute(db);
  await sql`
    insert into fee_policies (join_deadline, exemption_months, annual_fee_yen, note)
    values ('2028-03-31', null, null, '令和9年度までに参加した団体は一定期間利用料を求めない（期間・以後の負担は今後検討）')
  `.execute(db);

  // The ten-year KPI (seed: 1,000万人 / 1億件). Data, so a revised target needs no release.
  await sql`
    create table national_kpis (
      key text primary key check (key in ('people', 'registrations')),
      target bigint not null check (target > 0),
      target_on date not null
    )
  `.execute(db);
  await sql`
    insert into national_kpis (key, target, target_on)
    values ('people', 10000000, '2036-03-31'), ('registrations', 100000000, '2036-03-31')
  `.execute(db);

  await sql`
    create table participation_contacts (
      municipality_code char(6) not null references municipalities (code),
      id uuid not null default gen_random_uuid(),
      name text not null,
      department text not null,
      email text not null,
      phone text,
      created_at timestamptz not null default now(),
      primary key (municipality_code, id)
    )
  `.execute(db);

  // Model project (seed 第2): membership, type and step. municipalities.model_type mirrors the type for
  // the public directory; this table is the project's own record.
  await sql`
    create table model_project_members (
      municipality_code char(6) primary key references municipalities (code),
      type char(1) not null check (type in ('A', 'B', 'C')),
      step smallint not null default 1 check (step between 1 and 3),
      selected_at timestamptz not null default now(),
      selected_by uuid references people (id) on delete set null,
      step2_on date,
      step3_on date,
      updated_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`
    create table model_project_plans (
      municipality_code char(6) primary key references model_project_members (municipality_code) on delete cascade,
      regional_issues text not null default '',
      deepening_initiatives text not null default '',
      content_plan text not null default '',
      support_measures text not null default '',
      premium_requirements text not null default '',
      baseline_on date,
      baseline_note text not null default '',
      updated_at timestamptz not null default now(),
      updated_by uuid references people (id) on delete set null
    )
  `.execute(db);

  // 延べ (registrations) for the national map (by prefecture) and time series (by month), folded from the
  // daily counters (relation_type 0 counts each registration once) by statement triggers, like 0012's
  // per-municipality rollups (which the model project reads). Two small tables rather than one
  // prefecture × month table: the dashboard then sums 376 and ~1,000 rows instead of 45,000 at ten years.
  // Shards as in registration_counters, so one busy prefecture does not queue every writer on one row.
  await sql`
    create table registration_prefecture_totals (
      prefecture_code char(2) not null,
      shard smallint not null,
      n integer not null,
      primary key (prefecture_code, shard)
    )
  `.execute(db);
  await sql`
    create table registration_national_months (
      month date not null,
      shard smallint not null,
      n integer not null,
      primary key (month, shard)
    )
  `.execute(db);
  for (const [event, changes, referencing] of [
    ['insert', 'select municipality_code, day, shard, n from added where relation_type = 0', 'new table as added'],
    [
      'update',
      `select a.municipality_code, a.day, a.shard, a.n - r.n as n
       from added a join removed r using (municipality_code, day, tier, relation_type, residence_prefecture, shard)
       where a.relation_type = 0`,
      'old table as removed new table as added',
    ],
  ] as const) {
    await sql
      .raw(`
        create function registration_national_rollups_on_${event}() returns trigger language plpgsql as $$
        begin
          insert into registration_prefecture_totals (prefecture_code, shard, n)
          select left(municipality_code, 2), shard, sum(n) from (${changes}) c
          group by 1, 2 having sum(n) <> 0 order by 1, 2
          on conflict (prefecture_code, shard) do update set n = registration_prefecture_totals.n + excluded.n;
          insert into registration_national_months (month, shard, n)
          select date_trunc('month', day)::date, shard, sum(n) from (${changes}) c
          group by 1, 2 having sum(n) <> 0 order by 1, 2
          on conflict (month, shard) do update set n = registration_national_months.n + excluded.n;
          return null;
        end $$`)
      .execute(db);
    await sql
      .raw(`
        create trigger registration_counters_national_${event} after ${event} on registration_counters
        referencing ${referencing} for each statement execute function registration_national_rollups_on_${event}()`)
      .execute(db);
  }

  // 実人数: people holding at least one registration, by the JST month they first registered (or left
  // their last one: a negative delta then). Statement triggers see the whole statement's rows, so a
  // person registering with a municipality and its prefecture at once counts once.
  await sql`
    create table registered_people_counters (
      month date not null,
      shard smallint not null,
      n integer not null,
      primary key (month, shard)
    )
  `.execute(db);
  await sql`
    create function registered_people_on_insert() returns trigger language plpgsql as $$
    begin
      insert into registered_people_counters (month, shard, n)
      select month, shard, count(*) from (
        select date_trunc('month', min(added.registered_at at time zone 'Asia/Tokyo'))::date as month,
               hashtext(added.person_id::text) & 7 as shard
        from added
        group by added.person_id
        having count(*) = (select count(*) from registrations r where r.person_id = added.person_id)
      ) first_ones
      group by 1, 2
      order by 1, 2
      on conflict (month, shard) do update set n = registered_people_counters.n + excluded.n;
      return null;
    end $$
  `.execute(db);
  await sql`
    create function registered_people_on_delete() returns trigger language plpgsql as $$
    begin
      insert into registered_people_counters (month, shard, n)
      select date_trunc('month', now() at time zone 'Asia/Tokyo')::date, hashtext(gone.person_id::text) & 7, -count(*)
      from (select distinct person_id from removed) gone
      where not exists (select 1 from registrations r where r.person_id = gone.person_id)
      group by 2
      order by 2
      on conflict (month, shard) do update set n = registered_people_counters.n + excluded.n;
      return null;
    end $$
  `.execute(db);
  await sql`
    create trigger registrations_people_added after insert on registrations
    referencing new table as added for each statement execute function registered_people_on_insert()
  `.execute(db);
  await sql`
    create trigger registrations_people_removed after delete on registrations
    referencing old table as removed for each statement execute function registered_people_on_delete()
  `.execute(db);

  // Databases that already hold registrations start from a recount.
  await sql`
    insert into registration_prefecture_totals
    select left(municipality_code, 2), shard, sum(n)
    from registration_counters where relation_type = 0 group by 1, 2
  `.execute(db);
  await sql`
    insert into registration_national_months
    select date_trunc('month', day)::date, shard, sum(n)
    from registration_counters where relation_type = 0 group by 1, 2
  `.execute(db);
  await sql`
    insert into registered_people_counters
    select month, shard, count(*) from (
      select date_trunc('month', min(registered_at at time zone 'Asia/Tokyo'))::date as month,
             hashtext(person_id::text) & 7 as shard
      from registrations group by person_id
    ) first group by 1, 2
  `.execute(db);
}
