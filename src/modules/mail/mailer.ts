import nodemailer, { type Transporter } from 'nodemailer';
import type { Executor } from '../../db/transaction.ts';
import { enqueueMail, markFailed, markSent, unsentMail } from './repository.ts';

/** One message sent at once by a caller that does its own retrying (newsletters, through the job queue). */
export interface DirectMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  /** True when mail only goes to the outbox (no SMTP): the developer mail page is then available. */
  readonly outboxOnly: boolean;
  /** Sends what the outbox holds; failures stay in the outbox with their error for the next attempt. */
  deliver(db: Executor): Promise<{ sent: number; failed: number }>;
  /**
   * Sends one message now and throws when the server refuses it (the error keeps SMTP's `responseCode`).
   * Without SMTP the message goes to the outbox, where the developer mail page shows it.
   */
  sendNow(db: Executor, mail: DirectMail): Promise<void>;
  close(): void;
}

export function createMailer(options: { smtpUrl?: string; from: string }): Mailer {
  if (!options.smtpUrl) {
    return {
      outboxOnly: true,
      deliver: async () => ({ sent: 0, failed: 0 }),
      sendNow: (db, mail) => enqueueMail(db, { to: mail.to, subject: mail.subject, text: mail.text }),
      close: () => {},
    };
  }
  const transport: Transporter = nodemailer.createTransport(options.smtpUrl);
  // Bulk sending reuses a few open connections instead of one connection (and handshake) per message.
  let pooled: Transporter | undefined;
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
    async sendNow(_db, mail) {
      pooled ??= nodemailer.createTransport({ url: options.smtpUrl, pool: true, maxConnections: 4, maxMessages: 1000 });
      await pooled.sendMail({ from: options.from, ...mail });
    },
    close: () => {
      transport.close();
      pooled?.close();
    },
  };
}
