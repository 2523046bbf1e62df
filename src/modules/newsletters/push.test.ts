import { execFileSync } from 'node:child_process';
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../test/support/databases.ts';
import { newsletterApp, signInThroughSmtp, startTestMailServer, type TestMailServer, waitFor } from './test-support.ts';

const TENANT = '042056';
const base = `/api/v1/tenants/${TENANT}/newsletters`;

/** A push service on loopback (TLS, as every real one): /ok/… accepts, /gone/… answers 410 Gone. */
async function startPushService() {
  const dir = mkdtempSync(path.join(tmpdir(), 'push-service-'));
  execFileSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    path.join(dir, 'key.pem'),
    '-out',
    path.join(dir, 'cert.pem'),
  ]);
  const cert = readFileSync(path.join(dir, 'cert.pem'));
  const key = readFileSync(path.join(dir, 'key.pem'));
  rmSync(dir, { recursive: true });
  const received: { path: string; encoding: string | undefined; authorization: string | undefined }[] = [];
  const server = https.createServer({ cert, key }, (request, response) => {
    request.resume();
    request.on('end', () => {
      received.push({
        path: request.url ?? '',
        encoding: request.headers['content-encoding'],
        authorization: request.headers.authorization,
      });
      response.writeHead(request.url?.startsWith('/gone/') ? 410 : 201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // web-push uses Node's global HTTPS agent: trust this test service's certificate there.
  https.globalAgent.options.ca = cert;
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What a browser's PushSubscription.toJSON() gives: a P-256 public key and a 16-byte secret. */
function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
}

describe.each(testEngines())('push notifications on %s', (engine) => {
  let mail: TestMailServer;
  let push: Awaited<ReturnType<typeof startPushService>>;
  let app: FastifyInstance;
  let close: () => Promise<void>;

  beforeAll(async () => {
    mail = await startTestMailServer();
    push = await startPushService();
    ({ app, close } = await newsletterApp(engine, mail.url, { ratePerSecond: 100, retryDelaySeconds: 1 }, false));
  }, 300_000);
  afterAll(async () => {
    await close?.();
    await mail?.close();
    await push?.close();
  });

  it('stores valid subscriptions, refuses invalid ones, pushes a newsletter and drops a subscription that is gone', async () => {
    const resident = await signInThroughSmtp(app, mail, 'resident-push@example.jp');
    const staff = await signInThroughSmtp(app, mail, 'staff-push@example.jp');
    // Fixtures the rest of the platform would make: a registration with consent to news, a staff membership.
    await app.db
      .insertInto('registrations')
      .values({
        municipality_code: TENANT,
        person_id: resident.personId,
        relation_types: [1],
        consents: ['news'],
        residence_prefecture: '13',
      })
      .execute();
    await app.db
      .insertInto('staff_memberships')
      .values({ tenant: TENANT, person_id: staff.personId, role: 'editor' })
      .execute();

    const as = (who: typeof resident) => ({ cookies: who.cookies, headers: who.headers });
    const subscribe = (who: typeof resident, payload: object) =>
      app.inject({ method: 'POST', url: '/api/v1/me/push-subscriptions', payload, ...as(who) });

    const plain = await subscribe(resident, { endpoint: 'http://push.example/x', keys: browserKeys() });
    expect(plain.statusCode).toBe(400);
    const shortKey = await subscribe(resident, {
      endpoint: `${push.url}/ok/r`,
      keys: { ...browserKeys(), p256dh: randomBytes(20).toString('base64url') },
    });
    expect(shortKey.statusCode).toBe(400);
    expect(shortKey.json().error.code).toBe('PUSH_SUBSCRIPTION_INVALID');
    expect(plain.json().error.code).toBe('PUSH_SUBSCRIPTION_INVALID');

    expect((await subscribe(resident, { endpoint: `${push.url}/ok/resident`, keys: browserKeys() })).statusCode).toBe(
      201,
    );
    expect((await subscribe(resident, { endpoint: `${push.url}/gone/resident`, keys: browserKeys() })).statusCode).toBe(
      201,
    );
    const listed = await app.inject({ url: '/api/v1/me/push-subscriptions', ...as(resident) });
    expect(listed.json().items).toHaveLength(2);
    expect(listed.json().publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);

    const post = (url: string, payload?: object) => app.inject({ method: 'POST', url, payload, ...as(staff) });
    const created = (
      await post(base, {
        subject: '防災訓練のお知らせ',
        body: '9月1日に訓練を行います。',
        segment: { kind: 'all' },
        channels: ['push'],
      })
    ).json() as { id: string };
    // Push only, and the staff member has no browser subscribed: nowhere to send the test.
    const nowhere = await post(`${base}/${created.id}/test-send`);
    expect(nowhere.statusCode).toBe(422);
    expect(nowhere.json().error.code).toBe('NEWSLETTER_TEST_ADDRESS_MISSING');
    expect((await subscribe(staff, { endpoint: `${push.url}/ok/staff`, keys: browserKeys() })).statusCode).toBe(201);
    const tested = await post(`${base}/${created.id}/test-send`);
    expect(tested.json()).toEqual({ email: null, pushDevices: 1 });

    const sent = await post(`${base}/${created.id}/send`);
    expect(sent.statusCode).toBe(202);
    expect(sent.json().recipientCount).toBe(1);
    const done = await waitFor(async () => {
      const view = (await app.inject({ url: `${base}/${created.id}`, ...as(staff) })).json();
      return view.status === 'sent' ? view : null;
    }, 120_000);
    expect(done.counts).toMatchObject({ sent: 1, failed: 0, unreachable: 0 });

    const toResident = push.received.filter((r) => r.path === '/ok/resident');
    expect(toResident).toHaveLength(1);
    expect(toResident[0]?.encoding).toBe('aes128gcm');
    expect(toResident[0]?.authorization).toMatch(/^vapid t=/);
    expect(push.received.some((r) => r.path === '/gone/resident')).toBe(true);
    const after = await app.inject({ url: '/api/v1/me/push-subscriptions', ...as(resident) });
    expect(after.json().items.map((s: { endpoint: string }) => s.endpoint)).toEqual([`${push.url}/ok/resident`]);

    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/me/push-subscriptions/${after.json().items[0].id}`,
      ...as(resident),
    });
    expect(removed.statusCode).toBe(204);
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/v1/me/push-subscriptions/${after.json().items[0].id}`,
      ...as(resident),
    });
    expect(again.statusCode).toBe(404);
  }, 300_000);
});
