import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema, errorResponses } from '../../platform/error-schema.ts';
import { preferredLocale } from '../../platform/locale.ts';
import { pageQuerySchema } from '../../platform/pagination.ts';
import { requireSession } from '../accounts/session-plugin.ts';
import type { Mailer } from '../mail/mailer.ts';
import { staffContextOf } from './guard.ts';
import { membershipsOf } from './repository.ts';
import {
  changeRoleSchema,
  inviteStaffSchema,
  membershipListSchema,
  staffListSchema,
  staffMemberParamsSchema,
  tenantParamsSchema,
} from './schema.ts';
import { changeRole, inviteStaff, listStaff, revokeStaff } from './service.ts';

const errors = errorResponses(400, 401, 403, 404, 409);

export function staffRoutes(options: { mailer: Mailer; publicUrl: string }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/me/memberships',
      {
        schema: {
          tags: ['staff'],
          summary: '自分の所属テナントと役割 / My tenants and roles',
          response: { 200: membershipListSchema, 401: errorResponseSchema },
        },
      },
      async (request) => ({ items: await membershipsOf(app.db, requireSession(request).personId) }),
    );

    app.get(
      '/tenants/:tenant/staff',
      {
        config: { policy: { action: 'staff.read' } },
        schema: {
          tags: ['staff'],
          summary: '職員一覧 / Staff of a tenant',
          params: tenantParamsSchema,
          querystring: pageQuerySchema,
          response: { 200: staffListSchema, ...errors },
        },
      },
      async (request) => listStaff(app.db, staffContextOf(request), request.query),
    );

    app.post(
      '/tenants/:tenant/staff',
      {
        config: { policy: { action: 'staff.manage' }, idempotent: true },
        schema: {
          tags: ['staff'],
          summary: '職員を招待 / Invite a staff member',
          params: tenantParamsSchema,
          body: inviteStaffSchema,
          response: {
            201: z.object({ personId: z.uuid(), email: z.string(), role: z.string(), created: z.boolean() }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const result = await inviteStaff(app.db, staffContextOf(request), {
          ...request.body,
          locale: preferredLocale(request.headers['accept-language']),
          publicUrl: options.publicUrl,
        });
        await options.mailer
          .deliver(app.db)
          .catch((error) => request.log.error({ err: error }, 'mail delivery failed'));
        return reply.code(201).send(result);
      },
    );

    app.patch(
      '/tenants/:tenant/staff/:personId',
      {
        config: { policy: { action: 'staff.manage' } },
        schema: {
          tags: ['staff'],
          summary: '役割を変更 / Change a role',
          params: staffMemberParamsSchema,
          body: changeRoleSchema,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await changeRole(app.db, staffContextOf(request), request.params.personId, request.body.role);
        return reply.code(204).send(null);
      },
    );

    app.delete(
      '/tenants/:tenant/staff/:personId',
      {
        config: { policy: { action: 'staff.manage' } },
        schema: {
          tags: ['staff'],
          summary: '職員の登録を解除 / Remove a staff member',
          params: staffMemberParamsSchema,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await revokeStaff(app.db, staffContextOf(request), request.params.personId);
        return reply.code(204).send(null);
      },
    );
  };
}
