import { type Kysely, sql } from 'kysely';

// Partner businesses (shops, inns, co-working spaces) belong to one municipality; their people get
// the `partner` role bound to exactly one partner, and nothing else in the tenant.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table partners (
      municipality_code char(6) not null references municipalities (code),
      id uuid not null default gen_random_uuid() unique,
      name text not null check (length(name) between 1 and 100),
      created_at timestamptz not null default now(),
      primary key (municipality_code, id)
    )
  `.execute(db);
  await sql`alter table staff_memberships add column partner_id uuid references partners (id) on delete cascade`.execute(
    db,
  );
  await sql`alter table staff_memberships drop constraint staff_memberships_role_check`.execute(db);
  await sql`
    alter table staff_memberships add constraint staff_memberships_role_check
      check (role in ('admin', 'editor', 'viewer', 'partner') and ((role = 'partner') = (partner_id is not null)))
  `.execute(db);
}
