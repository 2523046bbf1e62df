import type { StaffRole } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import * as people from '../accounts/repository.ts';
import { appendAudit } from '../audit/repository.ts';
import { upsertMembership } from './repository.ts';

// Demo accounts: sign in with these addresses; the code arrives in the developer mailbox (/api/v1/dev/mail).
export const DEMO_STAFF: { email: string; tenant: string; role: StaffRole }[] = [
  { email: 'admin@national.example.jp', tenant: 'national', role: 'admin' },
  { email: 'admin@kesennuma.example.jp', tenant: '042056', role: 'admin' },
  { email: 'editor@kesennuma.example.jp', tenant: '042056', role: 'editor' },
  { email: 'admin@fukushima.example.jp', tenant: '070009', role: 'admin' },
  // 福島市 reviews premium applications by staff: its console has the demo's queue of applications.
  { email: 'admin@city.fukushima.example.jp', tenant: '072010', role: 'admin' },
];

export async function seedDemoStaff(db: Executor): Promise<void> {
  await inTransaction(db, async (trx) => {
    for (const s of DEMO_STAFF) {
      const person = await people.insertPerson(trx, { email: s.email, locale: 'ja' });
      await upsertMembership(trx, { tenant: s.tenant, personId: person.id, role: s.role, grantedBy: null });
      await appendAudit(trx, {
        tenant: s.tenant,
        actorPersonId: null,
        action: 'staff.granted',
        subjectType: 'person',
        subjectId: person.id,
        details: { role: s.role, source: 'demo-data' },
      });
    }
  });
}
