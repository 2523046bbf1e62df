import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../platform/error-schema.ts';
import { staffContextOf } from '../staff/guard.ts';
import { tenantParamsSchema } from '../staff/schema.ts';
import { comparisonQuerySchema, comparisonSchema, dashboardQuerySchema, dashboardSchema } from './schema.ts';
import * as service from './service.ts';

const errors = errorResponses(400, 401, 403, 404);
const tags = ['dashboards'];

/** Aggregates for the console home. No personal data is read, so nothing is audit-logged here. */
export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/tenants/:tenant/dashboard',
    {
      config: { policy: { action: 'dashboard.read' } },
      schema: {
        tags,
        summary: 'ダッシュボード（集計のみ） / Dashboard (aggregates only)',
        params: tenantParamsSchema,
        querystring: dashboardQuerySchema,
        response: { 200: dashboardSchema, ...errors },
      },
    },
    async (request) => service.dashboard(app.db, staffContextOf(request).tenant, request.query),
  );

  app.get(
    '/tenants/:tenant/dashboard/municipalities',
    {
      config: { policy: { action: 'dashboard.read' } },
      schema: {
        tags,
        summary: '都道府県内の市区町村の比較 / Municipalities of a prefecture compared',
        params: tenantParamsSchema,
        querystring: comparisonQuerySchema,
        response: { 200: comparisonSchema, ...errors },
      },
    },
    async (request) => service.comparison(app.db, staffContextOf(request).tenant, request.query.months),
  );
};
