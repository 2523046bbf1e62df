import { type Kysely, sql } from 'kysely';
// Aggregates the municipality and prefecture dashboards read (issue 7 §1–§2). A dashboard must answer in
// under 20 ms at 100 million registrations, so it never reads registration rows: everything here is a
// small counter table kept exact by triggers in the transaction of the write that changes it, sharded by
// person (8 ways, the same shard as registration_counters) so a busy municipality's writers do not queue.
//
// 1. Registrations folded from registration_counters without the residence dimension: by day, by month and
//    in total (tier × relationship type, 0 = every registration), and by residence prefecture (type 0).
// 2. Milestones: one marker per (municipality, person, milestone) for the first time a registrant reached a
//    depth — registered, read news, applied, took part, premium, type ④ — with the cohort (JST month of the
//    first registration) and how many months later. Funnel and cohort counters follow the markers: +1 on
//    insert, −1 when a marker goes with its person (account deletion), so they always equal a recount.
// 3. Confirmed helper activities and benefit uses per month.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The counter shard of a person, as rules.ts shardOf: the last byte of the id modulo 8.
  await sql`
    create function dashboard_shard(person uuid) returns smallint language sql immutable as $$
      select (('x' || right(person::text, 2))::bit(8)::int % 8)::smallint
    $$
  `.execute(db);
  await sql`
    create function dashboard_jst_month(at timestamptz) returns date language sql immutable as $$
      select date_trunc('month', at at time zone 'Asia/Tokyo')::date
    $$
  `.execute(db);

  for (const [table, time] of [
    ['dashboard_registration_days', 'day date not null,'],
    ['dashboard_registration_months', 'month date not null,'],
    ['dashboard_registration_totals', ''],
  ] as const) {
    // Relationship type before time: a comparison of many municipalities reads only type 0 over a range.
    const key = time
      ? `municipality_code, relation_type, ${time.split(' ')[0]}, tier, shard`
      : 'municipality_code, tier, relation_type, shard';
    await sql
      .raw(`
        create table ${table} (
          municipality_code char(6) not null,
          ${time}
          tier text not null,
          relation_type smallint not null,
          shard smallint not null,
          n integer not null,
          primary key (${key})
        )`)
      .execute(db);
  }
  await sql`
    create table dashboard_residence (
      municipality_code char(6) not null,
      tier text not null,
      residence_prefecture char(2) not null,
      shard smallint not null,
      n integer not null,
      primary key (municipality_code, tier, residence_prefecture, shard)
    )
  `.execute(db);
  // Statement triggers: a statement's counter changes are folded once per key (a bulk load of demo or
  // benchmark data would otherwise pay several upserts per row). Keys are written in sorted order, the
  // counters' own, so concurrent writers lock alike and cannot deadlock.
  for (const [event, changes] of [
    [
      'insert',
      `select municipality_code, day, date_trunc('month', day)::date as month, tier, relation_type,
              residence_prefecture, shard, n
       from added`,
    ],
    [
      'update',
      `select a.municipality_code, a.day, date_trunc('month', a.day)::date as month, a.tier, a.relation_type,
              a.residence_prefecture, a.shard, a.n - r.n as n
       from added a join removed r using (municipality_code, day, tier, relation_type, residence_prefecture, shard)`,
    ],
  ] as const) {
    const fold = (table: string, columns: string, conflict: string, where = '') => `
      insert into ${table} (${columns}, n)
      select ${columns}, sum(n) from (${changes}) c ${where}
      group by ${columns} having sum(n) <> 0 order by ${columns}
      on conflict (${conflict}) do update set n = ${table}.n + excluded.n;`;
    await sql
      .raw(`
        create function dashboard_registrations_on_${event}() returns trigger language plpgsql as $$
        begin
          -- An upsert fires both the insert and the update trigger; the one with no rows returns at once.
          if not exists (select from added) then return null; end if;
          ${fold('dashboard_registration_days', 'municipality_code, day, tier, relation_type, shard', 'municipality_code, relation_type, day, tier, shard')}
          ${fold('dashboard_registration_months', 'municipality_code, month, tier, relation_type, shard', 'municipality_code, relation_type, month, tier, shard')}
          ${fold('dashboard_registration_totals', 'municipality_code, tier, relation_type, shard', 'municipality_code, tier, relation_type, shard')}
          ${fold('dashboard_residence', 'municipality_code, tier, residence_prefecture, shard', 'municipality_code, tier, residence_prefecture, shard', 'where relation_type = 0')}
          return null;
        end $$`)
      .execute(db);
    const referencing = event === 'insert' ? 'new table as added' : 'old table as removed new table as added';
    await sql
      .raw(`
        create trigger registration_counters_dashboards_${event} after ${event} on registration_counters
        referencing ${referencing} for each statement execute function dashboard_registrations_on_${event}()`)
      .execute(db);
  }

  await sql`
    create table dashboard_milestones (
      municipality_code char(6) not null,
      person_id uuid not null references people (id) on delete cascade,
      milestone text not null
        check (milestone in ('registered', 'read_news', 'applied', 'took_part', 'premium', 'type4')),
      reached_at timestamptz not null,
      cohort_month date not null,
      months_after smallint not null check (months_after between 0 and 13),
      primary key (municipality_code, person_id, milestone)
    )
  `.execute(db);
  await sql`create index dashboard_milestones_person_idx on dashboard_milestones (person_id)`.execute(db);
  await sql`
    create table dashboard_funnel (
      municipality_code char(6) not null,
      milestone text not null,
      shard smallint not null,
      n integer not null,
      primary key (municipality_code, milestone, shard)
    )
  `.execute(db);
  await sql`
    create table dashboard_cohorts (
      municipality_code char(6) not null,
      cohort_month date not null,
      milestone text not null,
      months_after smallint not null,
      shard smallint not null,
      n integer not null,
      primary key (municipality_code, cohort_month, milestone, months_after, shard)
    )
  `.execute(db);
  // A milestone counts only for someone who registered with the municipality; its cohort is the month of
  // that first registration, and months_after is capped at 13 ("more than a year later").
  await sql`
    create function dashboard_milestone_place() returns trigger language plpgsql as $$
    declare
      first_registered timestamptz;
    begin
      if new.milestone = 'registered' then
        first_registered := new.reached_at;
      else
        select reached_at into first_registered from dashboard_milestones
          where municipality_code = new.municipality_code and person_id = new.person_id and milestone = 'registered';
        if not found then return null; end if;
      end if;
      new.cohort_month := dashboard_jst_month(first_registered);
      new.months_after := least(13, greatest(0,
        (extract(year from age(dashboard_jst_month(new.reached_at), new.cohort_month)) * 12
         + extract(month from age(dashboard_jst_month(new.reached_at), new.cohort_month)))::int));
      return new;
    end $$
  `.execute(db);
  await sql`
    create trigger dashboard_milestones_place before insert on dashboard_milestones
    for each row execute function dashboard_milestone_place()
  `.execute(db);
  for (const [event, table, sign] of [
    ['insert', 'new table as changed', '+'],
    ['delete', 'old table as changed', '-'],
  ] as const) {
    await sql
      .raw(`
        create function dashboard_milestones_on_${event}() returns trigger language plpgsql as $$
        begin
          if not exists (select from changed) then return null; end if;
          insert into dashboard_funnel (municipality_code, milestone, shard, n)
          select municipality_code, milestone, dashboard_shard(person_id), ${sign}count(*) from changed
          group by 1, 2, 3 order by 1, 2, 3
          on conflict (municipality_code, milestone, shard) do update set n = dashboard_funnel.n + excluded.n;
          insert into dashboard_cohorts (municipality_code, cohort_month, milestone, months_after, shard, n)
          select municipality_code, cohort_month, milestone, months_after, dashboard_shard(person_id), ${sign}count(*)
          from changed group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
          on conflict (municipality_code, cohort_month, milestone, months_after, shard)
          do update set n = dashboard_cohorts.n + excluded.n;
          return null;
        end $$`)
      .execute(db);
    await sql
      .raw(`
        create trigger dashboard_milestones_count_${event} after ${event} on dashboard_milestones
        referencing ${table} for each statement execute function dashboard_milestones_on_${event}()`)
      .execute(db);
  }

  // Where milestones come from: the registration history, helper applications and confirmed activities.
  // "Read news" is recorded by the content module when a registrant opens a post.
  // Registered first (in its own statement), so that the other milestones of the same statement find it.
  await sql`
    create function dashboard_milestones_from_events() returns trigger language plpgsql as $$
    begin
      insert into dashboard_milestones (municipality_code, person_id, milestone, reached_at, cohort_month, months_after)
      select municipality_code, person_id, 'registered', min(occurred_at), '2000-01-01', 0 from added
      where kind = 'registered' and person_id is not null group by 1, 2 order by 1, 2
      on conflict do nothing;
      insert into dashboard_milestones (municipality_code, person_id, milestone, reached_at, cohort_month, months_after)
      select municipality_code, person_id, milestone, min(occurred_at), '2000-01-01', 0 from (
        select municipality_code, person_id, 'premium' as milestone, occurred_at from added
        where tier = 'premium' and kind <> 'withdrawn' and person_id is not null
        union all
        select municipality_code, person_id, 'type4', occurred_at from added
        where 4 = any (relation_types) and kind <> 'withdrawn' and person_id is not null
      ) reached group by 1, 2, 3 order by 1, 2, 3
      on conflict do nothing;
      return null;
    end $$
  `.execute(db);
  await sql`
    create trigger registration_events_dashboards after insert on registration_events
    referencing new table as added for each statement execute function dashboard_milestones_from_events()
  `.execute(db);
  await sql`
    create function dashboard_milestones_from_applications() returns trigger language plpgsql as $$
    begin
      insert into dashboard_milestones (municipality_code, person_id, milestone, reached_at, cohort_month, months_after)
        values (new.municipality_code, new.person_id, 'applied', new.applied_at, '2000-01-01', 0)
        on conflict do nothing;
      return null;
    end $$
  `.execute(db);
  await sql`
    create trigger opportunity_applications_dashboards after insert on opportunity_applications
    for each row execute function dashboard_milestones_from_applications()
  `.execute(db);

  await sql`
    create table dashboard_activity_months (
      municipality_code char(6) not null,
      month date not null,
      kind text not null,
      shard smallint not null,
      n integer not null,
      primary key (municipality_code, month, kind, shard)
    )
  `.execute(db);
  // Confirmed activities only: a proof counts when it is confirmed and stops counting if that changes.
  await sql`
    create function dashboard_activities_apply() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') and old.status = 'confirmed' then
        insert into dashboard_activity_months
          values (old.municipality_code, date_trunc('month', old.occurred_on)::date, old.kind, dashboard_shard(old.person_id), -1)
          on conflict (municipality_code, month, kind, shard) do update set n = dashboard_activity_months.n - 1;
      end if;
      if tg_op in ('INSERT', 'UPDATE') and new.status = 'confirmed' then
        insert into dashboard_activity_months
          values (new.municipality_code, date_trunc('month', new.occurred_on)::date, new.kind, dashboard_shard(new.person_id), 1)
          on conflict (municipality_code, month, kind, shard) do update set n = dashboard_activity_months.n + 1;
        insert into dashboard_milestones (municipality_code, person_id, milestone, reached_at, cohort_month, months_after)
          values (new.municipality_code, new.person_id, 'took_part',
                  (new.occurred_on::timestamp at time zone 'Asia/Tokyo'), '2000-01-01', 0)
          on conflict do nothing;
      end if;
      return null;
    end $$
  `.execute(db);
  await sql`
    create trigger activity_records_dashboards after insert or update or delete on activity_records
    for each row execute function dashboard_activities_apply()
  `.execute(db);

  await sql`
    create table dashboard_benefit_months (
      municipality_code char(6) not null,
      month date not null,
      tier text not null,
      shard smallint not null,
      n integer not null,
      primary key (municipality_code, month, tier, shard)
    )
  `.execute(db);
  await sql`
    create function dashboard_benefits_apply() returns trigger language plpgsql as $$
    declare
      r redemptions;
      delta integer;
    begin
      if tg_op = 'INSERT' then r := new; delta := 1; else r := old; delta := -1; end if;
      insert into dashboard_benefit_months
        values (r.municipality_code, dashboard_jst_month(r.scanned_at), r.tier, dashboard_shard(r.person_id), delta)
        on conflict (municipality_code, month, tier, shard) do update set n = dashboard_benefit_months.n + excluded.n;
      return null;
    end $$
  `.execute(db);
  await sql`
    create trigger redemptions_dashboards after insert or delete on redemptions
    for each row execute function dashboard_benefits_apply()
  `.execute(db);

  await backfill(db);
}

/** A database that already holds data starts from a recount (the triggers then keep it). */
async function backfill(db: Kysely<unknown>): Promise<void> {
  for (const [table, time] of [
    ['dashboard_registration_days', 'day, '],
    ['dashboard_registration_months', "date_trunc('month', day)::date, "],
    ['dashboard_registration_totals', ''],
  ] as const) {
    const groups = time ? '1, 2, 3, 4, 5' : '1, 2, 3, 4';
    await sql
      .raw(
        `insert into ${table} select municipality_code, ${time}tier, relation_type, shard, sum(n)
         from registration_counters group by ${groups}`,
      )
      .execute(db);
  }
  await sql`
    insert into dashboard_residence
    select municipality_code, tier, residence_prefecture, shard, sum(n)
    from registration_counters where relation_type = 0 group by 1, 2, 3, 4
  `.execute(db);
  // Registered first: the other milestones look up the registration's month.
  await sql`
    insert into dashboard_milestones
    select municipality_code, person_id, 'registered', min(occurred_at), '2000-01-01'::date, 0
    from registration_events where kind = 'registered' and person_id is not null group by 1, 2
  `.execute(db);
  await sql`
    insert into dashboard_milestones
    select municipality_code, person_id, milestone, min(occurred_at), '2000-01-01'::date, 0 from (
      select municipality_code, person_id, 'premium' as milestone, occurred_at from registration_events
        where tier = 'premium' and kind <> 'withdrawn' and person_id is not null
      union all
      select municipality_code, person_id, 'type4', occurred_at from registration_events
        where 4 = any (relation_types) and kind <> 'withdrawn' and person_id is not null
      union all
      select municipality_code, person_id, 'applied', applied_at from opportunity_applications
      union all
      select municipality_code, person_id, 'took_part', occurred_on::timestamp at time zone 'Asia/Tokyo'
        from activity_records where status = 'confirmed'
    ) reached group by 1, 2, 3
  `.execute(db);
  await sql`
    insert into dashboard_activity_months
    select municipality_code, date_trunc('month', occurred_on)::date, kind, dashboard_shard(person_id), count(*)
    from activity_records where status = 'confirmed' group by 1, 2, 3, 4
  `.execute(db);
  await sql`
    insert into dashboard_benefit_months
    select municipality_code, dashboard_jst_month(scanned_at), tier, dashboard_shard(person_id), count(*)
    from redemptions group by 1, 2, 3, 4
  `.execute(db);
}
