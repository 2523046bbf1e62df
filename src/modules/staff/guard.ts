import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { can, type StaffAction } from '../../platform/policy.ts';
import { appendAudit } from '../audit/repository.ts';
import { membershipsOf } from './repository.ts';
import { tenantSchema } from './schema.ts';
import type { StaffContext } from './service.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The staff action this route performs on the tenant named by its :tenant parameter. */
    policy?: { action: StaffAction };
  }
  interface FastifyRequest {
    staff: { personId: string; tenant: string } | null;
  }
  interface FastifyInstance {
    /** Every route that declares a policy: the authorization suite walks this table. */
    policyRoutes: RouteOptions[];
  }
}

/**
 * Enforces each route's declared policy before its input is even validated: anonymous → 401,
 * no grant for this tenant → 403 (and the attempt is logged in the tenant's audit log).
 */
export function installStaffGuard(app: FastifyInstance): void {
  app.decorate('policyRoutes', [] as RouteOptions[]);
  app.decorateRequest('staff', null);
  app.addHook('onRoute', (route) => {
    if (route.config?.policy) app.policyRoutes.push(route);
    // A tenant route without a declared policy would be open to everyone: refuse to start.
    else if (route.url.includes('/tenants/:tenant')) throw new Error(`${route.method} ${route.url} declares no policy`);
  });
  app.addHook('preValidation', async (request) => {
    const policy = request.routeOptions.config.policy;
    if (!policy) return;
    if (!request.session) throw new AppError('AUTHENTICATION_REQUIRED');
    const tenant = tenantSchema.safeParse((request.params as { tenant?: unknown }).tenant);
    if (!tenant.success) throw new AppError('INVALID_TENANT');
    const personId = request.session.personId;
    const memberships = await membershipsOf(app.db, personId);
    if (!can({ personId, memberships }, policy.action, tenant.data)) {
      await appendAudit(app.db, {
        tenant: tenant.data,
        actorPersonId: personId,
        action: 'access.denied',
        requestId: request.id,
        details: { attempted: policy.action, method: request.method, route: request.routeOptions.url },
      });
      throw new AppError('FORBIDDEN');
    }
    request.staff = { personId, tenant: tenant.data };
  });
}

/** The acting staff member and tenant of a route that declared a policy (set by the guard above). */
export function staffContextOf(request: FastifyRequest): StaffContext {
  if (!request.staff) throw new AppError('FORBIDDEN');
  return { actorPersonId: request.staff.personId, tenant: request.staff.tenant, requestId: request.id };
}
