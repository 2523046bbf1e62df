import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema, errorResponses } from '../../platform/error-schema.ts';
import { AppError } from '../../platform/errors.ts';
import { requireSession } from '../accounts/session-plugin.ts';
import { staffContextOf } from '../staff/guard.ts';
import { tenantParamsSchema } from '../staff/schema.ts';
import { exportMembers } from './member-export.ts';
import { deleteAccount, exportPersonalData } from './personal-data.ts';
import { register } from './registering.ts';
import { jstDay, PROOF_CONTENT_TYPES, PROOF_MAX_BYTES } from './rules.ts';
import {
  activityQueueQuerySchema,
  activitySchema,
  applicationQueueQuerySchema,
  createRegistrationSchema,
  deleteAccountSchema,
  itemParamsSchema,
  memberParamsSchema,
  premiumApplicationListSchema,
  premiumEvaluationSchema,
  premiumResultSchema,
  premiumRuleSchema,
  premiumRuleViewSchema,
  proofQuerySchema,
  recordActivitySchema,
  registrantDetailSchema,
  registrantExportQuerySchema,
  registrantListQuerySchema,
  registrantListSchema,
  registrationListSchema,
  registrationParamsSchema,
  registrationSchema,
  reviewSchema,
  staffActivityListSchema,
  staffActivitySchema,
  updateRegistrationSchema,
} from './schema.ts';
import * as service from './service.ts';

const errors = errorResponses(400, 401, 403, 404, 409, 422);

/** The resident's own registrations, premium, evidence and personal data (`/me/…`). */
export const residentRegistrationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me/registrations',
    {
      schema: {
        tags: ['registrations'],
        summary: '自分のふるさと住民登録 / My furusato registrations',
        response: { 200: registrationListSchema, ...errors },
      },
    },
    async (request) => service.listRegistrations(app.db, requireSession(request).personId),
  );

  app.post(
    '/me/registrations',
    {
      config: { idempotent: true },
      schema: {
        tags: ['registrations'],
        summary: 'ふるさと住民登録（ベーシック） / Register as a furusato resident (basic)',
        description:
          '市区町村に登録すると、その都道府県にも登録されます。Idempotency-Key ヘッダーで再送を安全にできます。 / ' +
          'Registering with a municipality also registers with its prefecture. Send an Idempotency-Key header to retry safely.',
        body: createRegistrationSchema,
        response: { 201: registrationSchema, ...errors },
      },
    },
    async (request, reply) => {
      const registration = await register(app.db, requireSession(request).personId, request.body);
      return reply.code(201).send(registration);
    },
  );

  app.patch(
    '/me/registrations/:code',
    {
      schema: {
        tags: ['registrations'],
        summary: '関わり方・同意の変更 / Change relationship types or consents',
        params: registrationParamsSchema,
        body: updateRegistrationSchema,
        response: { 200: registrationSchema, ...errors },
      },
    },
    async (request) =>
      service.updateRegistration(app.db, requireSession(request).personId, request.params.code, request.body),
  );

  app.delete(
    '/me/registrations/:code',
    {
      schema: {
        tags: ['registrations'],
        summary: '登録の取り消し（退会） / Withdraw from a municipality',
        params: registrationParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.withdraw(app.db, requireSession(request).personId, request.params.code);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/registrations/:code/premium',
    {
      schema: {
        tags: ['premium'],
        summary: 'プレミアム登録の条件の達成状況 / Progress toward premium',
        params: registrationParamsSchema,
        response: { 200: premiumEvaluationSchema, ...errors },
      },
    },
    async (request) => service.premiumStatus(app.db, requireSession(request).personId, request.params.code),
  );

  app.post(
    '/me/registrations/:code/premium',
    {
      config: { idempotent: true },
      schema: {
        tags: ['premium'],
        summary: 'プレミアム登録の申請・更新 / Apply for or renew premium',
        description:
          '条件を満たせば 200 で登録、自治体の確認が必要なら 202、満たさなければ 422 と各条件の説明。 / ' +
          '200 when granted, 202 when the municipality reviews first, 422 with the explanation otherwise.',
        params: registrationParamsSchema,
        response: { 200: premiumResultSchema, 202: premiumResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await service.applyForPremium(app.db, requireSession(request).personId, request.params.code);
      return reply.code(result.status === 'granted' ? 200 : 202).send(result);
    },
  );

  app.get(
    '/me/activities',
    {
      schema: {
        tags: ['premium'],
        summary: '自分の担い手活動の記録 / My helper activity records',
        response: { 200: z.object({ items: z.array(activitySchema) }), ...errors },
      },
    },
    async (request) => service.listActivities(app.db, requireSession(request).personId),
  );

  await app.register(async (plugin) => {
    const uploads = plugin.withTypeProvider<ZodTypeProvider>();
    uploads.removeAllContentTypeParsers();
    // The file is the body itself (Content-Type image/jpeg, image/png or application/pdf): a phone sends
    // a File with fetch as is, and no multipart parser is exposed to the internet.
    uploads.addContentTypeParser(
      [...PROOF_CONTENT_TYPES],
      { parseAs: 'buffer', bodyLimit: PROOF_MAX_BYTES },
      (_r, body, done) => done(null, body),
    );
    // Rethrown errors reach the app's handler; this one only names the limit the resident hit.
    uploads.setErrorHandler((error) => {
      throw (error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? new AppError('PROOF_TOO_LARGE')
        : error;
    });
    uploads.addContentTypeParser('*', (_request, _payload, done) => done(new AppError('PROOF_TYPE_NOT_ALLOWED')));
    uploads.post(
      '/me/activities/proofs',
      {
        config: { idempotent: true },
        bodyLimit: PROOF_MAX_BYTES,
        schema: {
          tags: ['premium'],
          summary: '活動の証明書類のアップロード / Upload proof of a helper activity',
          description:
            '本文がファイル（JPEG・PNG・PDF、5MBまで）。担当者の確認後に件数に数えられます。 / ' +
            'The body is the file (JPEG, PNG or PDF, up to 5 MB); it counts once staff approve it.',
          querystring: proofQuerySchema,
          headers: z.object({ 'content-type': z.string() }).loose(),
          response: { 201: activitySchema, ...errors, 413: errorResponseSchema, 415: errorResponseSchema },
        },
      },
      async (request, reply) => {
        const bytes = request.body as Buffer;
        const declaredType = (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
        const activity = await service.uploadProof(app.db, requireSession(request).personId, request.query, {
          declaredType,
          bytes,
        });
        return reply.code(201).send(activity);
      },
    );
  });

  app.get(
    '/me/export',
    {
      schema: {
        tags: ['privacy'],
        summary: '自分のデータをすべて書き出す（開示請求） / Export all my data (APPI disclosure)',
        response: { 200: z.record(z.string(), z.unknown()), ...errors },
      },
    },
    async (request, reply) => {
      const data = await exportPersonalData(app.db, requireSession(request).personId);
      const day = jstDay(new Date()).replaceAll('-', '');
      return reply
        .header('content-disposition', `attachment; filename="furusato-data-${day}.json"`)
        .header('cache-control', 'no-store')
        .send(data);
    },
  );

  app.delete(
    '/me',
    {
      schema: {
        tags: ['privacy'],
        summary: 'アカウントの削除 / Delete my account',
        description:
          '個人データを消去し、履歴は匿名の件数としてのみ残します。 / Erases personal data; history remains only as anonymous counts.',
        body: deleteAccountSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      if (!request.body.confirm) throw new AppError('ACCOUNT_DELETION_NOT_CONFIRMED');
      await deleteAccount(app.db, requireSession(request).personId);
      return reply.clearSessionCookie().code(204).send(null);
    },
  );
};

/** Staff of a municipality: registrants (within consent), activities, premium rule and reviews. */
export const staffRegistrationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/tenants/:tenant/registrants',
    {
      config: { policy: { action: 'registrant.read' } },
      schema: {
        tags: ['registrants'],
        summary: '登録者の一覧（同意された項目のみ） / Registrants (consented fields only)',
        params: tenantParamsSchema,
        querystring: registrantListQuerySchema,
        response: { 200: registrantListSchema, ...errors },
      },
    },
    async (request) => service.listRegistrants(app.db, staffContextOf(request), request.query),
  );

  app.get(
    '/tenants/:tenant/registrants/export.csv',
    {
      config: { policy: { action: 'registrant.export' } },
      schema: {
        tags: ['registrants'],
        summary: '登録者の CSV 書き出し（同意された項目のみ） / Registrants as CSV (consented fields only)',
        description:
          '一覧と同じ絞り込み。UTF-8（BOM 付き）または Shift_JIS。X-Total-Count は書き出す予定の行数。 / ' +
          'The same filters as the list; UTF-8 with BOM or Shift_JIS. X-Total-Count is the number of rows to expect.',
        params: tenantParamsSchema,
        querystring: registrantExportQuerySchema,
        response: { 200: z.any().describe('text/csv'), ...errors },
      },
    },
    async (request, reply) => {
      const file = await exportMembers(app.db, staffContextOf(request), request.query);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', file.contentDisposition)
        .header('x-total-count', String(file.total))
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(file.stream);
    },
  );

  app.get(
    '/tenants/:tenant/registrants/:memberId',
    {
      config: { policy: { action: 'registrant.read' } },
      schema: {
        tags: ['registrants'],
        summary: '登録者の詳細 / A registrant',
        params: memberParamsSchema,
        response: { 200: registrantDetailSchema, ...errors },
      },
    },
    async (request) => service.getRegistrant(app.db, staffContextOf(request), request.params.memberId),
  );

  app.post(
    '/tenants/:tenant/activities',
    {
      config: { policy: { action: 'activity.record' }, idempotent: true },
      schema: {
        tags: ['registrants'],
        summary: '担い手活動の参加を記録 / Record attendance at a helper activity',
        params: tenantParamsSchema,
        body: recordActivitySchema,
        response: { 201: staffActivitySchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.recordActivity(app.db, staffContextOf(request), request.body)),
  );

  app.get(
    '/tenants/:tenant/activities',
    {
      config: { policy: { action: 'activity.review' } },
      schema: {
        tags: ['registrants'],
        summary: '活動記録（既定は確認待ちの証明書類） / Activity records (default: proofs awaiting review)',
        params: tenantParamsSchema,
        querystring: activityQueueQuerySchema,
        response: { 200: staffActivityListSchema, ...errors },
      },
    },
    async (request) => service.listActivityQueue(app.db, staffContextOf(request), request.query),
  );

  app.get(
    '/tenants/:tenant/activities/:id/proof',
    {
      config: { policy: { action: 'activity.review' } },
      schema: {
        tags: ['registrants'],
        summary: '証明書類のファイル / The proof file',
        params: itemParamsSchema,
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const proof = await service.proofForReview(app.db, staffContextOf(request), request.params.id);
      return reply
        .header('content-type', proof.contentType)
        .header('content-disposition', 'inline')
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(proof.bytes));
    },
  );

  app.post(
    '/tenants/:tenant/activities/:id/review',
    {
      config: { policy: { action: 'activity.review' } },
      schema: {
        tags: ['registrants'],
        summary: '証明書類の承認・却下 / Approve or reject a proof',
        params: itemParamsSchema,
        body: reviewSchema,
        response: {
          200: z.object({ id: z.uuid(), status: z.enum(['confirmed', 'rejected']) }),
          ...errors,
        },
      },
    },
    async (request) => service.reviewActivity(app.db, staffContextOf(request), request.params.id, request.body),
  );

  app.get(
    '/tenants/:tenant/premium-rule',
    {
      config: { policy: { action: 'premium_rule.read' } },
      schema: {
        tags: ['premium'],
        summary: 'プレミアム登録の要件 / Premium requirements',
        params: tenantParamsSchema,
        response: { 200: premiumRuleViewSchema, ...errors },
      },
    },
    async (request) => service.getPremiumRule(app.db, staffContextOf(request)),
  );

  app.put(
    '/tenants/:tenant/premium-rule',
    {
      config: { policy: { action: 'premium_rule.manage' } },
      schema: {
        tags: ['premium'],
        summary:
          'プレミアム登録の要件を保存（全国の要件に追加のみ） / Save premium requirements (on top of the national ones)',
        params: tenantParamsSchema,
        body: premiumRuleSchema,
        response: { 200: premiumRuleViewSchema, ...errors },
      },
    },
    async (request) => service.savePremiumRule(app.db, staffContextOf(request), request.body),
  );

  app.post(
    '/tenants/:tenant/premium-rule/preview',
    {
      // For the one who edits the rule (a POST, because a rule is a body); it changes nothing.
      config: { policy: { action: 'premium_rule.manage' } },
      schema: {
        tags: ['premium'],
        summary: '要件を満たす登録者数の試算（保存しない） / How many registrants would qualify (not saved)',
        params: tenantParamsSchema,
        body: premiumRuleSchema,
        response: { 200: z.object({ qualify: z.number().int(), registrants: z.number().int() }), ...errors },
      },
    },
    async (request) => service.previewPremiumRule(app.db, staffContextOf(request), request.body),
  );

  app.get(
    '/tenants/:tenant/premium-applications',
    {
      config: { policy: { action: 'premium.review' } },
      schema: {
        tags: ['premium'],
        summary: 'プレミアム登録の申請 / Premium applications',
        params: tenantParamsSchema,
        querystring: applicationQueueQuerySchema,
        response: { 200: premiumApplicationListSchema, ...errors },
      },
    },
    async (request) => service.listPremiumApplications(app.db, staffContextOf(request), request.query),
  );

  app.post(
    '/tenants/:tenant/premium-applications/:id/review',
    {
      config: { policy: { action: 'premium.review' } },
      schema: {
        tags: ['premium'],
        summary: 'プレミアム登録の申請を承認・却下 / Approve or reject a premium application',
        params: itemParamsSchema,
        body: reviewSchema,
        response: { 200: z.object({ id: z.uuid(), status: z.enum(['approved', 'rejected']) }), ...errors },
      },
    },
    async (request) =>
      service.decidePremiumApplication(app.db, staffContextOf(request), request.params.id, request.body),
  );
};
