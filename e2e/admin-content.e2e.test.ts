import type { BrowserContextOptions } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMailInNewTab, requestCode } from './support/accounts.ts';
import { checkPage, type Harness, startHarness } from './support/harness.ts';

const ADMIN = 'admin@kesennuma.example.jp';
const TENANT = '042056';
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

async function openAsAdmin(path: string) {
  const opened = await harness.open(path, { ...JAPAN, storageState: adminState });
  await opened.page.getByRole('heading', { level: 1 }).waitFor();
  return opened;
}

/** A small real photo-like PNG (a gradient), as a member of staff would pick from their computer. */
async function samplePng(): Promise<Buffer> {
  const width = 64;
  const height = 48;
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    pixels[i * 3] = (i % width) * 4;
    pixels[i * 3 + 1] = Math.floor(i / width) * 5;
    pixels[i * 3 + 2] = 160;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

interface PublicPosts {
  items: { id: string; title: string; bodyHtml: string; pinned: boolean; publishedAt: string }[];
}

describe('news and the profile in the staff console', () => {
  it('writes a post with an uploaded image and a server preview, publishes it, and deletes a draft', async () => {
    const { page, errors } = await openAsAdmin(`/admin/${TENANT}/posts`);
    await page.getByRole('heading', { level: 1, name: 'お知らせ' }).waitFor();
    const menu = page.getByRole('navigation', { name: '職員コンソールのメニュー' });
    expect(await menu.getByRole('link', { name: 'お知らせ' }).getAttribute('aria-current')).toBe('page');
    await checkPage(page, 'posts list');

    await page.getByRole('link', { name: '新しいお知らせを作成' }).click();
    await page.getByRole('heading', { level: 1, name: '新しいお知らせ' }).waitFor();
    await checkPage(page, 'new post form');
    await page.getByLabel('タイトル').fill('朝市の再開のお知らせ');
    await page.getByLabel('本文').fill('## 朝市が戻ってきます\n\n毎週日曜の **朝6時** から。\n');
    const preview = page.getByRole('region', { name: 'プレビュー' });
    await preview.getByRole('heading', { level: 2, name: '朝市が戻ってきます' }).waitFor();
    await preview.locator('strong', { hasText: '朝6時' }).waitFor();

    await page.getByLabel('画像ファイル（JPEG・PNG・WebP、10MBまで）').setInputFiles({
      name: 'asaichi.png',
      mimeType: 'image/png',
      buffer: await samplePng(),
    });
    await page.getByRole('textbox', { name: /^画像の説明/ }).fill('朝市のにぎわい');
    await page.getByRole('button', { name: 'アップロードして本文に入れる' }).click();
    await expect.poll(() => page.getByLabel('本文').inputValue()).toMatch(/!\[朝市のにぎわい\]\(\/api\/v1\/[^)]+\)/);
    const image = preview.getByRole('img', { name: '朝市のにぎわい' });
    await image.waitFor();
    await expect
      .poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    await checkPage(page, 'post with image and preview');

    await page.getByRole('radio', { name: 'すぐに公開' }).check();
    await page.getByRole('checkbox', { name: '一覧の先頭に固定する' }).check();
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByRole('heading', { level: 1, name: 'お知らせ' }).waitFor();
    const published = page.getByRole('listitem').filter({ hasText: '朝市の再開のお知らせ' });
    await published.getByText('公開中', { exact: true }).waitFor();
    await published.getByText('固定', { exact: false }).first().waitFor();
    await checkPage(page, 'posts list with the published post');

    const feed = await page.request.get(`/api/v1/municipalities/${TENANT}/posts`);
    expect(feed.status()).toBe(200);
    const publicPosts = (await feed.json()) as PublicPosts;
    const post = publicPosts.items.find((p) => p.title === '朝市の再開のお知らせ');
    expect(post?.pinned).toBe(true);
    expect(post?.bodyHtml).toContain('alt="朝市のにぎわい"');
    const publishedAt = post?.publishedAt;

    // Editing a published post keeps it published at the same time.
    await published.getByRole('link', { name: '朝市の再開のお知らせ' }).click();
    await page.getByRole('heading', { level: 1, name: 'お知らせの編集' }).waitFor();
    expect(await page.getByRole('radio', { name: '公開中のまま' }).isChecked()).toBe(true);
    await checkPage(page, 'edit post form');
    await page.getByLabel('タイトル').fill('朝市の再開のお知らせ（時間を追記）');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByRole('heading', { level: 1, name: 'お知らせ' }).waitFor();
    await page.getByRole('link', { name: '朝市の再開のお知らせ（時間を追記）' }).waitFor();
    const edited = (await (await page.request.get(`/api/v1/municipalities/${TENANT}/posts`)).json()) as {
      items: { id: string; title: string; publishedAt: string }[];
    };
    expect(edited.items.find((p) => p.id === post?.id)).toMatchObject({
      title: '朝市の再開のお知らせ（時間を追記）',
      publishedAt,
    });

    // The status filter is in the address.
    await page.getByLabel('状態').selectOption('draft');
    await expect.poll(() => new URL(page.url()).search).toBe('?status=draft');
    await expect.poll(() => page.getByRole('listitem').filter({ hasText: '朝市の再開' }).count()).toBe(0);

    // A draft, then deleted after the confirmation.
    await page.getByRole('link', { name: '新しいお知らせを作成' }).click();
    await page.getByLabel('タイトル').fill('消す予定の下書き');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByRole('heading', { level: 1, name: 'お知らせ' }).waitFor();
    const draft = page.getByRole('listitem').filter({ hasText: '消す予定の下書き' });
    await draft.getByText('下書き', { exact: true }).waitFor();
    await draft.getByRole('button', { name: /^削除/ }).click();
    const dialog = page.getByRole('dialog', { name: 'お知らせを削除しますか' });
    await dialog.waitFor();
    await checkPage(page, 'delete confirmation');
    await dialog.getByRole('button', { name: '削除する' }).click();
    await page.getByRole('status').filter({ hasText: '「消す予定の下書き」を削除しました。' }).waitFor();
    await expect.poll(() => draft.count()).toBe(0);
    await checkPage(page, 'draft deleted');

    expect(errors).toEqual([]);
  });

  it('edits the profile and prints the A4 poster with the join QR code', async () => {
    const { page, errors } = await openAsAdmin(`/admin/${TENANT}/profile`);
    await page.getByRole('heading', { level: 1, name: '紹介ページ' }).waitFor();
    await page.getByRole('textbox', { name: /^紹介文/ }).waitFor();
    await checkPage(page, 'profile form');
    await page
      .getByRole('textbox', { name: /^紹介文/ })
      .fill('海と生きるまち、気仙沼。\n\n港町の人と食を、一緒に応援してください。');
    await page.getByLabel('自治体の公式サイト').fill('https://www.kesennuma.miyagi.jp/');
    await page.getByLabel('担当部署').fill('震災復興・企画課');
    // The demo profile welcomes all four types and has three photos.
    await page.getByRole('checkbox', { name: /^④/ }).uncheck();
    await page.getByLabel('画像ファイル（JPEG・PNG・WebP、10MBまで）').setInputFiles({
      name: 'harbour.png',
      mimeType: 'image/png',
      buffer: await samplePng(),
    });
    await page.getByRole('textbox', { name: /^画像の説明/ }).fill('気仙沼港の朝');
    await page.getByRole('button', { name: 'アップロードして追加' }).click();
    const added = page.getByRole('textbox', { name: '写真4の説明' });
    await added.waitFor();
    expect(await added.inputValue()).toBe('気仙沼港の朝');
    await page.getByRole('button', { name: '写真4を前へ' }).click();
    expect(await page.getByRole('textbox', { name: '写真3の説明' }).inputValue()).toBe('気仙沼港の朝');
    await checkPage(page, 'profile with a new photo');
    await page.getByRole('button', { name: '紹介ページを保存' }).click();
    await page.getByRole('status').filter({ hasText: '紹介ページを保存しました。' }).waitFor();
    await checkPage(page, 'profile saved');

    const saved = (await (await page.request.get(`/api/v1/municipalities/${TENANT}/profile`)).json()) as {
      introduction: string;
      links: { website: string | null };
      photos: { alt: string }[];
      welcomedRelationTypes: number[];
    };
    expect(saved.introduction).toContain('海と生きるまち');
    expect(saved.links.website).toBe('https://www.kesennuma.miyagi.jp/');
    expect(saved.photos.map((p) => p.alt)).toEqual([
      '朝の気仙沼港に並ぶ漁船（イメージ）',
      '夕暮れの気仙沼大島と大島大橋（イメージ）',
      '気仙沼港の朝',
      '唐桑半島の巨釜・半造の海岸（イメージ）',
    ]);
    expect(saved.welcomedRelationTypes).toEqual([1, 2, 3]);

    await page.getByRole('link', { name: '登録案内ポスターを印刷' }).click();
    await page.getByRole('heading', { level: 1, name: '登録案内ポスター' }).waitFor();
    const poster = page.getByRole('article', { name: 'ポスター' });
    await poster.getByText('ふるさと住民登録はこちら').waitFor();
    await poster.getByText('宮城県気仙沼市').waitFor();
    await poster.getByText('海と生きるまち、気仙沼。').waitFor();
    await poster.getByText(`${harness.baseUrl}`, { exact: false }).waitFor();
    const qr = poster.getByRole('img', { name: /^登録ページのQRコード/ });
    await expect
      .poll(() => qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    await checkPage(page, 'poster');

    // Printed, only the poster shows: the console's menu and the instructions are hidden.
    await page.emulateMedia({ media: 'print' });
    expect(await poster.isVisible()).toBe(true);
    expect(await page.getByRole('navigation', { name: '職員コンソールのメニュー' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '印刷する' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    expect(errors).toEqual([]);
  });
});
