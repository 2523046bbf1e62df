import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, type Harness, startHarness } from './support/harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

/** The text of the <dd> that belongs to the <dt> named `term`. */
async function fact(page: Page, term: string): Promise<string> {
  const row = page.locator('dl > div').filter({ has: page.getByRole('term').getByText(term, { exact: true }) });
  return ((await row.getByRole('definition').textContent()) ?? '').trim();
}

describe('municipality detail (ja)', () => {
  it('shows a participating municipality in words', async () => {
    const { page, errors } = await harness.open('/municipalities/042056');
    await page.getByRole('heading', { level: 1, name: '気仙沼市' }).waitFor();
    const { title } = await checkPage(page, 'detail of 気仙沼市');
    expect(title).toBe('宮城県気仙沼市 | ふるさと住民');
    expect(await fact(page, '読みがな')).toBe('けせんぬまし');
    expect(await fact(page, '自治体コード')).toBe('042056');
    expect(await fact(page, '都道府県')).toBe('宮城県');
    expect(await fact(page, '区分')).toBe('市区町村');
    expect(await fact(page, '参加状況')).toBe('参加中（2026年4月1日から）');
    expect(await fact(page, '利用料')).toBe('免除（令和9年度までに参加）');
    expect(await fact(page, 'モデル事業の類型')).toBe('A（先行型）');
    expect(errors).toEqual([]);
  });

  it('links a ward back to its city', async () => {
    const { page, errors } = await harness.open('/municipalities/041017');
    await page.getByRole('heading', { level: 1, name: '青葉区' }).waitFor();
    expect(await fact(page, '区分')).toBe('政令指定都市の区');
    expect(await fact(page, '利用料')).toBe('未参加のため対象外');
    await checkPage(page, 'detail of a ward');
    await page.getByRole('link', { name: '仙台市' }).click();
    await page.waitForURL('**/municipalities/041009');
    await page.getByRole('heading', { level: 1, name: '仙台市' }).waitFor();
    await checkPage(page, 'detail of the city of the ward');
    expect(errors).toEqual([]);
  });

  it("an unknown code shows the API's 404 message", async () => {
    const { page, errors } = await harness.open('/municipalities/049999');
    const alert = page.getByRole('alert');
    await alert.getByText('指定されたコードの地方公共団体は見つかりません。').waitFor();
    const { heading, title } = await checkPage(page, 'unknown code');
    expect(heading).toBe('自治体を表示できません');
    expect(title).toBe('自治体を表示できません | ふるさと住民');
    expect(errors).toEqual([]);
  });

  it("a malformed code shows the API's 400 message", async () => {
    const { page, errors } = await harness.open('/municipalities/12345');
    await page
      .getByRole('alert')
      .getByText('全国地方公共団体コードは検査数字を含む6桁の数字で指定してください（例: 042056）。')
      .waitFor();
    await checkPage(page, 'malformed code');
    expect(errors).toEqual([]);
  });
});
