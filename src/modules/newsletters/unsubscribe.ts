import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { updateRegistration } from '../registrations/service.ts';
import { notificationKeys } from './push.ts';
import { verifyUnsubscribeToken } from './rules.ts';

async function registrationOf(db: Executor, token: string) {
  const { unsubscribeSecret } = await notificationKeys(db);
  const named = verifyUnsubscribeToken(unsubscribeSecret, token);
  if (!named) throw new AppError('UNSUBSCRIBE_LINK_INVALID');
  const row = await db
    .selectFrom('municipalities as m')
    .leftJoin('registrations as r', (join) =>
      join.onRef('r.municipality_code', '=', 'm.code').on('r.person_id', '=', named.personId),
    )
    .select(['m.code', 'm.name', 'r.consents'])
    .where('m.code', '=', named.municipalityCode)
    .executeTakeFirst();
  if (!row) throw new AppError('UNSUBSCRIBE_LINK_INVALID');
  return { ...named, municipalityName: row.name, consents: row.consents };
}

/** What the confirmation page shows before the person presses the button (a GET changes nothing). */
export async function unsubscribeState(db: Executor, token: string) {
  const r = await registrationOf(db, token);
  return {
    municipalityCode: r.municipalityCode,
    municipalityName: r.municipalityName,
    subscribed: r.consents?.includes('news') ?? false,
  };
}

/**
 * Withdraws the consent to news that the registration recorded. Pressing twice, or after leaving the
 * municipality, answers the same: not subscribed.
 */
export async function unsubscribe(db: Executor, token: string) {
  const r = await registrationOf(db, token);
  if (r.consents?.includes('news')) {
    await updateRegistration(db, r.personId, r.municipalityCode, { consents: r.consents.filter((c) => c !== 'news') });
  }
  return { municipalityCode: r.municipalityCode, municipalityName: r.municipalityName, subscribed: false };
}
