import { type Kysely, sql } from 'kysely';

// Identity verification with the My Number Card (デジタル認証アプリ, OpenID Connect). Of everything the
// provider tells us we keep only the level, the time and the municipality of residence (the premium tier
// is not open in one's own municipality); name, birthdate and address are read and dropped.
// A pending verification keeps its state (as a SHA-256 hash), nonce and PKCE verifier for ten minutes,
// bound to the person who started it; personal data, so the key leads with person_id.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table people
      add column identity_verified_at timestamptz,
      add column identity_level text check (identity_level in ('my_number_card')),
      add column registered_municipality_code char(6) check (registered_municipality_code ~ '^[0-9]{6}$'),
      add constraint people_identity_level_with_time check ((identity_level is null) = (identity_verified_at is null))
  `.execute(db);

  await sql`
    create table identity_verification_requests (
      person_id uuid not null references people (id) on delete cascade,
      state_hash bytea not null,
      nonce text not null,
      code_verifier text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      consumed_at timestamptz,
      primary key (person_id, state_hash)
    )
  `.execute(db);
  await sql`create index identity_verification_requests_expiry_idx on identity_verification_requests (expires_at)`.execute(
    db,
  );
}
