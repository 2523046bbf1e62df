import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listResponseSchema, offsetOf, pageQuerySchema } from '../../platform/pagination.ts';
import { recentMail } from './repository.ts';

const outboxMailSchema = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
});

/**
 * The developer mailbox: with no SMTP server (the embedded default) mail stays in the outbox and is
 * read here, so sign-in works offline. Never registered in production or when SMTP is configured.
 */
export const devMailRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/dev/mail',
    {
      schema: {
        tags: ['development'],
        summary: '開発用メールボックス / Developer mailbox (no SMTP configured)',
        querystring: pageQuerySchema,
        response: { 200: listResponseSchema(outboxMailSchema) },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const { items, total } = await recentMail(app.db, { limit: pageSize, offset: offsetOf(request.query) });
      return { items, total, page, pageSize };
    },
  );
};
