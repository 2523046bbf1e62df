import { z } from 'zod';
import { withErrorCode } from '../../platform/error-schema.ts';
import { listResponseSchema, pageQuerySchema } from '../../platform/pagination.ts';
import { audienceSchema } from '../content/schema.ts';
import { tenantParamsSchema } from '../staff/schema.ts';

export const SUBJECT_MAX = 200;
export const BODY_MAX = 20_000;

export const segmentSchema = audienceSchema.describe(
  '配信対象（お知らせの受け取りに同意した登録者のうち） / who receives it, among registrants who agreed to news',
);
export const channelsSchema = z
  .array(z.enum(['email', 'push']))
  .min(1)
  .max(2)
  .transform((c) => [...new Set(c)].sort())
  .describe('送信方法 / channels: email, push');

export const newsletterInputSchema = z.object({
  subject: z.string().trim().min(1).max(SUBJECT_MAX).describe(`件名（${SUBJECT_MAX}字まで） / subject`),
  body: z.string().trim().min(1).max(BODY_MAX).describe('本文（Markdown、HTMLは使えません） / body in Markdown'),
  segment: segmentSchema,
  channels: channelsSchema,
});
export type NewsletterInput = z.infer<typeof newsletterInputSchema>;

export const newsletterParamsSchema = tenantParamsSchema.extend({ id: z.uuid() });

const deliveryStatusSchema = z.enum(['queued', 'retrying', 'sent', 'failed', 'unsubscribed', 'unreachable']);

export const statusCountsSchema = z
  .object({
    queued: z.number().int(),
    retrying: z.number().int(),
    sent: z.number().int(),
    failed: z.number().int(),
    unsubscribed: z.number().int(),
    unreachable: z.number().int(),
  })
  .describe('宛先ごとの状態の件数 / deliveries by status');

export const newsletterSchema = z
  .object({
    id: z.uuid(),
    subject: z.string(),
    body: z.string(),
    bodyHtml: z.string().describe('安全なHTMLに変換済み / rendered, safe HTML'),
    segment: segmentSchema,
    channels: z.array(z.enum(['email', 'push'])),
    status: z.enum(['draft', 'sending', 'sent']),
    testSentAt: z.date().nullable(),
    testIsCurrent: z.boolean().describe('いまの件名・本文でテスト送信済み / a test of the current text was sent'),
    recipientCount: z.number().int().nullable(),
    counts: statusCountsSchema,
    createdAt: z.date(),
    updatedAt: z.date(),
    sendStartedAt: z.date().nullable(),
    completedAt: z.date().nullable(),
  })
  .meta({ id: 'Newsletter' });

export const newsletterListSchema = listResponseSchema(
  newsletterSchema.pick({
    id: true,
    subject: true,
    status: true,
    channels: true,
    recipientCount: true,
    createdAt: true,
    sendStartedAt: true,
    completedAt: true,
  }),
);

export const audienceCountQuerySchema = z.object({ segment: segmentSchema, channels: channelsSchema });
export const audienceCountSchema = z.object({
  email: z.number().int().describe('メールで届く人数 / people reached by e-mail'),
  push: z.number().int().describe('プッシュ通知で届く人数 / people reached by push'),
  people: z.number().int().describe('どちらかで届く人数 / people reached at all'),
});

export const testSendResultSchema = z.object({
  email: z.string().nullable().describe('送信したアドレス / the address the test went to'),
  pushDevices: z.number().int(),
});

export const deliveryListQuerySchema = pageQuerySchema.extend({ status: deliveryStatusSchema.optional() });
export const deliveryListSchema = listResponseSchema(
  z.object({
    seq: z.number().int(),
    channel: z.enum(['email', 'push']),
    status: deliveryStatusSchema,
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    updatedAt: z.date(),
    recipient: z
      .string()
      .nullable()
      .describe('氏名（本人が同意した場合のみ） / the name, only when the person consented to share it'),
    registrationId: z.uuid().nullable(),
  }),
);

// ----- residents -----

function base64urlBytes(value: string): number {
  return /^[A-Za-z0-9_-]+={0,2}$/.test(value) ? Buffer.from(value, 'base64url').length : -1;
}

export const pushSubscriptionInputSchema = z.object({
  endpoint: withErrorCode(z.string().max(2000), 'PUSH_SUBSCRIPTION_INVALID', (e) => {
    try {
      return new URL(e).protocol === 'https:';
    } catch {
      return false;
    }
  }).describe('プッシュサービスのURL（https） / the push service endpoint (https)'),
  keys: z.object({
    // An uncompressed P-256 point (65 bytes) and a 16-byte secret: RFC 8291.
    p256dh: withErrorCode(z.string().max(200), 'PUSH_SUBSCRIPTION_INVALID', (k) => base64urlBytes(k) === 65),
    auth: withErrorCode(z.string().max(100), 'PUSH_SUBSCRIPTION_INVALID', (k) => base64urlBytes(k) === 16),
  }),
});

export const pushSubscriptionSchema = z.object({ id: z.uuid(), endpoint: z.string(), createdAt: z.date() });
export const pushSubscriptionListSchema = z.object({
  items: z.array(pushSubscriptionSchema),
  publicKey: z.string().describe('VAPID 公開鍵（applicationServerKey） / the VAPID public key'),
});

export const unsubscribeQuerySchema = z.object({ token: z.string().max(200) });
export const unsubscribeStateSchema = z.object({
  municipalityCode: z.string(),
  municipalityName: z.string(),
  subscribed: z.boolean().describe('まだお知らせを受け取る設定か / whether news is still on'),
});
