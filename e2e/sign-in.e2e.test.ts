import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMailInNewTab, requestCode, signInWithCode, wrongCode } from './support/accounts.ts';
import { checkPage, type Harness, hasFocus, startHarness } from './support/harness.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

const CODE_INVALID_JA =
  'コードまたはリンクが正しくないか、有効期限（15分）が切れています。もう一度メールを送信してください。';

describe('e-mail sign-in', () => {
  it('a new resident signs up with the code from the mailbox, signs out, and signs in again with the link', async () => {
    const address = 'new.resident@example.jp';
    const { page, context, errors } = await harness.open('/municipalities');
    await page.getByRole('heading', { level: 1, name: '自治体をさがす' }).waitFor();

    // Signed out: the header offers 「ログイン」, which comes back to this page afterwards.
    const header = page.getByRole('banner');
    await header.getByRole('link', { name: 'ログイン' }).click();
    await page.getByRole('heading', { level: 1, name: 'ログイン・新規登録' }).waitFor();
    expect(new URL(page.url()).search).toBe('?next=/municipalities');
    expect(await page.title()).toBe('ログイン・新規登録 | ふるさと住民');
    await page.getByText('パスワードは不要です。').waitFor();
    await checkPage(page, 'sign-in, e-mail step');

    // Checked before anything is sent: the error is tied to the field and the field takes focus.
    const emailField = page.getByLabel('メールアドレス');
    await page.getByRole('button', { name: 'コードを送信' }).click();
    await page.getByText('メールアドレスを入力してください。').waitFor();
    expect(await emailField.getAttribute('aria-invalid')).toBe('true');
    expect(await hasFocus(emailField)).toBe(true);
    await checkPage(page, 'sign-in, address missing');
    await emailField.fill('new.resident@');
    await page.getByRole('button', { name: 'コードを送信' }).click();
    await page.getByText('メールアドレスの形式が正しくありません。', { exact: false }).waitFor();
    await checkPage(page, 'sign-in, address malformed');

    // Full-width characters from a Japanese IME are the same address.
    await requestCode(page, 'ｎｅｗ.resident＠example.jp');
    expect(await page.title()).toBe('メールに届いたコードを入力 | ふるさと住民');
    await page.getByText(`${address} に6桁のコードを送信しました。`).waitFor();
    // Focus moves to the new step's heading, as after a navigation.
    expect(await hasFocus(page.getByRole('heading', { level: 1 }))).toBe(true);
    const codeField = page.getByLabel('6桁のコード');
    expect(await codeField.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await codeField.getAttribute('inputmode')).toBe('numeric');
    const resend = page.getByRole('button', { name: 'コードを再送信' });
    expect(await resend.getAttribute('aria-disabled')).toBe('true');
    await page.getByText(/あと\d+秒で再送信できます/).waitFor();
    await checkPage(page, 'sign-in, code step');

    // The code is read in the developer mailbox, in a second tab.
    const mail = await readMailInNewTab(context, address);
    expect(mail.subject).toBe(`ふるさと住民 ログインコード: ${mail.code}`);
    await checkPage(mail.tab, 'developer mailbox, mail opened');
    await mail.tab.close();

    await codeField.fill(mail.code);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    // ?next= was the search page.
    await page.getByRole('heading', { level: 1, name: '自治体をさがす' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/municipalities');
    const accountLink = header.getByRole('link', { name: `アカウント: ${address}` });
    await accountLink.waitFor();
    await checkPage(page, 'search, signed in');

    await accountLink.click();
    await page.getByRole('heading', { level: 1, name: 'アカウント' }).waitFor();
    expect(await page.title()).toBe('アカウント | ふるさと住民');
    await page.getByRole('main').getByText(address).waitFor();
    await page.getByRole('heading', { level: 2, name: '本人確認' }).waitFor();
    await page.getByText('本人確認はまだ済んでいません。').waitFor();
    // This server has no identity provider configured: no button that would end on an error.
    await page.getByText('マイナンバーカードによる本人確認はまだ利用できません。', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'マイナンバーカードで本人確認する' }).count()).toBe(0);
    // A resident has no staff roles: no such section.
    expect(await page.getByRole('heading', { name: '職員としての所属' }).count()).toBe(0);
    await checkPage(page, 'account, new resident');

    await page.getByRole('button', { name: 'ログアウト', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'ログイン・新規登録' }).waitFor();
    await page.getByRole('status').getByText('ログアウトしました。').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await header.getByRole('link', { name: 'ログイン' }).waitFor();
    await checkPage(page, 'sign-in, after signing out');
    expect((await page.request.get('/api/v1/auth/session').then((r) => r.json())).signedIn).toBe(false);

    // Again, with the link in the e-mail this time (clicked in the mailbox).
    await requestCode(page, address);
    const second = await readMailInNewTab(context, address);
    expect(second.code).not.toBe(mail.code);
    const href = (await second.link.getAttribute('href')) ?? '';
    expect(href.startsWith(`${harness.baseUrl}/sign-in/email?token=`)).toBe(true);
    await second.link.click();
    await second.tab.getByRole('heading', { level: 1, name: 'アカウント' }).waitFor();
    await second.tab.getByRole('status').getByText('ログインしました。').waitFor();
    expect(new URL(second.tab.url()).pathname).toBe('/account');
    await second.tab.getByRole('main').getByText(address).waitFor();
    await checkPage(second.tab, 'account, signed in with the link');
    // The link works once.
    await second.tab.goto(href);
    await second.tab.getByRole('alert').getByText(CODE_INVALID_JA).waitFor();
    await checkPage(second.tab, 'link page, link used twice');
    expect(errors).toEqual([]);
  });

  it('a wrong code shows the API’s Japanese error; the right one in full-width digits signs in', async () => {
    const address = 'typo@example.jp';
    const { page, context, errors } = await harness.open('/sign-in');
    await requestCode(page, address);
    const mail = await readMailInNewTab(context, address);
    await mail.tab.close();

    const codeField = page.getByLabel('6桁のコード');
    await codeField.fill('12345');
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByText('コードは6桁の数字です。').waitFor();
    await checkPage(page, 'code step, too short');

    await codeField.fill(wrongCode(mail.code));
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.getByText(CODE_INVALID_JA).waitFor();
    expect(await alert.getByRole('heading', { name: 'ログインできませんでした' }).count()).toBe(1);
    await checkPage(page, 'code step, wrong code');

    const fullWidth = mail.code.replace(/\d/g, (digit) => String.fromCharCode(0xff10 + Number(digit)));
    await codeField.fill(fullWidth);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'アカウント' }).waitFor();
    await page.getByRole('status').getByText('アカウントを作成しました。', { exact: false }).waitFor();
    expect(errors).toEqual([]);
  });

  it('in English, by keyboard alone, with English errors; axe on both steps', async () => {
    const address = 'keyboard@example.jp';
    const { page, context, errors } = await harness.open('/sign-in');
    await page.getByRole('heading', { level: 1, name: 'ログイン・新規登録' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in or create an account' }).waitFor();
    expect(await page.title()).toBe('Sign in or create an account | Furusato Resident');
    await page.getByText('No password needed', { exact: false }).waitFor();
    await checkPage(page, 'sign-in in English, e-mail step');

    await page.getByLabel('E-mail address').focus();
    await page.keyboard.type(address);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Enter the code from your e-mail' }).waitFor();
    await page.getByText(`We sent a 6-digit code to ${address}.`).waitFor();
    await checkPage(page, 'sign-in in English, code step');

    // The mailbox in English too (the mail itself is in the language it was asked in).
    const mail = await readMailInNewTab(context, address);
    expect(mail.subject).toBe(`Your Furusato sign-in code: ${mail.code}`);
    await mail.tab.getByRole('heading', { level: 1, name: 'Developer mailbox' }).waitFor();
    await checkPage(mail.tab, 'developer mailbox in English');
    await mail.tab.close();

    // From the focused heading, the next stop is the code.
    await page.bringToFront();
    await page.keyboard.press('Tab');
    expect(await hasFocus(page.getByLabel('6-digit code'))).toBe(true);
    await page.keyboard.type(wrongCode(mail.code));
    await page.keyboard.press('Enter');
    await page
      .getByRole('alert')
      .getByText('The code or link is wrong or has expired (15 minutes).', { exact: false })
      .waitFor();
    await checkPage(page, 'sign-in in English, wrong code');

    // "Use a different e-mail address" goes back with the address kept, focused for correction.
    await page.getByRole('button', { name: 'Use a different e-mail address' }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Sign in or create an account' }).waitFor();
    const emailField = page.getByLabel('E-mail address');
    expect(await emailField.inputValue()).toBe(address);
    expect(await hasFocus(emailField)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Enter the code from your e-mail' }).waitFor();
    const newest = await readMailInNewTab(context, address);
    await newest.tab.close();
    await page.getByLabel('6-digit code').fill(newest.code);
    await page.getByLabel('6-digit code').press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByRole('status').getByText('Your account is ready.', { exact: false }).waitFor();
    await checkPage(page, 'account in English');
    expect(errors).toEqual([]);
  });

  it('the resend button waits 30 seconds, then sends a new code; the code step survives a reload', async () => {
    const address = 'resend@example.jp';
    const { page, context, errors } = await harness.open('/');
    await page.clock.install();
    await page.goto('/sign-in');
    await requestCode(page, address);
    const first = await readMailInNewTab(context, address);
    await first.tab.close();

    // A phone may drop the tab while the person reads the mail: the code step comes back.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'メールに届いたコードを入力' }).waitFor();
    await page.getByText(`${address} に6桁のコードを送信しました。`).waitFor();

    const resend = page.getByRole('button', { name: 'コードを再送信' });
    expect(await resend.getAttribute('aria-disabled')).toBe('true');
    // Pressed anyway (Playwright would wait for it to be enabled): nothing is sent.
    await resend.click({ force: true });
    await page.clock.fastForward(10_000);
    await page.getByText(/あと(1\d|20)秒で再送信できます/).waitFor();
    await checkPage(page, 'code step, waiting to resend');

    await page.clock.fastForward(21_000);
    await page.getByText(/あと\d+秒で再送信できます/).waitFor({ state: 'detached' });
    expect(await resend.getAttribute('aria-disabled')).toBe('false');
    await resend.click();
    await page.getByRole('status').getByText('新しいコードを送信しました。', { exact: false }).waitFor();
    // Focus stays on the button, which waits again.
    expect(await hasFocus(resend)).toBe(true);
    expect(await resend.getAttribute('aria-disabled')).toBe('true');
    await checkPage(page, 'code step, after a resend');

    const second = await readMailInNewTab(context, address);
    // Two mails: the forced press while waiting sent nothing.
    expect(await second.tab.getByRole('main').getByRole('listitem').filter({ hasText: address }).count()).toBe(2);
    await second.tab.close();
    expect(second.code).not.toBe(first.code);
    await page.getByLabel('6桁のコード').fill(second.code);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'アカウント' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('a used or broken link says so and leads back to the sign-in page', async () => {
    const { page, errors } = await harness.open('/sign-in/email?token=not-a-real-token-at-all-0123456789');
    await page.getByRole('heading', { level: 1, name: 'メールのリンクでログイン' }).waitFor();
    await page.getByRole('alert').getByText(CODE_INVALID_JA).waitFor();
    expect(await page.title()).toBe('ログインできませんでした | ふるさと住民');
    await checkPage(page, 'link page, invalid token');

    await page.goto('/sign-in/email');
    await page.getByRole('alert').getByText('リンクが途中で切れているようです。', { exact: false }).waitFor();
    await checkPage(page, 'link page, no token');
    await page.getByRole('link', { name: 'ログイン画面へ' }).click();
    await page.getByRole('heading', { level: 1, name: 'ログイン・新規登録' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('?next= leads only to pages of this site', async () => {
    const address = 'next@example.jp';
    const { page, errors } = await harness.open('/sign-in?next=//evil.example/steal');
    await signInWithCode(page, address);
    expect(new URL(page.url()).pathname).toBe('/account');
    expect(new URL(page.url()).host).toBe(new URL(harness.baseUrl).host);

    // Already signed in: the sign-in page sends on to `next` straight away.
    await page.goto('/sign-in?next=/municipalities/042056');
    await page.getByRole('heading', { level: 1, name: '気仙沼市' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('the developer mailbox pages through its mail and is linked from the footer', async () => {
    for (let n = 1; n <= 12; n++) {
      const response = await fetch(`${harness.baseUrl}/api/v1/auth/email/start`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `bulk${n}@example.jp` }),
      });
      expect(response.status).toBe(202);
    }
    const { page, errors } = await harness.open('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('contentinfo').getByRole('link', { name: '開発用メールボックス' }).click();
    await page.getByRole('heading', { level: 1, name: '開発用メールボックス' }).waitFor();
    await page.getByText('SMTPサーバーが設定されていないため', { exact: false }).waitFor();
    const items = page.getByRole('main').getByRole('listitem');
    await items.first().waitFor();
    expect(await items.count()).toBe(10);
    // Newest first.
    expect(await items.first().textContent()).toContain('bulk12@example.jp');
    await checkPage(page, 'mailbox, page 1');

    expect(await page.getByRole('main').getByText('bulk1@example.jp').count()).toBe(0);
    await page.getByRole('button', { name: '次のページ' }).click();
    await page.waitForURL('**/dev/mail?page=2');
    await page.getByRole('main').getByText('bulk1@example.jp', { exact: false }).first().waitFor();
    await checkPage(page, 'mailbox, page 2');
    expect(errors).toEqual([]);
  });

  it('without a developer mailbox (SMTP configured, or production) the page says so and the footer has no link', async () => {
    const { page, context, errors } = await harness.open('/');
    await context.route('**/api/v1/dev/mail**', (route) =>
      route.fulfill({
        status: 404,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'NOT_FOUND', message: 'not found', details: null, requestId: 'x' } }),
      }),
    );
    await page.goto('/dev/mail');
    await page.getByRole('heading', { level: 1, name: '開発用メールボックス' }).waitFor();
    await page.getByText('この環境では開発用メールボックスは使えません。', { exact: false }).waitFor();
    expect(await page.getByRole('contentinfo').getByRole('link', { name: '開発用メールボックス' }).count()).toBe(0);
    await checkPage(page, 'mailbox, not available');
    expect(errors).toEqual([]);
  });
});
