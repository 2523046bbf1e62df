import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { type SignedIn, signInByEmail } from '../../../test/support/sign-in.ts';
import { jstDay } from '../registrations/rules.ts';
import { signCheckInToken } from './check-in-token.ts';
import { TOKEN_SECRET } from './check-ins.ts';
import { platformSecret } from './repository.ts';
import { basicOpportunity, sessionIn } from './test-support.ts';

describe.each(testEngines())('applications and check-in on %s', (engine) => {
  let t: TestApp;
  let admin: SignedIn;
  let editor: SignedIn;
  let fukushima: SignedIn;
  let residents: SignedIn[];

  const register = async (who: SignedIn, consents: string[], code = '042056') => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/registrations',
      payload: { municipalityCode: code, relationTypes: [2], consents },
      ...who,
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  const createOpportunity = async (payload: object = {}) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/042056/opportunities',
      payload: { ...basicOpportunity, status: 'open', ...payload },
      ...admin,
    });
    expect(response.statusCode).toBe(201);
    return response.json();
  };
  const apply = (who: SignedIn, id: string, answers: string[] = [], headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/me/opportunities/${id}/applications`,
      payload: { answers },
      cookies: who.cookies,
      headers: { ...who.headers, ...headers },
    });
  const decide = (applicationId: string, decision: string, message?: string, who = editor, tenant = '042056') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/tenants/${tenant}/applications/${applicationId}/decision`,
      payload: { decision, ...(message && { message }) },
      ...who,
    });
  const checkIn = (who: SignedIn, token: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/me/check-ins', payload: { token }, ...who });
  const activities = async (who: SignedIn) =>
    (await t.app.inject({ url: '/api/v1/me/activities', ...who })).json().items as {
      kind: string;
      occurredOn: string;
      source: string;
      status: string;
      note: string;
    }[];
  /** Moves a session to around now, as if the day of the event had come. */
  const startSessionNow = async (sessionId: string) => {
    const startsAt = new Date(Date.now() - 30 * 60_000);
    await t.app.db
      .updateTable('opportunity_sessions')
      .set({ starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 3 * 3_600_000) })
      .where('id', '=', sessionId)
      .execute();
    return jstDay(startsAt);
  };
  const mailTo = async (email: string) =>
    (await t.app.inject({ url: '/api/v1/dev/mail?pageSize=100' }))
      .json()
      .items.filter((m: { to: string }) => m.to === email) as { subject: string; text: string }[];

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await signInByEmail(t.app, 'admin@kesennuma.example.jp');
    editor = await signInByEmail(t.app, 'editor@kesennuma.example.jp');
    fukushima = await signInByEmail(t.app, 'admin@fukushima.example.jp');
    residents = [];
    for (const [i, consents] of [['name'], [], [], ['name', 'email']].entries()) {
      const who = await signInByEmail(t.app, `helper${i}@example.jp`);
      await register(who, consents);
      residents.push(who);
    }
    await t.app.db
      .updateTable('people')
      .set({ display_name: '気仙沼 花子' })
      .where('id', '=', residents[0]?.personId as string)
      .execute();
  });
  afterAll(() => t?.close());

  it('applies, shows applicants within consent, accepts up to capacity (also under concurrency)', async () => {
    const [a, b, c, d] = residents as [SignedIn, SignedIn, SignedIn, SignedIn];
    const opportunity = await createOpportunity({ capacity: 2, questions: ['移動手段'] });

    const wrong = await apply(a, opportunity.id, []);
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([400, 'OPPORTUNITY_ANSWERS_INVALID']);
    const first = await apply(a, opportunity.id, ['車で行きます'], { 'idempotency-key': 'apply-a-1' });
    expect(first.statusCode).toBe(201);
    const application = first.json();
    expect(application).toMatchObject({
      status: 'applied',
      answers: [{ question: '移動手段', answer: '車で行きます' }],
      opportunity: { id: opportunity.id, municipalityName: '気仙沼市', title: basicOpportunity.title },
      messages: [],
      checkIns: [],
    });
    const replay = await apply(a, opportunity.id, ['車で行きます'], { 'idempotency-key': 'apply-a-1' });
    expect([replay.statusCode, replay.headers['idempotent-replayed'], replay.json().id]).toEqual([
      201,
      'true',
      application.id,
    ]);
    const twice = await apply(a, opportunity.id, ['もう一度']);
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'APPLICATION_EXISTS']);
    expect(twice.json().error.details.application).toMatchObject({ id: application.id, status: 'applied' });

    const ids: Record<string, string> = { a: application.id };
    for (const [name, who] of [
      ['b', b],
      ['c', c],
      ['d', d],
    ] as const) {
      const response = await apply(who, opportunity.id, ['電車']);
      expect(response.statusCode).toBe(201);
      ids[name] = response.json().id;
    }

    const listed = await t.app.inject({
      url: `/api/v1/tenants/042056/opportunities/${opportunity.id}/applications`,
      ...editor,
    });
    expect(listed.statusCode).toBe(200);
    const byId = new Map(listed.json().items.map((i: { id: string }) => [i.id, i]));
    expect(listed.json().total).toBe(4);
    expect(byId.get(ids.a)).toMatchObject({
      status: 'applied',
      answers: [{ question: '移動手段', answer: '車で行きます' }],
      applicant: { displayName: '気仙沼 花子', email: null, ageBand: null, relationTypes: null, tier: 'basic' },
    });
    expect(byId.get(ids.b)).toMatchObject({
      applicant: { displayName: null, email: null, memberId: expect.any(String) },
    });
    expect(byId.get(ids.d)).toMatchObject({ applicant: { email: 'helper3@example.jp' } });
    const log = (await t.app.inject({ url: '/api/v1/tenants/042056/audit-log', ...admin })).json();
    expect(log.items[0]).toMatchObject({
      action: 'applications.listed',
      subjectId: opportunity.id,
      details: { shown: expect.arrayContaining([ids.a, ids.b]) },
    });

    const accepted = await decide(ids.a as string, 'accept', '当日は6時50分に漁港へお越しください。');
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ id: ids.a, status: 'accepted' });
    const mails = await mailTo('helper0@example.jp');
    expect(mails[0]?.subject).toContain('参加が決まりました');
    expect(mails[0]?.text).toContain('6時50分');

    // Two editors accept at the same moment for the one seat left: exactly one wins.
    const race = await Promise.all([
      decide(ids.b as string, 'accept'),
      decide(ids.c as string, 'accept', undefined, admin),
    ]);
    expect(race.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const loser = race.find((r) => r.statusCode === 409);
    expect(loser?.json().error).toMatchObject({ code: 'CAPACITY_FULL', details: { capacity: 2, seatsTaken: 2 } });
    const overflow = await decide(ids.d as string, 'accept');
    expect([overflow.statusCode, overflow.json().error.code]).toEqual([409, 'CAPACITY_FULL']);
    const state = (
      await t.app.inject({ url: `/api/v1/tenants/042056/opportunities/${opportunity.id}`, ...admin })
    ).json();
    expect(state).toMatchObject({ seatsLeft: 0, applications: { applied: 2, accepted: 2 } });
    const lower = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tenants/042056/opportunities/${opportunity.id}`,
      payload: { capacity: 1 },
      ...admin,
    });
    expect([lower.statusCode, lower.json().error.code]).toEqual([409, 'CAPACITY_BELOW_ACCEPTED']);

    const declined = await decide(ids.d as string, 'decline', '今回は定員に達しました。');
    expect(declined.json().status).toBe('declined');
    const again = await decide(ids.d as string, 'accept');
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'APPLICATION_STATUS_CONFLICT']);
    const early = await decide(ids.a as string, 'no_show');
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'SESSION_NOT_STARTED']);
  });

  it('checks in with the venue QR: one activity, counted toward premium, never twice', async () => {
    const [a, b] = residents as [SignedIn, SignedIn];
    const opportunity = await createOpportunity({ kind: 'event_help', title: '港まつり 会場案内' });
    const applicationId = (await apply(a, opportunity.id)).json().id;
    expect((await apply(b, opportunity.id)).statusCode).toBe(201);
    expect((await decide(applicationId, 'accept')).statusCode).toBe(200);
    const session = opportunity.sessions[0];
    const day = await startSessionNow(session.id);

    const code = await t.app.inject({
      url: `/api/v1/tenants/042056/opportunities/${opportunity.id}/check-in-code?session=${session.id}`,
      ...editor,
    });
    expect(code.statusCode).toBe(200);
    const { token, url, qrSvg, occurredOn } = code.json();
    expect(url).toBe(`http://localhost:3000/check-in#${token}`);
    expect(qrSvg).toMatch(/^<svg/);
    expect(occurredOn).toBe(day);

    const before = (await activities(a)).length;
    const premiumBefore = (await t.app.inject({ url: '/api/v1/me/registrations/042056/premium', ...a })).json();
    const checkedIn = await checkIn(a, token);
    expect(checkedIn.statusCode).toBe(201);
    expect(checkedIn.json()).toMatchObject({
      applicationId,
      sessionId: session.id,
      status: 'attended',
      occurredOn: day,
      method: 'token',
    });
    const after = await activities(a);
    expect(after.length).toBe(before + 1);
    expect(after.filter((x) => x.note === '港まつり 会場案内')).toEqual([
      expect.objectContaining({ kind: 'event_help', occurredOn: day, source: 'platform', status: 'confirmed' }),
    ]);
    const premium = (await t.app.inject({ url: '/api/v1/me/registrations/042056/premium', ...a })).json();
    expect(premium.countedActivities).toBe(premiumBefore.countedActivities + 1);

    const second = await checkIn(a, token);
    expect([second.statusCode, second.json().error.code]).toEqual([409, 'ALREADY_CHECKED_IN']);
    const memberId = (await t.app.inject({ url: '/api/v1/me/registrations', ...a }))
      .json()
      .items.find((r: { municipalityCode: string }) => r.municipalityCode === '042056').id;
    const byStaff = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tenants/042056/opportunities/${opportunity.id}/check-ins`,
      payload: { memberId },
      ...editor,
    });
    expect([byStaff.statusCode, byStaff.json().error.code]).toEqual([409, 'ALREADY_CHECKED_IN']);
    expect((await activities(a)).length).toBe(before + 1);

    const mine = (await t.app.inject({ url: '/api/v1/me/applications', ...a })).json();
    expect(mine.items.find((x: { id: string }) => x.id === applicationId)).toMatchObject({
      status: 'attended',
      checkIns: [{ sessionId: session.id, method: 'token' }],
    });

    const notAccepted = await checkIn(b, token);
    expect(notAccepted.json().error).toMatchObject({
      code: 'APPLICATION_NOT_ACCEPTED',
      details: { status: 'applied' },
    });
    expect(notAccepted.statusCode).toBe(409);
    const stranger = await signInByEmail(t.app, 'stranger@example.jp');
    const neverApplied = await checkIn(stranger, token);
    expect([neverApplied.statusCode, neverApplied.json().error.code]).toEqual([409, 'APPLICATION_NOT_ACCEPTED']);

    // The attended session can no longer be moved or removed.
    const move = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tenants/042056/opportunities/${opportunity.id}`,
      payload: { sessions: [sessionIn(20)] },
      ...admin,
    });
    expect([move.statusCode, move.json().error.code]).toEqual([409, 'SESSION_HAS_CHECK_INS']);
  });

  it('refuses tampered, foreign, expired, early and unknown check-in tokens with clear codes', async () => {
    const [a] = residents as [SignedIn];
    const opportunity = await createOpportunity({ title: '大島 海岸清掃' });
    const applicationId = (await apply(a, opportunity.id)).json().id;
    await decide(applicationId, 'accept');
    const session = opportunity.sessions[0];
    const secret = await platformSecret(t.app.db, TOKEN_SECRET);
    const claims = { municipalityCode: '042056', opportunityId: opportunity.id, sessionId: session.id };
    const dayMs = 86_400_000;
    const cases: [string, string, string][] = [
      ['garbage', 'hello', 'CHECK_IN_TOKEN_INVALID'],
      [
        'another key',
        signCheckInToken(Buffer.alloc(32, 7), {
          ...claims,
          validFrom: new Date(Date.now() - dayMs),
          validUntil: new Date(Date.now() + dayMs),
        }),
        'CHECK_IN_TOKEN_INVALID',
      ],
      [
        'yesterday',
        signCheckInToken(secret, {
          ...claims,
          validFrom: new Date(Date.now() - 2 * dayMs),
          validUntil: new Date(Date.now() - dayMs),
        }),
        'CHECK_IN_TOKEN_EXPIRED',
      ],
      [
        'not the day yet',
        signCheckInToken(secret, {
          ...claims,
          validFrom: new Date(Date.now() + dayMs),
          validUntil: new Date(Date.now() + 2 * dayMs),
        }),
        'CHECK_IN_TOKEN_NOT_YET_VALID',
      ],
      [
        'unknown session',
        signCheckInToken(secret, {
          ...claims,
          sessionId: '00000000-0000-4000-8000-00000000abcd',
          validFrom: new Date(Date.now() - dayMs),
          validUntil: new Date(Date.now() + dayMs),
        }),
        'CHECK_IN_TOKEN_INVALID',
      ],
      [
        // Signed for today although the session is on another day: e.g. the session moved after printing.
        'a day that is not the session’s',
        signCheckInToken(secret, {
          ...claims,
          validFrom: new Date(Date.now() - dayMs),
          validUntil: new Date(Date.now() + dayMs),
        }),
        'CHECK_IN_TOKEN_INVALID',
      ],
    ];
    const issued = (
      await t.app.inject({
        url: `/api/v1/tenants/042056/opportunities/${opportunity.id}/check-in-code?session=${session.id}`,
        ...admin,
      })
    ).json().token as string;
    const flipped = issued.slice(0, -2) + (issued.endsWith('AA') ? 'BB' : 'AA');
    cases.push(['tampered signature', flipped, 'CHECK_IN_TOKEN_INVALID']);
    cases.push(['issued, but the day has not come', issued, 'CHECK_IN_TOKEN_NOT_YET_VALID']);
    for (const [name, token, code] of cases) {
      const response = await checkIn(a, token);
      expect([name, response.statusCode, response.json().error.code]).toEqual([name, 400, code]);
    }
    expect((await activities(a)).filter((x) => x.note === '大島 海岸清掃')).toEqual([]);
  });

  it('lets staff check an accepted applicant in by member id', async () => {
    const [, , c, d] = residents as [SignedIn, SignedIn, SignedIn, SignedIn];
    const opportunity = await createOpportunity({
      kind: 'fieldwork',
      title: '大学フィールドワーク',
      sessions: [sessionIn(3), sessionIn(4)],
    });
    const accepted = (await apply(c, opportunity.id)).json().id;
    await apply(d, opportunity.id);
    await decide(accepted, 'accept');
    const memberOf = async (who: SignedIn) =>
      (await t.app.inject({ url: '/api/v1/me/registrations', ...who }))
        .json()
        .items.find((r: { municipalityCode: string }) => r.municipalityCode === '042056').id as string;
    const post = (payload: object) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/tenants/042056/opportunities/${opportunity.id}/check-ins`,
        payload,
        ...editor,
      });
    const [today, later] = opportunity.sessions;

    const tooEarly = await post({ memberId: await memberOf(c), sessionId: later.id });
    expect([tooEarly.statusCode, tooEarly.json().error.code]).toEqual([409, 'CHECK_IN_NOT_OPEN']);
    const ambiguous = await post({ memberId: await memberOf(c) });
    expect([ambiguous.statusCode, ambiguous.json().error.code]).toEqual([400, 'SESSION_REQUIRED']);

    const day = await startSessionNow(today.id);
    const done = await post({ memberId: await memberOf(c) });
    expect(done.statusCode).toBe(201);
    expect(done.json()).toMatchObject({ sessionId: today.id, method: 'staff', occurredOn: day, status: 'attended' });
    expect((await activities(c)).filter((x) => x.note === '大学フィールドワーク')).toEqual([
      expect.objectContaining({ kind: 'fieldwork', occurredOn: day, status: 'confirmed' }),
    ]);
    const twice = await post({ memberId: await memberOf(c), sessionId: today.id });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'ALREADY_CHECKED_IN']);
    const notAccepted = await post({ memberId: await memberOf(d) });
    expect([notAccepted.statusCode, notAccepted.json().error.code]).toEqual([409, 'APPLICATION_NOT_ACCEPTED']);
    const unknown = await post({ memberId: '00000000-0000-4000-8000-00000000beef' });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'REGISTRANT_NOT_FOUND']);
    const log = (await t.app.inject({ url: '/api/v1/tenants/042056/audit-log', ...admin })).json();
    expect(log.items.find((e: { action: string }) => e.action === 'application.checked_in')).toMatchObject({
      details: { method: 'staff', sessionId: today.id },
    });
  });

  it('sends messages the resident reads in the app and by e-mail', async () => {
    const [, , , d] = residents as [SignedIn, SignedIn, SignedIn, SignedIn];
    const opportunity = await createOpportunity({ title: '水産加工の副業' });
    const id = (await apply(d, opportunity.id)).json().id;
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tenants/042056/applications/${id}/messages`,
      payload: { body: '面談の日程を調整させてください。' },
      ...editor,
    });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ applicationId: id, body: '面談の日程を調整させてください。' });
    const mine = (await t.app.inject({ url: '/api/v1/me/applications', ...d })).json();
    expect(mine.items.find((x: { id: string }) => x.id === id).messages).toEqual([
      { id: sent.json().id, body: '面談の日程を調整させてください。', sentAt: expect.any(String) },
    ]);
    const mail = (await mailTo('helper3@example.jp')).find((m) => m.text.includes('面談の日程'));
    expect(mail?.subject).toBe('【気仙沼市】水産加工の副業についてのお知らせ');
    expect(mail?.text).toContain(`http://localhost:3000/opportunities/${opportunity.id}`);

    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tenants/070009/applications/${id}/messages`,
      payload: { body: '他県から' },
      ...fukushima,
    });
    expect([foreign.statusCode, foreign.json().error.code]).toEqual([404, 'APPLICATION_NOT_FOUND']);
    const foreignDecision = await decide(id, 'accept', undefined, fukushima, '070009');
    expect([foreignDecision.statusCode, foreignDecision.json().error.code]).toEqual([404, 'APPLICATION_NOT_FOUND']);
  });

  it('lets the resident cancel before the date (freeing the seat) and apply again', async () => {
    const [a, b] = residents as [SignedIn, SignedIn];
    const opportunity = await createOpportunity({ capacity: 1 });
    const first = (await apply(a, opportunity.id)).json().id;
    const second = (await apply(b, opportunity.id)).json().id;
    await decide(first, 'accept');
    expect((await decide(second, 'accept')).statusCode).toBe(409);
    const cancelled = await t.app.inject({ method: 'POST', url: `/api/v1/me/applications/${first}/cancel`, ...a });
    expect(cancelled.json()).toMatchObject({ id: first, status: 'cancelled', cancelledAt: expect.any(String) });
    expect((await decide(second, 'accept')).statusCode).toBe(200);
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/me/applications/${first}/cancel`, ...a });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'APPLICATION_STATUS_CONFLICT']);
    const notMine = await t.app.inject({ method: 'POST', url: `/api/v1/me/applications/${second}/cancel`, ...a });
    expect([notMine.statusCode, notMine.json().error.code]).toEqual([404, 'APPLICATION_NOT_FOUND']);
    const reapplied = await apply(a, opportunity.id);
    expect(reapplied.json()).toMatchObject({ id: first, status: 'applied', cancelledAt: null });

    await startSessionNow(opportunity.sessions[0].id);
    const late = await t.app.inject({ method: 'POST', url: `/api/v1/me/applications/${second}/cancel`, ...b });
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'CANCELLATION_CLOSED']);
    const noShow = await decide(second, 'no_show');
    expect(noShow.json().status).toBe('no_show');
    const closed = await apply(residents[2] as SignedIn, opportunity.id);
    expect([closed.statusCode, closed.json().error.code]).toEqual([409, 'OPPORTUNITY_NOT_OPEN']);
  });

  it('forgets an applicant who deletes their account, attendance and messages included', async () => {
    const leaver = await signInByEmail(t.app, 'leaver@example.jp');
    await register(leaver, ['name']);
    const opportunity = await createOpportunity({ title: '退会テスト' });
    const id = (await apply(leaver, opportunity.id)).json().id;
    await decide(id, 'accept', 'ようこそ');
    await startSessionNow(opportunity.sessions[0].id);
    const memberId = (await t.app.inject({ url: '/api/v1/me/registrations', ...leaver }))
      .json()
      .items.find((r: { municipalityCode: string }) => r.municipalityCode === '042056').id;
    const checkedIn = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tenants/042056/opportunities/${opportunity.id}/check-ins`,
      payload: { memberId },
      ...editor,
    });
    expect(checkedIn.statusCode).toBe(201);
    const deleted = await t.app.inject({ method: 'DELETE', url: '/api/v1/me', payload: { confirm: true }, ...leaver });
    expect(deleted.statusCode).toBe(204);
    const list = await t.app.inject({
      url: `/api/v1/tenants/042056/opportunities/${opportunity.id}/applications`,
      ...editor,
    });
    expect(list.json()).toMatchObject({ items: [], total: 0 });
    const left = await t.app.db
      .selectFrom('opportunity_check_ins')
      .select('application_id')
      .where('application_id', '=', id)
      .execute();
    expect(left).toEqual([]);
  });

  it('refuses applicants who do not meet the requirements, naming each one', async () => {
    const [a] = residents as [SignedIn];
    const premiumOnly = await createOpportunity({
      eligibility: { minTier: 'premium', identityRequired: true, relationTypes: [3, 4] },
    });
    const refused = await apply(a, premiumOnly.id);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('OPPORTUNITY_REQUIREMENTS_NOT_MET');
    expect(refused.json().error.details.requirements.map((r: { id: string; met: boolean }) => [r.id, r.met])).toEqual([
      ['registered', true],
      ['premium', false],
      ['identity_verified', false],
      ['relation_types', false],
    ]);

    const identityOnly = await createOpportunity({ eligibility: { identityRequired: true } });
    expect((await apply(a, identityOnly.id)).statusCode).toBe(422);
    await t.app.db
      .updateTable('people')
      .set({
        identity_verified_at: new Date(),
        identity_level: 'my_number_card',
        registered_municipality_code: '131016',
      })
      .where('id', '=', a.personId)
      .execute();
    expect((await apply(a, identityOnly.id)).statusCode).toBe(201);

    const outsider = await signInByEmail(t.app, 'joetsu-only@example.jp');
    await register(outsider, [], '152226');
    const notRegistered = await apply(outsider, identityOnly.id);
    expect(notRegistered.statusCode).toBe(422);
    expect(notRegistered.json().error.details.requirements[0]).toMatchObject({ id: 'registered', met: false });

    const draft = await createOpportunity({ status: 'draft' });
    expect((await apply(a, draft.id)).json().error.code).toBe('OPPORTUNITY_NOT_FOUND');
    const anonymous = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/opportunities/${identityOnly.id}/applications`,
      payload: { answers: [] },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
