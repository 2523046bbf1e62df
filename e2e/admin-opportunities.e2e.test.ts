import type { APIRequestContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMailInNewTab, requestCode, signInWithCode } from './support/accounts.ts';
import { checkPage, type Harness, startHarness } from './support/harness.ts';

const ADMIN = 'admin@kesennuma.example.jp';
const RESIDENT = 'helper.applicant@example.jp';
const TENANT = '042056';
// Staff enter times in Japan time: the browser runs there, so the form's datetime-local means JST.
const JAPAN: BrowserContextOptions = { timezoneId: 'Asia/Tokyo', locale: 'ja-JP' };

let harness: Harness;
let adminState: BrowserContextOptions['storageState'];

beforeAll(async () => {
  harness = await startHarness();
  const { page, context } = await harness.open('/admin', JAPAN);
  await page.getByRole('heading', { level: 1, name: 'ログイン・新規登録' }).waitFor();
  await requestCode(page, ADMIN);
  const mail = await readMailInNewTab(context, ADMIN);
  await mail.tab.close();
  await page.getByLabel('6桁のコード').fill(mail.code);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: '宮城県気仙沼市' }).waitFor();
  adminState = await context.storageState();
  await context.close();
});
afterAll(async () => {
  await harness?.stop();
});

/** The resident's API calls, with the session's cookie and CSRF token, as the resident app would send them. */
async function residentApi(page: Page) {
  const request: APIRequestContext = page.request;
  const session = (await (await request.get('/api/v1/auth/session')).json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' };
  return {
    async post(path: string, body: unknown) {
      const response = await request.post(path, { headers, data: JSON.stringify(body) });
      expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
      return response.json();
    },
    async get(path: string) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      return response.json();
    },
  };
}

/** 'YYYY-MM-DDTHH:mm' in Japan time, `minutes` from now (what a datetime-local field takes). */
function japanInput(minutes: number): string {
  const at = new Date(Date.now() + minutes * 60_000);
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(at)
    .replace(' ', 'T');
}

describe('helper opportunities in the staff console', () => {
  it('creates an opportunity, accepts an applicant, shows the check-in QR and checks them in by member id', async () => {
    // A resident registered with Kesennuma, signed in in their own browser.
    const resident = await harness.open('/sign-in');
    await signInWithCode(resident.page, RESIDENT);
    const api = await residentApi(resident.page);
    const registration = (await api.post('/api/v1/me/registrations', {
      municipalityCode: TENANT,
      relationTypes: [2],
      consents: ['name', 'email'],
    })) as { id: string };
    const before = (await api.get('/api/v1/me/activities')) as { items: unknown[] };
    expect(before.items).toEqual([]);

    const { page, errors } = await harness.open(`/admin/${TENANT}/opportunities`, {
      ...JAPAN,
      storageState: adminState,
    });
    await page.getByRole('heading', { level: 1, name: '担い手の募集' }).waitFor();
    const menu = page.getByRole('navigation', { name: '職員コンソールのメニュー' });
    expect(await menu.getByRole('link', { name: '担い手の募集' }).getAttribute('aria-current')).toBe('page');
    await checkPage(page, 'opportunities list');

    await page.getByRole('link', { name: '新しい募集を作成' }).click();
    await page.getByRole('heading', { level: 1, name: '新しい募集' }).waitFor();
    await checkPage(page, 'new opportunity form');
    await page.getByRole('radio', { name: '祭り・イベントの運営の手伝い' }).check();
    await page.getByLabel('募集の名称').fill('朝市の手伝い');
    await page.getByLabel('内容').fill('魚市場の朝市で、受付と案内をお願いします。');
    // Soon, so that check-in (open the whole Japanese day of the session) is open now.
    const startsAt = japanInput(3);
    await page.getByLabel('日程1の開始').fill(startsAt);
    await page.getByLabel('日程1の終了').fill(japanInput(63));
    await page.getByLabel('場所').fill('気仙沼市魚市場');
    await page.getByLabel('定員（人）').fill('5');
    await page.getByRole('button', { name: '質問を追加' }).click();
    await page.getByLabel('質問1').fill('当日連絡のつく電話番号は？');
    await page.getByRole('radio', { name: '受付中' }).check();
    await page.getByRole('button', { name: '保存する' }).click();

    await page.getByRole('heading', { level: 1, name: '朝市の手伝い' }).waitFor();
    const opportunityId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    expect(opportunityId).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByText('まだ応募はありません。').waitFor();
    await checkPage(page, 'opportunity without applicants');

    await page.getByRole('link', { name: '募集を編集' }).click();
    await page.getByRole('heading', { level: 1, name: '募集の編集' }).waitFor();
    expect(await page.getByLabel('募集の名称').inputValue()).toBe('朝市の手伝い');
    expect(await page.getByLabel('日程1の開始').inputValue()).toBe(startsAt);
    await checkPage(page, 'edit opportunity form');
    await page.getByLabel('定員（人）').fill('6');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByText('6人（残り6人）').waitFor();

    // The resident applies through the API, as the resident app does.
    await api.post(`/api/v1/me/opportunities/${opportunityId}/applications`, {
      answers: ['090-0000-0000'],
    });

    await page.reload();
    const applicants = page.getByRole('region', { name: '応募者' });
    const applicant = applicants.getByRole('listitem').filter({ hasText: registration.id });
    await applicant.getByText('応募あり（未決定）').waitFor();
    await checkPage(page, 'opportunity with an applicant');
    await applicant.getByRole('button', { name: /^採用する/ }).click();
    await applicant.getByText('採用', { exact: true }).waitFor();
    await applicant.getByText('090-0000-0000').waitFor();
    await checkPage(page, 'applicant accepted');

    await applicant
      .getByLabel(`応募者 ${registration.id.slice(0, 8)}へのメッセージ`)
      .fill('当日は6時に正面入口へお越しください。');
    await applicant.getByRole('button', { name: /^メッセージを送る/ }).click();
    await applicant.getByRole('status').filter({ hasText: 'メッセージを送りました。' }).waitFor();
    await checkPage(page, 'message sent');

    const myApplications = (await api.get('/api/v1/me/applications')) as {
      items: { status: string; messages: { body: string }[] }[];
    };
    expect(myApplications.items.map((a) => a.status)).toEqual(['accepted']);
    expect(myApplications.items[0]?.messages.map((m) => m.body)).toContain('当日は6時に正面入口へお越しください。');

    // The venue's QR code for the session.
    await page.getByRole('link', { name: /のチェックイン用QRコード$/ }).click();
    await page.getByRole('heading', { level: 1, name: 'チェックイン用QRコード' }).waitFor();
    const qr = page.getByRole('img', { name: 'チェックイン用のQRコード' });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect((await qr.boundingBox())?.width ?? 0).toBeGreaterThan(300);
    await checkPage(page, 'check-in QR code');

    // A person without a phone: staff check them in with the member id from their card.
    await page.getByRole('textbox', { name: /^会員番号/ }).fill(registration.id);
    await page.getByRole('button', { name: 'チェックイン', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `会員番号 ${registration.id} の参加を記録しました` })
      .waitFor();
    await checkPage(page, 'checked in by member id');

    // Checking in twice is refused with the API's message.
    await page.getByRole('textbox', { name: /^会員番号/ }).fill(registration.id);
    await page.getByRole('button', { name: 'チェックイン', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'チェックインできませんでした' }).waitFor();
    await checkPage(page, 'second check-in refused');

    const after = (await api.get('/api/v1/me/activities')) as {
      items: { municipalityCode: string; kind: string; source: string; status: string; occurredOn: string }[];
    };
    expect(after.items).toHaveLength(1);
    expect(after.items[0]).toMatchObject({
      municipalityCode: TENANT,
      kind: 'event_help',
      source: 'platform',
      status: 'confirmed',
      occurredOn: startsAt.slice(0, 10),
    });

    await page.getByRole('link', { name: '募集へもどる' }).click();
    await applicant.getByText('参加済み', { exact: true }).waitFor();
    await checkPage(page, 'applicant attended');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Applicants' }).waitFor();
    await page
      .getByRole('region', { name: 'Applicants' })
      .getByRole('listitem')
      .filter({ hasText: registration.id })
      .getByText('Attended', { exact: true })
      .waitFor();
    await checkPage(page, 'opportunity in English');
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByRole('heading', { level: 2, name: '応募者' }).waitFor();
    expect(errors).toEqual([]);
    expect(resident.errors).toEqual([]);
  });
});

describe('joint opportunities (広域型)', () => {
  it('a prefecture chooses co-hosts among its participating municipalities; the joint demo opportunity shows its co-host', async () => {
    const { page, context } = await harness.open('/admin', JAPAN);
    await page.getByRole('heading', { level: 1, name: 'ログイン・新規登録' }).waitFor();
    await requestCode(page, 'admin@fukushima.example.jp');
    const mail = await readMailInNewTab(context, 'admin@fukushima.example.jp');
    await mail.tab.close();
    await page.getByLabel('6桁のコード').fill(mail.code);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '福島県' }).waitFor();

    await page.goto('/admin/070009/opportunities/new');
    const coHosts = page.getByRole('group', { name: '共同で募集する市町村（広域型）' });
    await coHosts.getByRole('checkbox', { name: '福島市' }).waitFor();
    // Only participating municipalities of the prefecture, never the prefecture itself.
    expect(await coHosts.getByRole('checkbox').count()).toBe(1);
    await checkPage(page, 'new opportunity of a prefecture, with co-hosts');

    await page.goto('/admin/070009/opportunities');
    await page.getByRole('link', { name: /吾妻山麓の桃の収穫祭/ }).click();
    await page.waitForURL(/\/opportunities\/[0-9a-f-]{36}$/);
    const id = new URL(page.url()).pathname.split('/').pop() as string;
    await page.getByRole('link', { name: '募集を編集' }).click();
    await page.getByRole('heading', { level: 1, name: '募集の編集' }).waitFor();
    expect(
      await page
        .getByRole('group', { name: '共同で募集する市町村（広域型）' })
        .getByRole('checkbox', { name: '福島市' })
        .isChecked(),
    ).toBe(true);
    await context.close();

    // Anyone sees the co-host on the opportunity's public page, with a link to its page.
    const visitor = await harness.open(`/activities/${id}`, JAPAN);
    await visitor.page.getByRole('heading', { level: 1, name: /吾妻山麓の桃の収穫祭/ }).waitFor();
    await visitor.page.getByRole('link', { name: '福島市' }).waitFor();
    expect(await visitor.page.getByText('共同募集', { exact: true }).count()).toBe(1);
    await checkPage(visitor.page, 'a joint opportunity, public');
    await visitor.context.close();
  });
});
