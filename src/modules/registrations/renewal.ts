import { type Executor, inTransaction } from '../../db/transaction.ts';
import type { Locale } from '../../platform/locale.ts';
import { enqueueMail } from '../mail/repository.ts';
import * as repository from './repository.ts';
import { jstDay, NATIONAL_PREMIUM, reminderDue } from './rules.ts';
import { lapseExpiredPremiums } from './service.ts';

// Premium is renewed yearly: a reminder 30 days before the end, then a lapse back to basic.

function reminderMail(locale: Locale, municipalityName: string, expiresOn: string, publicUrl: string) {
  const link = `${publicUrl}/account`;
  if (locale === 'en') {
    return {
      subject: `Your premium registration with ${municipalityName} expires on ${expiresOn}`,
      text: `Your furusato premium registration with ${municipalityName} expires on ${expiresOn}.\nRenew it here: ${link}\n\nIf you do not renew, it becomes a basic registration; nothing else changes.`,
    };
  }
  return {
    subject: `【ふるさと住民登録】${municipalityName}のプレミアム登録は${expiresOn}に有効期限を迎えます`,
    text: `${municipalityName}のプレミアム登録の有効期限は${expiresOn}です。\n更新はこちらから: ${link}\n\n更新しない場合はベーシック登録に戻ります（そのほかの登録内容は変わりません）。`,
  };
}

/** One reminder per premium term, 30 days before it ends. */
export async function sendRenewalReminders(db: Executor, publicUrl: string, now = new Date()): Promise<number> {
  const due = await repository.premiumsExpiringBy(
    db,
    new Date(now.getTime() + NATIONAL_PREMIUM.reminderDays * 86_400_000),
    now,
    1000,
  );
  let sent = 0;
  for (const row of due) {
    if (!row.email || !row.premiumExpiresAt || !reminderDue(row.premiumExpiresAt, row.premiumRemindedAt, now)) continue;
    const mail = reminderMail(row.locale, row.municipalityName, jstDay(row.premiumExpiresAt), publicUrl);
    await inTransaction(db, async (trx) => {
      await enqueueMail(trx, { to: row.email as string, ...mail });
      await repository.updateRegistration(trx, row.personId, row.municipalityCode, { premiumRemindedAt: now }, now);
    });
    sent++;
  }
  return sent;
}

/** Run periodically by the server (and once at start): lapses first, so nobody is reminded of a lapsed term. */
export async function runPremiumMaintenance(db: Executor, publicUrl: string, now = new Date()) {
  const lapsed = await lapseExpiredPremiums(db, now);
  const reminded = await sendRenewalReminders(db, publicUrl, now);
  return { lapsed, reminded };
}
