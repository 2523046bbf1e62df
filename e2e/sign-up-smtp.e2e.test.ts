import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../test/support/smtp-sink.ts';
import { requestCode } from './support/accounts.ts';
import { checkPage, type Harness, startHarness } from './support/harness.ts';

// The sign-up as production runs it: the code leaves through SMTP and is read from what a real
// SMTP server received, not from the developer mailbox.

/** The plain-text body of a single-part message, undoing nodemailer's transfer encoding. */
function textBody(raw: string): string {
  const [headers = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/^content-transfer-encoding:\s*base64/im.test(headers)) return Buffer.from(body, 'base64').toString('utf8');
  if (/^content-transfer-encoding:\s*quoted-printable/im.test(headers)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return body;
}

let smtp: SmtpSink;
let harness: Harness;

beforeAll(async () => {
  smtp = await startSmtpSink();
  harness = await startHarness({ env: { SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await harness?.stop();
  await smtp?.close();
});

describe('sign-up by e-mail over SMTP', () => {
  it('a new resident signs up with the code a real SMTP server received', async () => {
    const address = 'smtp.resident@example.jp';
    const { page, errors } = await harness.open('/sign-in');
    await page.getByRole('heading', { level: 1, name: 'ログイン・新規登録' }).waitFor();
    await requestCode(page, address);

    const mail = smtp.received.find((m) => m.to.includes(address));
    expect(mail, 'the SMTP server received the sign-in mail').toBeDefined();
    const code = textBody(mail?.raw ?? '').match(/^\s+(\d{6})\s*$/m)?.[1];
    expect(code).toMatch(/^\d{6}$/);

    await page.getByLabel('6桁のコード').fill(code ?? '');
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'アカウント' }).waitFor();
    await page.getByText(address).first().waitFor();
    await checkPage(page, 'account after SMTP sign-up');

    // With SMTP configured there is no developer mailbox.
    const mailbox = await page.request.get('/api/v1/dev/mail');
    expect(mailbox.status()).toBe(404);
    expect(errors).toEqual([]);
  });
});
