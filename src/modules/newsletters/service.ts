import type { DeliveryStatus } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { AppError } from '../../platform/errors.ts';
import { offsetOf, type PageQuery } from '../../platform/pagination.ts';
import { appendAudit } from '../audit/repository.ts';
import { renderMarkdown } from '../content/markdown.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { StaffContext } from '../staff/service.ts';
import { BATCH_JOB, type BatchJobData, composeEmail, pushExcerpt, unsubscribeLinks } from './delivery.ts';
import { notificationKeys, pushToPerson } from './push.ts';
import * as repository from './repository.ts';
import { type Channel, contentDigest, planBatches, type Segment } from './rules.ts';
import type { NewsletterInput } from './schema.ts';

export interface SendSettings {
  queue: JobQueue;
  mailer: Mailer;
  publicUrl: string;
  ratePerSecond: number;
}

async function view(db: Executor, row: repository.NewsletterRow) {
  const { testSentDigest, municipalityCode: _tenant, ...rest } = row;
  return {
    ...rest,
    segment: row.segment as Segment,
    testIsCurrent: testSentDigest === contentDigest(row.subject, row.body),
    counts: await repository.statusCounts(db, row.id),
  };
}

async function existing(db: Executor, tenant: string, id: string) {
  const row = await repository.findNewsletter(db, tenant, id);
  if (!row) throw new AppError('NEWSLETTER_NOT_FOUND');
  return row;
}

export async function getNewsletter(db: Executor, ctx: StaffContext, id: string) {
  return view(db, await existing(db, ctx.tenant, id));
}

export async function listNewsletters(db: Executor, ctx: StaffContext, page: PageQuery) {
  const result = await repository.listNewsletters(db, ctx.tenant, { limit: page.pageSize, offset: offsetOf(page) });
  return { ...result, page: page.page, pageSize: page.pageSize };
}

export async function createNewsletter(db: Executor, ctx: StaffContext, input: NewsletterInput) {
  const id = await repository.insertNewsletter(db, {
    tenant: ctx.tenant,
    subject: input.subject,
    body: input.body,
    bodyHtml: renderMarkdown(input.body),
    segment: input.segment,
    channels: input.channels as Channel[],
    createdBy: ctx.actorPersonId,
  });
  return getNewsletter(db, ctx, id);
}

export async function updateNewsletter(db: Executor, ctx: StaffContext, id: string, input: NewsletterInput) {
  return inTransaction(db, async (trx) => {
    const row = await repository.lockNewsletter(trx, ctx.tenant, id);
    if (!row) throw new AppError('NEWSLETTER_NOT_FOUND');
    if (row.status !== 'draft') throw new AppError('NEWSLETTER_ALREADY_SENT');
    await repository.updateDraft(trx, ctx.tenant, id, {
      subject: input.subject,
      body: input.body,
      bodyHtml: renderMarkdown(input.body),
      segment: input.segment,
      channels: input.channels as Channel[],
    });
    return getNewsletter(trx, ctx, id);
  });
}

export function countAudience(db: Executor, ctx: StaffContext, segment: Segment, channels: Channel[]) {
  return repository.countAudience(db, ctx.tenant, segment, channels);
}

/**
 * Sends the newsletter, as a recipient would get it, to the staff member alone: their account's address
 * and their own browsers. It approves this subject and body for the real send.
 */
export async function testSend(db: Executor, ctx: StaffContext, id: string, settings: SendSettings) {
  const row = await existing(db, ctx.tenant, id);
  const actor = await db
    .selectFrom('people')
    .select('email')
    .where('id', '=', ctx.actorPersonId)
    .executeTakeFirstOrThrow();
  const municipality = await db
    .selectFrom('municipalities')
    .select('name')
    .where('code', '=', ctx.tenant)
    .executeTakeFirstOrThrow();
  const keys = await notificationKeys(db);
  const newsletter = { ...row, municipalityName: municipality.name };
  const channels = row.channels as Channel[];
  let email: string | null = null;
  if (channels.includes('email') && actor.email) {
    const links = unsubscribeLinks(settings.publicUrl, keys.unsubscribeSecret, ctx.tenant, ctx.actorPersonId);
    const mail = composeEmail(newsletter, actor.email, links);
    await settings.mailer.sendNow(db, { ...mail, subject: `[テスト / TEST] ${mail.subject}` });
    email = actor.email;
  }
  let pushDevices = 0;
  if (channels.includes('push')) {
    const pushed = await pushToPerson(db, keys, ctx.actorPersonId, {
      title: `[テスト / TEST] ${municipality.name}: ${row.subject}`,
      body: pushExcerpt(row.body),
      url: '/home',
    });
    pushDevices = pushed.reached;
  }
  if (email === null && pushDevices === 0) throw new AppError('NEWSLETTER_TEST_ADDRESS_MISSING');
  await repository.recordTestSend(db, id, contentDigest(row.subject, row.body));
  await appendAudit(db, {
    tenant: ctx.tenant,
    actorPersonId: ctx.actorPersonId,
    action: 'newsletter.test_sent',
    subjectType: 'newsletter',
    subjectId: id,
    requestId: ctx.requestId,
  });
  return { email, pushDevices };
}

/**
 * Queues the real send. The recipients are fixed in one statement and the batch jobs are written in the
 * same transaction, so the send is all or nothing; sending again answers the send already under way.
 */
export async function send(db: Executor, ctx: StaffContext, id: string, settings: SendSettings) {
  // Before the transaction: on PGlite (one connection) pg-boss's start-up would wait for it to end.
  await settings.queue.start();
  const started = await inTransaction(db, async (trx) => {
    const row = await repository.lockNewsletter(trx, ctx.tenant, id);
    if (!row) throw new AppError('NEWSLETTER_NOT_FOUND');
    if (row.status !== 'draft') return false;
    if (row.testSentDigest !== contentDigest(row.subject, row.body))
      throw new AppError('NEWSLETTER_TEST_SEND_REQUIRED');
    const segment = row.segment as Segment;
    const total = await repository.insertDeliveries(trx, id, ctx.tenant, segment, row.channels as Channel[]);
    if (total === 0) throw new AppError('NEWSLETTER_NO_RECIPIENTS');
    await repository.markSending(trx, id, ctx.actorPersonId, total);
    const jobs = planBatches(total, settings.ratePerSecond, Date.now()).map((plan) => ({
      data: {
        newsletterId: id,
        tenant: ctx.tenant,
        from: plan.from,
        to: plan.to,
        startAt: plan.startAt,
        ratePerSecond: settings.ratePerSecond,
      } satisfies BatchJobData,
      startAfter: new Date(plan.startAt),
    }));
    await settings.queue.insert(BATCH_JOB, jobs, trx);
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: 'newsletter.sent',
      subjectType: 'newsletter',
      subjectId: id,
      requestId: ctx.requestId,
      details: { recipients: total, segment, channels: row.channels },
    });
    return true;
  });
  return { started, newsletter: await getNewsletter(db, ctx, id) };
}

/** Who got what: a staff read of personal data, so it is audit-logged. */
export async function listDeliveries(
  db: Executor,
  ctx: StaffContext,
  id: string,
  query: PageQuery & { status?: DeliveryStatus },
) {
  await existing(db, ctx.tenant, id);
  const result = await repository.listDeliveries(db, id, ctx.tenant, {
    status: query.status,
    limit: query.pageSize,
    offset: offsetOf(query),
  });
  await appendAudit(db, {
    tenant: ctx.tenant,
    actorPersonId: ctx.actorPersonId,
    action: 'newsletter.deliveries_viewed',
    subjectType: 'newsletter',
    subjectId: id,
    requestId: ctx.requestId,
    details: { page: query.page, status: query.status ?? null },
  });
  return { ...result, page: query.page, pageSize: query.pageSize };
}
