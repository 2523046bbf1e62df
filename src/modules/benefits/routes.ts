import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/error-schema.ts';
import { pageQuerySchema } from '../../platform/pagination.ts';
import { requireSession } from '../accounts/session-plugin.ts';
import { staffContextOf } from '../staff/guard.ts';
import { tenantParamsSchema } from '../staff/schema.ts';
import * as applications from './applications.ts';
import * as redemptions from './redemptions.ts';
import {
  applicationFormSchema,
  applicationQueueQuerySchema,
  benefitListSchema,
  createMeasureSchema,
  decisionSchema,
  measureListSchema,
  measureParamsSchema,
  measureSchema,
  myMeasureParamsSchema,
  publicMeasuresParamsSchema,
  recordRedemptionSchema,
  redemptionListSchema,
  redemptionQuerySchema,
  redemptionSchema,
  staffMeasureQuerySchema,
  submitApplicationSchema,
  subsidyApplicationListSchema,
  subsidyApplicationSchema,
  updateMeasureSchema,
} from './schema.ts';
import * as service from './service.ts';

const errors = errorResponses(400, 401, 403, 404, 409, 422);

/** Anyone: a municipality's open measures. Residents: what they may use, and subsidy applications. */
export const residentBenefitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/municipalities/:code/measures',
    {
      schema: {
        tags: ['benefits'],
        summary: 'サポート施策の一覧（公開中） / Support measures on offer',
        params: publicMeasuresParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: measureListSchema, ...errors },
      },
    },
    async (request) => service.listPublicMeasures(app.db, request.params.code, request.query),
  );

  app.get(
    '/me/benefits',
    {
      schema: {
        tags: ['benefits'],
        summary: '利用できるサポート施策（対象外はその理由） / Support measures for me (and why not)',
        response: { 200: benefitListSchema, ...errors },
      },
    },
    async (request) => service.myBenefits(app.db, requireSession(request).personId),
  );

  app.get(
    '/me/measures/:id/application-form',
    {
      schema: {
        tags: ['benefits'],
        summary: '補助金の申請フォーム（登録情報から入力済み） / A subsidy application form, filled in',
        params: myMeasureParamsSchema,
        response: { 200: applicationFormSchema, ...errors },
      },
    },
    async (request) => applications.applicationForm(app.db, requireSession(request).personId, request.params.id),
  );

  app.post(
    '/me/measures/:id/applications',
    {
      config: { idempotent: true },
      schema: {
        tags: ['benefits'],
        summary: '補助金を申請 / Apply for a subsidy',
        description:
          '申請者情報は確認した内容がそのまま自治体に渡ります。 / The applicant data is passed on exactly as confirmed.',
        params: myMeasureParamsSchema,
        body: submitApplicationSchema,
        response: { 201: subsidyApplicationSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await applications.submitApplication(
            app.db,
            requireSession(request).personId,
            request.params.id,
            request.body,
          ),
        ),
  );

  app.get(
    '/me/subsidy-applications',
    {
      schema: {
        tags: ['benefits'],
        summary: '自分の補助金の申請 / My subsidy applications',
        response: { 200: z.object({ items: z.array(subsidyApplicationSchema) }), ...errors },
      },
    },
    async (request) => applications.myApplications(app.db, requireSession(request).personId),
  );
};

/** Staff: measures, the subsidy queue, and uses; partners: recording a use. */
export const staffBenefitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/tenants/:tenant/measures',
    {
      config: { policy: { action: 'measure.read' } },
      schema: {
        tags: ['benefits'],
        summary: 'サポート施策（非公開を含む） / Support measures (drafts included)',
        params: tenantParamsSchema,
        querystring: staffMeasureQuerySchema,
        response: { 200: measureListSchema, ...errors },
      },
    },
    async (request) => service.listMeasures(app.db, staffContextOf(request), request.query),
  );

  app.post(
    '/tenants/:tenant/measures',
    {
      config: { policy: { action: 'measure.manage' }, idempotent: true },
      schema: {
        tags: ['benefits'],
        summary: 'サポート施策を作成 / Create a support measure',
        params: tenantParamsSchema,
        body: createMeasureSchema,
        response: { 201: measureSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createMeasure(app.db, staffContextOf(request), request.body)),
  );

  app.get(
    '/tenants/:tenant/measures/:id',
    {
      config: { policy: { action: 'measure.read' } },
      schema: {
        tags: ['benefits'],
        summary: 'サポート施策 / A support measure',
        params: measureParamsSchema,
        response: { 200: measureSchema, ...errors },
      },
    },
    async (request) => service.measureView(app.db, request.params.id, staffContextOf(request).tenant),
  );

  app.patch(
    '/tenants/:tenant/measures/:id',
    {
      config: { policy: { action: 'measure.manage' } },
      schema: {
        tags: ['benefits'],
        summary: 'サポート施策を変更 / Change a support measure',
        params: measureParamsSchema,
        body: updateMeasureSchema,
        response: { 200: measureSchema, ...errors },
      },
    },
    async (request) => service.updateMeasure(app.db, staffContextOf(request), request.params.id, request.body),
  );

  app.get(
    '/tenants/:tenant/subsidy-applications',
    {
      config: { policy: { action: 'subsidy.review' } },
      schema: {
        tags: ['benefits'],
        summary: '補助金の申請（申請者が確認した項目のみ） / Subsidy applications (what applicants confirmed)',
        params: tenantParamsSchema,
        querystring: applicationQueueQuerySchema,
        response: { 200: subsidyApplicationListSchema, ...errors },
      },
    },
    async (request) => applications.listApplications(app.db, staffContextOf(request), request.query),
  );

  app.post(
    '/tenants/:tenant/subsidy-applications/:id/decision',
    {
      config: { policy: { action: 'subsidy.review' } },
      schema: {
        tags: ['benefits'],
        summary: '補助金の申請を承認・却下（却下は理由が必要） / Approve or reject (a rejection needs a reason)',
        params: measureParamsSchema,
        body: decisionSchema,
        response: { 200: z.object({ id: z.uuid(), status: z.enum(['approved', 'rejected']) }), ...errors },
      },
    },
    async (request) => applications.decideApplication(app.db, staffContextOf(request), request.params.id, request.body),
  );

  app.get(
    '/tenants/:tenant/redemptions',
    {
      config: { policy: { action: 'redemption.read' } },
      schema: {
        tags: ['benefits'],
        summary: '協力店での利用記録 / Uses recorded by partners',
        params: tenantParamsSchema,
        querystring: redemptionQuerySchema,
        response: { 200: redemptionListSchema, ...errors },
      },
    },
    async (request) => redemptions.listRedemptions(app.db, staffContextOf(request), request.query),
  );

  app.post(
    '/tenants/:tenant/redemptions',
    {
      config: { policy: { action: 'redemption.record' }, idempotent: true },
      schema: {
        tags: ['benefits'],
        summary: '会員証を読み取って利用を記録（協力店） / Record a use by scanning a member card (partners)',
        description:
          'clientUseId が同じ再送は最初の結果を返します（Idempotent-Replayed: true）。オフラインで読み取った利用は ' +
          'scannedAt を付けて7日以内に送信します。 / A re-sent clientUseId answers the first result; send offline ' +
          'scans with scannedAt within 7 days.',
        params: tenantParamsSchema,
        body: recordRedemptionSchema,
        response: { 201: redemptionSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await redemptions.recordRedemption(app.db, staffContextOf(request), request.body);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(result.redemption);
    },
  );
};
