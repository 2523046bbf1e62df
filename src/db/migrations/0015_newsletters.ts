import { type Kysely, sql } from 'kysely';

// Newsletters and notifications (issue 5 §7). A newsletter is composed once and sent to a segment of the
// municipality's registrants who consented to news; every (recipient, channel) gets one delivery row, so a
// send reaches each person once per channel whatever the queue retries. `seq` numbers the rows of one
// newsletter densely: a queue job covers a range of it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table newsletters (
      municipality_code char(6) not null references municipalities (code),
      id uuid not null default gen_random_uuid() unique,
      subject text not null check (length(subject) between 1 and 200),
      body text not null check (length(body) between 1 and 20000),
      body_html text not null,
      segment jsonb not null,
      channels text[] not null check (cardinality(channels) >= 1 and channels <@ '{email,push}'::text[]),
      status text not null default 'draft' check (status in ('draft', 'sending', 'sent')),
      test_sent_at timestamptz,
      test_sent_digest text,
      recipient_count integer,
      created_by uuid references people (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      send_started_at timestamptz,
      sent_by uuid references people (id) on delete set null,
      completed_at timestamptz,
      primary key (municipality_code, id)
    )
  `.execute(db);
  await sql`create index newsletters_list_idx on newsletters (municipality_code, created_at desc)`.execute(db);

  await sql`
    create table newsletter_deliveries (
      newsletter_id uuid not null references newsletters (id) on delete cascade,
      seq integer not null,
      person_id uuid not null references people (id) on delete cascade,
      channel text not null check (channel in ('email', 'push')),
      status text not null default 'queued'
        check (status in ('queued', 'retrying', 'sent', 'failed', 'unsubscribed', 'unreachable')),
      attempts smallint not null default 0,
      last_error text,
      updated_at timestamptz not null default now(),
      primary key (newsletter_id, seq),
      unique (newsletter_id, person_id, channel)
    )
  `.execute(db);
  await sql`create index newsletter_deliveries_status_idx on newsletter_deliveries (newsletter_id, status)`.execute(db);
  await sql`create index newsletter_deliveries_person_idx on newsletter_deliveries (person_id)`.execute(db);

  // A browser's Web Push subscription (RFC 8030). The endpoint is the push service's address for that
  // browser: unique, and removed when the push service answers 404/410.
  await sql`
    create table push_subscriptions (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people (id) on delete cascade,
      endpoint text not null unique check (endpoint ~ '^https://' and length(endpoint) <= 2000),
      p256dh text not null,
      auth text not null,
      user_agent text,
      created_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`create index push_subscriptions_person_idx on push_subscriptions (person_id)`.execute(db);

  // Generated once by the first server (VAPID, RFC 8292, and the key that signs unsubscribe links): the
  // same keys on every process, and push subscriptions stay valid across restarts.
  await sql`
    create table notification_keys (
      id smallint primary key check (id = 1),
      vapid_public_key text not null,
      vapid_private_key text not null,
      unsubscribe_secret text not null,
      created_at timestamptz not null default now()
    )
  `.execute(db);
}
