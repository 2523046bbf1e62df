import { type Kysely, sql } from 'kysely';

// Passkeys (WebAuthn). A passkey alone is enough to sign up, so an account may have no e-mail
// address until its owner adds and verifies one: we never store an address nobody proved to own.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table people alter column email drop not null`.execute(db);

  await sql`
    create table passkeys (
      id text primary key,
      person_id uuid not null references people (id) on delete cascade,
      public_key bytea not null,
      counter bigint not null default 0,
      transports text[] not null default '{}',
      device_type text not null check (device_type in ('singleDevice', 'multiDevice')),
      backed_up boolean not null,
      name text not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz
    )
  `.execute(db);
  await sql`create index passkeys_person_idx on passkeys (person_id)`.execute(db);

  await sql`
    create table webauthn_challenges (
      id uuid primary key default gen_random_uuid(),
      challenge text not null,
      purpose text not null check (purpose in ('register', 'authenticate')),
      person_id uuid references people (id) on delete cascade,
      new_person_id uuid,
      display_name text,
      expires_at timestamptz not null,
      consumed_at timestamptz,
      created_at timestamptz not null default now()
    )
  `.execute(db);
}
