import { type RawBuilder, sql } from 'kysely';
import type { DeliveryStatus } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import type { Channel, Segment } from './rules.ts';

export const DELIVERY_STATUSES: DeliveryStatus[] = [
  'queued',
  'retrying',
  'sent',
  'failed',
  'unsubscribed',
  'unreachable',
];

const newsletterColumns = [
  'id',
  'municipality_code as municipalityCode',
  'subject',
  'body',
  'body_html as bodyHtml',
  'segment',
  'channels',
  'status',
  'test_sent_at as testSentAt',
  'test_sent_digest as testSentDigest',
  'recipient_count as recipientCount',
  'created_at as createdAt',
  'updated_at as updatedAt',
  'send_started_at as sendStartedAt',
  'completed_at as completedAt',
] as const;

export function findNewsletter(db: Executor, tenant: string, id: string) {
  return db
    .selectFrom('newsletters')
    .select(newsletterColumns)
    .where('municipality_code', '=', tenant)
    .where('id', '=', id)
    .executeTakeFirst();
}
export type NewsletterRow = NonNullable<Awaited<ReturnType<typeof findNewsletter>>>;

/** The row locked for the rest of the transaction: two concurrent sends of one newsletter queue it once. */
export function lockNewsletter(db: Executor, tenant: string, id: string) {
  return db
    .selectFrom('newsletters')
    .select(newsletterColumns)
    .where('municipality_code', '=', tenant)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function listNewsletters(db: Executor, tenant: string, page: { limit: number; offset: number }) {
  const [items, count] = await Promise.all([
    db
      .selectFrom('newsletters')
      .select(['id', 'subject', 'status', 'channels', 'recipient_count as recipientCount', 'created_at as createdAt'])
      .select(['send_started_at as sendStartedAt', 'completed_at as completedAt'])
      .where('municipality_code', '=', tenant)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('newsletters')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('municipality_code', '=', tenant)
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function insertNewsletter(
  db: Executor,
  row: {
    tenant: string;
    subject: string;
    body: string;
    bodyHtml: string;
    segment: Segment;
    channels: Channel[];
    createdBy: string;
  },
): Promise<string> {
  const { id } = await db
    .insertInto('newsletters')
    .values({
      municipality_code: row.tenant,
      subject: row.subject,
      body: row.body,
      body_html: row.bodyHtml,
      segment: JSON.stringify(row.segment),
      channels: row.channels,
      created_by: row.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateDraft(
  db: Executor,
  tenant: string,
  id: string,
  row: { subject: string; body: string; bodyHtml: string; segment: Segment; channels: Channel[] },
): Promise<void> {
  await db
    .updateTable('newsletters')
    .set({
      subject: row.subject,
      body: row.body,
      body_html: row.bodyHtml,
      segment: JSON.stringify(row.segment),
      channels: row.channels,
      updated_at: new Date(),
    })
    .where('municipality_code', '=', tenant)
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .execute();
}

export async function recordTestSend(db: Executor, id: string, digest: string): Promise<void> {
  await db
    .updateTable('newsletters')
    .set({ test_sent_at: new Date(), test_sent_digest: digest })
    .where('id', '=', id)
    .execute();
}

/** The segment's registrants within consent, on one channel, as SQL (see rules.ts segmentAdmits). */
function segmentRecipients(tenant: string, segment: Segment, channel: Channel): RawBuilder<unknown> {
  const bySegment =
    segment.kind === 'premium'
      ? sql`and r.tier = 'premium'`
      : segment.kind === 'relation_types'
        ? sql`and r.relation_types && ${sql.val(segment.relationTypes)}::smallint[]`
        : sql``;
  const reachable =
    channel === 'email'
      ? sql`and p.email is not null`
      : sql`and exists (select 1 from push_subscriptions s where s.person_id = r.person_id)`;
  return sql`
    select r.person_id, ${channel}::text as channel
    from registrations r join people p on p.id = r.person_id
    where r.municipality_code = ${tenant} and 'news' = any (r.consents) and p.deleted_at is null
      ${bySegment} ${reachable}`;
}

export async function countAudience(db: Executor, tenant: string, segment: Segment, channels: Channel[]) {
  const parts = channels.map((c) => segmentRecipients(tenant, segment, c));
  const union = sql.join(parts, sql` union all `);
  const result = await sql<{ channel: Channel | null; n: string }>`
    select channel, count(*) as n from (${union}) x group by rollup (channel)`.execute(db);
  const people = await sql<{ n: string }>`
    select count(distinct person_id) as n from (${union}) x`.execute(db);
  const of = (c: Channel) => Number(result.rows.find((r) => r.channel === c)?.n ?? 0);
  return { email: of('email'), push: of('push'), people: Number(people.rows[0]?.n ?? 0) };
}

/** One delivery row per (recipient, channel), numbered 0… in one statement; answers how many. */
export async function insertDeliveries(
  db: Executor,
  newsletterId: string,
  tenant: string,
  segment: Segment,
  channels: Channel[],
): Promise<number> {
  const union = sql.join(
    channels.map((c) => segmentRecipients(tenant, segment, c)),
    sql` union all `,
  );
  const result = await sql`
    insert into newsletter_deliveries (newsletter_id, seq, person_id, channel)
    select ${newsletterId}::uuid, (row_number() over (order by channel, person_id) - 1)::int, person_id, channel
    from (${union}) x`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export async function markSending(db: Executor, id: string, actor: string, recipients: number): Promise<void> {
  await db
    .updateTable('newsletters')
    .set({ status: 'sending', send_started_at: new Date(), sent_by: actor, recipient_count: recipients })
    .where('id', '=', id)
    .execute();
}

export async function statusCounts(db: Executor, newsletterId: string): Promise<Record<DeliveryStatus, number>> {
  const rows = await db
    .selectFrom('newsletter_deliveries')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('newsletter_id', '=', newsletterId)
    .groupBy('status')
    .execute();
  const counts = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

export async function listDeliveries(
  db: Executor,
  newsletterId: string,
  tenant: string,
  filter: { status?: DeliveryStatus; limit: number; offset: number },
) {
  let query = db
    .selectFrom('newsletter_deliveries as d')
    .leftJoin('registrations as r', (join) =>
      join.onRef('r.person_id', '=', 'd.person_id').on('r.municipality_code', '=', tenant),
    )
    .leftJoin('people as p', 'p.id', 'd.person_id')
    .where('d.newsletter_id', '=', newsletterId);
  if (filter.status) query = query.where('d.status', '=', filter.status);
  const [items, count] = await Promise.all([
    query
      .select([
        'd.seq',
        'd.channel',
        'd.status',
        'd.attempts',
        'd.last_error as lastError',
        'd.updated_at as updatedAt',
        'r.id as registrationId',
        // The name only where the person consented to show it to this municipality.
        sql<string | null>`case when 'name' = any (r.consents) then p.display_name end`.as('recipient'),
      ])
      .orderBy('d.seq')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** A batch's pending deliveries with what a delivery needs to re-check consent and reach the person. */
export function pendingDeliveries(db: Executor, newsletterId: string, tenant: string, from: number, to: number) {
  return db
    .selectFrom('newsletter_deliveries as d')
    .innerJoin('people as p', 'p.id', 'd.person_id')
    .leftJoin('registrations as r', (join) =>
      join.onRef('r.person_id', '=', 'd.person_id').on('r.municipality_code', '=', tenant),
    )
    .select(['d.seq', 'd.person_id as personId', 'd.channel', 'p.email', 'p.deleted_at as deletedAt'])
    .select(['r.consents', 'r.tier', 'r.relation_types as relationTypes'])
    .where('d.newsletter_id', '=', newsletterId)
    .where('d.seq', '>=', from)
    .where('d.seq', '<', to)
    .where('d.status', 'in', ['queued', 'retrying'])
    .orderBy('d.seq')
    .execute();
}

/** Records one outcome for many deliveries in one statement. */
export async function recordOutcomes(
  db: Executor,
  newsletterId: string,
  status: DeliveryStatus,
  seqs: number[],
  error: string | null,
): Promise<void> {
  if (seqs.length === 0) return;
  await db
    .updateTable('newsletter_deliveries')
    .set((eb) => ({ status, last_error: error, attempts: eb('attempts', '+', 1), updated_at: new Date() }))
    .where('newsletter_id', '=', newsletterId)
    .where('seq', 'in', seqs)
    .execute();
}

/** Marks a newsletter sent once nothing of it is left to deliver. */
export async function completeIfDone(db: Executor, newsletterId: string): Promise<void> {
  await sql`
    update newsletters set status = 'sent', completed_at = now()
    where id = ${newsletterId} and status = 'sending'
      and not exists (
        select 1 from newsletter_deliveries
        where newsletter_id = ${newsletterId} and status in ('queued', 'retrying'))`.execute(db);
}

/** What this module holds about one person, for their data export: their browsers and what they were sent. */
export async function personalDataOf(db: Executor, personId: string) {
  const [pushSubscriptions, newsletters] = await Promise.all([
    db
      .selectFrom('push_subscriptions')
      .select(['endpoint', 'user_agent as userAgent', 'created_at as createdAt'])
      .where('person_id', '=', personId)
      .execute(),
    db
      .selectFrom('newsletter_deliveries as d')
      .innerJoin('newsletters as n', 'n.id', 'd.newsletter_id')
      .select([
        'n.municipality_code as municipalityCode',
        'n.subject',
        'd.channel',
        'd.status',
        'd.updated_at as updatedAt',
      ])
      .where('d.person_id', '=', personId)
      .orderBy('d.updated_at')
      .execute(),
  ]);
  return { pushSubscriptions, newsletters };
}
