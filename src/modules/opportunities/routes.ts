import type { FastifyBaseLogger } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../platform/error-schema.ts';
import { pageQuerySchema } from '../../platform/pagination.ts';
import { requireSession } from '../accounts/session-plugin.ts';
import type { Mailer } from '../mail/mailer.ts';
import { staffContextOf } from '../staff/guard.ts';
import { tenantParamsSchema } from '../staff/schema.ts';
import * as applications from './applications.ts';
import * as checkIns from './check-ins.ts';
import {
  applicationStateSchema,
  applySchema,
  checkInCodeQuerySchema,
  checkInCodeSchema,
  checkInResultSchema,
  createOpportunitySchema,
  decisionSchema,
  myApplicationListSchema,
  myApplicationSchema,
  opportunityListSchema,
  opportunityParamsSchema,
  opportunitySchema,
  publicOpportunityQuerySchema,
  sendMessageSchema,
  sentMessageSchema,
  staffApplicationListSchema,
  staffApplicationQuerySchema,
  staffCheckInSchema,
  staffOpportunityListSchema,
  staffOpportunityQuerySchema,
  staffOpportunitySchema,
  tenantItemParamsSchema,
  tokenCheckInSchema,
  updateOpportunitySchema,
} from './schema.ts';
import * as service from './service.ts';

const errors = errorResponses(400, 401, 403, 404, 409, 422);

const tags = ['opportunities'];

export interface OpportunityRouteOptions {
  mailer: Mailer;
  publicUrl: string;
}

/** The mail went into the outbox with the change itself; a failed send leaves it there for the next delivery. */
async function deliverMail(
  options: OpportunityRouteOptions,
  db: Parameters<Mailer['deliver']>[0],
  log: FastifyBaseLogger,
) {
  await options.mailer.deliver(db).catch((error) => log.error({ err: error }, 'mail delivery failed'));
}

/** Anyone may browse open opportunities; a signed-in resident applies, cancels and checks in. */
export const residentOpportunityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/opportunities',
    {
      schema: {
        tags,
        summary: '担い手の募集（受付中） / Open helper opportunities',
        querystring: publicOpportunityQuerySchema,
        response: { 200: opportunityListSchema, ...errors },
      },
    },
    async (request) => service.listOpenOpportunities(app.db, request.query),
  );

  app.get(
    '/opportunities/:id',
    {
      schema: {
        tags,
        summary: '募集の詳細 / An opportunity',
        params: opportunityParamsSchema,
        response: { 200: opportunitySchema, ...errors },
      },
    },
    async (request) => service.getPublicOpportunity(app.db, request.params.id),
  );

  app.post(
    '/me/opportunities/:id/applications',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: '募集に応募 / Apply for an opportunity',
        description:
          '登録している自治体の募集で、対象条件を満たす場合に応募できます。満たさない場合は 422 と各条件の説明。 / ' +
          'For registrants of the municipality who meet its requirements; 422 explains each requirement otherwise.',
        params: opportunityParamsSchema,
        body: applySchema,
        response: { 201: myApplicationSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await applications.apply(app.db, requireSession(request).personId, request.params.id, request.body.answers),
        ),
  );

  app.get(
    '/me/applications',
    {
      schema: {
        tags,
        summary: '自分の応募とメッセージ / My applications and messages',
        querystring: pageQuerySchema,
        response: { 200: myApplicationListSchema, ...errors },
      },
    },
    async (request) => applications.listMyApplications(app.db, requireSession(request).personId, request.query),
  );

  app.post(
    '/me/applications/:id/cancel',
    {
      schema: {
        tags,
        summary: '応募の取り消し（最初の日程の開始前まで） / Cancel an application (before the first session)',
        params: opportunityParamsSchema,
        response: { 200: myApplicationSchema, ...errors },
      },
    },
    async (request) => applications.cancelApplication(app.db, requireSession(request).personId, request.params.id),
  );

  app.post(
    '/me/check-ins',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: '会場のQRコードでチェックイン / Check in with the venue QR code',
        description:
          '採用された応募者が当日に読み取ると、参加が担い手活動として記録されます。 / ' +
          'An accepted applicant scanning it on the day has the attendance recorded as a helper activity.',
        body: tokenCheckInSchema,
        response: { 201: checkInResultSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await checkIns.checkInWithToken(app.db, requireSession(request).personId, request.body.token, request.id),
        ),
  );
};

/** Staff of a municipality: opportunities, applicants (within consent), decisions, messages, attendance. */
export function staffOpportunityRoutes(options: OpportunityRouteOptions): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/tenants/:tenant/opportunities',
      {
        config: { policy: { action: 'opportunity.read' } },
        schema: {
          tags,
          summary: '募集の一覧 / Opportunities',
          params: tenantParamsSchema,
          querystring: staffOpportunityQuerySchema,
          response: { 200: staffOpportunityListSchema, ...errors },
        },
      },
      async (request) => service.listStaffOpportunities(app.db, staffContextOf(request), request.query),
    );

    app.post(
      '/tenants/:tenant/opportunities',
      {
        config: { policy: { action: 'opportunity.manage' }, idempotent: true },
        schema: {
          tags,
          summary: '募集を作成 / Create an opportunity',
          params: tenantParamsSchema,
          body: createOpportunitySchema,
          response: { 201: staffOpportunitySchema, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.createOpportunity(app.db, staffContextOf(request), request.body)),
    );

    app.get(
      '/tenants/:tenant/opportunities/:id',
      {
        config: { policy: { action: 'opportunity.read' } },
        schema: {
          tags,
          summary: '募集の詳細 / An opportunity',
          params: tenantItemParamsSchema,
          response: { 200: staffOpportunitySchema, ...errors },
        },
      },
      async (request) => service.getStaffOpportunity(app.db, staffContextOf(request), request.params.id),
    );

    app.patch(
      '/tenants/:tenant/opportunities/:id',
      {
        config: { policy: { action: 'opportunity.manage' } },
        schema: {
          tags,
          summary: '募集の変更・公開・締切 / Edit, open or close an opportunity',
          params: tenantItemParamsSchema,
          body: updateOpportunitySchema,
          response: { 200: staffOpportunitySchema, ...errors },
        },
      },
      async (request) => service.updateOpportunity(app.db, staffContextOf(request), request.params.id, request.body),
    );

    app.get(
      '/tenants/:tenant/opportunities/:id/applications',
      {
        config: { policy: { action: 'application.read' } },
        schema: {
          tags,
          summary: '応募者の一覧（同意された項目のみ） / Applicants (consented fields only)',
          params: tenantItemParamsSchema,
          querystring: staffApplicationQuerySchema,
          response: { 200: staffApplicationListSchema, ...errors },
        },
      },
      async (request) =>
        applications.listApplications(app.db, staffContextOf(request), request.params.id, request.query),
    );

    app.post(
      '/tenants/:tenant/applications/:id/decision',
      {
        config: { policy: { action: 'application.manage' } },
        schema: {
          tags,
          summary: '採用・不採用・欠席の記録 / Accept, decline or mark absent',
          description: '定員を超える採用は 409 CAPACITY_FULL。 / Accepting beyond capacity answers 409 CAPACITY_FULL.',
          params: tenantItemParamsSchema,
          body: decisionSchema,
          response: { 200: applicationStateSchema, ...errors },
        },
      },
      async (request) => {
        const result = await applications.decide(app.db, staffContextOf(request), request.params.id, request.body, {
          publicUrl: options.publicUrl,
        });
        await deliverMail(options, app.db, request.log);
        return result;
      },
    );

    app.post(
      '/tenants/:tenant/applications/:id/messages',
      {
        config: { policy: { action: 'application.manage' }, idempotent: true },
        schema: {
          tags,
          summary: '応募者へのメッセージ / Message an applicant',
          params: tenantItemParamsSchema,
          body: sendMessageSchema,
          response: { 201: sentMessageSchema, ...errors },
        },
      },
      async (request, reply) => {
        const message = await applications.sendMessage(
          app.db,
          staffContextOf(request),
          request.params.id,
          request.body.body,
          { publicUrl: options.publicUrl },
        );
        await deliverMail(options, app.db, request.log);
        return reply.code(201).send(message);
      },
    );

    app.get(
      '/tenants/:tenant/opportunities/:id/check-in-code',
      {
        // Whoever holds the code lets accepted applicants check in, so only those who manage applications get it.
        config: { policy: { action: 'application.manage' } },
        schema: {
          tags,
          summary: '会場に掲示するチェックイン用QRコード / Check-in QR code for the venue',
          params: tenantItemParamsSchema,
          querystring: checkInCodeQuerySchema,
          response: { 200: checkInCodeSchema, ...errors },
        },
      },
      async (request, reply) => {
        const code = await checkIns.checkInCode(
          app.db,
          staffContextOf(request),
          request.params.id,
          request.query.session,
          { publicUrl: options.publicUrl },
        );
        return reply.header('cache-control', 'no-store').send(code);
      },
    );

    app.post(
      '/tenants/:tenant/opportunities/:id/check-ins',
      {
        config: { policy: { action: 'application.manage' }, idempotent: true },
        schema: {
          tags,
          summary: '会員番号でチェックイン / Check an applicant in by member id',
          params: tenantItemParamsSchema,
          body: staffCheckInSchema,
          response: { 201: checkInResultSchema, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await checkIns.checkInByStaff(app.db, staffContextOf(request), request.params.id, request.body)),
    );
  };
}
