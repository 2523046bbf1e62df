import { type Kysely, sql } from 'kysely';

// Helper recruitment (担い手の募集): opportunities with their sessions, residents' applications, messages
// from staff to applicants, and attendance check-ins that become confirmed helper activities.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Secrets every server process must agree on (e.g. the check-in token key), made at first use.
  await sql`
    create table platform_secrets (
      name text primary key,
      secret bytea not null check (length(secret) >= 32),
      created_at timestamptz not null default now()
    )
  `.execute(db);

  await sql`
    create table opportunities (
      municipality_code char(6) not null references municipalities (code),
      id uuid not null default gen_random_uuid(),
      kind text not null check (kind in (
        'volunteer', 'side_job', 'working_holiday', 'community_cooperator', 'fieldwork',
        'disaster_volunteer', 'event_help'
      )),
      title text not null check (length(title) between 1 and 100),
      description text not null check (length(description) between 1 and 5000),
      place text not null check (length(place) between 1 and 200),
      online boolean not null default false,
      capacity integer not null check (capacity between 1 and 10000),
      min_tier text not null default 'basic' check (min_tier in ('basic', 'premium')),
      identity_required boolean not null default false,
      relation_types smallint[] not null default '{}' check (relation_types <@ '{1,2,3,4}'::smallint[]),
      questions text[] not null default '{}' check (cardinality(questions) <= 5),
      status text not null default 'draft' check (status in ('draft', 'open', 'closed')),
      created_by uuid references people (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (municipality_code, id),
      constraint opportunities_id_key unique (id)
    )
  `.execute(db);
  await sql`create index opportunities_open_idx on opportunities (status, kind) where status = 'open'`.execute(db);

  // A session lies within one day or across one midnight: the check-in token is valid on its day(s).
  await sql`
    create table opportunity_sessions (
      municipality_code char(6) not null,
      opportunity_id uuid not null,
      id uuid not null default gen_random_uuid(),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      primary key (municipality_code, opportunity_id, id),
      constraint opportunity_sessions_id_key unique (id),
      constraint opportunity_sessions_times check (ends_at > starts_at and ends_at <= starts_at + interval '24 hours'),
      foreign key (municipality_code, opportunity_id) references opportunities (municipality_code, id) on delete cascade
    )
  `.execute(db);
  await sql`create index opportunity_sessions_upcoming_idx on opportunity_sessions (ends_at, starts_at)`.execute(db);

  // Answers are kept with their questions, so a later edit of the questions cannot misalign them.
  await sql`
    create table opportunity_applications (
      municipality_code char(6) not null,
      id uuid not null default gen_random_uuid(),
      opportunity_id uuid not null,
      person_id uuid not null references people (id) on delete cascade,
      status text not null default 'applied'
        check (status in ('applied', 'accepted', 'declined', 'attended', 'no_show', 'cancelled')),
      answers jsonb not null default '[]',
      applied_at timestamptz not null default now(),
      decided_at timestamptz,
      decided_by uuid references people (id) on delete set null,
      cancelled_at timestamptz,
      updated_at timestamptz not null default now(),
      primary key (municipality_code, id),
      constraint opportunity_applications_id_key unique (id),
      constraint opportunity_applications_one_per_person unique (municipality_code, opportunity_id, person_id),
      foreign key (municipality_code, opportunity_id) references opportunities (municipality_code, id)
    )
  `.execute(db);
  await sql`create index opportunity_applications_person_idx on opportunity_applications (person_id, applied_at)`.execute(
    db,
  );
  await sql`create index opportunity_applications_status_idx on opportunity_applications (municipality_code, opportunity_id, status)`.execute(
    db,
  );

  await sql`
    create table application_messages (
      municipality_code char(6) not null,
      application_id uuid not null,
      id uuid not null default gen_random_uuid(),
      body text not null check (length(body) between 1 and 2000),
      sent_by uuid references people (id) on delete set null,
      sent_at timestamptz not null default now(),
      primary key (municipality_code, application_id, id),
      foreign key (municipality_code, application_id)
        references opportunity_applications (municipality_code, id) on delete cascade
    )
  `.execute(db);

  // One check-in per application and session: the primary key is what makes a second one a no-op.
  // A session with check-ins cannot be deleted (the FK has no cascade), so attendance keeps its day.
  await sql`
    create table opportunity_check_ins (
      municipality_code char(6) not null,
      application_id uuid not null,
      session_id uuid not null,
      opportunity_id uuid not null,
      activity_id uuid references activity_records (id) on delete set null,
      method text not null check (method in ('token', 'staff')),
      checked_in_by uuid references people (id) on delete set null,
      checked_in_at timestamptz not null default now(),
      primary key (municipality_code, application_id, session_id),
      foreign key (municipality_code, application_id)
        references opportunity_applications (municipality_code, id) on delete cascade,
      foreign key (municipality_code, opportunity_id, session_id)
        references opportunity_sessions (municipality_code, opportunity_id, id)
    )
  `.execute(db);
}
