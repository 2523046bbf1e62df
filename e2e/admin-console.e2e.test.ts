import fs from 'node:fs/promises';
import iconv from 'iconv-lite';
import type { BrowserContextOptions, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMailInNewTab, requestCode } from './support/accounts.ts';
import { checkPage, type Harness, hasFocus, startHarness, tabTo } from './support/harness.ts';

const ADMIN = 'admin@kesennuma.example.jp';
const TENANT = '042056';

let harness: Harness;
/** The administrator's signed-in browser state, made once through the real sign-in and reused. */
let adminState: BrowserContextOptions['storageState'];

beforeAll(async () => {
  harness = await startHarness();
  const { page, context } = await harness.open('/admin');
  await signInFromRedirect(page, ADMIN);
  await page.getByRole('heading', { level: 1, name: '宮城県気仙沼市' }).waitFor();
  adminState = await context.storageState();
  await context.close();
});
afterAll(async () => {
  await harness?.stop();
});

/** From a page that asks for sign-in (sent to /sign-in?next=…): the e-mail code, then back where it started. */
async function signInFromRedirect(page: Page, address: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'ログイン・新規登録' }).waitFor();
  await requestCode(page, address);
  const mail = await readMailInNewTab(page.context(), address);
  await mail.tab.close();
  await page.getByLabel('6桁のコード').fill(mail.code);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
}

async function openAsAdmin(path: string) {
  const opened = await harness.open(path, { storageState: adminState });
  await opened.page.getByRole('heading', { level: 1 }).waitFor();
  return opened;
}

/** The accessible name of a review button: its words, then what it decides (read by screen readers only). */
function reviewButton(words: string, subject: string): RegExp {
  return new RegExp(`^${words}\\s?：${subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** `text` as a number: 「2,500人」 → 2500. */
function numberIn(text: string | null): number {
  const digits = /[\d,]+/.exec(text ?? '')?.[0]?.replaceAll(',', '');
  if (!digits) throw new Error(`no number in "${text}"`);
  return Number(digits);
}

/** RFC 4180 rows (quoted fields, doubled quotes, CRLF or LF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

async function downloadedBytes(download: Download): Promise<Buffer> {
  const file = await download.path();
  return fs.readFile(file);
}

describe('staff console', () => {
  it('signed out, /admin asks for sign-in and comes back to the municipality’s home', async () => {
    const { page, errors } = await harness.open('/admin');
    await page.getByRole('heading', { level: 1, name: 'ログイン・新規登録' }).waitFor();
    expect(new URL(page.url()).search).toBe('?next=/admin');
    await signInFromRedirect(page, ADMIN);

    // One municipality: straight to its home, with the tenant in the address.
    await page.getByRole('heading', { level: 1, name: '宮城県気仙沼市' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/admin/${TENANT}`);
    expect(await page.title()).toBe('宮城県気仙沼市 職員コンソール | ふるさと住民');
    const main = page.getByRole('main');
    const registrants = main.getByRole('listitem').filter({ hasText: 'ふるさと住民の登録者' });
    await registrants.getByText('2,500').waitFor();
    const proofs = main.getByRole('listitem').filter({ hasText: '確認待ちの活動の証明書類' });
    await proofs.getByText(/^\d+$/).waitFor();
    expect(numberIn(await proofs.getByText(/^\d+$/).textContent())).toBeGreaterThan(0);
    await main.getByRole('listitem').filter({ hasText: '確認待ちのプレミアム登録の申請' }).getByText('0').waitFor();
    await page.getByRole('banner').getByRole('link', { name: '職員コンソール' }).waitFor();
    const menu = page.getByRole('navigation', { name: '職員コンソールのメニュー' });
    expect(await menu.getByRole('link').allTextContents()).toEqual([
      'ホーム',
      '確認待ち',
      '登録者',
      'プレミアム登録の要件',
      'お知らせ',
      '紹介ページ',
      '担い手の募集',
      'サポート施策',
      '協力店',
      'モデル事業',
      'メールマガジン',
    ]);
    expect(await menu.getByRole('link', { name: 'ホーム' }).getAttribute('aria-current')).toBe('page');
    await checkPage(page, 'console home');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Furusato residents registered' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Staff console menu' })
      .getByRole('link', { name: 'Registrants' })
      .waitFor();
    await checkPage(page, 'console home in English');
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByRole('heading', { level: 2, name: 'ふるさと住民の登録者' }).waitFor();

    expect(errors).toEqual([]);
  });

  it('residents and partner businesses get a plain explanation instead of the console', async () => {
    const resident = await harness.open('/admin');
    await signInFromRedirect(resident.page, 'just.a.resident@example.jp');
    await resident.page.getByRole('heading', { level: 1, name: '職員コンソールを使えません' }).waitFor();
    await resident.page.getByText('自治体の職員としての役割が登録されていません。', { exact: false }).waitFor();
    expect(await resident.page.getByRole('banner').getByRole('link', { name: '職員コンソール' }).count()).toBe(0);
    await checkPage(resident.page, 'console, resident');

    // A partner business of 気仙沼市 has a membership there, but not a staff role: not even by the address.
    const partner = await harness.open(`/admin/${TENANT}/members`);
    await signInFromRedirect(partner.page, 'shop@kesennuma.example.jp');
    await partner.page.getByRole('heading', { level: 1, name: '職員コンソールを使えません' }).waitFor();
    await partner.page.getByText('協力店のアカウントでは', { exact: false }).waitFor();
    expect(new URL(partner.page.url()).pathname).toBe(`/admin/${TENANT}/members`);
    await checkPage(partner.page, 'console, partner business');

    // Staff of 気仙沼市 are not staff of 福島市.
    const { page } = await openAsAdmin('/admin/072010');
    await page.getByRole('heading', { level: 1, name: 'この団体の職員コンソールは開けません' }).waitFor();
    await checkPage(page, 'console, another tenant');
    expect([...resident.errors, ...partner.errors]).toEqual([]);
  });

  it('the premium rule: the count of who would qualify follows each change, and saving asks first', async () => {
    const { page, errors } = await openAsAdmin(`/admin/${TENANT}/premium`);
    await page.getByRole('heading', { level: 1, name: 'プレミアム登録の要件' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '全国共通の要件（変更できません）' }).waitFor();
    await page.getByText('マイナンバーカードで本人確認が済んでいること').waitFor();
    const preview = page.getByRole('region', { name: 'この要件で対象になる登録者' });
    const count = preview.getByRole('status');
    await count.getByText(/^[\d,]+人（登録者 2,500人のうち）$/).waitFor();
    const saved = numberIn(await count.textContent());
    expect(saved).toBeGreaterThan(0);
    const save = page.getByRole('button', { name: '要件を保存する' });
    expect(await save.getAttribute('aria-disabled')).toBe('true');
    await checkPage(page, 'premium rule');

    // More activities: fewer people qualify, counted by the server once typing pauses.
    const minimum = page.getByLabel('必要な担い手活動の件数（過去12か月）');
    await minimum.fill('5');
    await expect.poll(async () => numberIn(await count.textContent())).toBeLessThan(saved);
    const withFive = numberIn(await count.textContent());
    await preview.getByText(`保存されている要件では ${saved.toLocaleString('ja')}人`).waitFor();
    expect(await save.getAttribute('aria-disabled')).toBe('false');

    // Below the national minimum: said at the field, and no count.
    await minimum.fill('2');
    await page.getByText('3〜50の数字で入力してください。', { exact: true }).waitFor();
    expect(await minimum.getAttribute('aria-invalid')).toBe('true');
    await count.getByText('要件を正しく入力すると、人数を表示します。').waitFor();
    await save.click();
    expect(await hasFocus(minimum)).toBe(true);
    await checkPage(page, 'premium rule, count below the national minimum');
    // Full-width digits from a Japanese input method are digits.
    await minimum.fill('５');
    await count.getByText(`${withFive.toLocaleString('ja')}人（登録者 2,500人のうち）`).waitFor();

    // No kind at all cannot be saved either.
    const kinds = page.getByRole('group', { name: '件数に数える活動の種類' });
    for (const box of await kinds.getByRole('checkbox').all()) await box.uncheck();
    await kinds.getByText('活動の種類を1つ以上選んでください。').waitFor();
    await checkPage(page, 'premium rule, no kind');
    await kinds.getByLabel('ボランティア', { exact: true }).check();
    await kinds.getByLabel('副業・兼業').check();
    await count.getByText(/^[\d,]+人（登録者 2,500人のうち）$/).waitFor();
    await page.getByLabel('④ 住まいがあり、公共サービスも使う（二地域居住）').check();
    await page.getByLabel('要件を満たした申請も、担当者が確認してから登録する').check();
    await count.getByText(/^[\d,]+人（登録者 2,500人のうち）$/).waitFor();
    await expect.poll(() => preview.getAttribute('aria-busy')).toBe('false');
    const edited = numberIn(await count.textContent());

    await save.click();
    const dialog = page.getByRole('dialog', { name: 'この要件で保存しますか？' });
    await dialog.waitFor();
    await dialog.getByText('3件以上 → 5件以上').waitFor();
    await dialog.getByText('問わない → ④').waitFor();
    await dialog.getByText('要件を満たせばすぐに登録する → 担当者が確認してから登録する').waitFor();
    await dialog
      .getByText(
        `この要件で対象になる登録者は ${edited.toLocaleString('ja')}人です（保存されている要件では ${saved.toLocaleString('ja')}人）。`,
      )
      .waitFor();
    expect(await hasFocus(dialog.getByRole('button', { name: 'キャンセル' }))).toBe(true);
    await checkPage(page, 'premium rule, confirming');
    await dialog.getByRole('button', { name: '保存する' }).click();
    await page.getByRole('status').getByText('要件を保存しました。', { exact: false }).waitFor();
    await page.getByText('保存されている要件から変更はありません。').waitFor();
    await checkPage(page, 'premium rule, saved');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'プレミアム登録の要件' }).waitFor();
    await minimum.and(page.locator('[value="5"]')).waitFor();
    expect(await page.getByLabel('要件を満たした申請も、担当者が確認してから登録する').isChecked()).toBe(true);
    expect(await kinds.getByLabel('災害ボランティア').isChecked()).toBe(false);
    await count.getByText(`${edited.toLocaleString('ja')}人（登録者 2,500人のうち）`).waitFor();
    expect(errors).toEqual([]);
  });

  it('reviews: a proof is looked at, one approved, one rejected with a reason (by keyboard)', async () => {
    const { page, context, errors } = await openAsAdmin(`/admin/${TENANT}/reviews`);
    await page.getByRole('heading', { level: 1, name: '確認待ち' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'プレミアム登録の申請（0件）' }).waitFor();
    await page.getByText('確認を待っている申請はありません。').waitFor();
    const proofsHeading = page.getByRole('heading', { level: 2, name: /^活動の証明書類（\d+件）$/ });
    await proofsHeading.waitFor();
    const pending = numberIn(await proofsHeading.textContent());
    expect(pending).toBeGreaterThan(2);
    const queue = page.locator('section').filter({ has: proofsHeading });
    await checkPage(page, 'reviews');

    const first = queue.getByRole('listitem').first();
    const subject = ((await first.getByRole('heading', { level: 3 }).textContent()) ?? '').trim();
    await first.getByRole('button', { name: '証明書類をここに表示' }).click();
    const image = first.getByRole('img', { name: `証明書類の画像：${subject}` });
    await image.waitFor();
    expect(await image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(1);
    await checkPage(page, 'reviews, proof shown');
    // The same file in a tab of its own (what a PDF needs).
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      first.getByRole('link', { name: '証明書類を新しいタブで開く' }).click(),
    ]);
    await tab.waitForLoadState();
    expect(new URL(tab.url()).pathname).toMatch(/\/activities\/[0-9a-f-]+\/proof$/);
    expect(
      await tab.evaluate(() => (globalThis as unknown as { document: { contentType: string } }).document.contentType),
    ).toBe('image/png');
    await tab.close();

    const memberLink = first.getByRole('link', { name: /^会員番号 [0-9a-f]{8} の情報を見る$/ });
    const memberPath = await memberLink.getAttribute('href');
    await first.getByRole('button', { name: reviewButton('承認する', subject) }).click();
    await page.getByRole('status').getByText(`証明書類を承認しました：${subject}`).waitFor();
    const afterApproval = page.getByRole('heading', { level: 2, name: `活動の証明書類（${pending - 1}件）` });
    await afterApproval.waitFor();
    expect(await hasFocus(afterApproval)).toBe(true);
    await checkPage(page, 'reviews, approved');

    // Rejecting needs a reason; the keyboard is enough.
    const next = queue.getByRole('listitem').first();
    const nextSubject = ((await next.getByRole('heading', { level: 3 }).textContent()) ?? '').trim();
    await next.getByRole('button', { name: reviewButton('却下する', nextSubject) }).focus();
    await page.keyboard.press('Enter');
    const reason = next.getByLabel('却下の理由');
    await expect.poll(() => hasFocus(reason)).toBe(true);
    expect(await tabTo(page, next.getByRole('button', { name: '却下を確定する' }))).toBe(1);
    await page.keyboard.press('Enter');
    await next.getByText('却下の理由を入力してください。').waitFor();
    expect(await hasFocus(reason)).toBe(true);
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'reviews, reason missing');
    await page.keyboard.type('写真から活動日が読み取れません。日付のわかるものを提出してください。');
    await next.getByRole('button', { name: '却下を確定する' }).click();
    await page.getByRole('status').getByText(`証明書類を却下しました：${nextSubject}`).waitFor();
    await page.getByRole('heading', { level: 2, name: `活動の証明書類（${pending - 2}件）` }).waitFor();
    await checkPage(page, 'reviews, rejected');

    // The approved proof now counts for its member; the home page counts what is left.
    await page
      .getByRole('navigation', { name: '職員コンソールのメニュー' })
      .getByRole('link', { name: 'ホーム' })
      .click();
    const proofs = page.getByRole('main').getByRole('listitem').filter({ hasText: '確認待ちの活動の証明書類' });
    await proofs.getByText(String(pending - 2), { exact: true }).waitFor();
    await page.goto(memberPath ?? '/');
    await page.getByRole('heading', { level: 2, name: /^担い手活動の記録（\d+件）$/ }).waitFor();
    await page.getByText('確認済み、本人が証明書類を提出').waitFor();
    await checkPage(page, 'member with an approved proof');
    expect(errors).toEqual([]);
  });

  it('福島市 reviews the demo’s premium applications with the rules engine’s judgement, and approves one', async () => {
    const { page, errors } = await harness.open('/admin/072010/reviews');
    await signInFromRedirect(page, 'admin@city.fukushima.example.jp');
    await page.getByRole('heading', { level: 1, name: '確認待ち' }).waitFor();
    const heading = page.getByRole('heading', { level: 2, name: 'プレミアム登録の申請（6件）' });
    await heading.waitFor();
    const first = page.locator('section').filter({ has: heading }).getByRole('listitem').first();
    await first.getByRole('heading', { level: 4, name: '申請時の要件の判定' }).waitFor();
    await checkPage(page, 'premium applications');
    const subject = ((await first.getByRole('heading', { level: 3 }).textContent()) ?? '').trim();
    await first.getByRole('button', { name: reviewButton('承認する', subject) }).click();
    await page.getByRole('status').getByText(`申請を承認しました：${subject}`).waitFor();
    await page.getByRole('heading', { level: 2, name: 'プレミアム登録の申請（5件）' }).waitFor();
    await checkPage(page, 'premium application approved');
    expect(errors).toEqual([]);
  });

  it('members: filters live in the address, a member opens, and an activity is recorded', async () => {
    const { page, errors } = await openAsAdmin(`/admin/${TENANT}/members`);
    const status = page.getByRole('main').getByRole('status').filter({ hasText: '人が該当します' });
    await status.getByText('2,500人が該当します').waitFor();
    const table = page.getByRole('table', { name: '登録者（同意された項目のみ）' });
    expect(await table.getByRole('row').count()).toBe(51);
    // What a person did not agree to share reads 「非公開」.
    await table.getByRole('cell', { name: '非公開' }).first().waitFor();
    await checkPage(page, 'members');

    await page.getByLabel('登録区分').selectOption('premium');
    await page.getByLabel('関わり方の類型').selectOption('3');
    await page.getByRole('button', { name: 'この条件で表示' }).click();
    await page.waitForURL(
      (url) => url.searchParams.get('tier') === 'premium' && url.searchParams.get('relationType') === '3',
    );
    await expect.poll(async () => numberIn(await status.textContent())).toBeLessThan(2500);
    const filtered = numberIn(await status.textContent());
    expect(filtered).toBeGreaterThan(0);
    for (const row of await table.getByRole('row').all()) {
      if ((await row.getByRole('columnheader').count()) > 0) continue;
      expect(await row.getByRole('cell').nth(4).textContent()).toBe('プレミアム');
      expect(await row.getByRole('cell').nth(3).textContent()).toContain('③');
    }
    await checkPage(page, 'members, filtered');
    // The address is the state: a reload shows the same list.
    await page.reload();
    await status.getByText(`${filtered.toLocaleString('ja')}人が該当します`).waitFor();
    expect(await page.getByLabel('登録区分').inputValue()).toBe('premium');

    // Name search and activity count (filters of the API's registrant list).
    const someName = ((await table.getByRole('rowheader').first().locator('span').first().textContent()) ?? '').trim();
    const family = someName.split(/\s/)[0] ?? someName;
    await page.getByLabel('名前', { exact: true }).fill(family);
    await page.getByLabel('担い手活動の件数（以上）').fill('1');
    await page.getByRole('button', { name: 'この条件で表示' }).click();
    await page.waitForURL(
      (url) => url.searchParams.get('q') === family && url.searchParams.get('minActivities') === '1',
    );
    // The count alone cannot tell the new list from the old one (it may not shrink), so wait for the rows.
    await expect
      .poll(async () => {
        const names = await table.getByRole('rowheader').allTextContents();
        return names.length > 0 && names.every((name) => name.includes(family));
      })
      .toBe(true);
    expect(numberIn(await status.textContent())).toBeLessThanOrEqual(filtered);
    for (const row of (await table.getByRole('row').all()).slice(1)) {
      expect(Number(await row.getByRole('cell').nth(5).textContent())).toBeGreaterThanOrEqual(1);
    }
    await page.getByLabel('担い手活動の件数（以上）').fill('たくさん');
    await page.getByRole('button', { name: 'この条件で表示' }).click();
    await page.getByText('1〜1000の数字で入力してください。').waitFor();
    await checkPage(page, 'members, activity count not a number');
    await page.getByLabel('担い手活動の件数（以上）').fill('1');

    const listAddress = new URL(page.url());
    await table.getByRole('rowheader').first().getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: someName }).waitFor();
    await page.getByRole('heading', { level: 2, name: '登録の内容' }).waitFor();
    const activitiesHeading = page.getByRole('heading', { level: 2, name: /^担い手活動の記録（\d+件）$/ });
    const before = numberIn(await activitiesHeading.textContent());
    await checkPage(page, 'member');

    await page.getByRole('button', { name: '記録する' }).click();
    await page.getByText('活動の種類を選んでください。').waitFor();
    expect(await hasFocus(page.getByLabel('活動の種類'))).toBe(true);
    await checkPage(page, 'member, recording without a kind');
    await page.getByLabel('活動の種類').selectOption({ label: 'ボランティア' });
    await page.getByLabel('メモ（任意）').fill('海岸清掃ボランティア（受付で確認）');
    await page.getByRole('button', { name: '記録する' }).click();
    await page
      .getByRole('status')
      .getByText(/^活動を記録しました：ボランティア（.+）$/)
      .waitFor();
    await page.getByRole('heading', { level: 2, name: `担い手活動の記録（${before + 1}件）` }).waitFor();
    await page.getByText('海岸清掃ボランティア（受付で確認）').waitFor();
    await checkPage(page, 'member, activity recorded');

    // Back to the list as it was filtered.
    await page.getByRole('link', { name: '登録者の一覧にもどる' }).click();
    await page.getByRole('heading', { level: 1, name: '登録者' }).waitFor();
    expect(new URL(page.url()).search).toBe(listAddress.search);
    expect(errors).toEqual([]);
  });

  it('exports the filtered registrants as CSV, in UTF-8 (Excel) and in Shift_JIS', async () => {
    const { page, errors } = await openAsAdmin(`/admin/${TENANT}/members?tier=premium`);
    const status = page.getByRole('main').getByRole('status').filter({ hasText: '人が該当します' });
    await status.getByText(/^[\d,]+人が該当します$/).waitFor();
    const total = numberIn(await status.textContent());
    const firstMember = ((await page.getByRole('table').getByRole('rowheader').first().textContent()) ?? '').match(
      /会員番号 ([0-9a-f]{8})/,
    )?.[1];
    await checkPage(page, 'members, before export');

    const exportBox = page.getByRole('region', { name: 'CSVで書き出す' });
    expect(await exportBox.getByLabel('UTF-8（おすすめ）').isChecked()).toBe(true);
    const [utf8Download] = await Promise.all([
      page.waitForEvent('download'),
      exportBox.getByRole('button', { name: 'CSVをダウンロード' }).click(),
    ]);
    const filename = utf8Download.suggestedFilename();
    expect(filename).toMatch(new RegExp(`^members-${TENANT}-\\d{8}\\.csv$`));
    const utf8 = await downloadedBytes(utf8Download);
    // With a BOM, so that Excel reads it as UTF-8.
    expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(utf8.subarray(3).toString('utf8'));
    expect(rows[0]?.[0]).toBe('会員番号');
    expect(rows.length - 1).toBe(total);
    const tierColumn = rows[0]?.indexOf('登録区分') ?? -1;
    expect(tierColumn).toBeGreaterThan(0);
    expect(new Set(rows.slice(1).map((row) => row[tierColumn]))).toEqual(new Set(['プレミアム']));
    expect(rows.slice(1).some((row) => row[0]?.startsWith(firstMember ?? '-'))).toBe(true);
    await exportBox
      .getByRole('status')
      .getByText(`${total.toLocaleString('ja')}人分を「${filename}」として保存しました。`)
      .waitFor();
    await exportBox.getByRole('link', { name: `「${filename}」をもう一度保存する` }).waitFor();
    await checkPage(page, 'members, exported');

    await exportBox.getByLabel('Shift_JIS').check();
    const [sjisDownload] = await Promise.all([
      page.waitForEvent('download'),
      exportBox.getByRole('button', { name: 'CSVをダウンロード' }).click(),
    ]);
    const sjis = await downloadedBytes(sjisDownload);
    expect([...sjis.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    // Not UTF-8: the same text decodes only as Shift_JIS.
    expect(sjis.toString('utf8')).not.toContain('会員番号');
    expect(parseCsv(iconv.decode(sjis, 'Shift_JIS'))).toEqual(rows);
    await checkPage(page, 'members, exported as Shift_JIS');
    expect(errors).toEqual([]);
  });

  it('every section reads in English too', async () => {
    const { page, errors } = await openAsAdmin(`/admin/${TENANT}`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Furusato residents registered' }).waitFor();
    const menu = page.getByRole('navigation', { name: 'Staff console menu' });

    await menu.getByRole('link', { name: 'Premium requirements' }).click();
    await page.getByRole('heading', { level: 1, name: 'Premium requirements' }).waitFor();
    await page
      .getByRole('region', { name: 'Registrants who would qualify' })
      .getByText(/of 2,500 registrants/)
      .waitFor();
    await checkPage(page, 'premium rule in English');

    await menu.getByRole('link', { name: 'Awaiting review' }).click();
    await page.getByRole('heading', { level: 2, name: /^Activity proofs \(\d+\)$/ }).waitFor();
    await checkPage(page, 'reviews in English');

    await menu.getByRole('link', { name: 'Registrants' }).click();
    await page.getByRole('main').getByRole('status').getByText('2,500 registrants found').waitFor();
    await page.getByRole('table').getByRole('cell', { name: 'Private' }).first().waitFor();
    await checkPage(page, 'members in English');
    await page.getByRole('table').getByRole('rowheader').first().getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Registration' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Record attendance at an activity' }).waitFor();
    await checkPage(page, 'member in English');
    expect(errors).toEqual([]);
  });

  it('an editor reads the premium rule without changing it; a prefecture has no premium rule of its own', async () => {
    const editor = await harness.open(`/admin/${TENANT}/premium`);
    await signInFromRedirect(editor.page, 'editor@kesennuma.example.jp');
    await editor.page.getByRole('heading', { level: 1, name: 'プレミアム登録の要件' }).waitFor();
    await editor.page.getByText('要件を変更できるのは管理者だけです。').waitFor();
    expect(await editor.page.getByRole('button', { name: '要件を保存する' }).count()).toBe(0);
    // Editors review and record, but do not change the rule.
    const menu = editor.page.getByRole('navigation', { name: '職員コンソールのメニュー' });
    expect(await menu.getByRole('link').allTextContents()).toEqual([
      'ホーム',
      '確認待ち',
      '登録者',
      'プレミアム登録の要件',
      'お知らせ',
      '紹介ページ',
      '担い手の募集',
      'サポート施策',
      '協力店',
      'モデル事業',
      'メールマガジン',
    ]);
    await checkPage(editor.page, 'premium rule, editor');

    const prefecture = await harness.open('/admin');
    await signInFromRedirect(prefecture.page, 'admin@fukushima.example.jp');
    await prefecture.page.getByRole('heading', { level: 1, name: '福島県' }).waitFor();
    expect(new URL(prefecture.page.url()).pathname).toBe('/admin/070009');
    expect(await prefecture.page.getByText('確認待ちのプレミアム登録の申請').count()).toBe(0);
    await checkPage(prefecture.page, 'console home, prefecture');
    await prefecture.page.getByRole('link', { name: 'プレミアム登録の要件' }).click();
    await prefecture.page.getByText('プレミアム登録は市区町村ごとに行います。', { exact: false }).waitFor();
    await checkPage(prefecture.page, 'premium rule, prefecture');
    expect([...editor.errors, ...prefecture.errors]).toEqual([]);
  });
});
