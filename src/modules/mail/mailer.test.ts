import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.ts';
import { type SmtpSink, startSmtpSink } from '../../../test/support/smtp-sink.ts';
import { prepareDatabase } from '../../db/prepare.ts';
import { startEmailSignIn } from '../accounts/service.ts';
import { createMailer } from './mailer.ts';
import { recentMail } from './repository.ts';

// A real SMTP server on loopback: what it receives is what a mail server would.
describe('SMTP delivery', () => {
  let smtp: SmtpSink;
  let t: TestDatabase;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await createTestDatabase('pglite');
    await prepareDatabase(t.database.db, { demoData: false });
  });
  afterAll(async () => {
    await smtp?.close();
    await t?.drop();
  });

  it('delivers the sign-in mail and marks it sent', async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'Furusato <no-reply@furusato.test>' });
    await startEmailSignIn(t.database.db, {
      email: 'taro@example.jp',
      locale: 'ja',
      publicUrl: 'https://furusato.test',
    });
    expect(await mailer.deliver(t.database.db)).toEqual({ sent: 1, failed: 0 });
    mailer.close();

    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.to).toEqual(['taro@example.jp']);
    const raw = smtp.received[0]?.raw ?? '';
    expect(raw).toContain('From: Furusato <no-reply@furusato.test>');
    expect(raw).toMatch(/Subject: =\?UTF-8\?/);
    const { items } = await recentMail(t.database.db, { limit: 10, offset: 0 });
    expect(items[0]?.sentAt).toBeInstanceOf(Date);
  });

  it('keeps mail in the outbox with its error when the server is unreachable', async () => {
    const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: 'no-reply@furusato.test' });
    await startEmailSignIn(t.database.db, {
      email: 'jiro@example.jp',
      locale: 'en',
      publicUrl: 'https://furusato.test',
    });
    expect(await mailer.deliver(t.database.db)).toEqual({ sent: 0, failed: 1 });
    mailer.close();
    const { items } = await recentMail(t.database.db, { limit: 10, offset: 0 });
    expect(items.find((m) => m.to === 'jiro@example.jp')?.sentAt).toBeNull();
  });
});
