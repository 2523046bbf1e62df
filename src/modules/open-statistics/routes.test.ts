import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { jstMonth } from './rules.ts';

// The demo data (a few thousand registrants, some municipalities with a handful of premium members) is
// the table; every published figure is compared with a recount of the registrations themselves.

type Table = {
  columns: string[];
  rows: { key: string; label: string; cells: (number | null)[]; total: number | null }[];
  columnTotals: (number | null)[] | null;
  grandTotal: number | null;
  suppressedCells: number;
  threshold: number;
};

describe.each(testEngines())('open statistics API on %s', (engine) => {
  let t: TestApp;
  let counts: Map<string, number>;
  beforeAll(async () => {
    t = await createTestApp(engine);
    const result = await sql<{ code: string; tier: string; n: string | number }>`
      select municipality_code as code, tier, count(*) as n from registrations
      where substr(municipality_code, 3, 3) <> '000' group by 1, 2
    `.execute(t.testDatabase.database.db);
    counts = new Map(result.rows.map((r) => [`${r.code}|${r.tier}`, Number(r.n)]));
  }, 600_000);
  afterAll(() => t?.close());

  const get = async (url: string, headers: Record<string, string> = {}) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/open-statistics/${url}`, headers });
    return { status: response.statusCode, body: response.json(), headers: response.headers };
  };
  const recount = (match: (code: string) => boolean, tier: string) =>
    [...counts].filter(([key]) => key.endsWith(`|${tier}`) && match(key.slice(0, 6))).reduce((s, [, n]) => s + n, 0);

  /** Every published cell is the recount; every recount from 1 to threshold − 1 is hidden. */
  const expectPublishedOrHidden = (published: number | null, actual: number, threshold: number) => {
    if (published !== null) expect(published).toBe(actual);
    if (actual > 0 && actual < threshold) expect(published).toBeNull();
  };

  it('publishes registrations by prefecture and tier without sign-in, equal to a recount', async () => {
    const { status, body, headers } = await get('prefectures');
    expect(status).toBe(200);
    expect(headers['cache-control']).toBe('public, max-age=300');
    const table = body as Table;
    expect(table.threshold).toBe(10);
    expect(table.columns).toEqual(['basic', 'premium']);
    expect(table.rows).toHaveLength(47);
    const miyagi = table.rows.find((r) => r.key === '04');
    expect(miyagi?.label).toBe('宮城県');
    expect(miyagi?.cells[0]).toBe(recount((c) => c.startsWith('04'), 'basic'));
    for (const row of table.rows) {
      row.cells.forEach((cell, j) => {
        const tier = table.columns[j] as string;
        expectPublishedOrHidden(
          cell,
          recount((c) => c.startsWith(row.key), tier),
          10,
        );
      });
    }
    const total = recount(() => true, 'basic') + recount(() => true, 'premium');
    expectPublishedOrHidden(table.grandTotal, total, 10);
  });

  it('hides small cells, and enough others that no row or column total gives one away', async () => {
    const residence = await sql<{ code: string; residence: string; tier: string; n: string | number }>`
      select municipality_code as code, residence_prefecture as residence, tier, count(*) as n from registrations
      where substr(municipality_code, 3, 3) <> '000' group by 1, 2, 3
    `.execute(t.testDatabase.database.db);
    const byResidence = (prefecture: string, key: string, tier: string) =>
      residence.rows
        .filter((r) => r.code.startsWith(prefecture) && r.residence === key && r.tier === tier)
        .reduce((sum, r) => sum + Number(r.n), 0);
    let hidden = 0;
    const tables: [string, (key: string, tier: string) => number][] = [
      ['residence', (key, tier) => byResidence('', key, tier)],
      ...['04', '07', '15'].flatMap((p): [string, (key: string, tier: string) => number][] => [
        [`residence?prefecture=${p}`, (key, tier) => byResidence(p, key, tier)],
        [`municipalities?prefecture=${p}`, (key, tier) => counts.get(`${key}|${tier}`) ?? 0],
      ]),
    ];
    for (const [url, actual] of tables) {
      const table = (await get(url)).body as Table;
      hidden += table.suppressedCells;
      for (const row of table.rows) {
        row.cells.forEach((cell, j) => {
          expectPublishedOrHidden(cell, actual(row.key, table.columns[j] as string), 10);
        });
        // A row with one hidden cell (of basic, premium, total) would give it away by subtraction.
        expect([...row.cells, row.total].filter((v) => v === null).length).not.toBe(1);
      }
      for (const j of [...table.columns.keys(), table.columns.length]) {
        const column = [
          ...table.rows.map((r) => (j < r.cells.length ? r.cells[j] : r.total)),
          j < table.columns.length ? table.columnTotals?.[j] : table.grandTotal,
        ];
        expect(column.filter((v) => v === null).length).not.toBe(1);
      }
    }
    expect(hidden).toBeGreaterThan(0);
    const kesennuma = ((await get('municipalities?prefecture=04')).body as Table).rows.find((r) => r.key === '042056');
    expect(kesennuma?.cells[0]).toBe(counts.get('042056|basic'));
  });

  it('breaks down by relationship type with column totals only', async () => {
    const { body } = await get('municipalities?prefecture=04&by=relation-type');
    const table = body as Table;
    expect(table.columns).toEqual(['1', '2', '3', '4']);
    expect(table.rows.every((r) => r.total === null)).toBe(true);
    expect(table.columnTotals).toHaveLength(4);
    const types = await sql<{ t: number; n: string | number }>`
      select t, count(*) as n from registrations, unnest(relation_types) as t
      where municipality_code = '042056' group by 1 order by 1
    `.execute(t.testDatabase.database.db);
    const row = table.rows.find((r) => r.key === '042056');
    for (const { t: type, n } of types.rows) expectPublishedOrHidden(row?.cells[type - 1] ?? null, Number(n), 10);
  });

  it('publishes where registrants live and the month-end series of one municipality', async () => {
    const residence = (await get('residence?prefecture=04', { 'accept-language': 'en' })).body as Table;
    expect(residence.rows.map((r) => r.key).slice(-2)).toEqual(['00', '99']);
    expect(residence.rows.at(-1)?.label).toBe('Abroad');
    expectPublishedOrHidden(
      residence.grandTotal,
      recount((c) => c.startsWith('04'), 'basic') + recount((c) => c.startsWith('04'), 'premium'),
      10,
    );

    const months = (await get('months?municipality=042056')).body as Table;
    expect(months.rows).toHaveLength(24);
    expect(months.rows.at(-1)?.key).toBe(jstMonth(new Date()));
    expect(months.columnTotals).toBeNull();
    expect(months.rows.at(-1)?.cells[0]).toBe(counts.get('042056|basic'));
    expect(months.rows.at(-1)?.total).toBe((counts.get('042056|basic') ?? 0) + (counts.get('042056|premium') ?? 0));
  });

  it('downloads each table as CSV with Japanese headers and 秘匿 for hidden cells', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/open-statistics/municipalities.csv?prefecture=04',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="open-statistics-municipalities-04.csv"',
    );
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('コード,区分,基本登録,プレミアム登録,合計');
    expect(lines.find((l) => l.startsWith('042056,気仙沼市,'))).toBe(
      `042056,気仙沼市,${counts.get('042056|basic')},${counts.get('042056|premium') ?? 0},${(counts.get('042056|basic') ?? 0) + (counts.get('042056|premium') ?? 0)}`.replace(
        /,(\d),/,
        ',秘匿,',
      ),
    );
    for (const path of ['prefectures.csv?by=relation-type', 'residence.csv', 'months.csv?prefecture=04']) {
      const r = await t.app.inject({
        method: 'GET',
        url: `/api/v1/open-statistics/${path}`,
        headers: { 'accept-language': 'en' },
      });
      expect(r.statusCode).toBe(200);
      expect(r.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^Code,Group,/);
    }
  });

  it.each([
    ['municipalities', 400, 'VALIDATION_FAILED'],
    ['municipalities?prefecture=48', 400, 'INVALID_PREFECTURE_CODE'],
    ['prefectures?by=person', 400, 'VALIDATION_FAILED'],
    ['residence?prefecture=4', 400, 'INVALID_PREFECTURE_CODE'],
    ['months?from=2026-05&to=2026-04', 400, 'MONTH_RANGE_INVALID'],
    ['months?from=2000-01&to=2026-04', 400, 'MONTH_RANGE_INVALID'],
    ['months?from=2026-13', 400, 'MONTH_RANGE_INVALID'],
    ['months?to=2999-01', 400, 'MONTH_RANGE_INVALID'],
    ['months?municipality=042057', 400, 'INVALID_MUNICIPALITY_CODE'],
    ['months?municipality=040002', 404, 'MUNICIPALITY_NOT_FOUND'],
    ['months?municipality=042056&prefecture=04', 400, 'VALIDATION_FAILED'],
    ['months.csv?from=2026-05&to=2026-04', 400, 'MONTH_RANGE_INVALID'],
  ])('refuses %s with %i %s', async (url, status, code) => {
    const response = await get(url);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
  });
});
