import { type Kysely, sql } from 'kysely';

// Residents and staff share one account table; sign-in is by one-time e-mail code/link (passkeys
// follow). Secrets are stored only as SHA-256 hashes: a leaked table cannot be replayed. The CSRF
// token is derived from the session token, so it needs no column.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table people (
      id uuid primary key default gen_random_uuid(),
      email text not null check (email = lower(email) and position('@' in email) > 1),
      display_name text,
      locale text not null default 'ja' check (locale in ('ja', 'en')),
      created_at timestamptz not null default now(),
      deleted_at timestamptz
    )
  `.execute(db);
  await sql`create unique index people_email_key on people (email) where deleted_at is null`.execute(db);

  await sql`
    create table sign_in_codes (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      code_hash bytea not null,
      link_token_hash bytea not null unique,
      expires_at timestamptz not null,
      consumed_at timestamptz,
      failed_attempts smallint not null default 0,
      created_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`create index sign_in_codes_email_idx on sign_in_codes (email, created_at desc)`.execute(db);

  await sql`
    create table sessions (
      token_hash bytea primary key,
      person_id uuid not null references people (id) on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      idle_expires_at timestamptz not null,
      absolute_expires_at timestamptz not null,
      user_agent text
    )
  `.execute(db);
  await sql`create index sessions_person_idx on sessions (person_id)`.execute(db);

  await sql`
    create table mail_outbox (
      id uuid primary key default gen_random_uuid(),
      to_address text not null,
      subject text not null,
      text_body text not null,
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      last_error text
    )
  `.execute(db);
  await sql`create index mail_outbox_unsent_idx on mail_outbox (created_at) where sent_at is null`.execute(db);
}
