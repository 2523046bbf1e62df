import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, type Harness, startHarness, tabTo } from './support/harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

const QUERY_LABEL = '自治体名または読みがな';

describe('municipality search (ja)', () => {
  it.each(['けせんぬま', 'ケセンヌマ', '気仙沼'])('finds 宮城県 気仙沼市 042056 by typing 「%s」', async (query) => {
    const { page, errors } = await harness.open('/municipalities');
    await checkPage(page, 'search, before typing');

    await page.getByLabel(QUERY_LABEL).fill(query);
    const result = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: '気仙沼市' }) });
    await result.waitFor();
    const text = await result.textContent();
    expect(text).toContain('宮城県');
    expect(text).toContain('042056');
    expect(text).toContain('けせんぬまし');
    expect(await page.getByRole('status').textContent()).toBe('1件の自治体が見つかりました');
    expect(new URL(page.url()).searchParams.get('q')).toBe(query);
    await checkPage(page, `search results for ${query}`);
    expect(errors).toEqual([]);
  });

  it('filters by prefecture: 東京都 has 62, paged by 20, and the URL keeps the state for the back button', async () => {
    const { page, errors } = await harness.open('/municipalities');
    await page.getByLabel('都道府県', { exact: true }).selectOption({ label: '東京都' });
    await page.getByText('62件中 1–20件目').waitFor();
    expect(await page.getByRole('status').textContent()).toBe('62件の自治体が見つかりました');
    expect(new URL(page.url()).searchParams.get('prefecture')).toBe('13');
    await checkPage(page, '東京都, page 1');

    await page.getByRole('button', { name: '次のページ' }).click();
    await page.getByText('62件中 21–40件目').waitFor();
    await page.getByText('2 / 4ページ').waitFor();
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    await checkPage(page, '東京都, page 2');

    await page.getByRole('button', { name: '次のページ' }).click();
    await page.getByRole('button', { name: '次のページ' }).click();
    await page.getByText('62件中 61–62件目').waitFor();
    await page.getByText('4 / 4ページ').waitFor();
    // On the last page "next" stays in the tab order (focus is not lost) but is marked disabled and does nothing.
    const next = page.getByRole('button', { name: '次のページ' });
    expect(await next.getAttribute('aria-disabled')).toBe('true');
    await next.focus();
    await page.keyboard.press('Enter');
    await page.getByText('62件中 61–62件目').waitFor();
    expect(new URL(page.url()).searchParams.get('page')).toBe('4');
    await checkPage(page, '東京都, last page');

    await page.getByRole('button', { name: '前のページ' }).click();
    await page.getByText('62件中 41–60件目').waitFor();
    await checkPage(page, '東京都, page 3');

    await page.goBack();
    await page.getByText('62件中 61–62件目').waitFor();
    await page.goBack();
    await page.getByText('62件中 41–60件目').waitFor();
    await page.goBack();
    await page.goBack();
    await page.getByText('62件中 1–20件目').waitFor();
    expect(await page.getByLabel('都道府県', { exact: true }).inputValue()).toBe('13');
    expect(errors).toEqual([]);
  });

  it('a shared address opens the same search, and the box follows the URL', async () => {
    const { page, errors } = await harness.open(`/municipalities?q=${encodeURIComponent('せんだい')}&kind=ignored`);
    await page.getByRole('link', { name: '仙台市' }).waitFor();
    expect(await page.getByLabel(QUERY_LABEL).inputValue()).toBe('せんだい');
    await checkPage(page, 'shared search address');
    expect(errors).toEqual([]);
  });

  it('shows a helpful empty state when nothing matches', async () => {
    const { page, errors } = await harness.open('/municipalities');
    await page.getByLabel(QUERY_LABEL).fill('ぬぬぬぬ');
    await page.getByRole('heading', { name: '該当する自治体が見つかりませんでした' }).waitFor();
    await page.getByText('名前の最初の数文字だけで検索してください', { exact: false }).waitFor();
    expect(await page.getByRole('status').textContent()).toBe('0件の自治体が見つかりました');
    expect(await page.getByRole('listitem').filter({ hasText: '自治体コード' }).count()).toBe(0);
    await checkPage(page, 'empty results');
    expect(errors).toEqual([]);
  });

  it('says it is searching while the answer is on its way (aria-busy and 検索中…)', async () => {
    const { page, errors } = await harness.open('/municipalities');
    await page.getByText('件中 1–20件目', { exact: false }).waitFor();
    // Hold the next search answer (it still goes to the real server) to look at the loading state.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const isSearch = (url: URL) => url.pathname === '/api/v1/municipalities' && url.searchParams.has('q');
    await page.route(isSearch, async (route) => {
      await held;
      await route.continue();
    });
    await page.getByLabel(QUERY_LABEL).fill('なは');
    await page.getByRole('status').getByText('検索中…').waitFor();
    expect(await page.getByRole('region', { name: '検索結果' }).getAttribute('aria-busy')).toBe('true');
    // The previous results stay on screen meanwhile.
    await page.getByRole('link', { name: '札幌市' }).waitFor();
    await checkPage(page, 'searching');
    release();
    await page.getByRole('link', { name: '那覇市' }).waitFor();
    expect(await page.getByRole('status').textContent()).toBe('2件の自治体が見つかりました');
    expect(await page.getByRole('region', { name: '検索結果' }).getAttribute('aria-busy')).toBe('false');
    expect(errors).toEqual([]);
  });

  it("shows the API's error message with a retry button", async () => {
    const { page, errors } = await harness.open('/municipalities?prefecture=99');
    const alert = page.getByRole('alert');
    await alert.getByText('都道府県コードは01〜47の2桁で指定してください。').waitFor();
    expect(await alert.getByRole('heading').textContent()).toBe('検索できませんでした');
    await alert.getByRole('button', { name: 'もう一度試す' }).waitFor();
    await checkPage(page, 'search error');

    // Choosing a real prefecture recovers.
    await page.getByLabel('都道府県', { exact: true }).selectOption({ label: '宮城県' });
    await page.getByRole('link', { name: '気仙沼市' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('opens the detail page by clicking a result', async () => {
    const { page, errors } = await harness.open('/municipalities');
    await page.getByLabel(QUERY_LABEL).fill('気仙沼');
    await page.getByRole('link', { name: '気仙沼市' }).click();
    await page.waitForURL('**/municipalities/042056');
    await page.getByRole('heading', { level: 1, name: '気仙沼市' }).waitFor();
    const { title } = await checkPage(page, 'detail of 気仙沼市');
    expect(title).toBe('宮城県気仙沼市 | ふるさと住民');

    await page.goBack();
    await page.getByRole('link', { name: '気仙沼市' }).waitFor();
    expect(await page.getByLabel(QUERY_LABEL).inputValue()).toBe('気仙沼');
    expect(errors).toEqual([]);
  });

  it('works with the keyboard only: Tab to the box, type, Tab to a result, Enter opens it', async () => {
    const { page, errors } = await harness.open('/municipalities');
    await page.getByText('件中 1–20件目', { exact: false }).waitFor();

    await tabTo(page, page.getByLabel(QUERY_LABEL));
    await page.keyboard.type('けせんぬま');
    await page.getByRole('link', { name: '気仙沼市' }).waitFor();
    await tabTo(page, page.getByRole('link', { name: '気仙沼市' }));
    await page.keyboard.press('Enter');

    await page.waitForURL('**/municipalities/042056');
    const heading = page.getByRole('heading', { level: 1, name: '気仙沼市' });
    await heading.waitFor();
    // Focus moves to the new page's heading, so the next Tab starts in the new content.
    expect(await heading.and(page.locator(':focus')).count()).toBe(1);
    await checkPage(page, 'detail opened with the keyboard');
    expect(errors).toEqual([]);
  });

  it('Enter in the search box searches at once', async () => {
    const { page, errors } = await harness.open('/municipalities');
    const box = page.getByLabel(QUERY_LABEL);
    await box.fill('じょうえつ');
    await box.press('Enter');
    await page.getByRole('link', { name: '上越市' }).waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('じょうえつ');
    await checkPage(page, 'search submitted with Enter');
    expect(errors).toEqual([]);
  });
});
