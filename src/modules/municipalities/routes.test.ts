import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';

describe.each(testEngines())('municipality directory API on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  const search = async (query: Record<string, string>, headers: Record<string, string> = {}) => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/municipalities', query, headers });
    return { status: response.statusCode, body: response.json() };
  };

  it.each(['けせんぬま', 'ケセンヌマ', '気仙沼', 'ｹｾﾝﾇﾏ', '宮城県気仙沼', ' 気仙沼 '])(
    'finds 気仙沼市 by %j',
    async (q) => {
      const { status, body } = await search({ q });
      expect(status).toBe(200);
      expect(body.total).toBe(1);
      expect(body.items[0]).toMatchObject({
        code: '042056',
        name: '気仙沼市',
        kana: 'けせんぬまし',
        prefectureName: '宮城県',
        kind: 'municipality',
        joinedAt: '2026-04-01',
        feeStatus: 'exempt',
        modelType: 'A',
      });
    },
  );

  it('lists the 62 municipalities of Tokyo across pages', async () => {
    const first = await search({ prefecture: '13', pageSize: '50' });
    const second = await search({ prefecture: '13', pageSize: '50', page: '2' });
    expect(first.body).toMatchObject({ total: 62, page: 1, pageSize: 50 });
    expect(first.body.items).toHaveLength(50);
    expect(second.body.items).toHaveLength(12);
    const codes = [...first.body.items, ...second.body.items].map((m: { code: string }) => m.code);
    expect(new Set(codes).size).toBe(62);
    expect(codes[0]).toBe('131016');
  });

  it('counts the whole directory by kind', async () => {
    expect((await search({})).body.total).toBe(1741);
    expect((await search({ kind: 'prefecture' })).body.total).toBe(47);
    expect((await search({ kind: 'ward' })).body.total).toBe(175);
    expect((await search({ kind: 'all' })).body.total).toBe(1741 + 47 + 175);
  });

  it('finds wards of designated cities with their city', async () => {
    const { body } = await search({ q: 'あおば', kind: 'ward' });
    expect(body.items).toEqual([
      expect.objectContaining({ code: '041017', fullName: '宮城県仙台市青葉区', parentCode: '041009' }),
      expect.objectContaining({ code: '141178', fullName: '神奈川県横浜市青葉区', parentCode: '141003' }),
    ]);
  });

  it('treats LIKE wildcards in the query as plain text', async () => {
    expect((await search({ q: '%' })).body).toMatchObject({ items: [], total: 0 });
    expect((await search({ q: '_' })).body.total).toBe(0);
  });

  it('answers an empty page beyond the last one', async () => {
    const { status, body } = await search({ prefecture: '13', page: '99' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ items: [], total: 62, page: 99 });
  });

  it.each([
    [{ prefecture: '48' }, 'INVALID_PREFECTURE_CODE'],
    [{ prefecture: 'tokyo' }, 'INVALID_PREFECTURE_CODE'],
    [{ page: '0' }, 'VALIDATION_FAILED'],
    [{ pageSize: '101' }, 'VALIDATION_FAILED'],
    [{ kind: 'village' }, 'VALIDATION_FAILED'],
    [{ q: 'あ'.repeat(51) }, 'VALIDATION_FAILED'],
  ])('rejects %j with %s', async (query, code) => {
    const { status, body } = await search(query);
    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
    expect(body.error.details.length).toBeGreaterThan(0);
  });

  it('gets one municipality by code', async () => {
    const response = await t.app.inject({ url: '/api/v1/municipalities/130001' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ name: '東京都', kind: 'prefecture', prefectureName: '東京都' });
  });

  it.each(['abc', '04205X', '042057', '42056', '0420561'])(
    'answers 400 INVALID_MUNICIPALITY_CODE for %j',
    async (code) => {
      const response = await t.app.inject({ url: `/api/v1/municipalities/${code}` });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({
        code: 'INVALID_MUNICIPALITY_CODE',
        details: [{ in: 'params', path: 'code' }],
      });
    },
  );

  it('answers 404 for a well-formed code no local government has, in Japanese or English', async () => {
    // 990001: valid check digit, prefecture 99 does not exist.
    const ja = await t.app.inject({ url: '/api/v1/municipalities/990001' });
    const en = await t.app.inject({ url: '/api/v1/municipalities/990001', headers: { 'accept-language': 'en-GB,en' } });
    expect(ja.statusCode).toBe(404);
    expect(ja.json().error).toMatchObject({
      code: 'MUNICIPALITY_NOT_FOUND',
      message: '指定されたコードの地方公共団体は見つかりません。',
    });
    expect(ja.headers['content-language']).toBe('ja');
    expect(en.json().error.message).toBe('No local government has this code.');
    expect(en.headers['content-language']).toBe('en');
  });

  it('lists only those taking part today (for choosing co-hosts of a joint opportunity)', async () => {
    const codes = async (url: string) =>
      ((await t.app.inject({ url })).json().items as { code: string }[]).map((m) => m.code);
    expect(await codes('/api/v1/municipalities?prefecture=07&participating=true')).toEqual(['072010']);
    expect(await codes('/api/v1/municipalities?prefecture=07&participating=true&kind=all')).toEqual([
      '070009',
      '072010',
    ]);
    // 東京都 (131016) joins only in 2027.
    expect(await codes('/api/v1/municipalities?prefecture=13&participating=true')).toEqual([]);
    const wrong = await t.app.inject({ url: '/api/v1/municipalities?participating=yes' });
    expect(wrong.statusCode).toBe(400);
  });
});
