import { type Executor, inTransaction } from '../../db/transaction.ts';
import * as people from '../accounts/repository.ts';
import { upsertMembership } from '../staff/repository.ts';
import { insertPartner } from './repository.ts';

// Demo only: a partner shop of 気仙沼市 with one person who acts for it.
export const DEMO_PARTNER = {
  municipalityCode: '042056',
  name: '気仙沼 海の市 お土産処',
  email: 'shop@kesennuma.example.jp',
};

export async function seedDemoPartners(db: Executor): Promise<void> {
  await inTransaction(db, async (trx) => {
    const partner = await insertPartner(trx, DEMO_PARTNER.municipalityCode, DEMO_PARTNER.name);
    const person = await people.insertPerson(trx, { email: DEMO_PARTNER.email, locale: 'ja' });
    await upsertMembership(trx, {
      tenant: DEMO_PARTNER.municipalityCode,
      personId: person.id,
      role: 'partner',
      partnerId: partner.id,
      grantedBy: null,
    });
  });
}
