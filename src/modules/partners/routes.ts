import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/error-schema.ts';
import { preferredLocale } from '../../platform/locale.ts';
import { pageQuerySchema } from '../../platform/pagination.ts';
import type { Mailer } from '../mail/mailer.ts';
import { staffContextOf } from '../staff/guard.ts';
import { tenantParamsSchema } from '../staff/schema.ts';
import {
  createPartnerSchema,
  invitePartnerMemberSchema,
  partnerListSchema,
  partnerParamsSchema,
  partnerSchema,
} from './schema.ts';
import { createPartner, invitePartnerMember, listPartners } from './service.ts';

const errors = errorResponses(400, 401, 403, 404, 409);

export function partnerRoutes(options: { mailer: Mailer; publicUrl: string }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/tenants/:tenant/partners',
      {
        config: { policy: { action: 'partner.read' } },
        schema: {
          tags: ['partners'],
          summary: '協力店の一覧 / Partner businesses',
          params: tenantParamsSchema,
          querystring: pageQuerySchema,
          response: { 200: partnerListSchema, ...errors },
        },
      },
      async (request) => listPartners(app.db, staffContextOf(request), request.query),
    );

    app.post(
      '/tenants/:tenant/partners',
      {
        config: { policy: { action: 'partner.manage' }, idempotent: true },
        schema: {
          tags: ['partners'],
          summary: '協力店を登録 / Register a partner business',
          params: tenantParamsSchema,
          body: createPartnerSchema,
          response: { 201: partnerSchema, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createPartner(app.db, staffContextOf(request), request.body.name)),
    );

    app.post(
      '/tenants/:tenant/partners/:partnerId/members',
      {
        config: { policy: { action: 'partner.manage' }, idempotent: true },
        schema: {
          tags: ['partners'],
          summary: '協力店の担当者を招待 / Invite a person to act for a partner',
          params: partnerParamsSchema,
          body: invitePartnerMemberSchema,
          response: {
            201: z.object({ personId: z.uuid(), email: z.string(), role: z.string(), created: z.boolean() }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const result = await invitePartnerMember(app.db, staffContextOf(request), request.params.partnerId, {
          email: request.body.email,
          locale: preferredLocale(request.headers['accept-language']),
          publicUrl: options.publicUrl,
        });
        await options.mailer
          .deliver(app.db)
          .catch((error) => request.log.error({ err: error }, 'mail delivery failed'));
        return reply.code(201).send(result);
      },
    );
  };
}
