import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, type Harness, hasFocus, startHarness } from './support/harness.ts';
import { PHONE, signUpResident } from './support/resident.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

const OYSTERS = '牡蠣養殖の手伝い（唐桑半島）';

describe('helper activities', () => {
  it('browses with filters, in both languages, without an account', async () => {
    const { page, errors } = await harness.open('/activities', PHONE);
    await page.getByRole('heading', { level: 1, name: '担い手の募集をさがす' }).waitFor();
    await page.getByText(/件中 1〜/).waitFor();
    await page.getByRole('link', { name: OYSTERS }).waitFor();
    await checkPage(page, 'activities');

    // Kind and prefecture narrow the list; the filters are in the address, so Back would return to them.
    await page.getByLabel('活動の種類').selectOption({ label: 'イベントの手伝い' });
    await page.getByLabel('都道府県').selectOption('07');
    const filtered = page.waitForResponse((response) => response.url().includes('prefecture=07&kind=event_help'));
    await page.getByRole('button', { name: 'この条件でさがす' }).click();
    await filtered;
    expect(new URL(page.url()).search).toBe('?prefecture=07&kind=event_help');
    await page.getByRole('link', { name: '福島わらじまつり 運営ボランティア' }).waitFor();
    const results = page.getByRole('region', { name: '募集の一覧' }).getByRole('listitem');
    await expect.poll(() => results.filter({ hasNotText: 'イベントの手伝い' }).count()).toBe(0);
    expect(await results.filter({ hasText: '気仙沼市' }).count()).toBe(0);

    // On site only, with a kind nobody recruits in Fukushima: the empty state.
    await page.getByLabel('活動の種類').selectOption({ label: 'フィールドワーク' });
    await page.getByRole('radio', { name: '現地で参加するもの' }).check();
    await page.getByRole('button', { name: 'この条件でさがす' }).click();
    await page.getByText('条件に合う受付中の募集はありません。', { exact: false }).waitFor();
    await checkPage(page, 'activities, nothing found');

    await page.getByRole('button', { name: '条件をクリア' }).click();
    await page.getByRole('link', { name: OYSTERS }).click();
    await page.getByRole('heading', { level: 1, name: OYSTERS }).waitFor();
    await page.getByRole('link', { name: 'ログインして応募する' }).waitFor();
    await checkPage(page, 'opportunity, signed out');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Apply' }).waitFor();
    await page.getByRole('link', { name: 'Sign in to apply' }).waitFor();
    await checkPage(page, 'opportunity, signed out, English');
    await page.getByRole('link', { name: 'Back to the opportunities' }).click();
    await page.getByRole('heading', { level: 1, name: 'Find helper activities' }).waitFor();
    await page.getByText(/^1–\d+ of \d+$/).waitFor();
    await checkPage(page, 'activities, English');
    expect(errors).toEqual([]);
  });

  it('applies to an opportunity, sees it in my applications, and cancels it', async () => {
    const { page, context, errors } = await harness.open('/activities', PHONE);
    await signUpResident(context.request, 'helper.applicant@example.jp', [
      { municipalityCode: '042056', relationTypes: [3] },
    ]);
    await page.goto('/activities?municipality=042056');
    await page.getByRole('link', { name: OYSTERS }).click();
    await page.getByRole('heading', { level: 1, name: OYSTERS }).waitFor();
    await page.getByRole('heading', { level: 2, name: '応募する' }).waitFor();
    await checkPage(page, 'opportunity, signed in');

    // Every question needs an answer; the first empty one gets the focus.
    await page.getByRole('button', { name: '応募する' }).click();
    expect(await page.getByText('回答を入力してください。').count()).toBe(2);
    const first = page.getByLabel('漁業・農業などの体験があれば教えてください');
    expect(await hasFocus(first)).toBe(true);
    await checkPage(page, 'opportunity, answers missing');

    await first.fill('家庭菜園をしています');
    await page.getByLabel('当日の移動手段（車・気仙沼駅からの送迎希望など）').fill('車で行きます');
    await page.getByRole('button', { name: '応募する' }).click();
    await page.getByText('応募しました。自治体からの連絡をお待ちください。', { exact: false }).waitFor();
    await checkPage(page, 'opportunity, applied');

    await page.getByRole('link', { name: '自分の応募を見る' }).click();
    await page.getByRole('heading', { level: 1, name: '自分の応募と活動の記録' }).waitFor();
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: OYSTERS }) });
    await item.getByText('応募済み（結果待ち）').waitFor();
    await page.getByText('活動の記録はまだありません。', { exact: false }).waitFor();
    await page.getByText('気仙沼市: 確認済み 0件、確認待ち 0件').waitFor();
    await checkPage(page, 'my applications');

    // Cancelling asks first; keeping it changes nothing.
    // The button names its opportunity for screen reader users, who may reach it out of its list item.
    const cancel = item.getByRole('button', { name: /^応募を取り消す\s*:\s*牡蠣養殖の手伝い/ });
    await cancel.click();
    const dialog = page.getByRole('dialog', { name: '応募を取り消しますか？' });
    await dialog.waitFor();
    await checkPage(page, 'my applications, cancel dialog');
    await dialog.getByRole('button', { name: '取り消さない' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await item.getByText('応募済み（結果待ち）').waitFor();

    await cancel.click();
    await dialog.getByRole('button', { name: '取り消す' }).click();
    await page.getByText(`「${OYSTERS}」への応募を取り消しました。`).waitFor();
    await item.getByText('取り消し済み').waitFor();
    expect(await item.getByRole('button', { name: /応募を取り消す/ }).count()).toBe(0);
    await checkPage(page, 'my applications, cancelled');
    expect(errors).toEqual([]);
  });
});
