import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { type SignedIn, signInByEmail } from '../../../test/support/sign-in.ts';
import { jstDay } from '../registrations/rules.ts';
import { basicOpportunity, sessionIn } from './test-support.ts';

// Joint opportunities (広域型): a prefecture, or a municipality, recruits together with municipalities of its
// prefecture; their registrants may apply, and attendance counts at each co-host the helper is registered with.
describe.each(testEngines())('joint opportunities on %s', (engine) => {
  let t: TestApp;
  let prefecture: SignedIn;
  let kesennuma: SignedIn;

  const create = (who: SignedIn, tenant: string, payload: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/tenants/${tenant}/opportunities`,
      payload: { ...basicOpportunity, place: '福島市', status: 'open', sessions: [sessionIn(7)], ...payload },
      ...who,
    });
  const register = async (who: SignedIn, code: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/registrations',
      payload: { municipalityCode: code, relationTypes: [2], consents: ['name'] },
      ...who,
    });
    expect(response.statusCode).toBe(201);
    return response.json().id as string;
  };
  const opportunitiesOf = async (code: string) =>
    (await t.app.inject({ url: `/api/v1/opportunities?municipality=${code}&pageSize=100` })).json().items as {
      id: string;
      coHosts: { code: string; name: string }[];
    }[];
  const countOpportunities = async () =>
    Number(
      (
        await t.app.db
          .selectFrom('opportunities')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp(engine);
    prefecture = await signInByEmail(t.app, 'admin@fukushima.example.jp');
    kesennuma = await signInByEmail(t.app, 'admin@kesennuma.example.jp');
  });
  afterAll(() => t?.close());

  it('a prefecture recruits with a municipality; the opportunity is listed on both', async () => {
    const response = await create(prefecture, '070009', { title: '収穫祭の運営', coHosts: ['072010'] });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created.coHosts).toEqual([{ code: '072010', name: '福島市' }]);
    expect((await opportunitiesOf('072010')).map((o) => o.id)).toContain(created.id);
    expect((await opportunitiesOf('070009')).map((o) => o.id)).toContain(created.id);
    expect((await opportunitiesOf('042056')).map((o) => o.id)).not.toContain(created.id);
  });

  it('refuses co-hosts outside the prefecture, not participating, twice or itself, and writes nothing', async () => {
    const before = await countOpportunities();
    const response = await create(prefecture, '070009', { coHosts: ['042056', '072028', '072010', '072010'] });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('OPPORTUNITY_CO_HOSTS_INVALID');
    expect(response.json().error.details.problems).toEqual([
      { code: '042056', problem: 'other_prefecture' },
      { code: '072028', problem: 'not_participating' },
      { code: '072010', problem: 'duplicate' },
    ]);
    const self = await create(kesennuma, '042056', { coHosts: ['042056'] });
    expect(self.statusCode).toBe(422);
    const notACode = await create(prefecture, '070009', { coHosts: ['12345'] });
    expect(notACode.statusCode).toBe(400);
    expect(await countOpportunities()).toBe(before);
  });

  it("takes a co-host's registrants, and the activity counts at every municipality the helper is registered with", async () => {
    // 会津若松市 joins; the prefecture recruits with it and 福島市.
    await t.app.db
      .updateTable('municipalities')
      .set({ joined_at: '2026-04-01' })
      .where('code', '=', '072028')
      .execute();
    const response = await create(prefecture, '070009', {
      title: '会津と福島の共同イベント',
      coHosts: ['072010', '072028'],
    });
    expect(response.statusCode).toBe(201);
    const opportunity = response.json();

    const helper = await signInByEmail(t.app, 'joint-helper@example.jp');
    const fukushimaMemberId = await register(helper, '072010');
    const outsider = await signInByEmail(t.app, 'joint-outsider@example.jp');
    await register(outsider, '042056');

    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/opportunities/${opportunity.id}/applications`,
      payload: { answers: [] },
      ...outsider,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('OPPORTUNITY_REQUIREMENTS_NOT_MET');

    const applied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/me/opportunities/${opportunity.id}/applications`,
      payload: { answers: [] },
      ...helper,
    });
    expect(applied.statusCode).toBe(201);
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tenants/070009/applications/${applied.json().id}/decision`,
      payload: { decision: 'accept' },
      ...prefecture,
    });
    expect(accepted.statusCode).toBe(200);

    // The day comes; staff of the prefecture check the helper in with their 福島市 card.
    const startsAt = new Date(Date.now() - 30 * 60_000);
    await t.app.db
      .updateTable('opportunity_sessions')
      .set({ starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 3 * 3_600_000) })
      .where('opportunity_id', '=', opportunity.id)
      .execute();
    const checkedIn = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tenants/070009/opportunities/${opportunity.id}/check-ins`,
      payload: { memberId: fukushimaMemberId },
      headers: { ...prefecture.headers, 'idempotency-key': 'joint-check-in-1' },
      cookies: prefecture.cookies,
    });
    expect(checkedIn.statusCode).toBe(201);

    const activities = await t.app.db
      .selectFrom('activity_records')
      .select(['municipality_code', 'status', 'occurred_on'])
      .where('person_id', '=', helper.personId)
      .orderBy('municipality_code')
      .execute();
    // The host's record, and one at 福島市 (registered there); none at 会津若松市 (not registered there).
    expect(activities.map((a) => [a.municipality_code, a.status])).toEqual([
      ['070009', 'confirmed'],
      ['072010', 'confirmed'],
    ]);
    expect(new Set(activities.map((a) => String(a.occurred_on).slice(0, 10)))).toEqual(new Set([jstDay(startsAt)]));
  });
});
