import type { ModelProjectType } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { appendAudit } from '../audit/repository.ts';
import { jstDay } from '../registrations/rules.ts';
import type { StaffContext } from '../staff/service.ts';
import * as repository from './repository.ts';
import {
  effectIndicator,
  MODEL_PROJECT_MAX_MEMBERS,
  MODEL_PROJECT_MIN_MEMBERS,
  type ModelStep,
  missingPlanItems,
  monthOf,
  type Plan,
  publicCount,
  stepChangeRefusal,
} from './rules.ts';
import type { EffectReport } from './schema.ts';

function planOf(row: repository.MemberRow): Plan {
  return {
    regionalIssues: row.regionalIssues ?? '',
    deepeningInitiatives: row.deepeningInitiatives ?? '',
    contentPlan: row.contentPlan ?? '',
    supportMeasures: row.supportMeasures ?? '',
    premiumRequirements: row.premiumRequirements ?? '',
    baselineOn: row.baselineOn ?? null,
    baselineNote: row.baselineNote ?? '',
  };
}

function memberOf(row: repository.MemberRow) {
  return {
    code: row.code,
    fullName: row.fullName,
    prefectureCode: row.prefectureCode,
    kind: row.kind,
    type: row.type,
    step: row.step as ModelStep,
    selectedAt: row.selectedAt,
    step2On: row.step2On,
    step3On: row.step3On,
    missingItems: missingPlanItems(planOf(row)),
  };
}

async function requireMember(db: Executor, code: string, options: { lock?: boolean } = {}) {
  const row = await repository.findMember(db, code, options);
  if (!row) throw new AppError('MODEL_PROJECT_MEMBER_NOT_FOUND', { code });
  return row;
}

export async function listMembers(db: Executor) {
  return {
    items: (await repository.members(db)).map(memberOf),
    limits: { min: MODEL_PROJECT_MIN_MEMBERS, max: MODEL_PROJECT_MAX_MEMBERS },
  };
}

/** The national administrator selects a participating local government (or changes its type). */
export async function selectMember(db: Executor, ctx: StaffContext, code: string, type: ModelProjectType) {
  return inTransaction(db, async (trx) => {
    const target = await repository.findParticipant(trx, code);
    if (!target) throw new AppError('MUNICIPALITY_NOT_FOUND', { code });
    if (target.kind === 'ward') throw new AppError('WARD_CANNOT_PARTICIPATE');
    if (target.joinedAt === null) throw new AppError('MUNICIPALITY_NOT_PARTICIPATING');
    const before = await repository.findMember(trx, code);
    // Serialises concurrent selections so the limit holds.
    await trx.selectFrom('model_project_members').select('municipality_code').forUpdate().execute();
    if (!before && (await repository.countMembers(trx)) >= MODEL_PROJECT_MAX_MEMBERS) {
      throw new AppError('MODEL_PROJECT_FULL', { max: MODEL_PROJECT_MAX_MEMBERS });
    }
    await repository.upsertMember(trx, code, type, ctx.actorPersonId);
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: before ? 'model_project.type_changed' : 'model_project.selected',
      subjectType: 'municipality',
      subjectId: code,
      requestId: ctx.requestId,
      details: { type, previousType: before?.type ?? null },
    });
    return memberOf(await requireMember(trx, code));
  });
}

export async function removeMember(db: Executor, ctx: StaffContext, code: string) {
  await inTransaction(db, async (trx) => {
    const before = await requireMember(trx, code, { lock: true });
    await repository.deleteMember(trx, code);
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: 'model_project.removed',
      subjectType: 'municipality',
      subjectId: code,
      requestId: ctx.requestId,
      details: { type: before.type, step: before.step },
    });
  });
}

export async function changeStep(db: Executor, ctx: StaffContext, code: string, step: ModelStep, now = new Date()) {
  return inTransaction(db, async (trx) => {
    const row = await requireMember(trx, code, { lock: true });
    const refusal = stepChangeRefusal(row.step as ModelStep, step, planOf(row));
    if (refusal) throw new AppError(refusal, { step: row.step, missing: missingPlanItems(planOf(row)) });
    await repository.setStep(trx, code, step, jstDay(now));
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: 'model_project.step_changed',
      subjectType: 'municipality',
      subjectId: code,
      requestId: ctx.requestId,
      details: { step, previousStep: row.step },
    });
    return memberOf(await requireMember(trx, code));
  });
}

/** A municipality's own plan: the guard already limits the tenant to its staff (and national readers). */
export async function getPlan(db: Executor, ctx: StaffContext) {
  const row = await requireMember(db, ctx.tenant);
  return { member: memberOf(row), plan: planOf(row), updatedAt: row.planUpdatedAt ?? null };
}

export async function savePlan(db: Executor, ctx: StaffContext, plan: Plan) {
  return inTransaction(db, async (trx) => {
    await requireMember(trx, ctx.tenant, { lock: true });
    await repository.savePlan(trx, ctx.tenant, plan, ctx.actorPersonId);
    await appendAudit(trx, {
      tenant: ctx.tenant,
      actorPersonId: ctx.actorPersonId,
      action: 'model_plan.saved',
      subjectType: 'municipality',
      subjectId: ctx.tenant,
      requestId: ctx.requestId,
      details: { missing: missingPlanItems(plan), baselineOn: plan.baselineOn },
    });
    return getPlan(trx, ctx);
  });
}

/**
 * STEP3 effect verification: from the baseline month (the plan's baseline date, else the start of STEP2,
 * else the selection) to today, against the median of non-model peers nationally and in the prefecture.
 */
export async function effectReport(db: Executor, code: string, now = new Date()): Promise<EffectReport> {
  const row = await requireMember(db, code);
  const plan = planOf(row);
  const baselineOn = plan.baselineOn ?? row.step2On ?? jstDay(row.selectedAt);
  const cohort = await repository.beforeAfter(db, code, row.kind, monthOf(baselineOn));
  const own = cohort.find((p) => p.code === code);
  if (!own) throw new AppError('MODEL_PROJECT_MEMBER_NOT_FOUND', { code });
  const peers = cohort.filter((p) => p.code !== code);
  const samePrefecture = peers.filter((p) => p.prefectureCode === row.prefectureCode);
  const indicator = (key: 'registrations' | 'premium' | 'activities') =>
    effectIndicator(
      own[key],
      peers.map((p) => p[key]),
      samePrefecture.map((p) => p[key]),
    );
  let registrations = 0;
  let premium = 0;
  const monthly = (await repository.monthlyOf(db, code)).map((m) => {
    registrations += m.registrations;
    premium += m.premium;
    return { month: m.month, registrations, premium };
  });
  return {
    member: memberOf(row),
    plan,
    window: { baselineOn, asOf: jstDay(now) },
    indicators: {
      registrations: indicator('registrations'),
      premium: indicator('premium'),
      activities: indicator('activities'),
    },
    monthly,
  };
}

/** The public progress page: the plan and the step, and a registration count only from 10 upwards. */
export async function progress(db: Executor, code: string) {
  const row = await requireMember(db, code);
  const { baselineNote: _, ...plan } = planOf(row);
  return {
    code: row.code,
    fullName: row.fullName,
    type: row.type,
    step: row.step as ModelStep,
    selectedAt: row.selectedAt,
    step2On: row.step2On,
    step3On: row.step3On,
    plan,
    registrations: publicCount(await repository.registrationsOf(db, code)),
  };
}
