import type { Executor } from '../../db/transaction.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export async function enqueueMail(db: Executor, mail: OutgoingMail): Promise<void> {
  await db
    .insertInto('mail_outbox')
    .values({ to_address: mail.to, subject: mail.subject, text_body: mail.text })
    .execute();
}

export function unsentMail(db: Executor, limit: number) {
  return db
    .selectFrom('mail_outbox')
    .select(['id', 'to_address', 'subject', 'text_body'])
    .where('sent_at', 'is', null)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

export async function markSent(db: Executor, id: string): Promise<void> {
  await db.updateTable('mail_outbox').set({ sent_at: new Date(), last_error: null }).where('id', '=', id).execute();
}

export async function markFailed(db: Executor, id: string, error: string): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ last_error: error.slice(0, 1000) })
    .where('id', '=', id)
    .execute();
}

export async function recentMail(db: Executor, page: { limit: number; offset: number }) {
  const [items, count] = await Promise.all([
    db
      .selectFrom('mail_outbox')
      .select([
        'id',
        'to_address as to',
        'subject',
        'text_body as text',
        'created_at as createdAt',
        'sent_at as sentAt',
      ])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('mail_outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}
