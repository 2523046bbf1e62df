import { type Kysely, sql } from 'kysely';

// Digital member cards and support measures (サポート施策).
//
// card_signing_keys is platform-wide (one key set for every municipality, so a scanner needs one JWKS).
// Keys follow a schedule: each generation signs for 30 days from active_from, is published a week
// before that (offline scanners pick it up in advance) and stays published until unpublish_at, so a
// use scanned offline can still be verified when it is synced. The private half is erased at retirement.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table card_signing_keys (
      generation integer primary key check (generation >= 0),
      kid text not null unique,
      public_jwk jsonb not null,
      private_jwk jsonb,
      active_from timestamptz not null,
      retire_at timestamptz not null,
      unpublish_at timestamptz not null,
      created_at timestamptz not null default now(),
      check (active_from < retire_at and retire_at <= unpublish_at)
    )
  `.execute(db);

  await sql`
    create table support_measures (
      municipality_code char(6) not null references municipalities (code),
      id uuid not null default gen_random_uuid(),
      kind text not null check (kind in ('discount', 'lodging_transport', 'resident_rate', 'subsidy', 'information')),
      title text not null check (length(title) between 1 and 100),
      summary text not null default '' check (length(summary) <= 200),
      description text not null default '' check (length(description) <= 4000),
      min_tier text not null default 'basic' check (min_tier in ('basic', 'premium')),
      relation_types smallint[] not null default '{}' check (relation_types <@ '{1,2,3,4}'::smallint[]),
      usage text not null default 'repeatable' check (usage in ('once', 'repeatable')),
      valid_from date,
      valid_until date,
      max_amount_yen integer check (max_amount_yen > 0),
      form_fields jsonb not null default '[]',
      published boolean not null default true,
      created_by uuid references people (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (municipality_code, id),
      constraint support_measures_id_key unique (id),
      check (valid_from is null or valid_until is null or valid_from <= valid_until)
    )
  `.execute(db);

  // A partner honours measures of its own municipality only: both keys carry the municipality.
  await sql`
    create table support_measure_partners (
      municipality_code char(6) not null,
      measure_id uuid not null,
      partner_id uuid not null,
      primary key (municipality_code, measure_id, partner_id),
      foreign key (municipality_code, measure_id) references support_measures (municipality_code, id) on delete cascade,
      foreign key (municipality_code, partner_id) references partners (municipality_code, id) on delete cascade
    )
  `.execute(db);
  await sql`create index support_measure_partners_partner_idx on support_measure_partners (partner_id)`.execute(db);

  // The applicant block is what the person confirmed when applying: staff see that and nothing else.
  await sql`
    create table subsidy_applications (
      municipality_code char(6) not null,
      id uuid not null default gen_random_uuid(),
      measure_id uuid not null,
      person_id uuid not null references people (id) on delete cascade,
      member_id uuid not null,
      status text not null default 'submitted' check (status in ('submitted', 'approved', 'rejected')),
      applicant jsonb not null,
      answers jsonb not null,
      submitted_at timestamptz not null default now(),
      decided_at timestamptz,
      decided_by uuid references people (id) on delete set null,
      reason text,
      primary key (municipality_code, id),
      foreign key (municipality_code, measure_id) references support_measures (municipality_code, id)
    )
  `.execute(db);
  await sql`create index subsidy_applications_person_idx on subsidy_applications (person_id)`.execute(db);
  await sql`create index subsidy_applications_queue_idx on subsidy_applications (municipality_code, status, submitted_at)`.execute(
    db,
  );

  // client_use_id is made by the scanner: a use re-sent after an offline period counts once per partner.
  // A one-time measure is once per person (not per registration), so withdrawing and registering
  // again does not make it usable a second time; `once` is copied from the measure so the unique
  // index can enforce it against concurrent scans.
  await sql`
    create table redemptions (
      municipality_code char(6) not null,
      id uuid not null default gen_random_uuid(),
      measure_id uuid not null,
      partner_id uuid not null,
      person_id uuid not null references people (id) on delete cascade,
      member_id uuid not null,
      tier text not null check (tier in ('basic', 'premium')),
      once boolean not null,
      client_use_id uuid not null,
      token_id text not null,
      scanned_at timestamptz not null,
      offline boolean not null,
      recorded_at timestamptz not null default now(),
      recorded_by uuid references people (id) on delete set null,
      primary key (municipality_code, id),
      constraint redemptions_client_use_key unique (partner_id, client_use_id),
      foreign key (municipality_code, measure_id) references support_measures (municipality_code, id),
      foreign key (municipality_code, partner_id) references partners (municipality_code, id)
    )
  `.execute(db);
  await sql`create unique index redemptions_once_per_person on redemptions (municipality_code, measure_id, person_id) where once`.execute(
    db,
  );
  await sql`create index redemptions_recent_idx on redemptions (municipality_code, recorded_at desc)`.execute(db);
  await sql`create index redemptions_person_idx on redemptions (person_id)`.execute(db);
}
