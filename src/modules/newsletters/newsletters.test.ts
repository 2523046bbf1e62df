import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../test/support/databases.ts';
import { newsletterApp, signInThroughSmtp, startTestMailServer, type TestMailServer, waitFor } from './test-support.ts';

const TENANT = '042056';
const base = `/api/v1/tenants/${TENANT}/newsletters`;

/** Addresses a List-Unsubscribe header was written for, and the header itself, per received message. */
function parseMail(raw: string) {
  const unfolded = raw.replace(/\r\n[ \t]+/g, ' ');
  const encodedSubject = /^Subject: (.*)$/m.exec(unfolded)?.[1] ?? '';
  return {
    subject: encodedSubject
      .replace(/\?= =\?/g, '?==?')
      .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8')),
    listUnsubscribe: /^List-Unsubscribe: <([^>]+)>/m.exec(unfolded)?.[1] ?? '',
    listUnsubscribePost: /^List-Unsubscribe-Post: (.*)$/m.exec(unfolded)?.[1]?.trim() ?? '',
  };
}

describe.each(testEngines())('newsletters on %s', (engine) => {
  let server: TestMailServer | undefined;
  const sink = {
    get current() {
      return server;
    },
  };
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let staff: Awaited<ReturnType<typeof signInThroughSmtp>>;
  let expected: string[];

  beforeAll(async () => {
    server = await startTestMailServer();
    ({ app, close } = await newsletterApp(engine, server.url, { ratePerSecond: 500, retryDelaySeconds: 1 }));
    staff = await signInThroughSmtp(app, server, 'admin@kesennuma.example.jp');
    const rows = await app.db
      .selectFrom('registrations as r')
      .innerJoin('people as p', 'p.id', 'r.person_id')
      .select('p.email')
      .where('r.municipality_code', '=', TENANT)
      .where((eb) => eb(eb.val('news'), '=', eb.fn.any('r.consents')))
      .where('p.email', 'is not', null)
      .where('p.deleted_at', 'is', null)
      .execute();
    expected = rows.map((r) => r.email as string).sort();
  }, 300_000);
  afterAll(async () => {
    await close?.();
    await server?.close();
  });

  const post = (url: string, payload?: object) =>
    app.inject({ method: 'POST', url, payload, cookies: staff.cookies, headers: staff.headers });
  const draft = (over: object = {}) =>
    post(base, {
      subject: '夏祭りのお知らせ',
      body: '今年も**開催**します。',
      segment: { kind: 'all' },
      channels: ['email'],
      ...over,
    });

  it('refuses an empty subject or body and an unknown segment, and neutralises script in Markdown', async () => {
    expect((await draft({ subject: '  ' })).statusCode).toBe(400);
    expect((await draft({ body: '' })).statusCode).toBe(400);
    const unknown = await draft({ segment: { kind: 'everyone_in_japan' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('VALIDATION_FAILED');
    const created = await draft({ body: 'こんにちは<script>alert(1)</script> [x](javascript:alert(1))' });
    expect(created.statusCode).toBe(201);
    const html = created.json().bodyHtml as string;
    // Both stay visible as inert text: no element, no link.
    expect(html).not.toMatch(/<script|href="javascript:/i);
    expect(html).toContain('こんにちは&lt;script&gt;');
  });

  it('counts the audience within consent', async () => {
    const count = await post(`${base}/audience`, { segment: { kind: 'all' }, channels: ['email'] });
    expect(count.statusCode).toBe(200);
    expect(count.json()).toMatchObject({ email: expected.length, push: 0, people: expected.length });
    expect(expected.length).toBeGreaterThan(3);
  });

  it('sends to every consented recipient exactly once, after a test send, and honours unsubscribe', async () => {
    const created = (await draft()).json() as { id: string };
    const early = await post(`${base}/${created.id}/send`);
    expect(early.statusCode).toBe(422);
    expect(early.json().error.code).toBe('NEWSLETTER_TEST_SEND_REQUIRED');

    const before = sink.current?.received.length ?? 0;
    const test = await post(`${base}/${created.id}/test-send`);
    expect(test.statusCode).toBe(200);
    expect(test.json()).toEqual({ email: 'admin@kesennuma.example.jp', pushDevices: 0 });
    const testMail = sink.current?.received.slice(before) ?? [];
    expect(testMail.map((m) => m.to)).toEqual([['admin@kesennuma.example.jp']]);
    expect(parseMail(testMail[0]?.raw ?? '').subject).toContain('TEST');

    // An edit after the test needs a new test.
    const edited = await app.inject({
      method: 'PUT',
      url: `${base}/${created.id}`,
      payload: {
        subject: '夏祭りのお知らせ（改）',
        body: '今年も**開催**します。',
        segment: { kind: 'all' },
        channels: ['email'],
      },
      cookies: staff.cookies,
      headers: staff.headers,
    });
    expect(edited.json().testIsCurrent).toBe(false);
    expect((await post(`${base}/${created.id}/send`)).statusCode).toBe(422);
    await post(`${base}/${created.id}/test-send`);

    const sentFrom = sink.current?.received.length ?? 0;
    const sent = await post(`${base}/${created.id}/send`);
    expect(sent.statusCode).toBe(202);
    expect(sent.json()).toMatchObject({ status: 'sending', recipientCount: expected.length });
    const again = await post(`${base}/${created.id}/send`);
    expect(again.statusCode).toBe(200);

    const done = await waitFor(async () => {
      const view = (await app.inject({ url: `${base}/${created.id}`, cookies: staff.cookies })).json();
      return view.status === 'sent' ? view : null;
    }, 180_000);
    expect(done.counts).toMatchObject({ sent: expected.length, queued: 0, retrying: 0, failed: 0 });
    const mails = sink.current?.received.slice(sentFrom) ?? [];
    expect(mails.flatMap((m) => m.to).sort()).toEqual(expected);

    const first = parseMail(mails[0]?.raw ?? '');
    expect(first.listUnsubscribePost).toBe('List-Unsubscribe=One-Click');
    const oneClick = new URL(first.listUnsubscribe);
    const token = oneClick.searchParams.get('token') ?? '';
    const state = await app.inject({ url: `/api/v1/unsubscribe?token=${encodeURIComponent(token)}` });
    expect(state.json()).toMatchObject({ municipalityCode: TENANT, subscribed: true });
    const tampered = await app.inject({
      method: 'POST',
      url: `/api/v1/unsubscribe?token=${encodeURIComponent(`${token.slice(0, -2)}AA`)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(tampered.statusCode).toBe(400);
    expect(tampered.json().error.code).toBe('UNSUBSCRIBE_LINK_INVALID');
    const unsubscribed = await app.inject({
      method: 'POST',
      url: `${oneClick.pathname}${oneClick.search}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribed.statusCode).toBe(200);
    expect(unsubscribed.json().subscribed).toBe(false);

    const count = await post(`${base}/audience`, { segment: { kind: 'all' }, channels: ['email'] });
    expect(count.json().email).toBe(expected.length - 1);

    const list = await app.inject({
      url: `${base}/${created.id}/deliveries?pageSize=2&page=2`,
      cookies: staff.cookies,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ total: expected.length, page: 2, pageSize: 2 });
    expect(list.json().items).toHaveLength(2);
    expect(list.json().items[0]).toMatchObject({ seq: 2, status: 'sent', attempts: 1, channel: 'email' });
  }, 300_000);

  it('keeps the delivery list from other municipalities', async () => {
    const other = await signInThroughSmtp(
      app,
      sink.current as NonNullable<typeof sink.current>,
      'admin@fukushima.example.jp',
    );
    const listed = await app.inject({ url: base, cookies: other.cookies });
    expect(listed.statusCode).toBe(403);
  });
  it('retries a recipient after a transient SMTP failure and delivers once', async () => {
    const mail = server as TestMailServer;
    mail.refuseEachOnce = true;
    const created = (
      await draft({
        subject: 'プレミアム会員の皆さまへ',
        body: '秋の収穫祭のご案内です。',
        segment: { kind: 'premium' },
      })
    ).json() as { id: string };
    expect((await post(`${base}/${created.id}/test-send`)).statusCode).toBe(200);
    const from = mail.received.length;
    const sent = await post(`${base}/${created.id}/send`);
    expect(sent.statusCode).toBe(202);
    const total = sent.json().recipientCount as number;
    expect(total).toBeGreaterThan(0);

    const done = await waitFor(async () => {
      const view = (await app.inject({ url: `${base}/${created.id}`, cookies: staff.cookies })).json();
      return view.status === 'sent' ? view : null;
    }, 180_000);
    mail.refuseEachOnce = false;
    expect(done.counts).toMatchObject({ sent: total, retrying: 0, failed: 0 });
    const residents = mail.received.slice(from).flatMap((m) => m.to);
    expect(residents).toHaveLength(total);
    expect(new Set(residents).size).toBe(total);
    expect(mail.refused.size).toBe(total);
    const list = await app.inject({ url: `${base}/${created.id}/deliveries?pageSize=100`, cookies: staff.cookies });
    for (const item of list.json().items) expect(item).toMatchObject({ status: 'sent', attempts: 2 });
  }, 300_000);
});
