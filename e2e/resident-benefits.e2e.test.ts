import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, type Harness, startHarness } from './support/harness.ts';
import { PHONE, signUpResident } from './support/resident.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

describe('benefits', () => {
  it('shows what I may use and why not, and sends a subsidy application filled in from my registration', async () => {
    const address = 'benefit.user@example.jp';
    const { page, context, errors } = await harness.open('/benefits', PHONE);
    await page.getByRole('heading', { level: 1, name: 'ログイン・新規登録' }).waitFor();
    await signUpResident(context.request, address, [
      { municipalityCode: '042056', relationTypes: [2] },
      { municipalityCode: '072010', relationTypes: [1, 2], consents: ['residence'] },
    ]);

    await page.goto('/benefits');
    await page.getByRole('heading', { level: 1, name: 'サポート（特典・補助金）' }).waitFor();
    const eligible = page.getByRole('region', { name: 'いま受けられるサポート' });
    const other = page.getByRole('region', { name: '条件を満たすと受けられるサポート' });
    // A discount is used by showing the member card.
    const discount = eligible.getByRole('listitem').filter({ hasText: '協力店での割引' });
    await discount.getByRole('link', { name: '気仙沼市の会員証を見せる' }).waitFor();
    // Not available: each says why, in plain words.
    await other
      .getByRole('listitem')
      .filter({ hasText: '気仙沼市の施設を市民料金で利用' })
      .getByText('プレミアム登録の方が対象です。')
      .waitFor();
    await other
      .getByRole('listitem')
      .filter({ hasText: '二地域居住の住まい探し補助' })
      .getByText(/関わり方の類型/)
      .waitFor();
    await page.getByText('まだ申請していません。').waitFor();
    await checkPage(page, 'benefits');

    await discount.getByRole('link', { name: '気仙沼市の会員証を見せる' }).click();
    await page.getByRole('heading', { level: 1, name: '気仙沼市 会員証' }).waitFor();
    await page.goBack();

    await page.getByRole('link', { name: 'テレワーク補助を申請する' }).click();
    await page.getByRole('heading', { level: 1, name: 'テレワーク補助の申請' }).waitFor();
    // Filled in from the account and the registration.
    const email = page.getByRole('textbox', { name: /メールアドレス/ });
    await expect.poll(() => email.inputValue()).toBe(address);
    await page
      .getByRole('checkbox', { name: /関わり方の類型も伝える（① 訪れなくても応援する、② ときどき訪れる）/ })
      .waitFor();
    await checkPage(page, 'subsidy form');

    await page.getByRole('button', { name: '申請する' }).click();
    await page.getByText('「氏名」を入力してください。').waitFor();
    await page.getByText('「勤務先の了承を得ている」のどちらかを選んでください。').waitFor();
    await checkPage(page, 'subsidy form, missing answers');

    await page.getByRole('textbox', { name: /氏名/ }).fill('福島 花子');
    await page.getByLabel(/テレワークの開始予定日/).fill('2027-01-15');
    await page.getByRole('textbox', { name: /利用する施設/ }).fill('駅前のコワーキングスペース');
    await page.getByRole('spinbutton', { name: /対象経費の見込み額/ }).fill('120000');
    await page
      .getByRole('group', { name: /勤務先の了承を得ている/ })
      .getByRole('radio', { name: 'はい' })
      .check();
    await page.getByRole('button', { name: '申請する' }).click();
    await page.getByText('申請しました。', { exact: false }).waitFor();
    await checkPage(page, 'subsidy form, sent');

    await page.getByRole('link', { name: 'サポートの一覧へ' }).last().click();
    await page.getByRole('heading', { level: 1, name: 'サポート（特典・補助金）' }).waitFor();
    const applications = page.getByRole('region', { name: '補助金の申請' });
    const sent = applications.getByRole('listitem').filter({ hasText: 'テレワーク補助' });
    await sent.getByText('審査中').waitFor();
    // Applied once: the measure shows its status instead of a second "apply".
    await page.getByText('申請済み（審査中）').waitFor();
    expect(await page.getByRole('link', { name: 'テレワーク補助を申請する' }).count()).toBe(0);
    await checkPage(page, 'benefits, applied');

    // What the municipality received is what was confirmed.
    const mine = (await (await context.request.get('/api/v1/me/subsidy-applications')).json()) as {
      items: { applicant: { displayName: string; email: string }; answers: Record<string, unknown> }[];
    };
    expect(mine.items[0]?.applicant).toMatchObject({ displayName: '福島 花子', email: address });
    expect(mine.items[0]?.answers).toMatchObject({ estimated_cost: 120000, employer_consent: true });

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Benefits and subsidies' }).waitFor();
    await page.getByText('Applied (Under review)').waitFor();
    await checkPage(page, 'benefits, English');
    expect(errors).toEqual([]);
  });
});
