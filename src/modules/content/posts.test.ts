import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { type SignedIn, signInByEmail } from '../../../test/support/sign-in.ts';

interface Post {
  id: string;
  title: string;
  status: string;
  pinned: boolean;
  publishAt: string | null;
  bodyHtml: string;
}
interface FeedItem {
  id: string;
  municipalityCode: string;
  pinned: boolean;
  publishedAt: string;
}

const HOUR = 3_600_000;

describe.each(testEngines())('posts, the resident feed and public posts on %s', (engine) => {
  let t: TestApp;
  let editor: SignedIn;
  let admin: SignedIn;
  let fukushima: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(engine);
    editor = await signInByEmail(t.app, 'editor@kesennuma.example.jp');
    admin = await signInByEmail(t.app, 'admin@kesennuma.example.jp');
    fukushima = await signInByEmail(t.app, 'admin@fukushima.example.jp');
  });
  afterAll(() => t?.close());

  const createPost = async (who: SignedIn, payload: object, tenant = '042056') => {
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/tenants/${tenant}/posts`, payload, ...who });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Post;
  };
  const patch = (id: string, payload: object, who: SignedIn = editor, tenant = '042056') =>
    t.app.inject({ method: 'PATCH', url: `/api/v1/tenants/${tenant}/posts/${id}`, payload, ...who });
  const resident = async (email: string, registrations: { code: string; types: number[] }[]) => {
    const me = await signInByEmail(t.app, email);
    for (const r of registrations) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/me/registrations',
        payload: { municipalityCode: r.code, relationTypes: r.types, consents: [] },
        ...me,
      });
      expect(response.statusCode, response.body).toBe(201);
    }
    return me;
  };
  const feedOf = async (who: SignedIn) => {
    const response = await t.app.inject({ url: '/api/v1/me/feed?pageSize=100', ...who });
    expect(response.statusCode).toBe(200);
    return response.json() as { items: FeedItem[]; total: number };
  };
  const auditEntries = async (subjectId: string) => {
    const log = (await t.app.inject({ url: '/api/v1/tenants/042056/audit-log?pageSize=100', ...admin })).json();
    return (log.items as { action: string; subjectId: string; actorEmail: string; details: unknown }[])
      .filter((e) => e.subjectId === subjectId)
      .reverse();
  };

  it('creates a draft, previews it, publishes, pins and deletes it, auditing each step', async () => {
    const draft = await createPost(editor, {
      title: '  港の朝市のお知らせ  ',
      body: '毎週日曜、**朝6時**から。\n<script>alert(1)</script>\n[詳しく](javascript:alert(1))',
    });
    expect(draft).toMatchObject({
      title: '港の朝市のお知らせ',
      status: 'draft',
      publishAt: null,
      pinned: false,
      audience: { kind: 'all' },
      excerpt: expect.stringContaining('毎週日曜、朝6時から。'),
    });
    expect(draft.bodyHtml).toContain('<strong>朝6時</strong>');
    expect(draft.bodyHtml).not.toMatch(/<script|href="javascript/i);

    const preview = await t.app.inject({ url: `/api/v1/tenants/042056/posts/${draft.id}`, ...editor });
    expect(preview.json()).toMatchObject({ id: draft.id, status: 'draft', bodyHtml: draft.bodyHtml });

    const published = await patch(draft.id, { status: 'published' });
    expect(published.json()).toMatchObject({ status: 'published', publishAt: expect.any(String) });
    const publishedAt = published.json().publishAt;

    const pinned = await patch(draft.id, { pinned: true, title: '港の朝市（毎週日曜）' });
    // An edit keeps the publication date, so a correction does not jump to the top of the feed.
    expect(pinned.json()).toMatchObject({ pinned: true, status: 'published', publishAt: publishedAt });

    const listed = await t.app.inject({ url: '/api/v1/tenants/042056/posts?status=published', ...editor });
    expect(listed.json().items[0]).toMatchObject({ id: draft.id, pinned: true });
    expect(listed.json().items[0]).not.toHaveProperty('body');

    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/tenants/042056/posts/${draft.id}`,
      ...editor,
    });
    expect(deleted.statusCode).toBe(204);
    const gone = await t.app.inject({ url: `/api/v1/tenants/042056/posts/${draft.id}`, ...editor });
    expect([gone.statusCode, gone.json().error.code]).toEqual([404, 'POST_NOT_FOUND']);

    expect(await auditEntries(draft.id)).toEqual([
      expect.objectContaining({ action: 'post.created', actorEmail: 'editor@kesennuma.example.jp' }),
      expect.objectContaining({ action: 'post.published', details: expect.objectContaining({ changed: ['status'] }) }),
      expect.objectContaining({
        action: 'post.updated',
        details: expect.objectContaining({ changed: ['title', 'pinned'] }),
      }),
      expect.objectContaining({ action: 'post.deleted', details: { title: '港の朝市（毎週日曜）' } }),
    ]);
  });

  it('schedules a post into the future only, and unpublishes back to a draft', async () => {
    const soon = new Date(Date.now() + 48 * HOUR).toISOString();
    const scheduled = await createPost(editor, { title: '予約投稿', status: 'scheduled', publishAt: soon });
    expect(scheduled).toMatchObject({ status: 'scheduled', publishAt: soon });

    const past = await patch(scheduled.id, {
      status: 'scheduled',
      publishAt: new Date(Date.now() - HOUR).toISOString(),
    });
    expect([past.statusCode, past.json().error.code]).toEqual([400, 'PUBLISH_AT_NOT_IN_FUTURE']);
    const missing = await patch(scheduled.id, { status: 'scheduled' });
    expect([missing.statusCode, missing.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);

    const unpublished = await patch(scheduled.id, { status: 'draft' });
    expect(unpublished.json()).toMatchObject({ status: 'draft', publishAt: null });
    expect((await auditEntries(scheduled.id)).map((e) => e.action)).toEqual(['post.created', 'post.unpublished']);
  });

  it.each([
    ['an empty title', { title: '' }, 400, 'VALIDATION_FAILED'],
    ['a blank title', { title: '   ' }, 400, 'VALIDATION_FAILED'],
    ['a title over 120 characters', { title: 'あ'.repeat(121) }, 400, 'VALIDATION_FAILED'],
    ['a body over 20,000 characters', { title: 'x', body: 'あ'.repeat(20_001) }, 400, 'VALIDATION_FAILED'],
    [
      'no relationship type',
      { title: 'x', audience: { kind: 'relation_types', relationTypes: [] } },
      400,
      'INVALID_RELATION_TYPES',
    ],
    [
      'relationship type 5',
      { title: 'x', audience: { kind: 'relation_types', relationTypes: [5] } },
      400,
      'INVALID_RELATION_TYPES',
    ],
    ['an unknown audience', { title: 'x', audience: { kind: 'everyone' } }, 400, 'VALIDATION_FAILED'],
    [
      'publishAt without scheduling',
      { title: 'x', status: 'published', publishAt: '2099-01-01T00:00:00Z' },
      400,
      'VALIDATION_FAILED',
    ],
    ['a malformed publishAt', { title: 'x', status: 'scheduled', publishAt: 'tomorrow' }, 400, 'VALIDATION_FAILED'],
    [
      'a schedule in the past',
      { title: 'x', status: 'scheduled', publishAt: '2001-01-01T00:00:00Z' },
      400,
      'PUBLISH_AT_NOT_IN_FUTURE',
    ],
    [
      'an image never uploaded here',
      { title: 'x', coverImage: { imageId: '00000000-0000-4000-8000-0000000000ff', alt: '' } },
      400,
      'IMAGE_REFERENCE_INVALID',
    ],
  ])('refuses %s', async (_label, payload, status, code) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/tenants/042056/posts', payload, ...editor });
    expect([response.statusCode, response.json().error.code]).toEqual([status, code]);
  });

  it('answers 404 POST_NOT_FOUND for an unknown post on every verb, and 400 for a malformed id', async () => {
    const url = '/api/v1/tenants/042056/posts/00000000-0000-4000-8000-00000000abcd';
    for (const [method, payload] of [['GET'], ['PATCH', { pinned: true }], ['DELETE']] as const) {
      const response = await t.app.inject({ method, url, payload, ...editor });
      expect([method, response.statusCode, response.json().error.code]).toEqual([method, 404, 'POST_NOT_FOUND']);
    }
    const malformed = await t.app.inject({ url: '/api/v1/tenants/042056/posts/not-a-uuid', ...editor });
    expect(malformed.statusCode).toBe(400);
  });

  it('shows each resident the published posts their registrations match, pinned first, then newest', async () => {
    const basicOne = await resident('feed-basic@example.jp', [{ code: '042056', types: [1] }]);
    const helper = await resident('feed-helper@example.jp', [{ code: '042056', types: [3] }]);
    const fukushimaFan = await resident('feed-fukushima@example.jp', [{ code: '072010', types: [2] }]);
    await t.app.db
      .updateTable('registrations')
      .set({ tier: 'premium', premium_since: new Date(), premium_expires_at: new Date(Date.now() + 300 * 24 * HOUR) })
      .where('person_id', '=', helper.personId)
      .where('municipality_code', '=', '042056')
      .execute();

    const forAll = await createPost(editor, { title: '全員へ', status: 'published' });
    const forPremium = await createPost(editor, {
      title: 'プレミアム限定',
      status: 'published',
      audience: { kind: 'premium' },
    });
    const forHelpers = await createPost(editor, {
      title: '担い手募集',
      status: 'published',
      audience: { kind: 'relation_types', relationTypes: [3, 4] },
    });
    const later = await createPost(editor, {
      title: '来週のお知らせ',
      status: 'scheduled',
      publishAt: new Date(Date.now() + 24 * HOUR).toISOString(),
    });
    const draft = await createPost(editor, { title: '下書き' });
    // The prefecture of Fukushima writes to everyone registered in it, through any of its municipalities.
    const prefecturePost = await createPost(
      fukushima,
      { title: '福島県からのお知らせ', status: 'published' },
      '070009',
    );

    const ids = (feed: { items: FeedItem[] }) => new Set(feed.items.map((i) => i.id));
    const basicFeed = ids(await feedOf(basicOne));
    const helperFeed = ids(await feedOf(helper));
    const fukushimaFeed = await feedOf(fukushimaFan);

    expect([forAll, forPremium, forHelpers, later, draft].map((p) => basicFeed.has(p.id))).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
    expect([forAll, forPremium, forHelpers, later, draft].map((p) => helperFeed.has(p.id))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(fukushimaFeed.items.map((i) => i.id)).toContain(prefecturePost.id);
    expect(fukushimaFeed.items.every((i) => ['072010', '070009'].includes(i.municipalityCode))).toBe(true);
    expect(basicFeed.has(prefecturePost.id)).toBe(false);

    // Pinned first, then newest first.
    for (const feed of [await feedOf(helper), fukushimaFeed]) {
      const order = feed.items.map((i) => [i.pinned ? 0 : 1, -Date.parse(i.publishedAt)] as const);
      const sorted = [...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(order).toEqual(sorted);
      expect(feed.items.some((i) => i.pinned)).toBe(true);
    }

    // Nobody flips a switch at the scheduled time: once publish_at has passed, the post is simply there.
    await t.app.db
      .updateTable('posts')
      .set({ publish_at: new Date(Date.now() - 1000) })
      .where('id', '=', later.id)
      .execute();
    expect(ids(await feedOf(basicOne)).has(later.id)).toBe(true);
    expect((await t.app.inject({ url: `/api/v1/tenants/042056/posts/${later.id}`, ...editor })).json().status).toBe(
      'published',
    );
  });

  it('pages the feed and refuses it without a session', async () => {
    const me = await resident('feed-pages@example.jp', [{ code: '042056', types: [1, 2, 3, 4] }]);
    const all = await feedOf(me);
    expect(all.total).toBeGreaterThan(3);
    const second = (await t.app.inject({ url: '/api/v1/me/feed?page=2&pageSize=2', ...me })).json();
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: all.total });
    expect(second.items.map((i: FeedItem) => i.id)).toEqual(all.items.slice(2, 4).map((i) => i.id));
    const anonymous = await t.app.inject({ url: '/api/v1/me/feed' });
    expect([anonymous.statusCode, anonymous.json().error.code]).toEqual([401, 'AUTHENTICATION_REQUIRED']);
    const nobody = await signInByEmail(t.app, 'feed-unregistered@example.jp');
    expect(await feedOf(nobody)).toMatchObject({ items: [], total: 0 });
  });

  it('lists only published posts for every registrant on the public page', async () => {
    const response = await t.app.inject({ url: '/api/v1/municipalities/042056/posts?pageSize=100' });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { id: string; audience: { kind: string }; publishedAt: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.audience.kind === 'all' && Date.parse(i.publishedAt) <= Date.now())).toBe(true);
    // The demo's premium-only, helpers-only, scheduled and draft posts stay off the public page.
    const titles = items.map((i) => (i as unknown as { title: string }).title);
    expect(titles).toContain('気仙沼市のふるさと住民登録が始まりました');
    expect(titles).not.toContain('【プレミアム登録者限定】魚市場の早朝見学とセリ体験');
    expect(titles).not.toContain('気仙沼さんま祭りのお知らせ');
    expect(titles).not.toContain('冬の唐桑半島 ワーケーション体験（準備中）');

    const one = await t.app.inject({ url: `/api/v1/municipalities/042056/posts/${items[0]?.id}` });
    expect(one.json()).toMatchObject({ id: items[0]?.id, municipalityName: '気仙沼市' });
    const premiumOnly = (await t.app.inject({ url: '/api/v1/tenants/042056/posts?pageSize=100', ...editor }))
      .json()
      .items.find((p: { audience: { kind: string } }) => p.audience.kind === 'premium');
    const hidden = await t.app.inject({ url: `/api/v1/municipalities/042056/posts/${premiumOnly.id}` });
    expect([hidden.statusCode, hidden.json().error.code]).toEqual([404, 'POST_NOT_FOUND']);
    const elsewhere = await t.app.inject({ url: `/api/v1/municipalities/072010/posts/${items[0]?.id}` });
    expect(elsewhere.statusCode).toBe(404);

    const unknown = await t.app.inject({ url: '/api/v1/municipalities/999999/posts' });
    expect(unknown.statusCode).toBe(400);
  });

  it('keeps the prefecture of Fukushima out of the posts of 気仙沼市', async () => {
    const post = await createPost(editor, { title: '気仙沼市の下書き' });
    for (const [method, payload] of [['GET'], ['PATCH', { title: '乗っ取り' }], ['DELETE']] as const) {
      const direct = await t.app.inject({
        method,
        url: `/api/v1/tenants/042056/posts/${post.id}`,
        payload,
        ...fukushima,
      });
      expect([method, direct.statusCode, direct.json().error.code]).toEqual([method, 403, 'FORBIDDEN']);
      // Through its own tenant, the id of another tenant's post is simply not found.
      const sideways = await t.app.inject({
        method,
        url: `/api/v1/tenants/070009/posts/${post.id}`,
        payload,
        ...fukushima,
      });
      expect([method, sideways.statusCode, sideways.json().error.code]).toEqual([method, 404, 'POST_NOT_FOUND']);
    }
    const own = (await t.app.inject({ url: '/api/v1/tenants/070009/posts?pageSize=100', ...fukushima })).json();
    expect(own.items.every((p: { municipalityCode: string }) => p.municipalityCode === '070009')).toBe(true);
    const unchanged = await t.app.inject({ url: `/api/v1/tenants/042056/posts/${post.id}`, ...editor });
    expect(unchanged.json().title).toBe('気仙沼市の下書き');
  });

  it('renders a preview without saving it', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/042056/posts/preview',
      payload: { body: '## 見出し\n<img src=x onerror=alert(1)>' },
      ...editor,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().bodyHtml).toBe('<h2>見出し</h2>\n<p>&lt;img src=x onerror=alert(1)&gt;</p>');
  });

  it('has no posts at the national level, and national administrators cannot write for a municipality', async () => {
    const national = await signInByEmail(t.app, 'admin@national.example.jp');
    const own = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/national/posts',
      payload: { title: '国から' },
      ...national,
    });
    expect([own.statusCode, own.json().error.code]).toEqual([400, 'INVALID_TENANT']);
    const kesennuma = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tenants/042056/posts',
      payload: { title: '国から' },
      ...national,
    });
    expect([kesennuma.statusCode, kesennuma.json().error.code]).toEqual([403, 'FORBIDDEN']);
  });
});
