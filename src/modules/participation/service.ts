import { stringify } from 'csv-stringify/sync';
import type { FeeStatus } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/locale.ts';
import { appendAudit } from '../audit/repository.ts';
import { neutraliseFormula } from '../registrations/member-export.ts';
import { jstDay } from '../registrations/rules.ts';
import type { StaffContext } from '../staff/service.ts';
import { inviteStaff } from '../staff/service.ts';
import * as repository from './repository.ts';
import { assessFee } from './rules.ts';
import type { FeePolicyInput, Participant, ParticipantQuery } from './schema.ts';

export async function getFeePolicy(db: Executor) {
  return repository.currentFeePolicy(db);
}

/** A new policy row (the old ones stay as the record of decisions); the directory's fee column follows. */
export async function decideFeePolicy(db: Executor, ctx: StaffContext, input: FeePolicyInput, now = new Date()) {
  return inTransaction(db, async (trx) => {
    await repository.insertFeePolicy(trx, input, ctx.actorPersonId);
    await refreshFeeStatuses(trx, now);
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: 'fee_policy.decided',
      requestId: ctx.requestId,
      details: { ...input },
    });
    return repository.currentFeePolicy(trx);
  });
}

async function refreshFeeStatuses(db: Executor, now: Date): Promise<void> {
  const policy = await repository.currentFeePolicy(db);
  const byStatus = new Map<FeeStatus, string[]>();
  for (const p of await repository.participants(db)) {
    const { status } = assessFee(p.joinedAt, policy, jstDay(now));
    byStatus.set(status, [...(byStatus.get(status) ?? []), p.code]);
  }
  await repository.setFeeStatuses(db, byStatus);
}

async function assessedParticipants(db: Executor, now: Date): Promise<Participant[]> {
  const policy = await repository.currentFeePolicy(db);
  const today = jstDay(now);
  return (await repository.participants(db)).map((p) => {
    const { status, ...fee } = assessFee(p.joinedAt, policy, today);
    return { ...p, ...fee, feeStatus: status };
  });
}

function matches(p: Participant, query: Omit<ParticipantQuery, 'page' | 'pageSize'>): boolean {
  return (
    (!query.prefecture || p.prefectureCode === query.prefecture) &&
    (!query.feeStatus || p.feeStatus === query.feeStatus) &&
    (!query.modelOnly || p.modelType !== null) &&
    (!query.q || p.fullName.includes(query.q))
  );
}

/** The list shows contacts' e-mail addresses (personal data), so reading it is audited. */
export async function listParticipants(db: Executor, ctx: StaffContext, query: ParticipantQuery, now = new Date()) {
  const all = (await assessedParticipants(db, now)).filter((p) => matches(p, query));
  const items = all.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  await appendAudit(db, {
    tenant: ctx.tenant,
    actorPersonId: ctx.actorPersonId,
    action: 'participants.listed',
    requestId: ctx.requestId,
    details: { page: query.page, rows: items.length },
  });
  return { items, total: all.length, page: query.page, pageSize: query.pageSize };
}

const CSV_COLUMNS = [
  ['code', '団体コード'],
  ['fullName', '団体名'],
  ['joinedAt', '参加日'],
  ['feeStatus', '利用料'],
  ['exemptUntil', '免除期間の終了日'],
  ['annualFeeYen', '年額（円）'],
  ['modelType', 'モデル事業の類型'],
  ['contacts', '担当者'],
] as const;

export async function exportParticipants(
  db: Executor,
  ctx: StaffContext,
  query: Omit<ParticipantQuery, 'page' | 'pageSize'>,
  now = new Date(),
) {
  const rows = (await assessedParticipants(db, now)).filter((p) => matches(p, query));
  const body = stringify(
    rows.map((p) =>
      CSV_COLUMNS.map(([key]) =>
        key === 'contacts'
          ? neutraliseFormula(p.contacts.map((c) => `${c.department} ${c.name} <${c.email}>`).join('; '))
          : neutraliseFormula(String(p[key] ?? '')),
      ),
    ),
    { header: true, columns: CSV_COLUMNS.map(([, label]) => label), record_delimiter: '\r\n' },
  );
  await appendAudit(db, {
    tenant: ctx.tenant,
    actorPersonId: ctx.actorPersonId,
    action: 'participants.exported',
    requestId: ctx.requestId,
    details: { rows: rows.length, filters: { ...query } },
  });
  return { csv: `\uFEFF${body}`, filename: `participants-${jstDay(now).replaceAll('-', '')}.csv`, total: rows.length };
}

/**
 * Onboarding (seed 第1): the participation date, the municipality's contacts and its first administrator,
 * invited by e-mail through the staff invitation. One transaction: all of it or nothing.
 */
export async function onboardMunicipality(
  db: Executor,
  ctx: StaffContext,
  input: {
    code: string;
    joinedAt: string;
    contacts: { name: string; department: string; email: string; phone?: string }[];
    firstAdminEmail: string;
    locale: Locale;
    publicUrl: string;
  },
  now = new Date(),
) {
  return inTransaction(db, async (trx) => {
    const entry = await repository.findDirectoryEntry(trx, input.code);
    if (!entry) throw new AppError('MUNICIPALITY_NOT_FOUND', { code: input.code });
    if (entry.kind === 'ward') throw new AppError('WARD_CANNOT_PARTICIPATE');
    if (entry.joinedAt !== null) throw new AppError('ALREADY_PARTICIPATING', { joinedAt: entry.joinedAt });
    const policy = await repository.currentFeePolicy(trx);
    const fee = assessFee(input.joinedAt, policy, jstDay(now));
    await repository.setJoined(trx, input.code, input.joinedAt, fee.status);
    await repository.insertContacts(trx, input.code, input.contacts);
    const invited = await inviteStaff(
      trx,
      { ...ctx, tenant: input.code },
      { email: input.firstAdminEmail, role: 'admin', locale: input.locale, publicUrl: input.publicUrl },
    );
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: 'participation.onboarded',
      subjectType: 'municipality',
      subjectId: input.code,
      requestId: ctx.requestId,
      details: { joinedAt: input.joinedAt, feeStatus: fee.status, contacts: input.contacts.length },
    });
    return {
      code: input.code,
      fullName: entry.fullName,
      joinedAt: input.joinedAt,
      feeStatus: fee.status,
      exemptUntil: fee.exemptUntil,
      firstAdmin: { personId: invited.personId, email: invited.email },
    };
  });
}
