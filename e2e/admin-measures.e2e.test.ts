import { readFile } from 'node:fs/promises';
import type { BrowserContext, BrowserContextOptions } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMailInNewTab, requestCode } from './support/accounts.ts';
import { checkPage, type Harness, startHarness } from './support/harness.ts';

const TENANT = '042056';
const ADMIN = 'admin@kesennuma.example.jp';
const INN = 'inn.keeper@example.jp';
const JAPAN: BrowserContextOptions = { timezoneId: 'Asia/Tokyo', locale: 'ja-JP' };

let harness: Harness;
let adminState: BrowserContextOptions['storageState'];

interface Api {
  post(path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  get(path: string): Promise<Record<string, unknown>>;
}

/** Signs `address` in through the API (code from the developer mailbox), as the resident app would. */
async function apiSignIn(address: string, context?: BrowserContext): Promise<Api> {
  const ctx = context ?? (await harness.browser.newContext({ baseURL: harness.baseUrl }));
  const request = ctx.request;
  expect((await request.post('/api/v1/auth/email/start', { data: { email: address } })).ok()).toBe(true);
  const mailbox = (await (await request.get('/api/v1/dev/mail?pageSize=50')).json()) as {
    items: { to: string; text: string }[];
  };
  const code = /^\s*(\d{6})\s*$/m.exec(mailbox.items.find((m) => m.to === address)?.text ?? '')?.[1];
  const verified = await request.post('/api/v1/auth/email/verify', { data: { email: address, code } });
  expect(verified.ok()).toBe(true);
  const csrf = ((await verified.json()) as { csrfToken: string }).csrfToken;
  return {
    async post(path, body) {
      const response = await request.post(path, {
        headers: { 'x-csrf-token': csrf, 'idempotency-key': crypto.randomUUID() },
        ...(body === undefined ? {} : { data: body as Record<string, unknown> }),
      });
      return { status: response.status(), body: (await response.json()) as Record<string, unknown> };
    },
    async get(path) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      return (await response.json()) as Record<string, unknown>;
    },
  };
}

async function registeredResident(address: string, consents: string[] = ['name', 'email']) {
  const api = await apiSignIn(address);
  const registered = await api.post('/api/v1/me/registrations', {
    municipalityCode: TENANT,
    relationTypes: [2],
    consents,
  });
  expect(registered.status).toBe(201);
  return { api, memberId: registered.body.id as string };
}

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

describe('support measures in the staff console', () => {
  it('creates a partner benefit in the console; the partner signs in and records a use; the use is listed and exported', async () => {
    const { page, errors } = await harness.open(`/admin/${TENANT}/partners`, { ...JAPAN, storageState: adminState });
    await page.getByRole('heading', { level: 1, name: '協力店' }).waitFor();
    await page
      .getByRole('listitem')
      .filter({ hasText: '気仙沼 海の市 お土産処' })
      .getByText(/^shop@kesennuma/)
      .waitFor();
    await checkPage(page, 'partners');
    await page.getByLabel('協力店・事業者の名称').fill('気仙沼 港の宿');
    await page.getByRole('button', { name: '登録する' }).click();
    await page.getByText('「気仙沼 港の宿」を登録しました。').waitFor();
    const inn = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '気仙沼 港の宿' }) });
    await inn.getByText('担当者はまだいません（招待してください）。').waitFor();
    await inn.getByLabel('気仙沼 港の宿の担当者のメールアドレス').fill(INN);
    await inn.getByRole('button', { name: /^招待する/ }).click();
    await inn.getByText(`${INN} を招待しました。`).waitFor();
    await inn.getByText(new RegExp(`^${INN}（`)).waitFor();
    await checkPage(page, 'partner registered and invited');

    await page
      .getByRole('navigation', { name: '職員コンソールのメニュー' })
      .getByRole('link', { name: 'サポート施策' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'サポート施策' }).waitFor();
    await checkPage(page, 'measures list');
    await page.getByRole('link', { name: '新しい施策を作成' }).click();
    await page.getByRole('heading', { level: 1, name: '新しいサポート施策' }).waitFor();
    await checkPage(page, 'new measure form');
    await page.getByRole('radio', { name: '宿泊・交通の支援' }).check();
    await page.getByLabel('施策の名称').fill('港の宿 宿泊料金10%引き');
    await page.getByLabel('一行の説明').fill('ふるさと住民は宿泊料金から10%引き');
    await page.getByRole('radio', { name: '1人1回まで' }).check();
    await page.getByRole('checkbox', { name: '気仙沼 港の宿' }).check();
    await page.getByRole('checkbox', { name: /^公開する/ }).check();
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByRole('heading', { level: 1, name: '港の宿 宿泊料金10%引き' }).waitFor();
    await page.getByText('保存しました。').waitFor();
    await checkPage(page, 'measure saved');

    // The resident shows their card; the inn's person signs in at /partner and records the use.
    const { api: resident } = await registeredResident('inn.guest@example.jp');
    const token = (await resident.post(`/api/v1/me/registrations/${TENANT}/card-token`)).body.token as string;
    const partner = await harness.open('/partner', { viewport: { width: 390, height: 844 }, isMobile: true });
    await partner.page.getByRole('heading', { level: 1, name: 'ログイン・新規登録' }).waitFor();
    await requestCode(partner.page, INN);
    const mail = await readMailInNewTab(partner.context, INN);
    await mail.tab.close();
    await partner.page.getByLabel('6桁のコード').fill(mail.code);
    await partner.page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await partner.page.getByRole('heading', { level: 1, name: '会員証の確認' }).waitFor();
    await partner.page.getByText('気仙沼 港の宿', { exact: true }).waitFor();
    expect(await partner.page.getByLabel('利用するサポート施策').inputValue()).not.toBe('');
    await partner.page.getByLabel('コードを貼り付け・入力').fill(token);
    await partner.page.getByRole('button', { name: '確認する' }).click();
    await partner.page.getByText('有効な会員証です').waitFor();
    await partner.page.getByRole('button', { name: '「港の宿 宿泊料金10%引き」の利用を記録' }).click();
    await partner.page.getByText('利用を記録しました。').waitFor();
    await checkPage(partner.page, 'partner recorded a use');
    expect(partner.errors).toEqual([]);

    await page
      .getByRole('navigation', { name: '職員コンソールのメニュー' })
      .getByRole('link', { name: 'サポート施策' })
      .click();
    await page
      .getByRole('navigation', { name: 'サポート施策のメニュー' })
      .getByRole('link', { name: '協力店での利用' })
      .click();
    await page.getByRole('heading', { level: 1, name: '協力店での利用' }).waitFor();
    await page.getByLabel('協力店', { exact: true }).selectOption({ label: '気仙沼 港の宿' });
    const row = page.getByRole('row').filter({ hasText: '港の宿 宿泊料金10%引き' });
    await row.getByText('気仙沼 港の宿').waitFor();
    await page.getByText('1件').waitFor();
    await checkPage(page, 'uses at partners');
    const cardNumber = ((await row.getByRole('cell').nth(3).textContent()) ?? '').trim();
    expect(cardNumber).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSVでダウンロード' }).click(),
    ]);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('\uFEFF読み取り日時,記録日時,施策,協力店,会員証番号,登録区分,オフライン記録');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',港の宿 宿泊料金10%引き,気仙沼 港の宿,');
    expect(lines[1]).toContain(`,${cardNumber},basic,いいえ`);

    // Closing the measure takes it off the residents' app.
    await page.getByRole('link', { name: '施策の一覧' }).click();
    const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: '港の宿 宿泊料金10%引き' }) });
    await item.getByRole('button', { name: /^公開を終了する/ }).click();
    await item.getByText(/^非公開/).waitFor();
    const open = (await resident.get(`/api/v1/municipalities/${TENANT}/measures?pageSize=100`)) as {
      items: { title: string }[];
    };
    expect(open.items.map((m) => m.title)).not.toContain('港の宿 宿泊料金10%引き');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Support measures' }).waitFor();
    await checkPage(page, 'measures in English');
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByRole('heading', { level: 1, name: 'サポート施策' }).waitFor();
    expect(errors).toEqual([]);
  }, 180_000);

  it('reviews a subsidy application with the data the applicant confirmed, and needs a reason to reject', async () => {
    const { page, errors } = await harness.open(`/admin/${TENANT}/measures/new`, {
      ...JAPAN,
      storageState: adminState,
    });
    await page.getByRole('heading', { level: 1, name: '新しいサポート施策' }).waitFor();
    await page.getByRole('radio', { name: '補助金（申請フォームあり）' }).check();
    await page.getByLabel('施策の名称').fill('移住体験の交通費補助');
    await page.getByLabel('補助金の上限額（円）').fill('20000');
    await page.getByRole('button', { name: '質問を追加' }).click();
    await page.getByRole('textbox', { name: /^質問1/ }).fill('来訪予定日');
    await page.getByLabel('質問1の回答の形式').selectOption({ label: '日付' });
    await page.getByRole('checkbox', { name: /^公開する/ }).check();
    await checkPage(page, 'subsidy form');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByRole('heading', { level: 1, name: '移住体験の交通費補助' }).waitFor();
    const measureId = new URL(page.url()).pathname.split('/').at(-1) ?? '';

    const { api: applicant, memberId } = await registeredResident('subsidy.applicant@example.jp');
    const form = (await applicant.get(`/api/v1/me/measures/${measureId}/application-form`)) as {
      prefilled: { email: string };
    };
    const sent = await applicant.post(`/api/v1/me/measures/${measureId}/applications`, {
      applicant: {
        displayName: '申請 花子',
        email: form.prefilled.email,
        residencePrefecture: '13',
        shareRelationTypes: true,
      },
      answers: { q1: '2027-01-15' },
    });
    expect(sent.status).toBe(201);

    await page.getByRole('link', { name: '← サポート施策の一覧へ' }).click();
    await page.getByRole('link', { name: '補助金の申請' }).click();
    await page.getByRole('heading', { level: 1, name: '補助金の申請' }).waitFor();
    const application = page.getByRole('listitem').filter({ hasText: '申請 花子さん：移住体験の交通費補助' });
    await application.getByText('subsidy.applicant@example.jp').waitFor();
    await application.getByText('東京都').waitFor();
    await application.getByText(memberId).waitFor();
    await application.getByText('来訪予定日').waitFor();
    await application.getByText('2027-01-15').waitFor();
    await checkPage(page, 'subsidy application to review');

    await application.getByRole('button', { name: /^却下する/ }).click();
    await application.getByRole('alert').getByText('却下するときは理由を入力してください。').waitFor();
    await checkPage(page, 'rejection without a reason refused');
    await application.getByRole('button', { name: /^承認する/ }).click();
    await page.getByText('該当する申請はありません。').waitFor();
    await page.getByLabel('状態').selectOption({ label: '承認' });
    await page.getByRole('listitem').filter({ hasText: '申請 花子さん' }).getByText(/^承認/).waitFor();
    await checkPage(page, 'approved applications');

    const mine = (await applicant.get('/api/v1/me/subsidy-applications')) as { items: { status: string }[] };
    expect(mine.items.map((a) => a.status)).toEqual(['approved']);
    expect(errors).toEqual([]);
  });
});

describe('check-in by the member card', () => {
  it('checks an accepted applicant in by reading their card QR on the opportunity page', async () => {
    const admin = await apiSignIn(ADMIN);
    const startsAt = new Date(Date.now() + 3 * 60_000);
    const created = await admin.post(`/api/v1/tenants/${TENANT}/opportunities`, {
      title: '港の清掃',
      description: '朝の港をみんなで掃除します。',
      kind: 'volunteer',
      sessions: [{ startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString() }],
      place: '気仙沼港',
      capacity: 5,
      status: 'open',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const opportunityId = created.body.id as string;
    const { api: helper, memberId } = await registeredResident('harbour.helper@example.jp');
    expect((await helper.post(`/api/v1/me/opportunities/${opportunityId}/applications`, { answers: [] })).status).toBe(
      201,
    );
    const applications = (await admin.get(`/api/v1/tenants/${TENANT}/opportunities/${opportunityId}/applications`)) as {
      items: { id: string }[];
    };
    const accepted = await admin.post(`/api/v1/tenants/${TENANT}/applications/${applications.items[0]?.id}/decision`, {
      decision: 'accept',
    });
    expect(accepted.status).toBe(200);
    const token = (await helper.post(`/api/v1/me/registrations/${TENANT}/card-token`)).body.token as string;

    const { page, errors } = await harness.open(`/admin/${TENANT}/opportunities/${opportunityId}`, {
      ...JAPAN,
      storageState: adminState,
    });
    await page.getByRole('heading', { level: 1, name: '港の清掃' }).waitFor();
    await page.getByRole('heading', { level: 3, name: '会員証を読み取ってチェックイン' }).waitFor();
    await checkPage(page, 'opportunity with the card reader');
    // The camera cannot be used here: a photo of the card's QR code goes through the same decoder.
    const png = await QRCode.toBuffer(token, { errorCorrectionLevel: 'L', margin: 4, width: 640 });
    await page.getByLabel('写真から読み取る').setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: png });
    await page
      .getByRole('status')
      .filter({ hasText: `会員番号 ${memberId} の参加を記録しました` })
      .waitFor();
    await checkPage(page, 'checked in by the card QR');

    // The same card again: the API refuses a second check-in.
    await page.getByLabel('コードを貼り付け・入力').fill(token);
    await page.getByRole('button', { name: '確認する' }).click();
    await page.getByRole('alert').filter({ hasText: 'チェックインできませんでした' }).waitFor();
    const activities = (await helper.get('/api/v1/me/activities')) as { items: { status: string }[] };
    expect(activities.items.map((a) => a.status)).toEqual(['confirmed']);
    expect(errors).toEqual([]);
  });
});
