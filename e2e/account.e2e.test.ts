import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWithCode } from './support/accounts.ts';
import { checkPage, type Harness, hasFocus, startHarness } from './support/harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

describe('account page', () => {
  it('signed out, /account leads to the sign-in page, and back to /account after signing in', async () => {
    const { page, errors } = await harness.open('/account');
    await page.getByRole('heading', { level: 1, name: 'ログイン・新規登録' }).waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/sign-in?next=/account');
    await checkPage(page, 'sign-in, sent from /account');

    await signInWithCode(page, 'returning@example.jp');
    expect(new URL(page.url()).pathname).toBe('/account');
    await page.getByRole('status').getByText('アカウントを作成しました。', { exact: false }).waitFor();
    // The welcome is said once: not again after a reload.
    await page.reload();
    await page.getByRole('main').getByText('returning@example.jp').waitFor();
    expect(await page.getByText('アカウントを作成しました。', { exact: false }).count()).toBe(0);
    await checkPage(page, 'account after a reload');
    expect(errors).toEqual([]);
  });

  it('the demo staff account sees its membership: 宮城県気仙沼市 / 管理者', async () => {
    const { page, errors } = await harness.open('/sign-in');
    await signInWithCode(page, 'admin@kesennuma.example.jp');
    await page.getByRole('status').getByText('ログインしました。').waitFor();
    await page.getByRole('heading', { level: 2, name: '職員としての所属' }).waitFor();
    const row = page.getByRole('row', { name: /宮城県気仙沼市/ });
    await row.getByText('宮城県気仙沼市').waitFor();
    expect(await row.getByRole('cell').textContent()).toBe('管理者');
    expect(await row.textContent()).toContain('042056');
    await checkPage(page, 'account, staff member');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    const englishRow = page.getByRole('row', { name: /宮城県気仙沼市/ });
    expect(await englishRow.getByRole('cell').textContent()).toBe('Administrator');
    await page.getByText('Identity verification with the My Number Card is not offered by this service yet.').waitFor();
    await checkPage(page, 'account, staff member, in English');
    expect(errors).toEqual([]);
  });

  it('signing out everywhere asks first, then ends the sessions of every device', async () => {
    const address = 'two.devices@example.jp';
    const phone = await harness.open('/sign-in');
    await signInWithCode(phone.page, address);
    const laptop = await harness.open('/sign-in');
    await signInWithCode(laptop.page, address);
    const { page } = laptop;

    const trigger = page.getByRole('button', { name: 'すべての端末からログアウト', exact: true });
    await trigger.click();
    const dialog = page.getByRole('dialog', { name: 'すべての端末からログアウトしますか？' });
    await dialog.waitFor();
    // Focus starts on the safe choice.
    const cancel = dialog.getByRole('button', { name: 'キャンセル' });
    expect(await hasFocus(cancel)).toBe(true);
    await checkPage(page, 'account, confirming sign-out everywhere');

    // Escape cancels; focus goes back to the button that opened the dialog; nothing happened.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await hasFocus(trigger)).toBe(true);
    await cancel.waitFor({ state: 'hidden' });
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await page.request.get('/api/v1/auth/session').then((r) => r.json())).signedIn).toBe(true);

    await trigger.click();
    await dialog.getByRole('button', { name: 'すべての端末からログアウトする' }).click();
    await page.getByRole('heading', { level: 1, name: 'ログイン・新規登録' }).waitFor();
    await page.getByRole('status').getByText('すべての端末からログアウトしました（2件のログインを終了）。').waitFor();
    await checkPage(page, 'sign-in, after signing out everywhere');

    // The other device is signed out too: its next visit to /account goes to the sign-in page.
    await phone.page.reload();
    await phone.page.getByRole('heading', { level: 1, name: 'ログイン・新規登録' }).waitFor();
    expect(new URL(phone.page.url()).search).toBe('?next=/account');
    await phone.page.getByRole('banner').getByRole('link', { name: 'ログイン' }).waitFor();
    expect(phone.errors).toEqual([]);
    expect(laptop.errors).toEqual([]);
  });

  it('tells how identity verification went when the provider sends the person back', async () => {
    const { page, errors } = await harness.open('/sign-in');
    await signInWithCode(page, 'verifier@example.jp');

    await page.goto('/account?verification=failed&code=IDENTITY_PROVIDER_UNAVAILABLE');
    const alert = page.getByRole('alert');
    await alert.getByRole('heading', { name: '本人確認ができませんでした' }).waitFor();
    await alert.getByText('本人確認の認証サービスに接続できません。', { exact: false }).waitFor();
    await alert.getByText('エラーコード: IDENTITY_PROVIDER_UNAVAILABLE').waitFor();
    // Said once: the address loses the outcome, so a reload or bookmark does not repeat it.
    await page.waitForURL((url) => url.search === '');
    await page.getByText('本人確認はまだ済んでいません。').waitFor();
    await checkPage(page, 'account, verification failed');

    // A code this page does not know: a general message, and the code to quote.
    await page.goto('/account?verification=failed&code=SOMETHING_NEW');
    await alert.getByText('もう一度お試しください。', { exact: false }).waitFor();
    await alert.getByText('エラーコード: SOMETHING_NEW').waitFor();
    // Anything else in `code` is not repeated on the page.
    await page.goto('/account?verification=failed&code=%3Cb%3Ehi%3C%2Fb%3E');
    await alert.getByText('もう一度お試しください。', { exact: false }).waitFor();
    expect(await alert.getByText('エラーコード').count()).toBe(0);

    await page.goto('/account?verification=done');
    await page.getByRole('status').getByText('本人確認が完了しました。').waitFor();
    await checkPage(page, 'account, verification done');
    expect(errors).toEqual([]);
  });
});
