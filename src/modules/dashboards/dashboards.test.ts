import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { type SignedIn, signInByEmail } from '../../../test/support/sign-in.ts';
import type { Comparison, Dashboard } from './schema.ts';
import { dashboardMismatches } from './verify.ts';

const KESENNUMA = '042056';
const FUKUSHIMA = '070009';

describe.each(testEngines())('dashboards on %s', (engine) => {
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
    // Seeding the demo data takes most of a minute on a busy two-core machine.
  }, 300_000);
  afterAll(() => t?.close());

  const db = () => t.testDatabase.database.db;
  const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, ...who });
  const count = async (query: ReturnType<typeof sql<{ n: number }>>) => Number((await query.execute(db())).rows[0]?.n);

  it('shows the current registrants exactly as a recount of the registrations', async () => {
    const response = await get(editor, `/tenants/${KESENNUMA}/dashboard`);
    expect(response.statusCode).toBe(200);
    const body = response.json() as Dashboard;
    const recount = await sql<{ tier: string; n: number }>`
      select tier, count(*)::int as n from registrations where municipality_code = ${KESENNUMA} group by tier
    `.execute(db());
    const byTier = Object.fromEntries(recount.rows.map((r) => [r.tier, r.n]));
    expect(body.registrants.total).toBeGreaterThan(0);
    expect(body.registrants.basic).toBe(byTier.basic ?? 0);
    expect(body.registrants.premium).toBe(byTier.premium ?? 0);
    for (const type of [1, 2, 3, 4] as const) {
      const n = await count(sql<{ n: number }>`
        select count(*)::int as n from registrations where municipality_code = ${KESENNUMA} and ${type}::smallint = any (relation_types)
      `);
      expect(body.registrants[`type${type}`]).toBe(n);
    }
    // The last point of the series is today's state; `added` adds up to the change over the range.
    const points = body.series.points;
    expect(points.at(-1)).toMatchObject({ total: body.registrants.total, premium: body.registrants.premium });
    const first = points[0];
    if (!first) throw new Error('no points');
    expect(points.reduce((sum, p) => sum + p.added, 0)).toBe(body.registrants.total - first.total + first.added);
    expect(points).toHaveLength(24);
  });

  it('places supporters by residence prefecture, unknown and abroad apart, as the registrations say', async () => {
    const body = (await get(admin, `/tenants/${KESENNUMA}/dashboard`)).json() as Dashboard;
    const recount = await sql<{ p: string; n: number }>`
      select residence_prefecture as p, count(*)::int as n from registrations
      where municipality_code = ${KESENNUMA} group by 1 order by 1
    `.execute(db());
    const expected = recount.rows.filter((r) => r.p !== '00' && r.p !== '99').map((r) => ({ code: r.p, count: r.n }));
    expect(body.residence.prefectures).toEqual(expected);
    expect(body.residence.unknown).toBe(recount.rows.find((r) => r.p === '00')?.n ?? 0);
    expect(body.residence.abroad).toBe(recount.rows.find((r) => r.p === '99')?.n ?? 0);
    expect(body.residence.municipalitiesAvailable).toBe(false);
  });

  it('counts the funnel, cohorts, activities and benefit uses as their sources do, with nothing about a person', async () => {
    const body = (await get(admin, `/tenants/${KESENNUMA}/dashboard`)).json() as Dashboard;
    const step = (name: string) => body.funnel.find((s) => s.step === name)?.count;
    expect(body.funnel.map((s) => s.step)).toEqual([
      'registered',
      'read_news',
      'applied',
      'took_part',
      'premium',
      'type4',
    ]);
    expect(step('registered')).toBe(
      await count(sql<{ n: number }>`
        select count(distinct person_id)::int as n from registration_events
        where municipality_code = ${KESENNUMA} and kind = 'registered' and person_id is not null
      `),
    );
    expect(step('read_news')).toBeGreaterThan(0);
    expect(step('took_part')).toBe(
      await count(sql<{ n: number }>`
        select count(distinct a.person_id)::int as n from activity_records a
        where a.municipality_code = ${KESENNUMA} and a.status = 'confirmed'
          and exists (select 1 from registration_events e where e.municipality_code = a.municipality_code
                      and e.person_id = a.person_id and e.kind = 'registered')
      `),
    );
    const activities = await sql<{ month: string; n: number }>`
      select to_char(occurred_on, 'YYYY-MM') as month, count(*)::int as n from activity_records
      where municipality_code = ${KESENNUMA} and status = 'confirmed' group by 1
    `.execute(db());
    for (const month of body.activities) {
      expect(month.total).toBe(activities.rows.find((r) => r.month === month.month)?.n ?? 0);
    }
    const uses = await sql<{ month: string; tier: string; n: number }>`
      select to_char(scanned_at at time zone 'Asia/Tokyo', 'YYYY-MM') as month, tier, count(*)::int as n
      from redemptions where municipality_code = ${KESENNUMA} group by 1, 2
    `.execute(db());
    for (const month of body.benefitUses) {
      for (const tier of ['basic', 'premium'] as const) {
        expect(month[tier]).toBe(uses.rows.find((r) => r.month === month.month && r.tier === tier)?.n ?? 0);
      }
    }
    const letters = await sql<{ month: string; n: number }>`
      select to_char(send_started_at at time zone 'Asia/Tokyo', 'YYYY-MM') as month, sum(recipient_count)::int as n
      from newsletters where municipality_code = ${KESENNUMA} and status in ('sending', 'sent') group by 1
    `.execute(db());
    for (const month of body.newsletters) {
      expect(month.recipients).toBe(letters.rows.find((r) => r.month === month.month)?.n ?? 0);
    }
    const cohortTotal = body.cohorts.reduce((sum, c) => sum + c.registered, 0);
    expect(cohortTotal).toBeGreaterThan(0);
    expect(body.cohorts).toHaveLength(12);
    // The current month's cohort cannot have a 1-month figure yet.
    expect(body.cohorts.at(-1)?.tookPart.m1).toBeNull();
    const text = response(body);
    expect(text).not.toMatch(/person|email|@example/i);
  });

  it('refuses bad ranges and any other filter with a clear 400', async () => {
    const cases: [string, string][] = [
      ['granularity=day&from=2026-02-01&to=2026-01-01', 'DASHBOARD_RANGE_INVALID'],
      ['granularity=day&from=2025-01-01&to=2025-12-31', 'DASHBOARD_RANGE_TOO_LONG'],
      ['granularity=week&from=2020-01-06&to=2021-12-27', 'DASHBOARD_RANGE_TOO_LONG'],
      ['to=2999-01-01', 'DASHBOARD_RANGE_INVALID'],
      ['personId=00000000-0000-0000-0000-000000000000', 'VALIDATION_FAILED'],
      ['granularity=year', 'VALIDATION_FAILED'],
    ];
    for (const [query, code] of cases) {
      const answer = await get(admin, `/tenants/${KESENNUMA}/dashboard?${query}`);
      expect([answer.statusCode, answer.json().error.code]).toEqual([400, code]);
    }
    const days = (
      await get(admin, `/tenants/${KESENNUMA}/dashboard?granularity=day&from=2026-01-01&to=2026-01-31`)
    ).json();
    expect(days.series.points).toHaveLength(31);
    const weeks = (await get(admin, `/tenants/${KESENNUMA}/dashboard?granularity=week`)).json() as Dashboard;
    expect(weeks.series.points).toHaveLength(26);
    expect(weeks.series.points.at(-1)?.total).toBe(weeks.registrants.total);
  });

  it('keeps each tenant to its own dashboard', async () => {
    expect((await get(fukushima, `/tenants/${KESENNUMA}/dashboard`)).statusCode).toBe(403);
    expect((await get(admin, `/tenants/${FUKUSHIMA}/dashboard`)).statusCode).toBe(403);
    expect((await get(national, `/tenants/${KESENNUMA}/dashboard`)).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/v1/tenants/${KESENNUMA}/dashboard` })).statusCode).toBe(401);
    const notPrefecture = await get(admin, `/tenants/${KESENNUMA}/dashboard/municipalities`);
    expect([notPrefecture.statusCode, notPrefecture.json().error.code]).toEqual([400, 'DASHBOARD_NOT_PREFECTURE']);
  });

  it("gives a prefecture its own registrants and its municipalities' aggregates, and no one's details", async () => {
    const own = (await get(fukushima, `/tenants/${FUKUSHIMA}/dashboard`)).json() as Dashboard;
    expect(own.tenant).toEqual({ code: FUKUSHIMA, name: '福島県', kind: 'prefecture' });
    expect(own.registrants.total).toBe(
      await count(
        sql<{ n: number }>`select count(*)::int as n from registrations where municipality_code = ${FUKUSHIMA}`,
      ),
    );
    const response = await get(fukushima, `/tenants/${FUKUSHIMA}/dashboard/municipalities?months=6`);
    expect(response.statusCode).toBe(200);
    const body = response.json() as Comparison;
    expect(body.months).toHaveLength(6);
    expect(body.municipalities.length).toBeGreaterThan(0);
    for (const m of body.municipalities) {
      expect(m.code.startsWith('07')).toBe(true);
      expect(m.total).toBe(
        await count(
          sql<{ n: number }>`select count(*)::int as n from registrations where municipality_code = ${m.code}`,
        ),
      );
      expect(m.premium).toBe(
        await count(sql<{ n: number }>`
          select count(*)::int as n from registrations where municipality_code = ${m.code} and tier = 'premium'
        `),
      );
      expect(m.type4).toBe(
        await count(sql<{ n: number }>`
          select count(*)::int as n from registrations where municipality_code = ${m.code} and 4 = any (relation_types)
        `),
      );
      expect(m.series).toHaveLength(6);
      expect(m.series.at(-1)).toBe(m.total);
    }
    expect(Object.keys(body.municipalities[0] ?? {}).sort()).toEqual(
      ['added', 'code', 'name', 'premium', 'series', 'total', 'type4'].sort(),
    );
  });

  it('follows a new registrant through registering and reading news, and every counter equals a full recount', async () => {
    const posts = await sql<{ id: string }>`
      select id from posts where municipality_code = ${KESENNUMA} and publish_at <= now() limit 1
    `.execute(db());
    const postId = posts.rows[0]?.id;
    if (!postId) throw new Error('no published demo post');
    const before = (await get(admin, `/tenants/${KESENNUMA}/dashboard`)).json() as Dashboard;
    const reader = await signInByEmail(t.app, 'dashboard-reader@example.jp');
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/registrations',
      payload: { municipalityCode: KESENNUMA, relationTypes: [2, 4], consents: ['news'], residencePrefecture: '13' },
      ...reader,
    });
    expect(registered.statusCode).toBe(201);
    for (let i = 0; i < 2; i++) {
      const read = await t.app.inject({ url: `/api/v1/municipalities/${KESENNUMA}/posts/${postId}`, ...reader });
      expect(read.statusCode).toBe(200);
    }
    const after = (await get(admin, `/tenants/${KESENNUMA}/dashboard`)).json() as Dashboard;
    const step = (body: Dashboard, name: string) => body.funnel.find((s) => s.step === name)?.count ?? 0;
    expect(after.registrants.total).toBe(before.registrants.total + 1);
    expect(after.registrants.type4).toBe(before.registrants.type4 + 1);
    for (const name of ['registered', 'read_news', 'type4']) expect(step(after, name)).toBe(step(before, name) + 1);
    expect(step(after, 'applied')).toBe(step(before, 'applied'));
    const tokyo = (body: Dashboard) => body.residence.prefectures.find((p) => p.code === '13')?.count ?? 0;
    expect(tokyo(after)).toBe(tokyo(before) + 1);
    expect(after.cohorts.at(-1)?.registered).toBe((before.cohorts.at(-1)?.registered ?? 0) + 1);
    expect(await dashboardMismatches(db())).toEqual([]);
  });
});

function response(body: unknown): string {
  return JSON.stringify(body);
}
