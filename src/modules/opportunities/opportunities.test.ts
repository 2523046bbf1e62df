import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { type SignedIn, signInByEmail } from '../../../test/support/sign-in.ts';
import { DEMO_OPPORTUNITIES } from './demo-data.ts';
import { basicOpportunity, sessionIn } from './test-support.ts';

describe.each(testEngines())('opportunities (staff and public) on %s', (engine) => {
  let t: TestApp;
  let admin: SignedIn;
  let editor: SignedIn;
  let fukushima: SignedIn;
  let national: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await signInByEmail(t.app, 'admin@kesennuma.example.jp');
    editor = await signInByEmail(t.app, 'editor@kesennuma.example.jp');
    fukushima = await signInByEmail(t.app, 'admin@fukushima.example.jp');
    national = await signInByEmail(t.app, 'admin@national.example.jp');
  });
  afterAll(() => t?.close());

  const create = (who: SignedIn, payload: object, tenant = '042056') =>
    t.app.inject({ method: 'POST', url: `/api/v1/tenants/${tenant}/opportunities`, payload, ...who });
  const patch = (who: SignedIn, id: string, payload: object, tenant = '042056') =>
    t.app.inject({ method: 'PATCH', url: `/api/v1/tenants/${tenant}/opportunities/${id}`, payload, ...who });

  it('creates an opportunity with its sessions, eligibility and questions, and audits it', async () => {
    const response = await create(editor, {
      ...basicOpportunity,
      title: '  港まつりの運営ボランティア ',
      kind: 'event_help',
      sessions: [sessionIn(31, 9, 12), sessionIn(30, 16, 6)],
      online: false,
      capacity: 40,
      eligibility: { minTier: 'basic', identityRequired: false, relationTypes: [3, 2, 3] },
      questions: ['希望する担当'],
      status: 'open',
    });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      municipalityCode: '042056',
      municipalityName: '気仙沼市',
      title: '港まつりの運営ボランティア',
      kind: 'event_help',
      capacity: 40,
      seatsLeft: 40,
      status: 'open',
      acceptingApplications: true,
      eligibility: { minTier: 'basic', identityRequired: false, relationTypes: [2, 3] },
      questions: ['希望する担当'],
      applications: { applied: 0, accepted: 0, declined: 0, attended: 0, no_show: 0, cancelled: 0 },
    });
    // Sessions come back in time order, each with an id.
    expect(created.sessions.map((s: { startsAt: string }) => s.startsAt)).toEqual([
      sessionIn(30, 16, 6).startsAt,
      sessionIn(31, 9, 12).startsAt,
    ]);
    const log = (await t.app.inject({ url: '/api/v1/tenants/042056/audit-log', ...admin })).json();
    expect(log.items[0]).toMatchObject({ action: 'opportunity.created', subjectId: created.id });

    const read = await t.app.inject({ url: `/api/v1/tenants/042056/opportunities/${created.id}`, ...admin });
    expect(read.json()).toEqual(created);
  });

  it('shows open opportunities to anyone, never drafts, with filters', async () => {
    const open = (
      await create(admin, { ...basicOpportunity, title: '公開中の募集', kind: 'fieldwork', status: 'open' })
    ).json();
    const draft = (await create(admin, { ...basicOpportunity, title: '下書きの募集', kind: 'fieldwork' })).json();
    expect(draft.status).toBe('draft');
    const online = (
      await create(admin, {
        ...basicOpportunity,
        title: 'オンライン副業',
        kind: 'side_job',
        online: true,
        status: 'open',
      })
    ).json();

    const fieldwork = await t.app.inject({
      url: '/api/v1/opportunities?municipality=042056&kind=fieldwork&pageSize=100',
    });
    expect(fieldwork.statusCode).toBe(200);
    const ids = fieldwork.json().items.map((o: { id: string }) => o.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(draft.id);
    expect(fieldwork.json().items.every((o: { kind: string }) => o.kind === 'fieldwork')).toBe(true);
    expect(fieldwork.json().items[0]).not.toHaveProperty('applications');

    const onlineOnly = (await t.app.inject({ url: '/api/v1/opportunities?online=true&pageSize=100' })).json();
    expect(onlineOnly.items.map((o: { id: string }) => o.id)).toContain(online.id);
    expect(onlineOnly.items.every((o: { online: boolean }) => o.online)).toBe(true);

    // `prefecture` keeps the opportunities of that prefecture's municipalities (the demo has 福島市's too).
    const miyagi = (await t.app.inject({ url: '/api/v1/opportunities?prefecture=04&pageSize=100' })).json();
    expect(miyagi.items.map((o: { id: string }) => o.id)).toContain(open.id);
    expect(miyagi.items.every((o: { municipalityCode: string }) => o.municipalityCode.startsWith('04'))).toBe(true);
    const fukushima = (await t.app.inject({ url: '/api/v1/opportunities?prefecture=07&pageSize=100' })).json();
    expect(fukushima.total).toBeGreaterThan(0);
    expect(fukushima.items.every((o: { municipalityCode: string }) => o.municipalityCode.startsWith('07'))).toBe(true);

    // `from` keeps only opportunities with a session on or after that day.
    const later = sessionIn(100).startsAt.slice(0, 10);
    const fromLater = (await t.app.inject({ url: `/api/v1/opportunities?from=${later}&pageSize=100` })).json();
    expect(fromLater.items.map((o: { id: string }) => o.id)).not.toContain(open.id);

    expect((await t.app.inject({ url: `/api/v1/opportunities/${open.id}` })).json().title).toBe('公開中の募集');
    const hidden = await t.app.inject({ url: `/api/v1/opportunities/${draft.id}` });
    expect([hidden.statusCode, hidden.json().error.code]).toEqual([404, 'OPPORTUNITY_NOT_FOUND']);

    const closed = await patch(admin, open.id, { status: 'closed' });
    expect(closed.json()).toMatchObject({ status: 'closed', acceptingApplications: false });
    const afterClose = (await t.app.inject({ url: '/api/v1/opportunities?kind=fieldwork&pageSize=100' })).json();
    expect(afterClose.items.map((o: { id: string }) => o.id)).not.toContain(open.id);
    const reopened = await patch(admin, open.id, { status: 'open' });
    expect(reopened.json().status).toBe('open');
    const backToDraft = await patch(admin, open.id, { status: 'draft' });
    expect([backToDraft.statusCode, backToDraft.json().error.code]).toEqual([409, 'OPPORTUNITY_STATUS_CONFLICT']);
  });

  it('edits fields and replaces sessions (keep, move, add, remove)', async () => {
    const created = (
      await create(admin, { ...basicOpportunity, sessions: [sessionIn(10), sessionIn(11), sessionIn(12)] })
    ).json();
    const [first, second] = created.sessions;
    const response = await patch(admin, created.id, {
      title: '牡蠣養殖の手伝い（日程変更）',
      capacity: 8,
      questions: ['経験', '移動手段'],
      sessions: [
        { id: first.id, startsAt: first.startsAt, endsAt: first.endsAt },
        { id: second.id, ...sessionIn(15) },
        sessionIn(20),
      ],
    });
    expect(response.statusCode).toBe(200);
    const updated = response.json();
    expect(updated).toMatchObject({
      title: '牡蠣養殖の手伝い（日程変更）',
      capacity: 8,
      questions: ['経験', '移動手段'],
    });
    expect(updated.sessions).toEqual([
      { id: first.id, startsAt: first.startsAt, endsAt: first.endsAt },
      { id: second.id, ...sessionIn(15) },
      { id: expect.any(String), ...sessionIn(20) },
    ]);
    const unknown = await patch(admin, created.id, {
      sessions: [{ id: '00000000-0000-4000-8000-000000000009', ...sessionIn(9) }],
    });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'SESSION_NOT_FOUND']);
    const empty = await patch(admin, created.id, {});
    expect(empty.statusCode).toBe(400);
  });

  it.each([
    ['a session in the past', { sessions: [sessionIn(-1)] }, 400, 'OPPORTUNITY_DATE_IN_PAST'],
    ['capacity 0', { capacity: 0 }, 400, 'VALIDATION_FAILED'],
    ['an unknown kind', { kind: 'sightseeing' }, 400, 'VALIDATION_FAILED'],
    ['no sessions', { sessions: [] }, 400, 'VALIDATION_FAILED'],
    ['a session over 24 hours', { sessions: [sessionIn(5, 9, 25)] }, 400, 'SESSION_TIMES_INVALID'],
    ['a session ending before it starts', { sessions: [sessionIn(5, 9, -1)] }, 400, 'SESSION_TIMES_INVALID'],
    [
      'a date without a time zone',
      { sessions: [{ startsAt: '2030-01-01T09:00:00', endsAt: '2030-01-01T12:00:00' }] },
      400,
      'VALIDATION_FAILED',
    ],
    ['six questions', { questions: ['1', '2', '3', '4', '5', '6'] }, 400, 'VALIDATION_FAILED'],
    ['an empty title', { title: '  ' }, 400, 'VALIDATION_FAILED'],
    ['relationship type 5', { eligibility: { relationTypes: [5] } }, 400, 'VALIDATION_FAILED'],
    ['created closed', { status: 'closed' }, 400, 'VALIDATION_FAILED'],
  ])('refuses %s', async (_name, change, status, code) => {
    const response = await create(admin, { ...basicOpportunity, ...change });
    expect([response.statusCode, response.json().error.code]).toEqual([status, code]);
  });

  it('refuses moving a session into the past and lowering capacity is checked against accepted people', async () => {
    const created = (await create(admin, basicOpportunity)).json();
    const moved = await patch(admin, created.id, {
      sessions: [{ id: created.sessions[0].id, ...sessionIn(-2) }],
    });
    expect([moved.statusCode, moved.json().error.code]).toEqual([400, 'OPPORTUNITY_DATE_IN_PAST']);
    expect((await patch(admin, created.id, { capacity: 1 })).statusCode).toBe(200);
  });

  it("keeps each municipality's opportunities to its own staff", async () => {
    const kesennuma = (await create(admin, basicOpportunity)).json();
    const denied = await t.app.inject({ url: '/api/v1/tenants/042056/opportunities', ...fukushima });
    expect([denied.statusCode, denied.json().error.code]).toEqual([403, 'FORBIDDEN']);
    const deniedWrite = await patch(fukushima, kesennuma.id, { title: '乗っ取り' });
    expect(deniedWrite.statusCode).toBe(403);
    // Through its own tenant, Fukushima prefecture cannot reach another municipality's opportunity either.
    for (const request of [
      { url: `/api/v1/tenants/070009/opportunities/${kesennuma.id}` },
      {
        method: 'PATCH' as const,
        url: `/api/v1/tenants/070009/opportunities/${kesennuma.id}`,
        payload: { title: 'x' },
      },
      { url: `/api/v1/tenants/070009/opportunities/${kesennuma.id}/applications` },
      { url: `/api/v1/tenants/070009/opportunities/${kesennuma.id}/check-in-code?session=${kesennuma.sessions[0].id}` },
    ]) {
      const response = await t.app.inject({ ...request, ...fukushima });
      expect([request.url, response.statusCode, response.json().error.code]).toEqual([
        request.url,
        404,
        'OPPORTUNITY_NOT_FOUND',
      ]);
    }
    const own = (await t.app.inject({ url: '/api/v1/tenants/070009/opportunities', ...fukushima })).json();
    expect(own.items.map((o: { id: string }) => o.id)).not.toContain(kesennuma.id);
    const prefecture = await create(fukushima, basicOpportunity, '070009');
    expect(prefecture.json()).toMatchObject({ municipalityCode: '070009', municipalityName: '福島県' });
    // The national level recruits no helpers, and its administrators do not manage a municipality's.
    const nationalCreate = await create(national, basicOpportunity, 'national');
    expect([nationalCreate.statusCode, nationalCreate.json().error.code]).toEqual([400, 'INVALID_TENANT']);
    expect((await create(national, basicOpportunity)).statusCode).toBe(403);
    expect((await patch(admin, kesennuma.id, { title: '気仙沼の募集' })).json().title).toBe('気仙沼の募集');
  });

  it('seeds open demo opportunities with future dates for the demo municipalities', async () => {
    const now = Date.now();
    expect(DEMO_OPPORTUNITIES.filter((o) => o.municipalityCode === '042056').length).toBeGreaterThanOrEqual(4);
    for (const code of ['042056', '072010', '152226']) {
      const list = (await t.app.inject({ url: `/api/v1/opportunities?municipality=${code}&pageSize=100` })).json();
      const titles = DEMO_OPPORTUNITIES.filter((o) => o.municipalityCode === code).map((o) => o.title);
      expect(titles.length).toBeGreaterThanOrEqual(2);
      const demo = list.items.filter((o: { title: string }) => titles.includes(o.title));
      expect(demo.map((o: { title: string }) => o.title).sort()).toEqual([...titles].sort());
      for (const o of demo) {
        expect(o.sessions.every((s: { startsAt: string }) => Date.parse(s.startsAt) > now)).toBe(true);
      }
    }
    const staff = (await t.app.inject({ url: '/api/v1/tenants/042056/opportunities?pageSize=100', ...admin })).json();
    const oysters = staff.items.find((o: { title: string }) => o.title.startsWith('牡蠣養殖の手伝い（唐桑'));
    expect(oysters.applications).toMatchObject({ applied: 2, accepted: 3 });
    expect(oysters.seatsLeft).toBe(oysters.capacity - 3);
  });
});
