import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAction, staffActions } from '../src/platform/policy.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { testEngines } from './support/databases.ts';
import { type SignedIn, signInByEmail } from './support/sign-in.ts';

// Generated from the route table: every route that declares a staff policy is walked as an
// anonymous caller, as staff of another municipality, and (for writes) as a viewer of the right one.
describe.each(testEngines())('authorization of every staff route on %s', (engine) => {
  let t: TestApp;
  let kesennumaAdmin: SignedIn;
  let kesennumaViewer: SignedIn;
  let fukushimaAdmin: SignedIn;
  let kesennumaPartner: SignedIn;
  let nationalAdmin: SignedIn;
  let routes: { method: string; url: string; action: StaffAction }[];

  beforeAll(async () => {
    t = await createTestApp(engine);
    kesennumaAdmin = await signInByEmail(t.app, 'admin@kesennuma.example.jp');
    fukushimaAdmin = await signInByEmail(t.app, 'admin@fukushima.example.jp');
    kesennumaPartner = await signInByEmail(t.app, 'shop@kesennuma.example.jp');
    nationalAdmin = await signInByEmail(t.app, 'admin@national.example.jp');
    const invited = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/042056/staff',
      payload: { email: 'viewer@kesennuma.example.jp', role: 'viewer' },
      ...kesennumaAdmin,
    });
    expect(invited.statusCode).toBe(201);
    kesennumaViewer = await signInByEmail(t.app, 'viewer@kesennuma.example.jp');
    routes = t.app.policyRoutes.flatMap((r) =>
      (Array.isArray(r.method) ? r.method : [r.method])
        .filter((m) => m !== 'HEAD')
        .map((method) => ({
          method,
          action: r.config?.policy?.action as StaffAction,
          url: `/api/v1${r.url.replace(/^\/api\/v1/, '')}`
            .replace(':tenant', '042056')
            .replace(':personId', kesennumaAdmin.personId)
            .replace(':partnerId', '00000000-0000-4000-8000-000000000000')
            .replace(':memberId', '00000000-0000-4000-8000-000000000001')
            .replace(':id', '00000000-0000-4000-8000-000000000002'),
        })),
    );
  });
  afterAll(() => t?.close());

  const call = (route: { method: string; url: string }, as?: SignedIn) =>
    t.app.inject({
      method: route.method as HTTPMethods,
      url: route.url,
      payload:
        route.method === 'GET' || route.method === 'DELETE' ? undefined : { email: 'x@example.jp', role: 'admin' },
      ...(as ?? {}),
    });

  it('finds the staff routes in the route table', () => {
    expect(routes.length).toBeGreaterThanOrEqual(5);
    expect(routes.map((r) => `${r.method} ${r.url.replace(kesennumaAdmin.personId, ':personId')}`)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/tenants/042056/staff',
        'POST /api/v1/tenants/042056/staff',
        'GET /api/v1/tenants/042056/audit-log',
      ]),
    );
  });

  it('refuses anonymous callers on every staff route', async () => {
    for (const route of routes) {
      const response = await call(route);
      expect([route, response.statusCode, response.json().error.code]).toEqual([route, 401, 'AUTHENTICATION_REQUIRED']);
    }
  });

  it('refuses staff of another municipality on every staff route', async () => {
    for (const route of routes) {
      const response = await call(route, fukushimaAdmin);
      expect([route, response.statusCode, response.json().error.code]).toEqual([route, 403, 'FORBIDDEN']);
    }
  });

  // The partner role's own routes (recording a member card's use at the counter) are the one exception,
  // and only in the partner's own municipality: other tenants and anonymous callers are refused above.
  const forPartners = (route: { action: StaffAction }) =>
    (staffActions[route.action].roles as readonly string[]).includes('partner');

  it("refuses a partner shop's person every other staff route of its own municipality", async () => {
    expect(routes.filter(forPartners).map((r) => r.action)).toContain('redemption.record');
    for (const route of routes.filter(forPartners)) {
      const response = await call(route, kesennumaPartner);
      expect([route, [401, 403].includes(response.statusCode)]).toEqual([route, false]);
    }
    for (const route of routes.filter((r) => !forPartners(r))) {
      const response = await call(route, kesennumaPartner);
      expect([route, response.statusCode, response.json().error.code]).toEqual([route, 403, 'FORBIDDEN']);
    }
  });

  it("refuses a partner shop's person its own routes in another municipality", async () => {
    for (const route of routes.filter(forPartners)) {
      const elsewhere = { ...route, url: route.url.replace('/tenants/042056/', '/tenants/072010/') };
      const response = await call(elsewhere, kesennumaPartner);
      expect([elsewhere, response.statusCode, response.json().error.code]).toEqual([elsewhere, 403, 'FORBIDDEN']);
    }
  });

  it('refuses a viewer every write', async () => {
    const writes = routes.filter((r) => r.method !== 'GET');
    expect(writes.length).toBeGreaterThanOrEqual(3);
    for (const route of writes) {
      const response = await call(route, kesennumaViewer);
      expect([route, response.statusCode, response.json().error.code]).toEqual([route, 403, 'FORBIDDEN']);
    }
  });

  it("refuses a national administrator every route on a municipality's residents", async () => {
    const residentRoutes = routes.filter((r) => !staffActions[r.action].national);
    expect(residentRoutes.map((r) => r.action)).toEqual(expect.arrayContaining(['registrant.read', 'premium.review']));
    for (const route of residentRoutes) {
      const response = await call(route, nationalAdmin);
      expect([route, response.statusCode, response.json().error.code]).toEqual([route, 403, 'FORBIDDEN']);
    }
  });

  it('changed nothing and logged the denied attempts in the target tenant', async () => {
    const staff = await t.app.inject({ url: '/api/v1/tenants/042056/staff', ...kesennumaAdmin });
    expect(
      staff
        .json()
        .items.map((s: { email: string; role: string }) => `${s.email}:${s.role}`)
        .sort(),
    ).toEqual([
      'admin@kesennuma.example.jp:admin',
      'editor@kesennuma.example.jp:editor',
      'shop@kesennuma.example.jp:partner',
      'viewer@kesennuma.example.jp:viewer',
    ]);
    // More denials than one page holds: read the whole log.
    const entries: { action: string }[] = [];
    for (let page = 1; ; page++) {
      const log = await t.app.inject({
        url: `/api/v1/tenants/042056/audit-log?pageSize=100&page=${page}`,
        ...kesennumaAdmin,
      });
      entries.push(...log.json().items);
      if (entries.length >= log.json().total || log.json().items.length === 0) break;
    }
    const denied = entries.filter((e) => e.action === 'access.denied');
    const residentRoutes = routes.filter((r) => !staffActions[r.action].national);
    expect(denied.length).toBe(
      routes.length +
        routes.filter((r) => !forPartners(r)).length +
        routes.filter((r) => r.method !== 'GET').length +
        residentRoutes.length,
    );
    expect(denied[0]).toMatchObject({ requestId: expect.any(String), details: { attempted: expect.any(String) } });
  });
});
