import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/locale.ts';
import { NATIONAL_TENANT } from '../../platform/policy.ts';
import { appendAudit } from '../audit/repository.ts';
import { getMunicipality } from '../municipalities/service.ts';
import { inviteStaff, type StaffContext } from '../staff/service.ts';
import * as repository from './repository.ts';

async function requireMunicipalityTenant(db: Executor, tenant: string): Promise<void> {
  // Partners belong to a municipality or prefecture, never to the national level.
  if (tenant === NATIONAL_TENANT) throw new AppError('INVALID_TENANT');
  await getMunicipality(db, tenant);
}

export async function listPartners(db: Executor, ctx: StaffContext, page: { page: number; pageSize: number }) {
  const result = await repository.partnersOf(db, ctx.tenant, {
    limit: page.pageSize,
    offset: (page.page - 1) * page.pageSize,
  });
  return { ...result, page: page.page, pageSize: page.pageSize };
}

export async function createPartner(db: Executor, ctx: StaffContext, name: string) {
  await requireMunicipalityTenant(db, ctx.tenant);
  return inTransaction(db, async (trx) => {
    const partner = await repository.insertPartner(trx, ctx.tenant, name);
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: 'partner.created',
      subjectType: 'partner',
      subjectId: partner.id,
      requestId: ctx.requestId,
      details: { name },
    });
    return partner;
  });
}

/** Gives someone the `partner` role for this one partner (e.g. the shop owner who checks member cards). */
export async function invitePartnerMember(
  db: Executor,
  ctx: StaffContext,
  partnerId: string,
  input: { email: string; locale: Locale; publicUrl: string },
) {
  const partner = await repository.findPartner(db, ctx.tenant, partnerId);
  if (!partner) throw new AppError('PARTNER_NOT_FOUND');
  return inviteStaff(db, ctx, { ...input, role: 'partner', partnerId: partner.id });
}
