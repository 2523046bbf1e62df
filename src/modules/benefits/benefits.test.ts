import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { type SignedIn, signInByEmail } from '../../../test/support/sign-in.ts';

interface Measure {
  id: string;
  title: string;
  kind: string;
  partners: { id: string; name: string }[];
}

describe.each(testEngines())('support measures and subsidy applications on %s', (engine) => {
  let t: TestApp;
  let admin: SignedIn;
  let editor: SignedIn;
  let fukushima: SignedIn;
  let national: SignedIn;
  let demo: Measure[];
  const byTitle = (title: string) => demo.find((m) => m.title === title) as Measure;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await signInByEmail(t.app, 'admin@kesennuma.example.jp');
    editor = await signInByEmail(t.app, 'editor@kesennuma.example.jp');
    fukushima = await signInByEmail(t.app, 'admin@fukushima.example.jp');
    national = await signInByEmail(t.app, 'admin@national.example.jp');
    demo = (await t.app.inject({ url: '/api/v1/municipalities/042056/measures' })).json().items;
  });
  afterAll(() => t?.close());

  const register = async (who: SignedIn, payload: Record<string, unknown>) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/me/registrations', payload, ...who });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  const apply = (who: SignedIn, measureId: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/v1/me/measures/${measureId}/applications`, payload, ...who });

  it('publishes the demo measures, with the demo partner on the discount', async () => {
    expect(demo.map((m) => [m.kind, m.title]).sort()).toEqual([
      ['discount', '協力店での割引'],
      ['lodging_transport', '宿泊割引'],
      ['resident_rate', '気仙沼市の施設を市民料金で利用'],
      ['subsidy', '二地域居住の住まい探し補助'],
    ]);
    expect(byTitle('協力店での割引').partners.map((p) => p.name)).toEqual(['気仙沼 海の市 お土産処']);
    const fukushimaCity = (await t.app.inject({ url: '/api/v1/municipalities/072010/measures' })).json();
    expect(fukushimaCity.items).toEqual([
      expect.objectContaining({ title: 'テレワーク補助', kind: 'subsidy', maxAmountYen: 300_000 }),
    ]);
    const unknown = await t.app.inject({ url: '/api/v1/municipalities/131016/measures' });
    expect([unknown.statusCode, unknown.json().total]).toEqual([200, 0]);
  });

  it('lets staff create and change measures, keeps drafts off the public list, and audits it', async () => {
    const partnerId = byTitle('協力店での割引').partners[0]?.id;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/042056/measures',
      payload: {
        kind: 'lodging_transport',
        title: '  気仙沼線BRTの運賃補助  ',
        summary: '片道運賃の半額',
        published: false,
        partnerIds: [partnerId],
        validFrom: '2026-04-01',
        validUntil: '2027-03-31',
      },
      ...editor,
    });
    expect(created.statusCode).toBe(201);
    const measure = created.json();
    expect(measure).toMatchObject({
      municipalityCode: '042056',
      municipalityName: '気仙沼市',
      title: '気仙沼線BRTの運賃補助',
      minTier: 'basic',
      usage: 'repeatable',
      relationTypes: [],
      published: false,
      validUntil: '2027-03-31',
      partners: [{ id: partnerId, name: '気仙沼 海の市 お土産処' }],
    });
    const publicTitles = async () =>
      (await t.app.inject({ url: '/api/v1/municipalities/042056/measures' })).json().items.map((m: Measure) => m.title);
    expect(await publicTitles()).not.toContain('気仙沼線BRTの運賃補助');

    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tenants/042056/measures/${measure.id}`,
      payload: { published: true, relationTypes: [3, 2, 3], partnerIds: [] },
      ...admin,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ published: true, relationTypes: [2, 3], partners: [] });
    expect(await publicTitles()).toContain('気仙沼線BRTの運賃補助');
    const read = await t.app.inject({ url: `/api/v1/tenants/042056/measures/${measure.id}`, ...editor });
    expect(read.json().title).toBe('気仙沼線BRTの運賃補助');

    const log = (await t.app.inject({ url: '/api/v1/tenants/042056/audit-log', ...admin })).json().items;
    expect(log.slice(0, 2)).toEqual([
      expect.objectContaining({ action: 'measure.updated', subjectId: measure.id }),
      expect.objectContaining({ action: 'measure.created', subjectId: measure.id }),
    ]);
  });

  it('refuses contradictory settings, foreign partners, and other tenants', async () => {
    const partnerId = byTitle('協力店での割引').partners[0]?.id;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ kind: 'subsidy', title: '補助', partnerIds: [partnerId] }, 400, 'MEASURE_SETTINGS_INVALID'],
      [{ kind: 'discount', title: '割引', maxAmountYen: 1000 }, 400, 'MEASURE_SETTINGS_INVALID'],
      [{ kind: 'discount', title: '割引', partnerIds: [randomUUID()] }, 404, 'PARTNER_NOT_FOUND'],
      [{ kind: 'coupon', title: '割引' }, 400, 'VALIDATION_FAILED'],
      [{ kind: 'discount', title: '' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [payload, status, code] of cases) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tenants/042056/measures',
        payload,
        ...admin,
      });
      expect([JSON.stringify(payload), response.statusCode, response.json().error.code]).toEqual([
        JSON.stringify(payload),
        status,
        code,
      ]);
    }
    const subsidy = byTitle('二地域居住の住まい探し補助');
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tenants/042056/measures/${subsidy.id}`,
      payload: { kind: 'discount' },
      ...admin,
    });
    expect([patch.statusCode, patch.json().error.code]).toEqual([400, 'MEASURE_SETTINGS_INVALID']);
    // A partner of 気仙沼市 cannot be attached to a measure of the prefecture.
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/070009/measures',
      payload: { kind: 'discount', title: '県の割引', partnerIds: [partnerId] },
      ...fukushima,
    });
    expect(foreign.json().error.code).toBe('PARTNER_NOT_FOUND');
    const otherTenant = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tenants/070009/measures/${subsidy.id}`,
      payload: { title: '乗っ取り' },
      ...fukushima,
    });
    expect([otherTenant.statusCode, otherTenant.json().error.code]).toEqual([404, 'MEASURE_NOT_FOUND']);
    for (const who of [fukushima, national]) {
      const response = await t.app.inject({ url: '/api/v1/tenants/042056/measures', ...who });
      expect(response.statusCode).toBe(403);
    }
  });

  it('lists my measures, with the reasons for the ones I cannot use', async () => {
    const me = await signInByEmail(t.app, 'benefits@example.jp');
    const anonymous = await t.app.inject({ url: '/api/v1/me/benefits' });
    expect(anonymous.statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/me/benefits', ...me })).json().items).toEqual([]);
    const memberId = await register(me, { municipalityCode: '042056', relationTypes: [2] });
    const items = (await t.app.inject({ url: '/api/v1/me/benefits', ...me })).json().items;
    const judged = Object.fromEntries(
      items.map((b: { measure: Measure; eligible: boolean; reasons: { code: string }[] }) => [
        b.measure.title,
        b.eligible ? 'eligible' : b.reasons.map((r) => r.code).join(),
      ]),
    );
    expect(judged).toMatchObject({
      協力店での割引: 'eligible',
      宿泊割引: 'eligible',
      気仙沼市の施設を市民料金で利用: 'premium_required',
      二地域居住の住まい探し補助: 'relation_type',
    });
    expect(Object.keys(judged)).not.toContain('テレワーク補助');
    expect(items[0]).toMatchObject({ memberId, timesUsed: 0 });
  });

  it('fills in a subsidy application from the registration, takes it, and lets staff decide', async () => {
    const me = await signInByEmail(t.app, 'dual-resident@example.jp');
    await t.app.db.updateTable('people').set({ display_name: '二拠 太郎' }).where('id', '=', me.personId).execute();
    const memberId = await register(me, {
      municipalityCode: '042056',
      relationTypes: [4, 2],
      residencePrefecture: '13',
    });
    const subsidy = byTitle('二地域居住の住まい探し補助');

    const form = await t.app.inject({ url: `/api/v1/me/measures/${subsidy.id}/application-form`, ...me });
    expect(form.statusCode).toBe(200);
    expect(form.json()).toMatchObject({
      eligible: true,
      prefilled: {
        memberId,
        municipalityCode: '042056',
        displayName: '二拠 太郎',
        email: 'dual-resident@example.jp',
        residencePrefecture: '13',
        relationTypes: [2, 4],
      },
    });
    expect(form.json().fields.map((f: { id: string }) => f.id)).toEqual([
      'area',
      'stay_plan',
      'estimated_cost',
      'has_housing_now',
    ]);

    const applicant = { displayName: '二拠 太郎', email: 'taro@example.jp', residencePrefecture: '13' };
    const incomplete = await apply(me, subsidy.id, { applicant, answers: { area: '唐桑' } });
    expect([incomplete.statusCode, incomplete.json().error.code]).toEqual([400, 'APPLICATION_ANSWERS_INVALID']);
    expect(incomplete.json().error.details.problems).toEqual([
      { field: 'stay_plan', problem: 'required' },
      { field: 'estimated_cost', problem: 'required' },
    ]);
    const answers = { area: '唐桑', stay_plan: '春と秋に1か月ずつ', estimated_cost: 80_000 };
    const submitted = await apply(me, subsidy.id, { applicant, answers });
    expect(submitted.statusCode).toBe(201);
    expect(submitted.json()).toMatchObject({
      status: 'submitted',
      measureTitle: '二地域居住の住まい探し補助',
      applicant: { ...applicant, memberId, relationTypes: [2, 4] },
      answers,
    });
    const twice = await apply(me, subsidy.id, { applicant, answers });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'SUBSIDY_APPLICATION_EXISTS']);

    const queue = (
      await t.app.inject({ url: '/api/v1/tenants/042056/subsidy-applications?status=submitted', ...editor })
    ).json();
    expect(queue.items).toEqual([
      expect.objectContaining({
        id: submitted.json().id,
        applicant: { ...applicant, memberId, relationTypes: [2, 4] },
      }),
    ]);
    const log = (await t.app.inject({ url: '/api/v1/tenants/042056/audit-log', ...admin })).json().items;
    expect(log[0]).toMatchObject({ action: 'subsidy_applications.listed', details: { shown: [submitted.json().id] } });

    const decide = (payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/tenants/042056/subsidy-applications/${submitted.json().id}/decision`,
        payload,
        ...editor,
      });
    expect((await decide({ decision: 'reject' })).json().error.code).toBe('REVIEW_REASON_REQUIRED');
    const approved = await decide({ decision: 'approve' });
    expect(approved.json()).toEqual({ id: submitted.json().id, status: 'approved' });
    expect((await decide({ decision: 'reject', reason: 'やはり' })).json().error.code).toBe('ALREADY_DECIDED');

    const mine = (await t.app.inject({ url: '/api/v1/me/subsidy-applications', ...me })).json().items;
    expect(mine).toEqual([
      expect.objectContaining({ id: submitted.json().id, status: 'approved', decidedAt: expect.any(String) }),
    ]);
  });

  it('lets a rejected applicant see why and apply again; refuses the ineligible and non-subsidies', async () => {
    const me = await signInByEmail(t.app, 'teleworker@example.jp');
    await register(me, { municipalityCode: '072010', relationTypes: [3] });
    const telework = (await t.app.inject({ url: '/api/v1/municipalities/072010/measures' })).json().items[0];
    const answers = {
      period_start: '2026-12-01',
      workplace: 'コワーキング福島',
      estimated_cost: 120_000,
      employer_consent: true,
    };
    const applicant = { displayName: '福島 次郎', email: 'teleworker@example.jp', shareRelationTypes: false };
    const first = await apply(me, telework.id, { applicant, answers });
    expect(first.statusCode).toBe(201);
    expect(first.json().applicant).toEqual({
      memberId: expect.any(String),
      displayName: '福島 次郎',
      email: 'teleworker@example.jp',
      residencePrefecture: null,
      relationTypes: null,
    });
    // 福島県 (070009) is a different tenant from 福島市 (072010): its staff see none of it.
    const prefectureQueue = await t.app.inject({ url: '/api/v1/tenants/070009/subsidy-applications', ...fukushima });
    expect([prefectureQueue.statusCode, prefectureQueue.json().total]).toEqual([200, 0]);
    expect((await t.app.inject({ url: '/api/v1/tenants/072010/subsidy-applications', ...fukushima })).statusCode).toBe(
      403,
    );
    const stolenDecision = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tenants/070009/subsidy-applications/${first.json().id}/decision`,
      payload: { decision: 'approve' },
      ...fukushima,
    });
    expect(stolenDecision.json().error.code).toBe('SUBSIDY_APPLICATION_NOT_FOUND');

    // 福島市 has no staff in the demo: the national administrator onboards one.
    const invited = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/072010/staff',
      payload: { email: 'admin@city.fukushima.example.jp', role: 'admin' },
      ...national,
    });
    expect(invited.statusCode).toBe(201);
    const cityAdmin = await signInByEmail(t.app, 'admin@city.fukushima.example.jp');
    const rejected = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tenants/072010/subsidy-applications/${first.json().id}/decision`,
      payload: { decision: 'reject', reason: '対象経費の見積書を添えて再申請してください' },
      ...cityAdmin,
    });
    expect(rejected.json().status).toBe('rejected');
    const mine = (await t.app.inject({ url: '/api/v1/me/subsidy-applications', ...me })).json().items;
    expect(mine[0]).toMatchObject({ status: 'rejected', reason: '対象経費の見積書を添えて再申請してください' });
    expect((await apply(me, telework.id, { applicant, answers })).statusCode).toBe(201);

    const housing = byTitle('二地域居住の住まい探し補助');
    const notRegistered = await t.app.inject({ url: `/api/v1/me/measures/${housing.id}/application-form`, ...me });
    expect([notRegistered.statusCode, notRegistered.json().error.code]).toEqual([404, 'REGISTRATION_NOT_FOUND']);
    await register(me, { municipalityCode: '042056', relationTypes: [1] });
    const ineligible = await apply(me, housing.id, {
      applicant,
      answers: { area: '市街地', stay_plan: '未定', estimated_cost: 1 },
    });
    expect([ineligible.statusCode, ineligible.json().error.code]).toEqual([422, 'MEASURE_NOT_ELIGIBLE']);
    expect(ineligible.json().error.details.reasons.map((r: { code: string }) => r.code)).toEqual(['relation_type']);
    const discount = byTitle('協力店での割引');
    const noForm = await t.app.inject({ url: `/api/v1/me/measures/${discount.id}/application-form`, ...me });
    expect([noForm.statusCode, noForm.json().error.code]).toEqual([422, 'MEASURE_HAS_NO_APPLICATION']);
  });
});
