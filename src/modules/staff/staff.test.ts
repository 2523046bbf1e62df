import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { type SignedIn, signInByEmail } from '../../../test/support/sign-in.ts';

describe.each(testEngines())('staff management and audit log on %s', (engine) => {
  let t: TestApp;
  let admin: SignedIn;
  let national: SignedIn;
  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await signInByEmail(t.app, 'admin@kesennuma.example.jp');
    national = await signInByEmail(t.app, 'admin@national.example.jp');
  });
  afterAll(() => t?.close());

  const staffEmails = async () =>
    (await t.app.inject({ url: '/api/v1/tenants/042056/staff', ...admin }))
      .json()
      .items.map((s: { email: string; role: string }) => `${s.email}:${s.role}`)
      .sort();

  it('shows a person their memberships', async () => {
    const response = await t.app.inject({ url: '/api/v1/me/memberships', ...admin });
    expect(response.json()).toEqual({
      items: [{ tenant: '042056', role: 'admin', partnerId: null, partnerName: null }],
    });
  });

  it('invites by e-mail, changes the role, removes, and audits each step', async () => {
    const invite = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/042056/staff',
      payload: { email: 'New.Staff@Example.JP', role: 'editor' },
      ...admin,
    });
    expect(invite.statusCode).toBe(201);
    expect(invite.json()).toMatchObject({ email: 'new.staff@example.jp', role: 'editor', created: true });
    const { personId } = invite.json();
    const mail = (await t.app.inject({ url: '/api/v1/dev/mail' })).json().items[0];
    expect(mail).toMatchObject({ to: 'new.staff@example.jp', subject: expect.stringContaining('宮城県気仙沼市') });

    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tenants/042056/staff/${personId}`,
      payload: { role: 'viewer' },
      ...admin,
    });
    expect(patch.statusCode).toBe(204);
    expect(await staffEmails()).toContain('new.staff@example.jp:viewer');

    const removed = await t.app.inject({ method: 'DELETE', url: `/api/v1/tenants/042056/staff/${personId}`, ...admin });
    expect(removed.statusCode).toBe(204);
    expect(await staffEmails()).not.toContain('new.staff@example.jp:viewer');

    const log = (await t.app.inject({ url: '/api/v1/tenants/042056/audit-log', ...admin })).json();
    expect(log.items.slice(0, 4).map((e: { action: string }) => e.action)).toEqual([
      'staff.listed',
      'staff.revoked',
      'staff.listed',
      'staff.role_changed',
    ]);
    expect(log.items[1]).toMatchObject({ actorEmail: 'admin@kesennuma.example.jp', subjectId: personId });
  });

  it('keeps the last administrator', async () => {
    const demote = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tenants/042056/staff/${admin.personId}`,
      payload: { role: 'viewer' },
      ...admin,
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('LAST_ADMIN');
    const remove = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/tenants/042056/staff/${admin.personId}`,
      ...admin,
    });
    expect(remove.json().error.code).toBe('LAST_ADMIN');
    expect(await staffEmails()).toContain('admin@kesennuma.example.jp:admin');
  });

  it('lets a national administrator onboard the first admin of a municipality', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/473014/staff',
      payload: { email: 'admin@kunigami.example.jp', role: 'admin' },
      ...national,
    });
    expect(response.statusCode).toBe(201);
  });

  it.each([
    ['/api/v1/tenants/04205X/staff', 'INVALID_TENANT', 400],
    ['/api/v1/tenants/042057/staff', 'INVALID_TENANT', 400],
  ])('answers %s with %s', async (url, code, status) => {
    const response = await t.app.inject({ url, ...admin });
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
  });

  it('rejects unknown staff and bad roles without changing anything', async () => {
    const before = await staffEmails();
    const unknown = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/tenants/042056/staff/00000000-0000-4000-8000-000000000000',
      payload: { role: 'viewer' },
      ...admin,
    });
    expect(unknown.json().error.code).toBe('STAFF_MEMBER_NOT_FOUND');
    const badRole = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/042056/staff',
      payload: { email: 'x@example.jp', role: 'owner' },
      ...admin,
    });
    expect(badRole.json().error.code).toBe('VALIDATION_FAILED');
    expect(await staffEmails()).toEqual(before);
  });

  it('refuses to rewrite or delete the audit log', async () => {
    await expect(sql`update audit_log set action = 'forged'`.execute(t.app.db)).rejects.toThrow('append-only');
    await expect(sql`delete from audit_log`.execute(t.app.db)).rejects.toThrow('append-only');
  });
});
