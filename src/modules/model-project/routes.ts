import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/error-schema.ts';
import { nationalParamsSchema } from '../participation/schema.ts';
import { staffContextOf } from '../staff/guard.ts';
import type { ModelStep } from './rules.ts';
import {
  changeStepSchema,
  effectReportSchema,
  memberListSchema,
  memberParamsSchema,
  memberPlanSchema,
  memberSchema,
  planParamsSchema,
  planSchema,
  progressParamsSchema,
  progressSchema,
  selectMemberSchema,
} from './schema.ts';
import * as service from './service.ts';

const errors = errorResponses(400, 401, 403, 404, 409);

export const modelProjectRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/tenants/:tenant/model-project',
    {
      config: { policy: { action: 'national.read' } },
      schema: {
        tags: ['model-project'],
        summary: 'モデル事業の対象団体 / Model-project municipalities',
        params: nationalParamsSchema,
        response: { 200: memberListSchema, ...errors },
      },
    },
    async () => service.listMembers(app.db),
  );

  app.put(
    '/tenants/:tenant/model-project/:code',
    {
      config: { policy: { action: 'national.manage' } },
      schema: {
        tags: ['model-project'],
        summary: '対象団体の選定（類型の変更） / Select a municipality (or change its type)',
        params: memberParamsSchema,
        body: selectMemberSchema,
        response: { 200: memberSchema, ...errors },
      },
    },
    async (request) => service.selectMember(app.db, staffContextOf(request), request.params.code, request.body.type),
  );

  app.delete(
    '/tenants/:tenant/model-project/:code',
    {
      config: { policy: { action: 'national.manage' } },
      schema: {
        tags: ['model-project'],
        summary: '対象団体から外す / Remove from the model project',
        params: memberParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.removeMember(app.db, staffContextOf(request), request.params.code);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/tenants/:tenant/model-project/:code/step',
    {
      config: { policy: { action: 'national.manage' } },
      schema: {
        tags: ['model-project'],
        summary: 'ステップを進める / Advance the step',
        params: memberParamsSchema,
        body: changeStepSchema,
        response: { 200: memberSchema, ...errors },
      },
    },
    async (request) =>
      service.changeStep(app.db, staffContextOf(request), request.params.code, request.body.step as ModelStep),
  );

  app.get(
    '/tenants/:tenant/model-plan',
    {
      config: { policy: { action: 'model_plan.read' } },
      schema: {
        tags: ['model-project'],
        summary: 'STEP1 計画 / The STEP1 plan',
        params: planParamsSchema,
        response: { 200: memberPlanSchema, ...errors },
      },
    },
    async (request) => service.getPlan(app.db, staffContextOf(request)),
  );

  app.put(
    '/tenants/:tenant/model-plan',
    {
      config: { policy: { action: 'model_plan.manage' } },
      schema: {
        tags: ['model-project'],
        summary: 'STEP1 計画を保存 / Save the STEP1 plan',
        params: planParamsSchema,
        body: planSchema,
        response: { 200: memberPlanSchema, ...errors },
      },
    },
    async (request) => service.savePlan(app.db, staffContextOf(request), request.body),
  );

  app.get(
    '/tenants/:tenant/model-plan/report',
    {
      config: { policy: { action: 'model_plan.read' } },
      schema: {
        tags: ['model-project'],
        summary: '効果検証レポート（STEP3 指標） / Effect-verification report',
        params: planParamsSchema,
        response: { 200: effectReportSchema, ...errors },
      },
    },
    async (request) => service.effectReport(app.db, staffContextOf(request).tenant),
  );

  app.get(
    '/model-project/:code/progress',
    {
      schema: {
        tags: ['model-project'],
        summary: '進捗（公開・共有用） / Progress, public and shareable',
        params: progressParamsSchema,
        response: { 200: progressSchema, ...errors },
      },
    },
    async (request) => service.progress(app.db, request.params.code),
  );
};
