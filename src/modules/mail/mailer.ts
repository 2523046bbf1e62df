import nodemailer, { type Transporter } from 'nodemailer';
import type { Executor } from '../../db/transaction.ts';
import { markFailed, markSent, unsentMail } from './repository.ts';

export interface Mailer {
  /** True when mail only goes to the outbox (no SMTP): the developer mail page is then available. */
  readonly outboxOnly: boolean;
  /** Sends what the outbox holds; failures stay in the outbox with their error for the next attempt. */
  deliver(db: Executor): Promise<{ sent: number; failed: number }>;
  close(): void;
}

export function createMailer(options: { smtpUrl?: string; from: string }): Mailer {
  if (!options.smtpUrl) {
    return { outboxOnly: true, deliver: async () => ({ sent: 0, failed: 0 }), close: () => {} };
  }
  const transport: Transporter = nodemailer.createTransport(options.smtpUrl);
  return {
    outboxOnly: false,
    async deliver(db) {
      let sent = 0;
      let failed = 0;
      for (const mail of await unsentMail(db, 50)) {
        try {
          await transport.sendMail({
            from: options.from,
            to: mail.to_address,
            subject: mail.subject,
            text: mail.text_body,
          });
          await markSent(db, mail.id);
          sent++;
        } catch (error) {
          await markFailed(db, mail.id, (error as Error).message);
          failed++;
        }
      }
      return { sent, failed };
    },
    close: () => transport.close(),
  };
}
