import type { BrowserContext, Locator, Page } from 'playwright-core';
import { checkPage } from './harness.ts';

export interface ReceivedMail {
  subject: string;
  text: string;
  /** The 6-digit sign-in code in the body. */
  code: string;
  /** The sign-in link in the body. */
  link: Locator;
}

/**
 * Opens the developer mailbox (/dev/mail) in `page` and expands the newest mail to `address`, as a
 * developer would, in the browser. The mail is expected to be there already (sending is synchronous).
 */
export async function openNewestMail(
  page: Page,
  address: string,
  options: { check?: string } = {},
): Promise<ReceivedMail> {
  await page.goto('/dev/mail');
  await page.getByRole('heading', { level: 1 }).waitFor();
  const item = page.getByRole('listitem').filter({ hasText: address }).first();
  await item.waitFor();
  const summary = item.locator('summary');
  const subject = ((await summary.locator('span > span').first().textContent()) ?? '').trim();
  if (options.check) await checkPage(page, `${options.check}: mailbox`);
  await summary.click();
  const body = item.locator('pre');
  await body.waitFor();
  if (options.check) await checkPage(page, `${options.check}: mail opened`);
  const text = (await body.textContent()) ?? '';
  const code = /^\s*(\d{6})\s*$/m.exec(text)?.[1];
  if (!code) throw new Error(`no sign-in code in the newest mail to ${address}:\n${text}`);
  return { subject, text, code, link: body.getByRole('link', { name: /\/sign-in\/email\?token=/ }) };
}

/** Reads the newest mail to `address` in a second tab of the same browser, like a person with a mail app. */
export async function readMailInNewTab(
  context: BrowserContext,
  address: string,
): Promise<ReceivedMail & { tab: Page }> {
  const tab = await context.newPage();
  const mail = await openNewestMail(tab, address);
  return { ...mail, tab };
}

/** Fills and sends the e-mail step of /sign-in (Japanese UI), and waits for the code step. */
export async function requestCode(page: Page, address: string): Promise<void> {
  await page.getByLabel('メールアドレス').fill(address);
  await page.getByRole('button', { name: 'コードを送信' }).click();
  await page.getByRole('heading', { level: 1, name: 'メールに届いたコードを入力' }).waitFor();
}

/** Signs `address` in from /sign-in with the code from the mailbox (read in a second tab); ends on /account. */
export async function signInWithCode(page: Page, address: string): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith('/sign-in')) await page.goto('/sign-in');
  await requestCode(page, address);
  const mail = await readMailInNewTab(page.context(), address);
  await mail.tab.close();
  await page.getByLabel('6桁のコード').fill(mail.code);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'アカウント' }).waitFor();
}

/** A code that is surely not `code`. */
export function wrongCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}
