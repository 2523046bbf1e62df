import type { JSONWebKeySet } from 'jose';
import type { APIRequestContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CardClaims, verifyCardToken } from '../src/modules/cards/card-token.ts';
import { checkPage, type Harness, startHarness } from './support/harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Signs `address` up through the API (code from the developer mailbox); answers the session's CSRF token. */
async function signUp(request: APIRequestContext, address: string): Promise<string> {
  expect((await request.post('/api/v1/auth/email/start', { data: { email: address } })).ok()).toBe(true);
  const mailbox = (await (await request.get('/api/v1/dev/mail?pageSize=50')).json()) as {
    items: { to: string; text: string }[];
  };
  const mail = mailbox.items.find((item) => item.to === address);
  const code = /^\s*(\d{6})\s*$/m.exec(mail?.text ?? '')?.[1];
  const verified = await request.post('/api/v1/auth/email/verify', { data: { email: address, code } });
  expect(verified.ok()).toBe(true);
  return ((await verified.json()) as { csrfToken: string }).csrfToken;
}

async function shownToken(page: Page): Promise<string> {
  await page.getByRole('img', { name: /会員証のQRコード/ }).waitFor();
  return (await page.getByTestId('card-qr').getAttribute('data-token')) ?? '';
}

async function verify(request: APIRequestContext, token: string): Promise<CardClaims> {
  const jwks = (await (await request.get('/api/v1/cards/keys')).json()) as JSONWebKeySet;
  const result = await verifyCardToken(token, jwks, { now: new Date(), expectedMunicipality: '042056' });
  if (result.status !== 'valid') throw new Error(`card token is ${result.status}`);
  return result.claims;
}

describe('digital member card', () => {
  it('shows the card with a QR code of a token that verifies, renews it, and draws the same picture every time', async () => {
    const { page, context, errors } = await harness.open('/card/042056', PHONE);
    // Signed out: to sign in first, and back here afterwards.
    await page.getByRole('heading', { level: 1, name: 'ログイン・新規登録' }).waitFor();
    expect(new URL(page.url()).search).toBe('?next=/card/042056');

    const csrf = await signUp(context.request, 'card.holder@example.jp');
    const registered = await context.request.post('/api/v1/me/registrations', {
      headers: { 'x-csrf-token': csrf, 'idempotency-key': crypto.randomUUID() },
      data: { municipalityCode: '042056', relationTypes: [1], consents: ['name'] },
    });
    expect(registered.status()).toBe(201);
    const memberId = ((await registered.json()) as { id: string }).id;

    await page.goto('/card/042056');
    await page.getByRole('heading', { level: 1, name: '気仙沼市 会員証' }).waitFor();
    const first = await shownToken(page);
    const claims = await verify(context.request, first);
    expect(claims.sub).toBe(memberId);
    expect(claims.mun).toBe('042056');
    expect(claims.tier).toBe('basic');
    await page.getByText('ベーシック', { exact: true }).waitFor();
    await page.getByText('登録中は有効').waitFor();
    await checkPage(page, 'member card');

    // The picture comes from the card number alone.
    const art = page.getByRole('img', { name: 'この会員番号だけの模様（世界にひとつ）' });
    const cardNumber = await art.getAttribute('data-card-number');
    expect(cardNumber).toMatch(/^\d{16}$/);
    await page.getByText((cardNumber ?? '').replace(/(\d{4})(?=\d)/g, '$1 ')).waitFor();
    const picture = await art.innerHTML();

    // Renewing gives a new token (a new jti) that verifies as well.
    await page.getByRole('button', { name: 'QRコードを今すぐ更新' }).click();
    await expect.poll(() => page.getByTestId('card-qr').getAttribute('data-token')).not.toBe(first);
    const renewed = await verify(context.request, await shownToken(page));
    expect(renewed.jti).not.toBe(claims.jti);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: '気仙沼市 会員証' }).waitFor();
    expect(await art.innerHTML()).toBe(picture);
    expect(errors).toEqual([]);
  });

  it('renews the QR code by itself before the token expires', async () => {
    const { page, context, errors } = await harness.open('/', PHONE);
    const csrf = await signUp(context.request, 'card.waiter@example.jp');
    await context.request.post('/api/v1/me/registrations', {
      headers: { 'x-csrf-token': csrf, 'idempotency-key': crypto.randomUUID() },
      data: { municipalityCode: '042056', relationTypes: [2] },
    });
    await page.clock.install();
    await page.goto('/card/042056');
    const first = await shownToken(page);
    // Five-minute tokens are renewed a minute before they expire.
    await page.clock.fastForward('04:05');
    await expect.poll(() => page.getByTestId('card-qr').getAttribute('data-token')).not.toBe(first);
    await verify(context.request, await shownToken(page));
    expect(errors).toEqual([]);
  });

  it('says kindly that there is no card where the person is not registered', async () => {
    const { page, context, errors } = await harness.open('/', PHONE);
    await signUp(context.request, 'card.none@example.jp');
    await page.goto('/card/152226');
    await page.getByText('この自治体には登録していないため、会員証はありません。').waitFor();
    await checkPage(page, 'member card, not registered');
    expect(errors).toEqual([]);
  });
});
