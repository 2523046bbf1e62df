import { setTimeout as sleep } from 'node:timers/promises';
import type { DeliveryStatus } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import type { Mailer } from '../mail/mailer.ts';
import { type NotificationKeys, notificationKeys, pushToPerson } from './push.ts';
import * as repository from './repository.ts';
import {
  type Channel,
  type DeliveryOutcome,
  failureOutcome,
  isTransient,
  type Segment,
  segmentAdmits,
  signUnsubscribeToken,
  slotOf,
} from './rules.ts';

export const BATCH_JOB = 'newsletter-batch';

export interface BatchJobData {
  newsletterId: string;
  tenant: string;
  from: number;
  to: number;
  /** The batch's first slot (epoch ms) in the newsletter's send-rate schedule. */
  startAt: number;
  ratePerSecond: number;
}

export interface DeliveryContext {
  db: Executor;
  mailer: Mailer;
  publicUrl: string;
}

/** Messages of one batch in flight at once: enough to hide SMTP round trips, few enough to stay polite. */
const IN_FLIGHT = 8;
/** Outcomes are written in groups: one UPDATE per status per this many deliveries. */
const FLUSH_EVERY = 100;

export class TransientDeliveryFailures extends Error {}

/** The links in one recipient's message: the one-click POST (RFC 8058) and the page that confirms. */
export function unsubscribeLinks(publicUrl: string, secret: string, tenant: string, personId: string) {
  const token = encodeURIComponent(signUnsubscribeToken(secret, tenant, personId));
  return {
    oneClick: `${publicUrl}/api/v1/unsubscribe?token=${token}`,
    page: `${publicUrl}/unsubscribe?token=${token}`,
  };
}

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

export function composeEmail(
  newsletter: { subject: string; body: string; bodyHtml: string; municipalityName: string },
  to: string,
  links: { oneClick: string; page: string },
) {
  const footerJa = `${newsletter.municipalityName}からのお知らせの配信停止`;
  return {
    to,
    subject: `【${newsletter.municipalityName}】${newsletter.subject}`,
    text: `${newsletter.body}\n\n--\n${footerJa} / Unsubscribe:\n${links.page}\n`,
    html:
      `<!doctype html><html lang="ja"><body>${newsletter.bodyHtml}<hr>` +
      `<p><a href="${escapeHtml(links.page)}">${escapeHtml(footerJa)} / Unsubscribe</a></p></body></html>`,
    headers: { 'List-Unsubscribe': `<${links.oneClick}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/** A plain-text excerpt for a push notification's few lines. */
export function pushExcerpt(body: string): string {
  const plain = body
    .replace(/[#>*_`~[\]()!-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > 120 ? `${plain.slice(0, 119)}…` : plain;
}

/**
 * Delivers one batch. Each pending delivery is re-checked against the registration as it is now (an
 * unsubscribe since the send was queued is honoured), waits for its slot in the rate schedule, and is
 * sent once. Transient failures are left `retrying` and the job fails, so the queue retries the batch
 * later; delivered rows are never touched again.
 */
export async function deliverBatch(
  ctx: DeliveryContext,
  data: BatchJobData,
  attempt: { lastAttempt: boolean },
): Promise<void> {
  const { db } = ctx;
  const newsletter = await db
    .selectFrom('newsletters as n')
    .innerJoin('municipalities as m', 'm.code', 'n.municipality_code')
    .select(['n.subject', 'n.body', 'n.body_html as bodyHtml', 'n.segment', 'm.name as municipalityName'])
    .where('n.id', '=', data.newsletterId)
    .executeTakeFirst();
  if (!newsletter) return;
  const segment = newsletter.segment as Segment;
  const keys = await notificationKeys(db);
  const pending = await repository.pendingDeliveries(db, data.newsletterId, data.tenant, data.from, data.to);

  const groups = new Map<string, { status: DeliveryStatus; error: string | null; seqs: number[] }>();
  let transientLeft = 0;
  const flush = async () => {
    for (const group of groups.values()) {
      await repository.recordOutcomes(db, data.newsletterId, group.status, group.seqs, group.error);
    }
    groups.clear();
  };
  const record = (seq: number, outcome: DeliveryOutcome) => {
    const error = 'error' in outcome ? outcome.error : null;
    if (outcome.status === 'retrying') transientLeft++;
    const key = `${outcome.status}\n${error ?? ''}`;
    const group = groups.get(key) ?? { status: outcome.status, error, seqs: [] };
    group.seqs.push(seq);
    groups.set(key, group);
  };

  const inFlight = new Set<Promise<void>>();
  let done = 0;
  for (const row of pending) {
    const admitted =
      !row.deletedAt &&
      row.consents !== null &&
      segmentAdmits(segment, {
        consents: row.consents,
        tier: row.tier ?? 'basic',
        relationTypes: row.relationTypes ?? [],
      });
    if (!admitted) {
      record(row.seq, { status: 'unsubscribed' });
      continue;
    }
    const due = slotOf(row.seq - data.from, data.ratePerSecond, data.startAt);
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    const sending = deliverOne(ctx, keys, newsletter, data, row, attempt.lastAttempt).then((outcome) => {
      record(row.seq, outcome);
      inFlight.delete(sending);
    });
    inFlight.add(sending);
    if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    if (++done % FLUSH_EVERY === 0) {
      await Promise.all(inFlight);
      await flush();
    }
  }
  await Promise.all(inFlight);
  await flush();
  await repository.completeIfDone(db, data.newsletterId);
  if (transientLeft > 0) {
    throw new TransientDeliveryFailures(`${transientLeft} deliveries failed transiently; the batch will be retried`);
  }
}

async function deliverOne(
  ctx: DeliveryContext,
  keys: NotificationKeys,
  newsletter: { subject: string; body: string; bodyHtml: string; municipalityName: string },
  data: BatchJobData,
  row: { personId: string; channel: Channel; email: string | null },
  lastAttempt: boolean,
): Promise<DeliveryOutcome> {
  if (row.channel === 'email') {
    if (!row.email) return { status: 'unreachable' };
    const links = unsubscribeLinks(ctx.publicUrl, keys.unsubscribeSecret, data.tenant, row.personId);
    try {
      await ctx.mailer.sendNow(ctx.db, composeEmail(newsletter, row.email, links));
      return { status: 'sent' };
    } catch (error) {
      const smtpCode = (error as { responseCode?: number }).responseCode;
      return failureOutcome(isTransient({ smtpCode }), lastAttempt, (error as Error).message);
    }
  }
  const pushed = await pushToPerson(ctx.db, keys, row.personId, {
    title: `${newsletter.municipalityName}: ${newsletter.subject}`,
    body: pushExcerpt(newsletter.body),
    url: '/home',
  });
  if (pushed.reached > 0) return { status: 'sent' };
  if (pushed.failure) return failureOutcome(pushed.failure.transient, lastAttempt, pushed.failure.error);
  return { status: 'unreachable' };
}
