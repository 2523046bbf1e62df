import type { BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMailInNewTab, requestCode } from './support/accounts.ts';
import { checkPage, type Harness, startHarness } from './support/harness.ts';

const ADMIN = 'admin@kesennuma.example.jp';
const TENANT = '042056';
const JAPAN: BrowserContextOptions = { timezoneId: 'Asia/Tokyo', locale: 'ja-JP' };
const SUBJECT = '秋の港まつりのご案内';

let harness: Harness;
let adminState: BrowserContextOptions['storageState'];

beforeAll(async () => {
  // A fast send rate so that the whole demo segment is delivered while the test watches.
  harness = await startHarness({ env: { NEWSLETTER_RATE_PER_SECOND: '200', NEWSLETTER_RETRY_DELAY_SECONDS: '1' } });
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
}, 600_000);
afterAll(async () => {
  await harness?.stop();
});

describe('newsletters in the staff console', () => {
  it('composes with a preview and a live count, sends a test, sends, and shows each delivery', async () => {
    const { page, errors } = await harness.open(`/admin/${TENANT}/newsletters`, { ...JAPAN, storageState: adminState });
    await page.getByRole('heading', { level: 1, name: 'メールマガジン' }).waitFor();
    const menu = page.getByRole('navigation', { name: '職員コンソールのメニュー' });
    expect(await menu.getByRole('link', { name: 'メールマガジン' }).getAttribute('aria-current')).toBe('page');
    await checkPage(page, 'newsletter list');

    await page.getByRole('link', { name: '新しいメールマガジンを作成' }).click();
    await page.getByRole('heading', { level: 1, name: 'メールマガジンを作成' }).waitFor();
    await page.getByLabel('件名').fill(SUBJECT);
    await page.getByLabel('本文').fill('## 港まつり\n\n今年は **10月12日** です。<script>alert(1)</script>');
    const preview = page.getByRole('region', { name: 'プレビュー' });
    await preview.getByRole('heading', { level: 2, name: '港まつり' }).waitFor();
    await preview.getByText('<script>alert(1)</script>').waitFor();
    await page.getByText(/メールで\d+人、プッシュ通知で0人/).waitFor();
    await checkPage(page, 'compose');

    await page.getByRole('button', { name: '下書きを保存' }).click();
    await page.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
    const send = page.getByRole('button', { name: '送信する' });
    expect(await send.getAttribute('aria-disabled')).toBe('true');
    await page.getByText('送信の前に、自分宛てにテスト送信して').waitFor();

    await page.getByRole('button', { name: '自分宛てにテスト送信' }).click();
    await page.getByText(`${ADMIN} にテストを送りました。`).waitFor();
    await page.getByText('いまの件名と本文でテスト送信済みです。').waitFor();
    await checkPage(page, 'tested');

    await send.click();
    const dialog = page.getByRole('dialog', { name: 'メールマガジンを送信しますか' });
    await dialog.waitFor();
    await checkPage(page, 'confirm send');
    await dialog.getByRole('button', { name: '送信する' }).click();

    const deliveries = page.getByRole('region', { name: '配信状況' });
    await deliveries.waitFor();
    await deliveries.getByText(/^送信済み、(\d+)件中 \1件 処理済み$/).waitFor({ timeout: 240_000 });
    const table = deliveries.getByRole('table', { name: '宛先ごとの配信状況' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBeGreaterThan(1);
    await checkPage(page, 'sent with statuses');

    await deliveries.getByLabel('状態で絞り込む').selectOption('failed');
    await deliveries.getByText('該当する宛先はありません。').waitFor();
    expect(errors).toEqual([]);
  }, 420_000);

  it('lets a recipient unsubscribe from the link in the newsletter', async () => {
    const { page } = await harness.open('/dev/mail', JAPAN);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const item = page
      .getByRole('listitem')
      .filter({ hasText: `【気仙沼市】${SUBJECT}` })
      .filter({ hasText: /resident\d+@/ })
      .first();
    await item.locator('summary').click();
    const text = (await item.locator('pre').textContent()) ?? '';
    const link = /http:\/\/localhost:\d+\/unsubscribe\?token=\S+/.exec(text)?.[0];
    expect(link).toBeDefined();

    const opened = await harness.open(new URL(link as string).pathname + new URL(link as string).search, JAPAN);
    await opened.page.getByRole('heading', { level: 1, name: 'お知らせの配信停止' }).waitFor();
    await opened.page.getByText('気仙沼市からのお知らせメールを停止しますか？').waitFor();
    await checkPage(opened.page, 'unsubscribe asks');
    await opened.page.getByRole('button', { name: '配信を停止する' }).click();
    await opened.page.getByText('気仙沼市からのお知らせの配信を停止しました。').waitFor();
    await checkPage(opened.page, 'unsubscribed');
    await opened.page.reload();
    await opened.page.getByText('気仙沼市からのお知らせは配信を停止しています。').waitFor();
  }, 120_000);
});
