import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { type SignedIn, signInByEmail } from '../../../test/support/sign-in.ts';
import { nationalCounterMismatches } from './repository.ts';

describe.each(testEngines())('national dashboard, participation and fees on %s', (engine) => {
  let t: TestApp;
  let national: SignedIn;
  let kesennuma: SignedIn;
  beforeAll(async () => {
    t = await createTestApp(engine);
    national = await signInByEmail(t.app, 'admin@national.example.jp');
    kesennuma = await signInByEmail(t.app, 'admin@kesennuma.example.jp');
  }, 600_000);
  afterAll(() => t?.close());

  const dashboard = async () =>
    (await t.app.inject({ url: '/api/v1/tenants/national/national-dashboard', ...national })).json();
  const recount = async () => {
    const { rows } = await sql<{ people: string; registrations: string }>`
      select count(distinct person_id)::text as people, count(*)::text as registrations from registrations
    `.execute(t.app.db);
    return { people: Number(rows[0]?.people), registrations: Number(rows[0]?.registrations) };
  };

  it('shows 実人数 and 延べ equal to a recount, against the KPI held as data', async () => {
    const body = await dashboard();
    expect(body.totals.people).toBeGreaterThan(0);
    expect({ people: body.totals.people, registrations: body.totals.registrations }).toEqual(await recount());
    expect(body.kpis).toEqual([
      { key: 'people', target: 10_000_000, targetOn: '2036-03-31' },
      { key: 'registrations', target: 100_000_000, targetOn: '2036-03-31' },
    ]);
    expect(body.byPrefecture).toHaveLength(47);
    const miyagi = body.byPrefecture.find((p: { prefectureCode: string }) => p.prefectureCode === '04');
    expect(miyagi).toMatchObject({ name: '宮城県', municipalities: 1, modelMunicipalities: 1 });
    expect(body.byPrefecture.reduce((sum: number, p: { registrations: number }) => sum + p.registrations, 0)).toBe(
      body.totals.registrations,
    );
    expect(body.monthly.at(-1)).toMatchObject({ people: body.totals.people });
    expect(body.modelMunicipalities.map((m: { code: string }) => m.code)).toEqual([
      '042056',
      '070009',
      '072010',
      '152226',
    ]);
  });

  const mine = async (me: SignedIn): Promise<string[]> =>
    (await t.app.inject({ url: '/api/v1/me/registrations', ...me }))
      .json()
      .items.map((r: { municipalityCode: string }) => r.municipalityCode);

  it('keeps 実人数 exact through registering, a second registration and withdrawing', async () => {
    const before = (await dashboard()).totals;
    const me = await signInByEmail(t.app, 'counter-check@example.jp');
    const register = (municipalityCode: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/me/registrations',
        payload: { municipalityCode, relationTypes: [1], consents: [] },
        ...me,
      });
    expect((await register('042056')).statusCode).toBe(201); // with 宮城県: two registrations, one person
    expect((await dashboard()).totals).toMatchObject({
      people: before.people + 1,
      registrations: before.registrations + 2,
    });
    expect((await register('072010')).statusCode).toBe(201);
    expect((await dashboard()).totals.people).toBe(before.people + 1);
    // Leaving the last municipality of a prefecture takes the implied prefecture registration along.
    for (const code of ['042056', '072010']) {
      const gone = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/registrations/${code}`, ...me });
      expect([code, gone.statusCode]).toEqual([code, 204]);
    }
    expect(await mine(me)).toEqual([]);
    expect((await dashboard()).totals).toMatchObject({ people: before.people, registrations: before.registrations });
    expect(await nationalCounterMismatches(t.app.db)).toEqual([]);
  });

  it('finds a people counter that drifted from a recount (verify-counters)', async () => {
    const shard = await t.app.db
      .selectFrom('registered_people_counters')
      .select(['month', 'shard'])
      .limit(1)
      .executeTakeFirstOrThrow();
    const drift = (by: number) =>
      t.app.db
        .updateTable('registered_people_counters')
        .set((eb) => ({ n: eb('n', '+', by) }))
        .where('month', '=', shard.month)
        .where('shard', '=', shard.shard)
        .execute();
    await drift(1);
    const { people } = await recount();
    expect(await nationalCounterMismatches(t.app.db)).toEqual([
      { counter: 'registered_people', key: '', counted: String(people + 1), actual: String(people) },
    ]);
    await drift(-1);
    expect(await nationalCounterMismatches(t.app.db)).toEqual([]);
  });

  it('refuses municipal staff on every national route', async () => {
    for (const url of [
      '/api/v1/tenants/national/national-dashboard',
      '/api/v1/tenants/national/participants',
      '/api/v1/tenants/national/fee-policy',
      '/api/v1/tenants/national/model-project',
      '/api/v1/tenants/042056/national-dashboard',
    ]) {
      const response = await t.app.inject({ url, ...kesennuma });
      expect([url, response.statusCode, response.json().error.code]).toEqual([url, 403, 'FORBIDDEN']);
    }
    const write = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/tenants/national/model-project/131016',
      payload: { type: 'A' },
      ...kesennuma,
    });
    expect(write.statusCode).toBe(403);
  });

  it('answers national routes only under the national tenant', async () => {
    const response = await t.app.inject({ url: '/api/v1/tenants/042056/national-dashboard', ...national });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('INVALID_TENANT');
  });

  it('lists participants with fees from the policy, filtered and paged', async () => {
    const all = (await t.app.inject({ url: '/api/v1/tenants/national/participants?pageSize=100', ...national })).json();
    expect(all.items.map((p: { code: string; feeStatus: string }) => `${p.code}:${p.feeStatus}`)).toEqual(
      expect.arrayContaining(['042056:exempt', '131016:exempt', '473014:pending_decision']),
    );
    const late = (
      await t.app.inject({ url: '/api/v1/tenants/national/participants?feeStatus=pending_decision', ...national })
    ).json();
    expect(late.items.map((p: { code: string }) => p.code)).toEqual(['473014']);
    const paged = (
      await t.app.inject({ url: '/api/v1/tenants/national/participants?pageSize=2&page=2', ...national })
    ).json();
    expect(paged).toMatchObject({ total: all.total, page: 2, pageSize: 2 });
    expect(paged.items.map((p: { code: string }) => p.code)).toEqual(
      all.items.slice(2, 4).map((p: { code: string }) => p.code),
    );
    const model = (
      await t.app.inject({ url: '/api/v1/tenants/national/participants?modelOnly=true', ...national })
    ).json();
    expect(model.items.every((p: { modelType: string | null }) => p.modelType !== null)).toBe(true);
    const bad = await t.app.inject({ url: '/api/v1/tenants/national/participants?prefecture=48', ...national });
    expect(bad.json().error.code).toBe('INVALID_PREFECTURE_CODE');
  });

  it('exports the filtered list as CSV and audits the export', async () => {
    const response = await t.app.inject({
      url: '/api/v1/tenants/national/participants/export.csv?prefecture=07',
      ...national,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('団体コード,団体名,参加日,利用料,免除期間の終了日,年額（円）,モデル事業の類型,担当者');
    expect(lines.slice(1).map((l) => l.slice(0, 6))).toEqual(['070009', '072010']);
    const log = (await t.app.inject({ url: '/api/v1/tenants/national/audit-log', ...national })).json();
    expect(log.items.map((e: { action: string }) => e.action)).toContain('participants.exported');
  });

  it('onboards a municipality, invites its first administrator and audits it; a second time is a conflict', async () => {
    const payload = {
      code: '011002', // 札幌市
      joinedAt: '2027-04-01',
      contacts: [{ name: '札幌 一郎', department: '市民文化局', email: 'kikaku@sapporo.example.jp' }],
      firstAdminEmail: 'admin@sapporo.example.jp',
    };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/national/participants',
      payload,
      headers: { ...national.headers, 'idempotency-key': 'onboard-011002' },
      cookies: national.cookies,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      code: '011002',
      feeStatus: 'exempt',
      firstAdmin: { email: 'admin@sapporo.example.jp' },
    });
    const mail = (await t.app.inject({ url: '/api/v1/dev/mail?pageSize=100' })).json();
    expect(mail.items.some((m: { to: string }) => m.to === 'admin@sapporo.example.jp')).toBe(true);
    const sapporo = await signInByEmail(t.app, 'admin@sapporo.example.jp');
    const memberships = (await t.app.inject({ url: '/api/v1/me/memberships', ...sapporo })).json();
    expect(memberships.items).toEqual([expect.objectContaining({ tenant: '011002', role: 'admin' })]);
    const directory = (await t.app.inject({ url: '/api/v1/municipalities/011002' })).json();
    expect(directory).toMatchObject({ joinedAt: '2027-04-01', feeStatus: 'exempt' });
    const log = (await t.app.inject({ url: '/api/v1/tenants/national/audit-log', ...national })).json();
    expect(log.items[0]).toMatchObject({ action: 'participation.onboarded', subjectId: '011002' });

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/national/participants',
      payload,
      ...national,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_PARTICIPATING');
  });

  it('refuses a ward and an unknown code without writing anything', async () => {
    const onboard = (code: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/tenants/national/participants',
        payload: {
          code,
          joinedAt: '2027-04-01',
          contacts: [{ name: 'x', department: 'y', email: 'z@example.jp' }],
          firstAdminEmail: 'ward-admin@example.jp',
        },
        ...national,
      });
    expect((await onboard('011011')).json().error.code).toBe('WARD_CANNOT_PARTICIPATE'); // 札幌市中央区
    expect((await onboard('123456')).json().error.code).toBe('INVALID_MUNICIPALITY_CODE');
    const person = await t.app.db
      .selectFrom('people')
      .select('id')
      .where('email', '=', 'ward-admin@example.jp')
      .executeTakeFirst();
    expect(person).toBeUndefined();
  });

  it('recomputes every fee when the policy is decided, and keeps the decision on record', async () => {
    const decided = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/tenants/national/fee-policy',
      payload: { joinDeadline: '2028-03-31', exemptionMonths: 6, annualFeeYen: 500_000, note: '試算' },
      ...national,
    });
    expect(decided.statusCode).toBe(200);
    // 2026-04-01 + 6 months has passed (the suite runs after 2026-10); 2027-10-01 has not.
    const list = (
      await t.app.inject({ url: '/api/v1/tenants/national/participants?pageSize=100', ...national })
    ).json();
    const fee = (code: string) => list.items.find((p: { code: string }) => p.code === code);
    expect(fee('042056')).toMatchObject({ feeStatus: 'charged', exemptUntil: '2026-09-30', annualFeeYen: 500_000 });
    expect(fee('473014')).toMatchObject({ feeStatus: 'charged', exemptUntil: null });
    expect((await t.app.inject({ url: '/api/v1/municipalities/042056' })).json().feeStatus).toBe('charged');
    const log = (await t.app.inject({ url: '/api/v1/tenants/national/audit-log', ...national })).json();
    expect(log.items.map((e: { action: string }) => e.action)).toContain('fee_policy.decided');
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/tenants/national/fee-policy',
      payload: { joinDeadline: '2028-02-30', exemptionMonths: 0, annualFeeYen: -1, note: null },
      ...national,
    });
    expect(bad.statusCode).toBe(400);
  });
});
