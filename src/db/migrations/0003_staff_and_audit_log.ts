import { type Kysely, sql } from 'kysely';

// Staff belong to a tenant: a municipality or prefecture (its 6-digit code) or the national level.
// The audit log is append-only by trigger, so not even a bug in our own code can rewrite history.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table staff_memberships (
      tenant text not null check (tenant = 'national' or tenant ~ '^[0-9]{6}$'),
      person_id uuid not null references people (id) on delete cascade,
      role text not null check (role in ('admin', 'editor', 'viewer')),
      granted_by uuid references people (id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (tenant, person_id)
    )
  `.execute(db);
  await sql`create index staff_memberships_person_idx on staff_memberships (person_id)`.execute(db);

  await sql`
    create table audit_log (
      tenant text not null,
      id bigint generated always as identity,
      occurred_at timestamptz not null default now(),
      actor_person_id uuid,
      action text not null,
      subject_type text,
      subject_id text,
      request_id text,
      details jsonb,
      primary key (tenant, id)
    )
  `.execute(db);
  await sql`create index audit_log_tenant_time_idx on audit_log (tenant, occurred_at desc)`.execute(db);
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end
    $$
  `.execute(db);
  await sql`
    create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_append_only()
  `.execute(db);
}
