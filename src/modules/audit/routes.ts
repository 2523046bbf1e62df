import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '../../platform/error-schema.ts';
import { listResponseSchema, offsetOf, pageQuerySchema } from '../../platform/pagination.ts';
import { tenantParamsSchema } from '../staff/schema.ts';
import { auditLogOf } from './repository.ts';

const auditEntrySchema = z
  .object({
    id: z.string(),
    occurredAt: z.date(),
    actorPersonId: z.string().nullable(),
    actorEmail: z.string().nullable(),
    action: z.string(),
    subjectType: z.string().nullable(),
    subjectId: z.string().nullable(),
    requestId: z.string().nullable(),
    details: z.unknown(),
  })
  .meta({ id: 'AuditEntry' });

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/tenants/:tenant/audit-log',
    {
      config: { policy: { action: 'audit.read' } },
      schema: {
        tags: ['audit'],
        summary: '監査ログ（新しい順） / Audit log, newest first',
        params: tenantParamsSchema,
        querystring: pageQuerySchema,
        response: {
          200: listResponseSchema(auditEntrySchema),
          400: errorResponseSchema,
          401: errorResponseSchema,
          403: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const { items, total } = await auditLogOf(app.db, request.params.tenant, {
        limit: request.query.pageSize,
        offset: offsetOf(request.query),
      });
      return { items, total, page: request.query.page, pageSize: request.query.pageSize };
    },
  );
};
