import { generateKeyPair, SignJWT } from 'jose';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, type Harness, startHarness } from './support/harness.ts';

// The partner scanner (/partner) and the member card without a network: the browser's own verification code
// (jose, the platform's JWKS kept in IndexedDB) answers offline; uses recorded offline are sent once later.

const TENANT = '042056';
const OTHER = '072010';
const PARTNER = 'shop@kesennuma.example.jp';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'ja-JP' };

let harness: Harness;
let admin: Api;
let measureId: string;
const MEASURE = '海の市 お土産10%引き';

interface Api {
  context: BrowserContext;
  post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  get(path: string): Promise<Record<string, unknown>>;
  delete(path: string): Promise<number>;
}

/** Signs `address` in through the API (code from the developer mailbox), in a context of its own or `context`. */
async function signIn(address: string, context?: BrowserContext): Promise<Api> {
  const ctx = context ?? (await harness.browser.newContext({ baseURL: harness.baseUrl }));
  const request: APIRequestContext = ctx.request;
  expect((await request.post('/api/v1/auth/email/start', { data: { email: address } })).ok()).toBe(true);
  const mailbox = (await (await request.get('/api/v1/dev/mail?pageSize=50')).json()) as {
    items: { to: string; text: string }[];
  };
  const code = /^\s*(\d{6})\s*$/m.exec(mailbox.items.find((m) => m.to === address)?.text ?? '')?.[1];
  const verified = await request.post('/api/v1/auth/email/verify', { data: { email: address, code } });
  expect(verified.ok()).toBe(true);
  const csrf = ((await verified.json()) as { csrfToken: string }).csrfToken;
  return {
    context: ctx,
    async post(path, body) {
      const response = await request.post(path, {
        headers: { 'x-csrf-token': csrf, 'idempotency-key': crypto.randomUUID() },
        data: body as Record<string, unknown>,
      });
      return { status: response.status(), body: (await response.json()) as Record<string, unknown> };
    },
    async get(path) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      return (await response.json()) as Record<string, unknown>;
    },
    async delete(path) {
      return (await request.delete(path, { headers: { 'x-csrf-token': csrf } })).status();
    },
  };
}

/** A resident registered with `codes`, and a fresh card token for one of them. */
async function resident(address: string, codes: string[]) {
  const api = await signIn(address);
  for (const code of codes) {
    const registered = await api.post('/api/v1/me/registrations', {
      municipalityCode: code,
      relationTypes: [2],
      consents: ['name'],
    });
    expect(registered.status).toBe(201);
  }
  return {
    async token(code = TENANT): Promise<string> {
      const answer = await api.post(`/api/v1/me/registrations/${code}/card-token`, undefined);
      expect(answer.status).toBe(200);
      return answer.body.token as string;
    },
    withdraw: (code = TENANT) => api.delete(`/api/v1/me/registrations/${code}`),
  };
}

/** The same token with one character of its signature changed (a character whose bits all count). */
function tampered(token: string): string {
  const [header, payload, signature = ''] = token.split('.');
  const i = 10;
  const swapped = signature[i] === 'A' ? 'B' : 'A';
  return `${header}.${payload}.${signature.slice(0, i)}${swapped}${signature.slice(i + 1)}`;
}

async function scan(page: Page, token: string): Promise<void> {
  await page.getByLabel('コードを貼り付け・入力').fill(token);
  await page.getByRole('button', { name: '確認する' }).click();
}

beforeAll(async () => {
  harness = await startHarness();
  admin = await signIn('admin@kesennuma.example.jp');
  const partners = (await admin.get(`/api/v1/tenants/${TENANT}/partners`)) as { items: { id: string }[] };
  const created = await admin.post(`/api/v1/tenants/${TENANT}/measures`, {
    kind: 'discount',
    title: MEASURE,
    summary: 'お会計から10%引き',
    usage: 'once',
    published: true,
    partnerIds: [partners.items[0]?.id],
  });
  expect(created.status).toBe(201);
  measureId = created.body.id as string;
});
afterAll(async () => {
  await harness?.stop();
});

describe('partner scanner', () => {
  it('answers offline for valid, tampered, other-municipality, unknown-key and expired cards, and syncs a queued use once', async () => {
    const member = await resident('offline.member@example.jp', [TENANT, OTHER]);
    const valid = await member.token();
    const otherCard = await member.token(OTHER);
    const leaving = await resident('leaving.member@example.jp', [TENANT]);
    const leavingCard = await leaving.token();
    // A card signed with a key the platform never published.
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const foreign = await new SignJWT({ mun: TENANT, tier: 'basic', jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'furusato-card+jwt', kid: 'not-a-platform-key' })
      .setSubject(crypto.randomUUID())
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);

    const { page, context, errors } = await harness.open('/partner', PHONE);
    // Signed out: sign in first, and come back.
    await page.getByRole('heading', { level: 1, name: 'ログイン・新規登録' }).waitFor();
    expect(new URL(page.url()).search).toBe('?next=/partner');
    await signIn(PARTNER, context);
    await page.goto('/partner');
    await page.getByRole('heading', { level: 1, name: '会員証の確認' }).waitFor();
    await page.getByText('気仙沼 海の市 お土産処').waitFor();
    await page.getByText(/検証用の鍵を保存済み/).waitFor();
    // The demo data has other measures this partner honours: the one being used is chosen.
    await page.getByLabel('利用するサポート施策').selectOption(measureId);
    await page.getByText('オフラインで記録した利用はありません。').waitFor();
    await checkPage(page, 'partner scanner');

    await context.setOffline(true);
    await page.getByText(/^オフライン（確認はできます/).waitFor();

    await scan(page, valid);
    const result = page.getByRole('region', { name: '確認の結果' });
    await result.getByText('有効な会員証です').waitFor();
    await checkPage(page, 'valid card, offline');
    await result.getByRole('button', { name: `「${MEASURE}」の利用を記録` }).click();
    await result.getByText('オフラインのため、この端末に保存しました。', { exact: false }).waitFor();
    const queue = page.getByRole('region', { name: 'オフラインで記録した利用' });
    await queue.getByText('未送信が1件あります。').waitFor();
    await checkPage(page, 'use queued offline');

    // A second member's card, valid when scanned; they withdraw before the use reaches the server.
    await scan(page, leavingCard);
    await result.getByText('有効な会員証です').waitFor();
    await result.getByRole('button', { name: `「${MEASURE}」の利用を記録` }).click();
    await result.getByText('オフラインのため、この端末に保存しました。', { exact: false }).waitFor();
    await queue.getByText('未送信が2件あります。').waitFor();
    expect(await leaving.withdraw()).toBe(204);

    await scan(page, tampered(valid));
    await result.getByRole('alert').getByText('会員証が改ざんされているか、正しくありません。').waitFor();
    await checkPage(page, 'tampered card, offline');

    await scan(page, otherCard);
    await result.getByText('別の自治体（072010）の会員証です。この協力店では使えません。').waitFor();

    await scan(page, foreign);
    await result.getByText(/^確認できない鍵で署名されています。/).waitFor();

    await scan(page, 'not a card');
    await result.getByText('会員証のQRコードではありません。').waitFor();
    await queue.getByText('未送信が2件あります。').waitFor();

    // Back online: the queued use is sent by itself, and the answer is shown on it.
    await context.setOffline(false);
    await queue.getByText('送信済み（記録されました）').waitFor();
    await queue.getByText('記録されませんでした: この会員証は無効です。会員が登録を取り消しています。').waitFor();
    await queue.getByText('すべて送信済みです。').waitFor();
    await checkPage(page, 'queued use synced');

    // Opening the scanner again sends nothing twice.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '会員証の確認' }).waitFor();
    await queue.getByText('すべて送信済みです。').waitFor();
    await page.getByLabel('利用するサポート施策').selectOption(measureId);

    // The same card again, online: the one-time benefit is already used.
    await scan(page, valid);
    await result.getByText('有効な会員証です').waitFor();
    await result.getByRole('button', { name: `「${MEASURE}」の利用を記録` }).click();
    await result.getByText('この会員はこの特典をすでに利用しています（1人1回まで）。').waitFor();
    await checkPage(page, 'replay refused');

    const uses = (await admin.get(`/api/v1/tenants/${TENANT}/redemptions?measureId=${measureId}`)) as {
      total: number;
      items: { offline: boolean }[];
    };
    expect(uses.total).toBe(1);
    expect(uses.items[0]?.offline).toBe(true);

    // Six minutes on, the card shown earlier has expired: said so at once.
    await page.clock.setFixedTime(new Date(Date.now() + 6 * 60_000));
    await scan(page, valid);
    await result.getByText(/^QRコードの有効期限が切れています。/).waitFor();
    await checkPage(page, 'expired card');
    expect(errors).toEqual([]);
  });

  it('reads a card from a photo of its QR code and records the use online, in English', async () => {
    const member = await resident('photo.member@example.jp', [TENANT]);
    const token = await member.token();
    const { page, context, errors } = await harness.open('/sign-in', PHONE);
    await signIn(PARTNER, context);
    await page.goto('/partner');
    await page.getByRole('heading', { level: 1, name: '会員証の確認' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check member cards' }).waitFor();
    await page.getByLabel('Support measure being used').selectOption(measureId);

    const png = await QRCode.toBuffer(token, { errorCorrectionLevel: 'L', margin: 4, width: 640 });
    await page.getByLabel('Read from a photo').setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: png });
    const result = page.getByRole('region', { name: 'Result' });
    await result.getByText('Valid member card').waitFor();
    await checkPage(page, 'valid card from a photo, English');
    await result.getByRole('button', { name: `Record a use of “${MEASURE}”` }).click();
    await result.getByText('Use recorded.').waitFor();
    await checkPage(page, 'use recorded, English');
    expect(errors).toEqual([]);
  });
});

describe('member card offline', () => {
  it('shows the card last loaded without a network, and says when its QR code has expired', async () => {
    const { page, context, errors } = await harness.open('/sign-in', PHONE);
    const api = await signIn('offline.card@example.jp', context);
    expect(
      (await api.post('/api/v1/me/registrations', { municipalityCode: TENANT, relationTypes: [1], consents: ['name'] }))
        .status,
    ).toBe(201);
    await page.goto(`/card/${TENANT}`);
    await page.getByRole('heading', { level: 1, name: '気仙沼市 会員証' }).waitFor();
    await page.getByRole('img', { name: /会員証のQRコード/ }).waitFor();
    // The service worker holds the app itself; the page keeps the card.
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    // A new service worker controls the pages opened after it: this one, once reloaded.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '気仙沼市 会員証' }).waitFor();
    await expect.poll(() => page.evaluate('navigator.serviceWorker.controller !== null')).toBe(true);
    await page.getByRole('img', { name: /会員証のQRコード/ }).waitFor();
    const token = await page.getByTestId('card-qr').getAttribute('data-token');

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '気仙沼市 会員証' }).waitFor();
    const note = page.getByTestId('card-offline');
    await note.getByText(/^オフラインです。最後に読み込んだ会員証を表示しています/).waitFor();
    await note.getByText(/^QRコードは.+まで有効です。$/).waitFor();
    expect(await page.getByTestId('card-qr').getAttribute('data-token')).toBe(token);
    await checkPage(page, 'card offline');

    await page.clock.setFixedTime(new Date(Date.now() + 6 * 60_000));
    await note.getByText(/^QRコードの有効期限（.+）が過ぎています。/).waitFor();
    await checkPage(page, 'card offline, QR expired');
    await context.setOffline(false);
    expect(errors.filter((e) => !e.includes('net::ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  });
});
