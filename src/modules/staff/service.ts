import type { StaffRole } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/locale.ts';
import { NATIONAL_TENANT } from '../../platform/policy.ts';
import * as people from '../accounts/repository.ts';
import { normaliseEmail } from '../accounts/rules.ts';
import { appendAudit } from '../audit/repository.ts';
import { enqueueMail } from '../mail/repository.ts';
import { getMunicipality } from '../municipalities/service.ts';
import { invitationMail } from './mail-templates.ts';
import * as repository from './repository.ts';

export interface StaffContext {
  actorPersonId: string;
  tenant: string;
  requestId: string;
}

async function tenantName(db: Executor, tenant: string, locale: Locale): Promise<string> {
  if (tenant === NATIONAL_TENANT) return locale === 'en' ? 'national administration' : '国（総務省）';
  return (await getMunicipality(db, tenant)).fullName;
}

/** Reading the staff list shows personal data (e-mail addresses), so the read itself is audited. */
export async function listStaff(db: Executor, ctx: StaffContext, page: { page: number; pageSize: number }) {
  const result = await repository.staffOf(db, ctx.tenant, {
    limit: page.pageSize,
    offset: (page.page - 1) * page.pageSize,
  });
  await appendAudit(db, {
    tenant: ctx.tenant,
    actorPersonId: ctx.actorPersonId,
    action: 'staff.listed',
    requestId: ctx.requestId,
    details: { page: page.page, rows: result.items.length },
  });
  return { ...result, page: page.page, pageSize: page.pageSize };
}

/** Grants a role by e-mail; the person gets an account if they have none and is told by e-mail. */
export async function inviteStaff(
  db: Executor,
  ctx: StaffContext,
  input: { email: string; role: StaffRole; partnerId?: string; locale: Locale; publicUrl: string },
) {
  const email = normaliseEmail(input.email);
  const name = await tenantName(db, ctx.tenant, input.locale);
  return inTransaction(db, async (trx) => {
    const person =
      (await people.findPersonByEmail(trx, email)) ?? (await people.insertPerson(trx, { email, locale: input.locale }));
    const before = await repository.findMembership(trx, ctx.tenant, person.id);
    if (before?.role === 'admin' && input.role !== 'admin') await refuseLastAdmin(trx, ctx.tenant);
    await repository.upsertMembership(trx, {
      tenant: ctx.tenant,
      personId: person.id,
      role: input.role,
      partnerId: input.partnerId ?? null,
      grantedBy: ctx.actorPersonId,
    });
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: before ? 'staff.role_changed' : 'staff.granted',
      subjectType: 'person',
      subjectId: person.id,
      requestId: ctx.requestId,
      details: { role: input.role, partnerId: input.partnerId ?? null, previousRole: before?.role ?? null },
    });
    if (!before) {
      await enqueueMail(trx, {
        to: email,
        ...invitationMail(input.locale, name, input.role, `${input.publicUrl}/sign-in`),
      });
    }
    return { personId: person.id, email, role: input.role, created: !before };
  });
}

export async function changeRole(db: Executor, ctx: StaffContext, personId: string, role: StaffRole) {
  return inTransaction(db, async (trx) => {
    const before = await repository.findMembership(trx, ctx.tenant, personId);
    if (!before) throw new AppError('STAFF_MEMBER_NOT_FOUND');
    if (before.role === 'admin' && role !== 'admin') await refuseLastAdmin(trx, ctx.tenant);
    await repository.upsertMembership(trx, { tenant: ctx.tenant, personId, role, grantedBy: ctx.actorPersonId });
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: 'staff.role_changed',
      subjectType: 'person',
      subjectId: personId,
      requestId: ctx.requestId,
      details: { role, previousRole: before.role },
    });
  });
}

export async function revokeStaff(db: Executor, ctx: StaffContext, personId: string) {
  return inTransaction(db, async (trx) => {
    const before = await repository.findMembership(trx, ctx.tenant, personId);
    if (!before) throw new AppError('STAFF_MEMBER_NOT_FOUND');
    if (before.role === 'admin') await refuseLastAdmin(trx, ctx.tenant);
    await repository.deleteMembership(trx, ctx.tenant, personId);
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: 'staff.revoked',
      subjectType: 'person',
      subjectId: personId,
      requestId: ctx.requestId,
      details: { previousRole: before.role },
    });
  });
}

/** A tenant must keep an administrator, or nobody could manage it any more. */
async function refuseLastAdmin(db: Executor, tenant: string): Promise<void> {
  if ((await repository.countAdminsForUpdate(db, tenant)) <= 1) throw new AppError('LAST_ADMIN');
}
