import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, type Harness, startHarness } from './support/harness.ts';
import { addVirtualAuthenticator } from './support/passkeys.ts';
import { PHONE, signUpResident } from './support/resident.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

interface Registrations {
  items: { municipalityCode: string; consents: string[] }[];
}

describe('privacy and account', () => {
  it('changes a consent, exports my data, withdraws from a municipality and deletes the account', async () => {
    const { page, context, errors } = await harness.open('/privacy', PHONE);
    await page.getByRole('heading', { level: 1, name: 'ログイン・新規登録' }).waitFor();
    await signUpResident(context.request, 'privacy.person@example.jp', [
      { municipalityCode: '042056', relationTypes: [1], consents: ['name', 'news'] },
      { municipalityCode: '072010', relationTypes: [2], consents: [] },
    ]);
    const registrations = async () =>
      ((await (await context.request.get('/api/v1/me/registrations')).json()) as Registrations).items;

    await page.goto('/privacy');
    await page.getByRole('heading', { level: 1, name: 'プライバシーとアカウント' }).waitFor();
    const kesennuma = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { level: 3, name: '気仙沼市' }) });
    await kesennuma.getByRole('group', { name: '気仙沼市に見せてよい項目' }).waitFor();
    expect(await kesennuma.getByRole('checkbox', { name: '氏名（表示名）' }).isChecked()).toBe(true);
    expect(await kesennuma.getByRole('radio', { name: '受け取る' }).isChecked()).toBe(true);
    // Notification settings live on their own page.
    await page.getByRole('link', { name: '通知の設定' }).waitFor();
    expect(await page.getByRole('link', { name: '通知の設定' }).getAttribute('href')).toBe('/settings/notifications');
    await checkPage(page, 'privacy');

    // A consent: add the age band, stop the news.
    await kesennuma.getByRole('checkbox', { name: '年代' }).check();
    await kesennuma.getByRole('radio', { name: '受け取らない' }).check();
    await kesennuma.getByRole('button', { name: '気仙沼市の同意を保存' }).click();
    await page.getByText('気仙沼市の同意を保存しました。').waitFor();
    await checkPage(page, 'privacy, consents saved');
    expect((await registrations()).find((r) => r.municipalityCode === '042056')?.consents).toEqual([
      'name',
      'age_band',
    ]);

    // The export is a JSON file with my registrations in it.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'データをダウンロード' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^furusato-data-\d{8}\.json$/);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as {
      registrations: { municipalityCode: string }[];
    };
    expect(exported.registrations.map((r) => r.municipalityCode)).toEqual(expect.arrayContaining(['042056', '072010']));
    await page.getByText(`ファイル「${download.suggestedFilename()}」をダウンロードしました。`).waitFor();
    await checkPage(page, 'privacy, exported');

    // Withdrawing asks first.
    await kesennuma.getByRole('button', { name: '気仙沼市の登録を取り消す' }).click();
    const withdrawDialog = page.getByRole('dialog', { name: '気仙沼市の登録を取り消しますか？' });
    await withdrawDialog.waitFor();
    await checkPage(page, 'privacy, withdraw dialog');
    await withdrawDialog.getByRole('button', { name: '登録を取り消す' }).click();
    await page.getByText('気仙沼市の登録を取り消しました。').waitFor();
    await kesennuma.waitFor({ state: 'detached' });
    expect((await registrations()).map((r) => r.municipalityCode)).not.toContain('042056');
    await checkPage(page, 'privacy, withdrawn');

    // Both languages.
    await page.getByRole('main').getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Privacy and account' }).waitFor();
    await checkPage(page, 'privacy, English');
    await page.getByRole('main').getByRole('button', { name: '日本語' }).click();
    await page.getByRole('heading', { level: 1, name: 'プライバシーとアカウント' }).waitFor();

    // Deleting the account takes two steps: ticking that it cannot be undone, then confirming.
    const remove = page.getByRole('button', { name: 'アカウントを削除する' });
    await remove.click();
    await page.getByText('先に、元に戻せないことを確かめてチェックしてください。').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await checkPage(page, 'privacy, delete not confirmed');
    await page.getByRole('checkbox', { name: '削除すると元に戻せないことを理解しました' }).check();
    await remove.click();
    const deleteDialog = page.getByRole('dialog', { name: '本当にアカウントを削除しますか？' });
    await deleteDialog.waitFor();
    await checkPage(page, 'privacy, delete dialog');
    await deleteDialog.getByRole('button', { name: '削除する' }).click();
    await page.getByRole('heading', { level: 1, name: 'アカウントを削除しました' }).waitFor();
    await checkPage(page, 'account deleted');
    const session = (await (await context.request.get('/api/v1/auth/session')).json()) as { signedIn: boolean };
    expect(session.signedIn).toBe(false);
    expect(errors).toEqual([]);
  });

  it('signs up with a passkey on the third screen of registering, and can delete that account too', async () => {
    const { page, context, errors } = await harness.open('/join/042056', PHONE);
    const authenticator = await addVirtualAuthenticator(page);
    await page.getByRole('heading', { level: 1, name: '登録する自治体の確認' }).waitFor();
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('checkbox', { name: /① 訪れなくても応援する/ }).check();
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('heading', { level: 1, name: '登録内容とアカウント' }).waitFor();
    // Both ways in on the same screen: a passkey, or the e-mail code.
    await page.getByRole('heading', { level: 2, name: 'パスキーを使う' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'メールアドレスで登録・ログイン' }).waitFor();
    await checkPage(page, 'join, screen 3 with passkeys');

    await page.getByRole('checkbox', { name: '年代' }).check();
    await page.getByRole('button', { name: 'パスキーで新規登録' }).click();
    await page.getByLabel('表示名（ニックネーム）').fill('唐桑のファン');
    expect(await page.locator('[data-join-step]').getAttribute('data-join-step')).toBe('3');
    await checkPage(page, 'join, passkey sign-up');
    await page.getByRole('button', { name: 'パスキーを作成して登録' }).click();
    await page.getByRole('heading', { level: 1, name: '登録が完了しました' }).waitFor();
    expect(await authenticator.credentials()).toHaveLength(1);
    const registered = ((await (await context.request.get('/api/v1/me/registrations')).json()) as Registrations).items;
    expect(registered.find((r) => r.municipalityCode === '042056')?.consents).toEqual(['age_band', 'news']);

    await page.goto('/privacy');
    await page.getByRole('checkbox', { name: '削除すると元に戻せないことを理解しました' }).check();
    await page.getByRole('button', { name: 'アカウントを削除する' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '削除する' }).click();
    await page.getByRole('heading', { level: 1, name: 'アカウントを削除しました' }).waitFor();
    expect(errors).toEqual([]);
  });
});
