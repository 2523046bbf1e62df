import { type Kysely, sql } from 'kysely';

// What a municipality shows about itself and sends to its registrants (staff console, issue 5).
// Images live in the database (bytea) so that one backup holds everything and every process serves them;
// they are re-encoded on upload, so only our own WebP output is ever stored or served.
// A post or profile photo points at an image through (municipality_code, image_id): the composite key
// makes it impossible to show another tenant's upload, whatever the application code does.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table content_images (
      municipality_code char(6) not null references municipalities (code),
      id uuid not null default gen_random_uuid() unique,
      width integer not null check (width between 1 and 1600),
      height integer not null check (height between 1 and 1600),
      bytes bytea not null,
      thumbnail bytea not null,
      uploaded_by uuid references people (id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (municipality_code, id)
    )
  `.execute(db);

  await sql`
    create table municipality_profiles (
      municipality_code char(6) primary key references municipalities (code),
      introduction text not null default '' check (length(introduction) <= 4000),
      introduction_html text not null default '',
      website_url text check (website_url ~ '^https?://'),
      furusato_nozei_url text check (furusato_nozei_url ~ '^https?://'),
      fan_club_url text check (fan_club_url ~ '^https?://'),
      contact_department text check (length(contact_department) <= 100),
      contact_phone text check (length(contact_phone) <= 20),
      contact_email text check (length(contact_email) <= 254),
      welcomed_relation_types smallint[] not null default '{}'
        check (welcomed_relation_types <@ '{1,2,3,4}'::smallint[]),
      updated_at timestamptz not null default now(),
      updated_by uuid references people (id) on delete set null
    )
  `.execute(db);

  await sql`
    create table profile_photos (
      municipality_code char(6) not null references municipality_profiles (municipality_code) on delete cascade,
      position smallint not null check (position between 0 and 5),
      image_id uuid not null,
      alt text not null default '' check (length(alt) <= 200),
      primary key (municipality_code, position),
      foreign key (municipality_code, image_id) references content_images (municipality_code, id)
    )
  `.execute(db);

  // publish_at null is a draft; in the future, scheduled; reached, published. Nothing flips a status at
  // the scheduled time: readers compare publish_at with now, so no job can be late or run twice.
  await sql`
    create table posts (
      municipality_code char(6) not null references municipalities (code),
      id uuid not null default gen_random_uuid() unique,
      title text not null check (length(title) between 1 and 120),
      body text not null check (length(body) <= 20000),
      body_html text not null,
      excerpt text not null,
      cover_image_id uuid,
      cover_image_alt text not null default '' check (length(cover_image_alt) <= 200),
      audience text not null check (audience in ('all', 'premium', 'relation_types')),
      audience_relation_types smallint[] not null default '{}'
        check (audience_relation_types <@ '{1,2,3,4}'::smallint[]),
      publish_at timestamptz,
      pinned boolean not null default false,
      created_by uuid references people (id) on delete set null,
      updated_by uuid references people (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (municipality_code, id),
      foreign key (municipality_code, cover_image_id) references content_images (municipality_code, id),
      constraint posts_audience_types check ((audience = 'relation_types') = (cardinality(audience_relation_types) > 0))
    )
  `.execute(db);
  await sql`create index posts_published_idx on posts (municipality_code, pinned desc, publish_at desc) where publish_at is not null`.execute(
    db,
  );
}
