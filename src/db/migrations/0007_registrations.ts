import { type Kysely, sql } from 'kysely';

// Furusato resident registration (seed 第1). Tenant data leads with municipality_code, personal data
// with person_id (ARCHITECTURE.md: the distribution keys).
//
// Counters: one row per (municipality, JST day, tier, relation type, residence prefecture, shard) holding
// the net change of that day. relation_type 0 counts every registration once; 1–4 count per type held.
// A viral municipality's writes spread over 8 shard rows (chosen from the person id) instead of queueing
// on one; readers sum the shards. Counters never shrink retroactively: a withdrawal or account deletion
// is a negative delta on the day it happens.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table people
      add column birth_year smallint check (birth_year between 1900 and 2100),
      add column residence_prefecture char(2) check (residence_prefecture ~ '^(0[1-9]|[1-3][0-9]|4[0-7]|99)$')
  `.execute(db);

  await sql`
    create table registrations (
      municipality_code char(6) not null references municipalities (code),
      person_id uuid not null references people (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      tier text not null default 'basic' check (tier in ('basic', 'premium')),
      relation_types smallint[] not null
        check (cardinality(relation_types) between 1 and 4 and relation_types <@ '{1,2,3,4}'::smallint[]),
      implicit boolean not null default false,
      consents text[] not null default '{}'
        check (consents <@ '{name,email,age_band,residence,relation_details,news}'::text[]),
      residence_prefecture char(2) not null,
      source text not null default 'app' check (source in ('app', 'api', 'import', 'demo')),
      registered_at timestamptz not null default now(),
      premium_since timestamptz,
      premium_expires_at timestamptz,
      premium_reminded_at timestamptz,
      updated_at timestamptz not null default now(),
      primary key (municipality_code, person_id),
      constraint registrations_premium_has_expiry check ((tier = 'premium') = (premium_expires_at is not null))
    )
  `.execute(db);
  await sql`create unique index registrations_id_key on registrations (id)`.execute(db);
  await sql`create index registrations_person_idx on registrations (person_id)`.execute(db);
  await sql`create index registrations_premium_expiry_idx on registrations (premium_expires_at) where tier = 'premium'`.execute(
    db,
  );

  await sql`
    create table registration_events (
      municipality_code char(6) not null,
      id bigint generated always as identity,
      person_id uuid,
      registration_id uuid,
      kind text not null check (kind in (
        'registered', 'withdrawn', 'upgraded', 'renewed', 'downgraded', 'types_changed', 'consents_changed'
      )),
      tier text not null check (tier in ('basic', 'premium')),
      relation_types smallint[] not null,
      residence_prefecture char(2) not null,
      details jsonb,
      occurred_at timestamptz not null default now(),
      primary key (municipality_code, id)
    )
  `.execute(db);
  await sql`create index registration_events_person_idx on registration_events (person_id) where person_id is not null`.execute(
    db,
  );
  // History is append-only. The one change allowed is forgetting who it was about (account deletion).
  await sql`
    create function registration_events_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE'
         and new.person_id is null and new.registration_id is null
         and (new.municipality_code, new.id, new.kind, new.tier, new.relation_types,
              new.residence_prefecture, new.occurred_at)
             is not distinct from
             (old.municipality_code, old.id, old.kind, old.tier, old.relation_types,
              old.residence_prefecture, old.occurred_at)
      then
        return new;
      end if;
      raise exception 'registration_events is append-only';
    end $$
  `.execute(db);
  await sql`
    create trigger registration_events_append_only before update or delete on registration_events
    for each row execute function registration_events_guard()
  `.execute(db);

  await sql`
    create table registration_counters (
      municipality_code char(6) not null,
      day date not null,
      tier text not null check (tier in ('basic', 'premium')),
      relation_type smallint not null check (relation_type between 0 and 4),
      residence_prefecture char(2) not null,
      shard smallint not null check (shard between 0 and 7),
      n integer not null,
      primary key (municipality_code, day, tier, relation_type, residence_prefecture, shard)
    )
  `.execute(db);

  await sql`
    create table premium_rules (
      municipality_code char(6) primary key references municipalities (code),
      min_activities smallint not null check (min_activities between 3 and 50),
      activity_kinds text[] not null check (cardinality(activity_kinds) >= 1),
      required_relation_types smallint[] not null default '{}' check (required_relation_types <@ '{1,2,3,4}'::smallint[]),
      staff_review boolean not null default false,
      updated_at timestamptz not null default now(),
      updated_by uuid references people (id) on delete set null
    )
  `.execute(db);

  await sql`
    create table activity_records (
      person_id uuid not null references people (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      municipality_code char(6) not null references municipalities (code),
      kind text not null,
      occurred_on date not null,
      source text not null check (source in ('platform', 'proof')),
      status text not null check (status in ('confirmed', 'pending', 'rejected')),
      note text,
      recorded_by uuid references people (id) on delete set null,
      reviewed_by uuid references people (id) on delete set null,
      reviewed_at timestamptz,
      review_reason text,
      created_at timestamptz not null default now(),
      primary key (person_id, id),
      constraint activity_records_id_key unique (id)
    )
  `.execute(db);
  await sql`create index activity_records_review_idx on activity_records (municipality_code, status, created_at)`.execute(
    db,
  );

  await sql`
    create table activity_proofs (
      person_id uuid not null,
      activity_id uuid not null,
      content_type text not null check (content_type in ('image/jpeg', 'image/png', 'application/pdf')),
      size_bytes integer not null,
      sha256 bytea not null,
      bytes bytea not null,
      primary key (person_id, activity_id),
      foreign key (person_id, activity_id) references activity_records (person_id, id) on delete cascade
    )
  `.execute(db);

  await sql`
    create table premium_applications (
      municipality_code char(6) not null,
      id uuid not null default gen_random_uuid(),
      person_id uuid not null references people (id) on delete cascade,
      kind text not null check (kind in ('new', 'renewal')),
      status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
      evaluation jsonb not null,
      submitted_at timestamptz not null default now(),
      decided_at timestamptz,
      decided_by uuid references people (id) on delete set null,
      reason text,
      primary key (municipality_code, id)
    )
  `.execute(db);
  await sql`create unique index premium_applications_one_pending on premium_applications (municipality_code, person_id) where status = 'pending'`.execute(
    db,
  );
  await sql`create index premium_applications_person_idx on premium_applications (person_id)`.execute(db);

  // A mobile client retries a POST with the same Idempotency-Key and gets the first answer back.
  await sql`
    create table idempotency_keys (
      person_id uuid not null references people (id) on delete cascade,
      key text not null,
      request_hash bytea not null,
      status_code smallint,
      response jsonb,
      created_at timestamptz not null default now(),
      primary key (person_id, key)
    )
  `.execute(db);
  await sql`create index idempotency_keys_created_idx on idempotency_keys (created_at)`.execute(db);
}
