import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { type SignedIn, signInByEmail } from '../../../test/support/sign-in.ts';

describe.each(testEngines())('partner businesses and the partner role on %s', (engine) => {
  let t: TestApp;
  let admin: SignedIn;
  let editor: SignedIn;
  let fukushima: SignedIn;
  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await signInByEmail(t.app, 'admin@kesennuma.example.jp');
    editor = await signInByEmail(t.app, 'editor@kesennuma.example.jp');
    fukushima = await signInByEmail(t.app, 'admin@fukushima.example.jp');
  });
  afterAll(() => t?.close());

  it('registers a partner, invites the person who acts for it, and audits it', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/042056/partners',
      payload: { name: '  気仙沼 港の宿  ' },
      ...admin,
    });
    expect(created.statusCode).toBe(201);
    const partner = created.json();
    expect(partner).toMatchObject({ name: '気仙沼 港の宿', municipalityCode: '042056' });

    const list = await t.app.inject({ url: '/api/v1/tenants/042056/partners', ...editor });
    expect(list.json().items.map((p: { name: string }) => p.name)).toEqual(['気仙沼 海の市 お土産処', '気仙沼 港の宿']);

    const invited = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tenants/042056/partners/${partner.id}/members`,
      payload: { email: 'inn@example.jp' },
      ...admin,
    });
    expect(invited.statusCode).toBe(201);
    expect(invited.json()).toMatchObject({ role: 'partner', created: true });

    const inn = await signInByEmail(t.app, 'inn@example.jp');
    const memberships = await t.app.inject({ url: '/api/v1/me/memberships', ...inn });
    expect(memberships.json().items).toEqual([
      { tenant: '042056', role: 'partner', partnerId: partner.id, partnerName: '気仙沼 港の宿' },
    ]);

    const log = (await t.app.inject({ url: '/api/v1/tenants/042056/audit-log', ...admin })).json();
    expect(log.items.slice(0, 2)).toEqual([
      expect.objectContaining({
        action: 'staff.granted',
        details: expect.objectContaining({ role: 'partner', partnerId: partner.id }),
      }),
      expect.objectContaining({ action: 'partner.created', subjectId: partner.id }),
    ]);
  });

  it("cannot attach a person to another municipality's partner", async () => {
    const kesennumaPartner = (await t.app.inject({ url: '/api/v1/tenants/042056/partners', ...admin })).json().items[0];
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tenants/070009/partners/${kesennumaPartner.id}/members`,
      payload: { email: 'sneaky@example.jp' },
      ...fukushima,
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('PARTNER_NOT_FOUND');
  });

  it('lets editors read but not register partners', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/042056/partners',
      payload: { name: '無断登録' },
      ...editor,
    });
    expect(response.statusCode).toBe(403);
  });

  it.each([
    [{ name: '' }, 'VALIDATION_FAILED'],
    [{ name: 'あ'.repeat(101) }, 'VALIDATION_FAILED'],
    [{}, 'VALIDATION_FAILED'],
  ])('rejects %j', async (payload, code) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/tenants/042056/partners', payload, ...admin });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe(code);
  });

  it('has no partners at the national level', async () => {
    const national = await signInByEmail(t.app, 'admin@national.example.jp');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/national/partners',
      payload: { name: '国の店' },
      ...national,
    });
    expect(response.json().error.code).toBe('INVALID_TENANT');
  });
});
