import iconv from 'iconv-lite';
import { type KyselyPlugin, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { type SignedIn, signInByEmail } from '../../../test/support/sign-in.ts';
import { normaliseForSearch } from '../municipalities/rules.ts';
import { exportMembers, MEMBER_EXPORT_COLUMNS } from './member-export.ts';
import { searchableSql } from './registrant-repository.ts';

const HEADERS = MEMBER_EXPORT_COLUMNS.map((c) => c.header);
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** RFC 4180, strictly: records end with CRLF, quotes only around whole fields, "" inside them. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') {
      if (field !== '' || wasQuoted) throw new Error(`stray quote at ${i}`);
      quoted = true;
      wasQuoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      wasQuoted = false;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      wasQuoted = false;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      throw new Error(`bare line break at ${i}`);
    } else {
      if (wasQuoted) throw new Error(`text after a closing quote at ${i}`);
      field += ch;
    }
  }
  if (quoted) throw new Error('unterminated quote');
  if (field !== '' || row.length > 0) throw new Error('last record without CRLF');
  return rows;
}

function recordsOf(rows: string[][]) {
  const [header, ...data] = rows;
  return data.map((cells) => Object.fromEntries((header ?? []).map((h, i) => [h, cells[i]])));
}

describe.each(testEngines())('members of a municipality: search, filters and CSV on %s', (engine) => {
  let t: TestApp;
  let admin: SignedIn;
  let editor: SignedIn;
  let viewer: SignedIn;
  let fukushima: SignedIn;
  let national: SignedIn;
  const members: Record<string, string> = {};

  const db = () => t.app.db;
  const get = (url: string, who?: SignedIn) => t.app.inject({ url: `/api/v1/tenants/${url}`, ...(who ?? {}) });
  const ids = (body: { items: { memberId: string }[] }) => body.items.map((i) => i.memberId).sort();

  async function resident(key: string, name: string, registration: Record<string, unknown>) {
    const me = await signInByEmail(t.app, `${key}@example.jp`);
    await db().updateTable('people').set({ display_name: name }).where('id', '=', me.personId).execute();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/registrations',
      payload: { municipalityCode: '042056', relationTypes: [2], ...registration },
      ...me,
    });
    expect(created.statusCode).toBe(201);
    members[key] = created.json().id;
    return me;
  }

  async function activity(memberId: string, occurredOn: string) {
    const recorded = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/042056/activities',
      payload: { memberId, kind: 'volunteer', occurredOn },
      ...admin,
    });
    expect(recorded.statusCode).toBe(201);
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await signInByEmail(t.app, 'admin@kesennuma.example.jp');
    editor = await signInByEmail(t.app, 'editor@kesennuma.example.jp');
    fukushima = await signInByEmail(t.app, 'admin@fukushima.example.jp');
    national = await signInByEmail(t.app, 'admin@national.example.jp');
    viewer = await signInByEmail(t.app, 'members-viewer@example.jp');
    await db()
      .insertInto('staff_memberships')
      .values({ tenant: '042056', person_id: viewer.personId, role: 'viewer', partner_id: null, granted_by: null })
      .execute();

    const minami = await resident('minami', '海野 ミナミ', {
      relationTypes: [2, 4],
      consents: ['name', 'email', 'news'],
      residencePrefecture: '13',
      birthYear: 1990,
    });
    await resident('hidden', '波止場 ミナミ', { consents: ['email', 'residence'], residencePrefecture: '13' });
    await resident('taro', '海野 太郎', { consents: ['name'] });
    await resident('rare', '𠮷田 ハル〜', { consents: ['name'] });
    await resident('formula', '=HYPERLINK("http://evil.example")', { consents: ['name'] });
    const changed = await resident('changed', '浜 変更', { consents: ['name', 'email', 'age_band'], birthYear: 1970 });
    const withdrawn = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/registrations/042056',
      payload: { consents: ['name'] },
      ...changed,
    });
    expect(withdrawn.statusCode).toBe(200);

    // ミナミ: two confirmed here; a proof still pending and an activity elsewhere do not count.
    await activity(members.minami as string, '2026-01-10');
    await activity(members.minami as string, '2026-02-10');
    for (const taro of ['2026-01-11', '2026-01-12', '2026-01-13']) await activity(members.taro as string, taro);
    await db()
      .insertInto('activity_records')
      .values(
        (
          [
            ['042056', 'pending'],
            ['072010', 'confirmed'],
          ] as const
        ).map(([code, status]) => ({
          person_id: minami.personId,
          municipality_code: code,
          status,
          kind: 'volunteer',
          occurred_on: '2026-03-01',
          source: 'platform' as const,
        })),
      )
      .execute();
  });
  afterAll(() => t?.close());

  it('folds names in SQL exactly as normaliseForSearch does', async () => {
    const samples = [
      'ﾔﾏﾀﾞ　ﾊﾅｺ',
      'ＡＢＣ ｄｅｆ',
      'Émily  Smith',
      'ヴァイオリン ヵヶ',
      '小野寺\t一郎\n',
      '髙橋　ｶﾞｸ',
      '',
    ];
    for (const text of samples) {
      const { rows } = await sql<{ folded: string }>`select ${searchableSql(sql.val(text))} as folded`.execute(db());
      expect([text, rows[0]?.folded]).toEqual([text, normaliseForSearch(text)]);
    }
  });

  it('finds a name by kana or kanji in any width, only among people who share their name', async () => {
    for (const q of ['みなみ', 'ミナミ', 'ﾐﾅﾐ', ' ﾐ ﾅ ﾐ ', '海野　みなみ']) {
      const found = (await get(`042056/registrants?q=${encodeURIComponent(q)}`, admin)).json();
      expect([q, ids(found), found.total]).toEqual([q, [members.minami], 1]);
      expect(found.items[0]).toMatchObject({ displayName: '海野 ミナミ', email: 'minami@example.jp' });
    }
    const kanji = (await get(`042056/registrants?q=${encodeURIComponent('海野')}`, admin)).json();
    expect(ids(kanji)).toEqual([members.minami, members.taro].sort());
    // 波止場 ミナミ shares no name: neither the search nor the residence filter may reveal it.
    const hidden = (await get(`042056/registrants?q=${encodeURIComponent('波止場')}`, admin)).json();
    expect(hidden.total).toBe(0);
    const withResidence = (
      await get(`042056/registrants?q=${encodeURIComponent('みなみ')}&residencePrefecture=13`, admin)
    ).json();
    expect(withResidence.total).toBe(0);
    const all = (await get('042056/registrants?pageSize=1', admin)).json();
    const blank = (await get('042056/registrants?pageSize=1&q=%20%20', admin)).json();
    expect(blank.total).toBe(all.total);
  });

  it('filters by confirmed activities in this municipality and sorts by them', async () => {
    const q = `q=${encodeURIComponent('海野')}`;
    const two = (await get(`042056/registrants?${q}&minActivities=2&sort=activities`, admin)).json();
    expect(two.items.map((i: { memberId: string; activityCount: number }) => [i.memberId, i.activityCount])).toEqual([
      [members.taro, 3],
      [members.minami, 2],
    ]);
    expect(ids((await get(`042056/registrants?${q}&minActivities=3`, admin)).json())).toEqual([members.taro]);

    const expected = await db()
      .selectFrom('registrations as r')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('r.municipality_code', '=', '042056')
      .where(
        sql<boolean>`(select count(*) from activity_records a where a.person_id = r.person_id
          and a.municipality_code = '042056' and a.status = 'confirmed') >= 3`,
      )
      .executeTakeFirstOrThrow();
    const three = (await get('042056/registrants?minActivities=3&sort=activities&pageSize=100', admin)).json();
    expect(three.total).toBe(Number(expected.n));
    expect(three.total).toBeGreaterThan(1);
    const counts = three.items.map((i: { activityCount: number }) => i.activityCount);
    expect(counts.every((n: number) => n >= 3)).toBe(true);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const detail = (await get(`042056/registrants/${members.minami}`, admin)).json();
    expect(detail).toMatchObject({ activityCount: 2 });
    expect(detail.activities).toHaveLength(3);
  });

  it('exports UTF-8 CSV with a BOM, the same rows as the list, and only consented values', async () => {
    const response = await get('042056/registrants/export.csv', admin);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="members-042056-(\d{8})\.csv"; filename\*=UTF-8''members-042056-\1\.csv$/,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    const bytes = response.rawPayload;
    expect(bytes.subarray(0, 3)).toEqual(BOM);
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(rows[0]).toEqual(HEADERS);
    const list = (await get('042056/registrants?pageSize=1', admin)).json();
    expect(rows.length - 1).toBe(list.total);
    expect(Number(response.headers['x-total-count'])).toBe(list.total);
    const records = recordsOf(rows);
    expect(new Set(records.map((r) => r.会員番号)).size).toBe(records.length);
    const byMember = new Map(records.map((r) => [r.会員番号, r]));

    expect(byMember.get(members.minami)).toEqual({
      会員番号: members.minami,
      登録区分: 'ベーシック',
      登録日: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      プレミアム有効期限: '',
      氏名: '海野 ミナミ',
      メールアドレス: 'minami@example.jp',
      年代: '',
      居住都道府県: '',
      関わり方の類型: '',
      お知らせ受信: 'はい',
      活動回数: '2',
    });
    expect(byMember.get(members.hidden)).toMatchObject({
      氏名: '',
      メールアドレス: 'hidden@example.jp',
      居住都道府県: '東京都',
      お知らせ受信: '',
    });
    // Consent to the e-mail address and the age band was withdrawn after registering.
    expect(byMember.get(members.changed)).toMatchObject({ 氏名: '浜 変更', メールアドレス: '', 年代: '' });
    expect(byMember.get(members.formula)?.氏名).toBe(`'=HYPERLINK("http://evil.example")`);

    const consents = await db()
      .selectFrom('registrations')
      .select(['id', 'consents'])
      .where('municipality_code', '=', '042056')
      .execute();
    for (const { id, consents: scopes } of consents) {
      const record = byMember.get(id);
      if (!scopes.includes('name')) expect(record?.氏名).toBe('');
      if (!scopes.includes('email')) expect(record?.メールアドレス).toBe('');
      if (!scopes.includes('age_band')) expect(record?.年代).toBe('');
      if (!scopes.includes('residence')) expect(record?.居住都道府県).toBe('');
      if (!scopes.includes('relation_details')) expect(record?.関わり方の類型).toBe('');
    }
    const shared = records.filter((r) => r.関わり方の類型 !== '').length;
    expect(shared).toBeGreaterThan(0);

    const filtered = await get(`042056/registrants/export.csv?q=${encodeURIComponent('みなみ')}`, editor);
    expect(filtered.statusCode).toBe(200);
    expect(filtered.headers['x-total-count']).toBe('1');
    const filteredRows = parseCsv(filtered.rawPayload.subarray(3).toString('utf8'));
    expect(filteredRows.map((r) => r[0])).toEqual(['会員番号', members.minami]);
  });

  it('exports Shift_JIS for Excel, with ? for what Shift_JIS cannot spell', async () => {
    const response = await get('042056/registrants/export.csv?encoding=shift_jis&minActivities=0', admin);
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=Shift_JIS');
    const bytes = response.rawPayload;
    expect(bytes.subarray(0, 3)).not.toEqual(BOM);
    expect(bytes.includes(Buffer.from('会員番号'))).toBe(false);
    expect(bytes.includes(iconv.encode('会員番号,登録区分', 'Shift_JIS'))).toBe(true);
    const rows = parseCsv(iconv.decode(bytes, 'Shift_JIS'));
    expect(rows[0]).toEqual(HEADERS);
    expect(rows.length - 1).toBe(Number(response.headers['x-total-count']));
    const byMember = new Map(recordsOf(rows).map((r) => [r.会員番号, r]));
    expect(byMember.get(members.rare)?.氏名).toBe('?田 ハル～');
    expect(byMember.get(members.minami)?.氏名).toBe('海野 ミナミ');
  });

  it('records every list, view and export in the audit log, the export before its rows', async () => {
    await get(`042056/registrants?q=${encodeURIComponent('みなみ')}&sort=activities`, admin);
    await get(`042056/registrants/${members.minami}`, admin);
    await get(`042056/registrants/export.csv?q=${encodeURIComponent('みなみ')}&encoding=shift_jis`, editor);
    const log = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor_person_id as actor', 'details'])
      .where('tenant', '=', '042056')
      .orderBy('id', 'desc')
      .limit(3)
      .execute();
    expect(log.map((e) => e.action)).toEqual(['registrants.exported', 'registrant.viewed', 'registrants.listed']);
    expect(log[0]).toMatchObject({
      actor: editor.personId,
      details: { filter: { q: 'みなみ' }, encoding: 'shift_jis', rows: 1 },
    });
    expect(log[2]?.details).toMatchObject({ filter: { q: 'みなみ' }, sort: 'activities', shown: [members.minami] });
  });

  it('lets only the municipality’s admins and editors export', async () => {
    const url = '042056/registrants/export.csv';
    expect((await get(url)).statusCode).toBe(401);
    expect((await get(url, viewer)).json().error.code).toBe('FORBIDDEN');
    expect((await get('042056/registrants?pageSize=1', viewer)).statusCode).toBe(200);
    expect((await get(url, fukushima)).statusCode).toBe(403);
    expect((await get('072010/registrants/export.csv', fukushima)).statusCode).toBe(403);
    expect((await get(url, national)).statusCode).toBe(403);
    expect((await get('072010/registrants/export.csv', national)).statusCode).toBe(403);
    expect((await get('072010/registrants/export.csv', admin)).statusCode).toBe(403);
    const denied = await db()
      .selectFrom('audit_log')
      .select(['tenant', (eb) => eb.fn.countAll<string>().as('n')])
      .where('action', '=', 'access.denied')
      .where(sql<boolean>`details->>'attempted' = 'registrant.export'`)
      .groupBy('tenant')
      .orderBy('tenant')
      .execute();
    expect(denied.map((d) => [d.tenant, Number(d.n)])).toEqual([
      ['042056', 3],
      ['072010', 3],
    ]);
    expect((await get(`${url}?encoding=latin1`, admin)).statusCode).toBe(400);
  });

  it('reads the rows in batches only as fast as the client takes them', async () => {
    let batches = 0;
    const counting: KyselyPlugin = {
      transformQuery(args) {
        if (args.node.kind === 'SelectQueryNode' && args.node.limit) batches++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    // More rows than the stream's buffers hold (64 KiB each side on Node 22), many on the same instant and
    // apart by a microsecond only, so a batch boundary falls inside a tie and a millisecond cursor would fail.
    await sql`
      with bulk as (
        insert into people (email, display_name)
        select 'bulk-' || g || '@example.jp', '一括 ' || g from generate_series(1, 4000) as g
        returning id, email
      )
      insert into registrations (municipality_code, person_id, relation_types, consents, residence_prefecture, source, registered_at)
      select '042056', id, '{1}', '{name}', '00', 'import',
        timestamptz '2025-06-01 09:00:00.000001+09'
          + (split_part(split_part(email, '@', 1), '-', 2)::int / 50) * interval '1 second'
          + (split_part(split_part(email, '@', 1), '-', 2)::int % 3) * interval '1 microsecond'
      from bulk
    `.execute(db());
    // What autovacuum does on a server after a bulk load; PGlite has none, and stale estimates would make
    // every batch sort the whole municipality instead of walking registrations_by_registered_at.
    await sql`analyze registrations, people, activity_records`.execute(db());
    const ctx = { tenant: '042056', actorPersonId: admin.personId, requestId: 'members-test' };
    const batchSize = 20;
    const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

    const slow = await exportMembers(db().withPlugin(counting), ctx, { encoding: 'utf-8' }, { batchSize });
    const totalBatches = Math.floor(slow.total / batchSize) + 1;
    expect(totalBatches).toBeGreaterThan(250);
    const reader = slow.stream[Symbol.asyncIterator]();
    await reader.next();
    await settle();
    const afterFirstChunk = batches;
    expect(afterFirstChunk).toBeGreaterThanOrEqual(1);
    expect(afterFirstChunk).toBeLessThan(totalBatches / 3);
    slow.stream.destroy();
    await settle();
    expect(batches).toBe(afterFirstChunk);

    batches = 0;
    const full = await exportMembers(db().withPlugin(counting), ctx, { encoding: 'utf-8' }, { batchSize });
    const chunks: Buffer[] = [];
    for await (const chunk of full.stream) chunks.push(Buffer.from(chunk));
    expect(batches).toBe(totalBatches);
    const records = recordsOf(parseCsv(Buffer.concat(chunks).subarray(3).toString('utf8')));
    expect(records).toHaveLength(full.total);
    expect(new Set(records.map((r) => r.会員番号)).size).toBe(full.total);
    const days = records.map((r) => r.登録日 as string);
    expect(days).toEqual([...days].sort().reverse());
  });
});
