import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { type SignedIn, signInByEmail } from '../../../test/support/sign-in.ts';

const completePlan = {
  regionalIssues: '水産業の担い手不足',
  deepeningInitiatives: '祭りの運営ボランティア',
  contentPlan: '港だより',
  supportMeasures: '交通費補助',
  premiumRequirements: '年3回以上の活動',
  baselineOn: '2026-04-01',
  baselineNote: '気仙沼ファンクラブの会員数',
};

describe.each(testEngines())('model project on %s', (engine) => {
  let t: TestApp;
  let national: SignedIn;
  let kesennuma: SignedIn;
  let editor: SignedIn;
  let fukushima: SignedIn;
  beforeAll(async () => {
    t = await createTestApp(engine);
    national = await signInByEmail(t.app, 'admin@national.example.jp');
    kesennuma = await signInByEmail(t.app, 'admin@kesennuma.example.jp');
    editor = await signInByEmail(t.app, 'editor@kesennuma.example.jp');
    fukushima = await signInByEmail(t.app, 'admin@fukushima.example.jp');
  }, 600_000);
  afterAll(() => t?.close());

  const inject = (who: SignedIn, method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, payload, ...who });

  it('lists the demo members with what their plans still lack', async () => {
    const list = (await inject(national, 'GET', '/tenants/national/model-project')).json();
    expect(list.limits).toEqual({ min: 10, max: 20 });
    const kesennumaMember = list.items.find((m: { code: string }) => m.code === '042056');
    expect(kesennumaMember).toMatchObject({
      type: 'A',
      step: 1,
      missingItems: ['supportMeasures', 'premiumRequirements', 'baselineOn'],
    });
  });

  it('lets the national administrator select a participant, and refuses non-participants', async () => {
    const selected = await inject(national, 'PUT', '/tenants/national/model-project/131016', { type: 'B' });
    expect(selected.statusCode).toBe(200);
    expect(selected.json()).toMatchObject({ code: '131016', type: 'B', step: 1 });
    expect((await t.app.inject({ url: '/api/v1/municipalities/131016' })).json().modelType).toBe('B');
    const outsider = await inject(national, 'PUT', '/tenants/national/model-project/011002', { type: 'A' });
    expect(outsider.json().error.code).toBe('MUNICIPALITY_NOT_PARTICIPATING');
    const badType = await inject(national, 'PUT', '/tenants/national/model-project/131016', { type: 'D' });
    expect(badType.statusCode).toBe(400);
    const log = (await inject(national, 'GET', '/tenants/national/audit-log')).json();
    expect(log.items[0]).toMatchObject({ action: 'model_project.selected', subjectId: '131016' });
    const removed = await inject(national, 'DELETE', '/tenants/national/model-project/131016');
    expect(removed.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/municipalities/131016' })).json().modelType).toBeNull();
  });

  it('refuses STEP2 until the plan is complete', async () => {
    const early = await inject(national, 'PUT', '/tenants/national/model-project/042056/step', { step: 2 });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({
      code: 'MODEL_PLAN_INCOMPLETE',
      details: { missing: ['supportMeasures', 'premiumRequirements', 'baselineOn'] },
    });
    const skip = await inject(national, 'PUT', '/tenants/national/model-project/042056/step', { step: 3 });
    expect(skip.json().error.code).toBe('MODEL_STEP_INVALID');
  });

  it('lets the municipality edit its own plan, and only its own', async () => {
    const saved = await inject(editor, 'PUT', '/tenants/042056/model-plan', completePlan);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ plan: completePlan, member: { missingItems: [] } });
    const elsewhere = await inject(kesennuma, 'PUT', '/tenants/072010/model-plan', completePlan);
    expect([elsewhere.statusCode, elsewhere.json().error.code]).toEqual([403, 'FORBIDDEN']);
    const byNation = await inject(national, 'PUT', '/tenants/042056/model-plan', completePlan);
    expect([byNation.statusCode, byNation.json().error.code]).toEqual([403, 'FORBIDDEN']);
    const read = await inject(national, 'GET', '/tenants/042056/model-plan');
    expect(read.json().plan.regionalIssues).toBe(completePlan.regionalIssues);
    const notMember = await inject(fukushima, 'PUT', '/tenants/070009/model-plan', {
      ...completePlan,
      baselineOn: 'x',
    });
    expect(notMember.statusCode).toBe(400);
    const log = (await inject(kesennuma, 'GET', '/tenants/042056/audit-log')).json();
    expect(log.items.find((e: { action: string }) => e.action === 'model_plan.saved')).toMatchObject({
      actorPersonId: editor.personId,
      details: { missing: [] },
    });
  });

  it('advances to STEP2 once the plan is complete', async () => {
    const step = await inject(national, 'PUT', '/tenants/national/model-project/042056/step', { step: 2 });
    expect(step.statusCode).toBe(200);
    expect(step.json()).toMatchObject({ step: 2, step2On: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it('computes the effect indicators against the median of non-model peers', async () => {
    const response = await inject(kesennuma, 'GET', '/tenants/042056/model-plan/report');
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.window.baselineOn).toBe('2026-04-01');
    const { registrations } = report.indicators;
    expect(registrations.after).toBe(report.monthly.at(-1).registrations);
    expect(registrations.change).toBe(registrations.after - registrations.before);
    // 宮城県 has no other participating municipality; the nation has the non-model participants.
    expect(registrations.prefecturePeers).toBe(0);
    expect(registrations.prefectureMedianChange).toBeNull();
    expect(registrations.nationalPeers).toBeGreaterThan(0);
    expect(registrations.versusNationalMedian).toBe(registrations.change - registrations.nationalMedianChange);
    const nationalView = await inject(national, 'GET', '/tenants/042056/model-plan/report');
    expect(nationalView.json().indicators).toEqual(report.indicators);
    const other = await inject(fukushima, 'GET', '/tenants/042056/model-plan/report');
    expect(other.statusCode).toBe(403);
  });

  it('shares progress publicly without small counts', async () => {
    const response = await t.app.inject({ url: '/api/v1/model-project/042056/progress' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ fullName: '宮城県気仙沼市', step: 2, plan: { contentPlan: '港だより' } });
    expect(response.json()).not.toHaveProperty('plan.baselineNote');
    const small = (await t.app.inject({ url: '/api/v1/model-project/152226/progress' })).json();
    expect(small.registrations === null || small.registrations >= 10).toBe(true);
    const none = await t.app.inject({ url: '/api/v1/model-project/131016/progress' });
    expect(none.json().error.code).toBe('MODEL_PROJECT_MEMBER_NOT_FOUND');
  });
});
