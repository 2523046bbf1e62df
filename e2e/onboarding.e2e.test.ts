import type { JSONWebKeySet } from 'jose';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCardToken } from '../src/modules/cards/card-token.ts';
import { readMailInNewTab, signInWithCode } from './support/accounts.ts';
import { checkPage, type Harness, hasFocus, startHarness } from './support/harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

// A common phone: the flow is designed for one hand on a small screen.
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function stepNumber(page: Page): Promise<number> {
  const marker = page.locator('[data-join-step]');
  return Number(await marker.getAttribute('data-join-step'));
}

describe('public municipality page', () => {
  it('shows 気仙沼市 to anyone, with the way in to registering', async () => {
    const { page, errors } = await harness.open('/m/042056', PHONE);
    await page.getByRole('heading', { level: 1, name: '宮城県気仙沼市' }).waitFor();
    expect(await page.title()).toBe('宮城県気仙沼市 | ふるさと住民');
    await page.getByRole('heading', { level: 2, name: 'まちの紹介' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'お知らせ' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '担い手の募集' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'ふるさと住民へのサポート' }).waitFor();
    // Every list has answered (loaded or empty) before the page is checked.
    await expect.poll(() => page.getByText('読み込み中…').count()).toBe(0);
    // Public news only: a post for premium residents is not shown to the world.
    await page.getByRole('heading', { level: 3, name: '気仙沼市のふるさと住民登録が始まりました' }).waitFor();
    expect(await page.getByText('【プレミアム登録者限定】', { exact: false }).count()).toBe(0);
    await checkPage(page, 'public municipality page');

    await page.getByRole('link', { name: 'ふるさと住民登録する' }).click();
    await page.getByRole('heading', { level: 1, name: '登録する自治体の確認' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/join/042056');
    expect(errors).toEqual([]);
  });

  it('says so when a municipality does not take registrations', async () => {
    const { page, errors } = await harness.open('/m/131016', PHONE);
    await page.getByRole('heading', { level: 1, name: '東京都千代田区' }).waitFor();
    await page.getByText('この自治体はまだふるさと住民登録の受付を始めていません。', { exact: false }).waitFor();
    expect(await page.getByRole('link', { name: 'ふるさと住民登録する' }).count()).toBe(0);
    await checkPage(page, 'public page, not participating');
    expect(errors).toEqual([]);
  });
});

describe('onboarding', () => {
  it('takes a new person from /join/042056 to a registered resident in three screens, on a phone', async () => {
    const address = 'onboarding.phone@example.jp';
    const started = Date.now();
    const screens = new Set<number>();
    const { page, context, errors } = await harness.open('/join/042056', PHONE);

    // Screen 1: the municipality.
    await page.getByRole('heading', { level: 1, name: '登録する自治体の確認' }).waitFor();
    await page.getByText('宮城県気仙沼市', { exact: true }).waitFor();
    await page.getByText('ステップ 1 / 3').waitFor();
    screens.add(await stepNumber(page));
    await checkPage(page, 'join, screen 1');
    await page.getByRole('button', { name: '次へ' }).click();

    // Screen 2: how the person relates to the town; at least one is required.
    const step2 = page.getByRole('heading', { level: 1, name: 'このまちとの関わり方' });
    await step2.waitFor();
    expect(await hasFocus(step2)).toBe(true);
    screens.add(await stepNumber(page));
    await page.getByText('例: お盆と正月に実家へ帰る', { exact: false }).waitFor();
    await checkPage(page, 'join, screen 2');
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByText('関わり方を1つ以上選んでください。').waitFor();
    await checkPage(page, 'join, screen 2, nothing chosen');
    await page.getByRole('checkbox', { name: /② ときどき訪れる/ }).check();
    await page.getByRole('checkbox', { name: /③ 担い手として定期的に関わる/ }).check();

    // A phone browser may drop the page while the person reads mail: the choices survive a reload.
    await page.reload();
    await step2.waitFor();
    expect(await page.getByRole('checkbox', { name: /② ときどき訪れる/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /① 訪れなくても応援する/ }).isChecked()).toBe(false);
    await page.getByRole('button', { name: '次へ' }).click();

    // Screen 3: consents and the account (the e-mail code signs up and registers at once).
    await page.getByRole('heading', { level: 1, name: '登録内容とアカウント' }).waitFor();
    screens.add(await stepNumber(page));
    await checkPage(page, 'join, screen 3');
    await page.getByRole('checkbox', { name: '年代' }).check();
    await page.getByRole('radio', { name: '受け取らない' }).check();
    await page.getByRole('textbox', { name: 'メールアドレス' }).fill(address);
    await page.getByRole('button', { name: 'コードを送信' }).click();
    await page.getByLabel('6桁のコード').waitFor();
    expect(await stepNumber(page)).toBe(3);
    await checkPage(page, 'join, screen 3, code');
    const mail = await readMailInNewTab(context, address);
    await mail.tab.close();
    await page.getByLabel('6桁のコード').fill(mail.code);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();

    // Done.
    await page.getByRole('heading', { level: 1, name: '登録が完了しました' }).waitFor();
    const elapsed = Date.now() - started;
    await page.getByText('宮城県気仙沼市のふるさと住民になりました。', { exact: false }).waitFor();
    await checkPage(page, 'join, done');
    expect(screens).toEqual(new Set([1, 2, 3]));
    console.log(
      `onboarding: ${screens.size} screens before the done screen, ${(elapsed / 1000).toFixed(1)} s scripted`,
    );
    expect(elapsed).toBeLessThan(60_000);

    // What was sent is what was chosen.
    const response = await context.request.get('/api/v1/me/registrations');
    const { items } = (await response.json()) as {
      items: { municipalityCode: string; relationTypes: number[]; consents: string[] }[];
    };
    const kesennuma = items.find((r) => r.municipalityCode === '042056');
    expect(kesennuma?.relationTypes).toEqual([2, 3]);
    expect(kesennuma?.consents).toEqual(['age_band']);

    // The card: its QR code carries a token that verifies with the published keys.
    await page.getByRole('link', { name: '会員証を表示する' }).click();
    await page.getByRole('heading', { level: 1, name: '気仙沼市 会員証' }).waitFor();
    await page.getByRole('img', { name: /会員証のQRコード/ }).waitFor();
    await checkPage(page, 'member card');
    const token = await page.getByTestId('card-qr').getAttribute('data-token');
    const jwks = (await (await context.request.get('/api/v1/cards/keys')).json()) as JSONWebKeySet;
    const verified = await verifyCardToken(token ?? '', jwks, { now: new Date(), expectedMunicipality: '042056' });
    expect(verified.status).toBe('valid');

    // Coming back to the join page later says kindly that this is done already.
    await page.goto('/join/042056');
    await page.getByRole('heading', { level: 1, name: 'すでに登録しています' }).waitFor();
    await checkPage(page, 'join, already registered');

    // Home: the municipality with its tier, relationship types and premium progress; the feed.
    await page.getByRole('link', { name: 'ホームへ' }).click();
    await page.getByRole('heading', { level: 1, name: 'マイページ' }).waitFor();
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: '気仙沼市' }) });
    await item.getByText('ベーシック', { exact: true }).waitFor();
    await item.getByText('② ときどき訪れる、③ 担い手として定期的に関わる').waitFor();
    await item.getByText('確認済みの担い手活動: 0件').waitFor();
    // Each requirement says whether it is met, in words a screen reader reads too.
    expect(await item.getByText(/^未達成: /).count()).toBeGreaterThan(0);
    await page.getByRole('heading', { level: 2, name: 'お知らせ' }).waitFor();
    await expect.poll(() => page.getByText('読み込み中…').count()).toBe(0);
    // The feed holds what this registration may read: posts for everyone and for types ②③, not premium ones.
    const feed = page.getByRole('region', { name: 'お知らせ' });
    await feed.getByRole('heading', { level: 3, name: '気仙沼みなとまつり 運営ボランティアを募集します' }).waitFor();
    await feed.getByRole('heading', { level: 3, name: /気仙沼市のふるさと住民登録が始まりました/ }).waitFor();
    expect(await feed.getByText('【プレミアム登録者限定】', { exact: false }).count()).toBe(0);
    await checkPage(page, 'resident home');
    expect(errors).toEqual([]);
  });

  it('skips the sign-up when signed in, and a retry after a lost answer does not register twice', async () => {
    const { page, context, errors } = await harness.open('/sign-in', PHONE);
    await signInWithCode(page, 'onboarding.signed.in@example.jp');
    await page.goto('/join/072010');
    await page.getByText('福島県福島市', { exact: true }).waitFor();
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('checkbox', { name: /① 訪れなくても応援する/ }).check();
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('heading', { level: 1, name: '登録内容とアカウント' }).waitFor();
    await page.getByText('onboarding.signed.in@example.jp としてログインしています。').waitFor();
    expect(await page.getByRole('textbox', { name: 'メールアドレス' }).count()).toBe(0);
    await checkPage(page, 'join, screen 3, signed in');

    // The first request reaches the server and registers, but its answer is lost on the way back.
    const keys: string[] = [];
    await page.route('**/api/v1/me/registrations', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      await route.fetch();
      await route.abort('failed');
    });
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByRole('heading', { level: 2, name: '登録できませんでした' }).waitFor();
    await page.getByText('サーバーに接続できませんでした。', { exact: false }).waitFor();
    await checkPage(page, 'join, network error');
    await page.unroute('**/api/v1/me/registrations');

    // The retry carries the same key: the server answers with the first registration, not "already registered".
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/v1/me/registrations')) {
        keys.push(request.headers()['idempotency-key'] ?? '');
      }
    });
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByRole('heading', { level: 1, name: '登録が完了しました' }).waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    const { items } = (await (await context.request.get('/api/v1/me/registrations')).json()) as {
      items: { municipalityCode: string }[];
    };
    expect(items.filter((r) => r.municipalityCode === '072010')).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('greets a signed-in person with no registrations on the home page, with a way to find a town', async () => {
    const { page, errors } = await harness.open('/sign-in', PHONE);
    await signInWithCode(page, 'onboarding.nobody@example.jp');
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'マイページ' }).waitFor();
    await page.getByText('まだどの自治体にも登録していません。', { exact: false }).waitFor();
    await page.getByText('届いているお知らせはまだありません。').waitFor();
    await checkPage(page, 'resident home, empty');
    await page.getByRole('main').getByRole('link', { name: '自治体をさがす' }).click();
    await page.getByRole('heading', { level: 1, name: '自治体をさがす' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('lets a person without a code find the municipality first', async () => {
    const { page, errors } = await harness.open('/join', PHONE);
    await page.getByRole('heading', { level: 1, name: '登録する自治体の確認' }).waitFor();
    await page.getByLabel('自治体名または読みがな').fill('じょうえつ');
    await page.getByRole('button', { name: '新潟県上越市を選ぶ' }).click();
    await page.getByText('新潟県上越市', { exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/join/152226');
    await checkPage(page, 'join, picked by search');
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('heading', { level: 1, name: 'このまちとの関わり方' }).waitFor();
    expect(errors).toEqual([]);
  });
});
