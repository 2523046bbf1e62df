import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInWithCode } from './support/accounts.ts';
import { checkPage, type Harness, hasFocus, startHarness } from './support/harness.ts';
import { addVirtualAuthenticator } from './support/passkeys.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

const LAST_SIGN_IN_METHOD_JA = '最後のログイン方法は削除できません。';
// Headless Chromium on Linux, as this app names a passkey made there.
const PASSKEY_NAME_JA = 'Chrome（Linux）';

/** The account page's passkey section. */
function passkeySection(page: Page) {
  return page.getByRole('region', { name: 'パスキー' });
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'ログアウト', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'ログイン・新規登録' }).waitFor();
  await page.getByRole('status').getByText('ログアウトしました。').waitFor();
}

describe('passkeys', () => {
  it('a resident signs up with a display name and a passkey, signs out, signs in with it, and cannot remove the last one', async () => {
    const displayName = '気仙沼のファン';
    const { page, errors } = await harness.open('/sign-in');
    const authenticator = await addVirtualAuthenticator(page);
    await page.getByRole('heading', { level: 1, name: 'ログイン・新規登録' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'パスキーを使う' }).waitFor();
    await page.getByRole('button', { name: 'パスキーでログイン' }).waitFor();
    // The e-mail way is still there, below.
    await page.getByLabel('メールアドレス').waitFor();
    await checkPage(page, 'sign-in with passkeys');

    // Screen 2: the display name, and nothing else.
    await page.getByRole('button', { name: 'パスキーで新規登録' }).click();
    await page.getByRole('heading', { level: 1, name: 'パスキーで新規登録' }).waitFor();
    expect(await page.title()).toBe('パスキーで新規登録 | ふるさと住民');
    expect(await hasFocus(page.getByRole('heading', { level: 1 }))).toBe(true);
    expect(await page.getByRole('main').getByRole('textbox').count()).toBe(1);
    await checkPage(page, 'passkey sign-up');

    const nameField = page.getByLabel('表示名（ニックネーム）');
    expect(await nameField.getAttribute('autocomplete')).toBe('nickname');
    expect(await nameField.getAttribute('maxlength')).toBe('50');
    const create = page.getByRole('button', { name: 'パスキーを作成して登録' });
    await nameField.fill('   ');
    await create.click();
    await page.getByText('表示名を入力してください。').waitFor();
    expect(await nameField.getAttribute('aria-invalid')).toBe('true');
    expect(await hasFocus(nameField)).toBe(true);
    await checkPage(page, 'passkey sign-up, no name');
    // Nothing was asked of the authenticator.
    expect(await authenticator.credentials()).toHaveLength(0);

    // Screen 3: the account.
    await nameField.fill(displayName);
    await create.click();
    await page.getByRole('heading', { level: 1, name: 'アカウント' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account');
    await page.getByRole('status').getByText('アカウントを作成しました。', { exact: false }).waitFor();
    await page
      .getByRole('banner')
      .getByRole('link', { name: `アカウント: ${displayName}` })
      .waitFor();
    const details = page.getByRole('region', { name: 'ログイン情報' });
    await details.getByText(displayName, { exact: true }).waitFor();
    await details.getByText('登録されていません').waitFor();
    const section = passkeySection(page);
    const items = section.getByRole('listitem');
    await items.first().waitFor();
    expect(await items.count()).toBe(1);
    await items.getByText(PASSKEY_NAME_JA, { exact: true }).waitFor();
    await items.getByText('まだ使っていません').waitFor();
    await items.getByText('作成した端末だけ').waitFor();
    await section.getByText('ログイン方法はこのパスキーだけです。', { exact: false }).waitFor();
    await checkPage(page, 'account after a passkey sign-up');
    const stored = await authenticator.credentials();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.isResidentCredential).toBe(true);

    // The only way to sign in cannot be removed: asked first, then refused with the API's message.
    const remove = section.getByRole('button', { name: `削除：${PASSKEY_NAME_JA}` });
    await remove.click();
    const dialog = page.getByRole('dialog', { name: `パスキー「${PASSKEY_NAME_JA}」を削除しますか？` });
    await dialog.waitFor();
    expect(await hasFocus(dialog.getByRole('button', { name: 'キャンセル' }))).toBe(true);
    await checkPage(page, 'account, confirming the removal of the last passkey');
    await dialog.getByRole('button', { name: '削除する' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const alert = section.getByRole('alert');
    await alert.getByRole('heading', { name: 'パスキーを削除できませんでした' }).waitFor();
    await alert.getByText(LAST_SIGN_IN_METHOD_JA, { exact: false }).waitFor();
    expect(await hasFocus(remove)).toBe(true);
    expect(await items.count()).toBe(1);
    await checkPage(page, 'account, last passkey refused');

    await signOut(page);

    // Signing in again from another page: ?next= leads back to it.
    await page.goto('/municipalities');
    await page.getByRole('banner').getByRole('link', { name: 'ログイン' }).click();
    await page.getByRole('heading', { level: 1, name: 'ログイン・新規登録' }).waitFor();
    expect(new URL(page.url()).search).toBe('?next=/municipalities');
    await page.getByRole('button', { name: 'パスキーでログイン' }).click();
    await page.getByRole('heading', { level: 1, name: '自治体をさがす' }).waitFor();
    await page
      .getByRole('banner')
      .getByRole('link', { name: `アカウント: ${displayName}` })
      .click();
    await page.getByRole('heading', { level: 1, name: 'アカウント' }).waitFor();
    await passkeySection(page).getByRole('listitem').first().waitFor();
    // Used just now.
    expect(await passkeySection(page).getByText('まだ使っていません').count()).toBe(0);
    await checkPage(page, 'account after a passkey sign-in');
    expect(errors).toEqual([]);
  });

  it('a person signed in by e-mail adds a passkey, signs out, signs back in with it, and removes it', async () => {
    const address = 'editor@kesennuma.example.jp';
    const { page, errors } = await harness.open('/sign-in');
    const authenticator = await addVirtualAuthenticator(page, { synced: true });
    await signInWithCode(page, address);
    const section = passkeySection(page);
    await section.getByText('パスキーはまだ登録されていません。').waitFor();
    await checkPage(page, 'account without passkeys');

    const add = section.getByRole('button', { name: 'パスキーを追加' });
    await add.click();
    await section.getByRole('status').getByText('パスキーを追加しました。', { exact: false }).waitFor();
    const items = section.getByRole('listitem');
    await items.getByText(PASSKEY_NAME_JA, { exact: true }).waitFor();
    await items.getByText('パスワードマネージャーで同期', { exact: false }).waitFor();
    // Has an e-mail address: no warning about a single way in.
    expect(await section.getByText('ログイン方法はこのパスキーだけです。', { exact: false }).count()).toBe(0);
    await checkPage(page, 'account, passkey added');
    expect(await authenticator.credentials()).toHaveLength(1);

    // The same authenticator again: the browser refuses (the passkey is excluded), said plainly.
    await add.click();
    const alert = section.getByRole('alert');
    await alert.getByRole('heading', { name: 'パスキーを追加できませんでした' }).waitFor();
    await alert.getByText('このアカウントのパスキーがすでにあります。', { exact: false }).waitFor();
    expect(await items.count()).toBe(1);
    await checkPage(page, 'account, passkey already on this device');

    await signOut(page);
    await page.getByRole('button', { name: 'パスキーでログイン' }).click();
    await page.getByRole('heading', { level: 1, name: 'アカウント' }).waitFor();
    await page.getByRole('status').getByText('ログインしました。').waitFor();
    await page
      .getByRole('banner')
      .getByRole('link', { name: `アカウント: ${address}` })
      .waitFor();
    await page.getByRole('main').getByText(address).waitFor();

    // With an e-mail address left, the passkey can go. Focus lands on the section, the removed item gone.
    await section.getByRole('button', { name: `削除：${PASSKEY_NAME_JA}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: '削除する' }).click();
    await section.getByRole('status').getByText(`パスキー「${PASSKEY_NAME_JA}」を削除しました。`).waitFor();
    await section.getByText('パスキーはまだ登録されていません。').waitFor();
    expect(await hasFocus(section.getByRole('heading', { level: 2, name: 'パスキー' }))).toBe(true);
    await checkPage(page, 'account, passkey removed');
    // The browser was told the site no longer knows it (WebAuthn signalUnknownCredential): it is gone from
    // the authenticator too, so the browser will not offer it again.
    await expect.poll(async () => (await authenticator.credentials()).length).toBe(0);
    expect(errors).toEqual([]);
  });

  it('no passkey on this device, or a closed prompt: a calm message, not an error', async () => {
    const { page, context, errors } = await harness.open('/sign-in');
    await addVirtualAuthenticator(page);
    await page.getByRole('button', { name: 'パスキーでログイン' }).click();
    await page.getByRole('status').getByText('パスキーでのログインを中止しました。', { exact: false }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await checkPage(page, 'sign-in, passkey prompt closed');

    // The person closes the browser's prompt while creating the passkey (the browser says NotAllowedError).
    await context.addInitScript({
      content: `navigator.credentials.create = () =>
        Promise.reject(new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError'));`,
    });
    await page.reload();
    await page.getByRole('button', { name: 'パスキーで新規登録' }).click();
    await page.getByLabel('表示名（ニックネーム）').fill('あとで登録');
    await page.getByRole('button', { name: 'パスキーを作成して登録' }).click();
    await page.getByRole('status').getByText('パスキーの作成を中止しました。', { exact: false }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await checkPage(page, 'passkey sign-up, prompt closed');

    // Back on the first screen, focus is where the person left.
    await page.getByRole('button', { name: 'ログイン画面にもどる' }).click();
    await page.getByRole('heading', { level: 1, name: 'ログイン・新規登録' }).waitFor();
    expect(await hasFocus(page.getByRole('button', { name: 'パスキーで新規登録' }))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('in English, by keyboard: sign-up with a passkey, axe on every step', async () => {
    const displayName = 'Friend of Kesennuma';
    const { page, errors } = await harness.open('/sign-in');
    await addVirtualAuthenticator(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in or create an account' }).waitFor();
    await page.getByRole('button', { name: 'Sign in with a passkey' }).waitFor();
    await checkPage(page, 'sign-in in English, with passkeys');

    await page.getByRole('button', { name: 'Sign up with a passkey' }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Sign up with a passkey' }).waitFor();
    expect(await page.title()).toBe('Sign up with a passkey | Furusato Resident');
    await checkPage(page, 'passkey sign-up in English');

    // From the focused heading, the next stop is the display name; Enter creates the passkey.
    await page.keyboard.press('Tab');
    const nameField = page.getByLabel('Display name (nickname)');
    expect(await hasFocus(nameField)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText('Enter a display name.').waitFor();
    await checkPage(page, 'passkey sign-up in English, no name');
    await page.keyboard.type(displayName);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByRole('status').getByText('Your account is ready.', { exact: false }).waitFor();
    const section = page.getByRole('region', { name: 'Passkeys' });
    await section.getByText('Chrome on Linux', { exact: true }).waitFor();
    await section.getByText('Not used yet').waitFor();
    await section.getByText('This passkey is your only way to sign in.', { exact: false }).waitFor();
    await checkPage(page, 'account in English after a passkey sign-up');

    await section.getByRole('button', { name: 'Remove: Chrome on Linux' }).press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Remove the passkey “Chrome on Linux”?' });
    await dialog.waitFor();
    await checkPage(page, 'account in English, confirming a removal');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await hasFocus(section.getByRole('button', { name: 'Remove: Chrome on Linux' }))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('a browser without WebAuthn is told so, and keeps the e-mail way', async () => {
    const { page, context, errors } = await harness.open('/');
    await context.addInitScript({ content: 'delete window.PublicKeyCredential;' });
    await page.goto('/sign-in');
    await page.getByText('このブラウザはパスキーに対応していないため', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'パスキーでログイン' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'パスキーで新規登録' }).count()).toBe(0);
    await page.getByLabel('メールアドレス').waitFor();
    await checkPage(page, 'sign-in without WebAuthn');
    expect(errors).toEqual([]);
  });
});
