import type { Tier } from '../../db/schema.ts';
import type { Locale } from '../../platform/locale.ts';
import { isPremiumValid, jstDay, normaliseRelationTypes } from '../registrations/rules.ts';

// Support measures (サポート施策): who may use them, what a subsidy form accepts, and when an offline
// scan may still be synced. Plain functions over plain data.

export const MEASURE_KINDS = ['discount', 'lodging_transport', 'resident_rate', 'subsidy', 'information'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
/** The kinds a partner honours at its counter by scanning the member card. */
export const REDEEMABLE_KINDS: readonly MeasureKind[] = ['discount', 'lodging_transport', 'resident_rate'];
export const MEASURE_USAGES = ['once', 'repeatable'] as const;
export type MeasureUsage = (typeof MEASURE_USAGES)[number];

export const FORM_FIELD_TYPES = ['text', 'textarea', 'number', 'date', 'yes_no'] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

export interface FormField {
  id: string;
  label: string;
  type: FormFieldType;
  required: boolean;
  help?: string;
}

export interface MeasureTerms {
  kind: MeasureKind;
  minTier: Tier;
  /** Empty: every relationship type. Otherwise the member must hold one of them. */
  relationTypes: readonly number[];
  validFrom: string | null;
  validUntil: string | null;
  published: boolean;
  usage: MeasureUsage;
}

/** The member's registration with the measure's municipality, or null when there is none. */
export interface MemberStanding {
  tier: Tier;
  premiumExpiresAt: Date | null;
  relationTypes: readonly number[];
}

export type IneligibleReason =
  | 'not_registered'
  | 'not_published'
  | 'not_started'
  | 'ended'
  | 'premium_required'
  | 'relation_type'
  | 'already_used';

export interface Reason {
  code: IneligibleReason;
  message: Record<Locale, string>;
}

const CIRCLED = ['', '①', '②', '③', '④'];

/**
 * Whether the member may use the measure on the (JST) day of `at`, and every reason why not.
 * `timesUsed`: the member's recorded uses of it, which end a one-time measure.
 */
export function eligibilityOf(
  measure: MeasureTerms,
  member: MemberStanding | null,
  at: Date,
  timesUsed = 0,
): { eligible: boolean; reasons: Reason[] } {
  const reasons: Reason[] = [];
  const day = jstDay(at);
  if (!measure.published) {
    reasons.push({
      code: 'not_published',
      message: { ja: 'この施策は現在受け付けていません。', en: 'This measure is not open at the moment.' },
    });
  }
  if (measure.validFrom !== null && day < measure.validFrom) {
    reasons.push({
      code: 'not_started',
      message: { ja: `${measure.validFrom}から利用できます。`, en: `Available from ${measure.validFrom}.` },
    });
  }
  if (measure.validUntil !== null && day > measure.validUntil) {
    reasons.push({
      code: 'ended',
      message: { ja: `${measure.validUntil}で終了しました。`, en: `Ended on ${measure.validUntil}.` },
    });
  }
  if (!member) {
    reasons.push({
      code: 'not_registered',
      message: {
        ja: 'この自治体にふるさと住民登録している方が対象です。',
        en: 'For people registered with this municipality.',
      },
    });
    return { eligible: false, reasons };
  }
  if (measure.minTier === 'premium' && !isPremiumValid(member.tier, member.premiumExpiresAt, at)) {
    reasons.push({
      code: 'premium_required',
      message: { ja: 'プレミアム登録の方が対象です。', en: 'For premium members.' },
    });
  }
  const wanted = normaliseRelationTypes(measure.relationTypes);
  if (wanted.length > 0 && !wanted.some((t) => member.relationTypes.includes(t))) {
    const ja = wanted.map((t) => CIRCLED[t]).join('');
    reasons.push({
      code: 'relation_type',
      message: {
        ja: `関わり方の類型${ja}のいずれかで登録している方が対象です。`,
        en: `For members with relationship type ${wanted.map((t) => `(${t})`).join(' or ')}.`,
      },
    });
  }
  if (measure.usage === 'once' && timesUsed > 0) {
    reasons.push({
      code: 'already_used',
      message: { ja: 'この施策はすでに利用済みです（1人1回まで）。', en: 'Already used (once per member).' },
    });
  }
  return { eligible: reasons.length === 0, reasons };
}

/** Settings that contradict the measure's kind; empty when the measure is consistent. */
export function measureSettingsProblems(m: {
  kind: MeasureKind;
  partnerIds: readonly string[];
  formFields: readonly FormField[];
  maxAmountYen: number | null;
  validFrom: string | null;
  validUntil: string | null;
}): string[] {
  const problems: string[] = [];
  if (m.partnerIds.length > 0 && !REDEEMABLE_KINDS.includes(m.kind)) {
    problems.push('partnerIds: only discount, lodging_transport and resident_rate are honoured by partners');
  }
  if (m.kind !== 'subsidy' && m.formFields.length > 0) problems.push('formFields: only a subsidy has a form');
  if (m.kind !== 'subsidy' && m.maxAmountYen !== null) problems.push('maxAmountYen: only a subsidy has an amount');
  const ids = m.formFields.map((f) => f.id);
  if (new Set(ids).size !== ids.length) problems.push('formFields: field ids must be unique');
  if (m.validFrom !== null && m.validUntil !== null && m.validFrom > m.validUntil) {
    problems.push('validUntil: before validFrom');
  }
  return problems;
}

export type AnswerValue = string | number | boolean;
export interface AnswerProblem {
  field: string;
  problem: 'required' | 'wrong_type' | 'too_long' | 'unknown_field';
}

const MAX_LENGTH: Partial<Record<FormFieldType, number>> = { text: 200, textarea: 4000 };
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function fits(type: FormFieldType, value: AnswerValue): boolean {
  switch (type) {
    case 'text':
    case 'textarea':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'date':
      return typeof value === 'string' && DATE.test(value);
    case 'yes_no':
      return typeof value === 'boolean';
  }
}

/** Checks a subsidy form's answers against its fields; text is trimmed and empty text is no answer. */
export function checkAnswers(
  fields: readonly FormField[],
  given: Readonly<Record<string, AnswerValue>>,
): { answers: Record<string, AnswerValue>; problems: AnswerProblem[] } {
  const answers: Record<string, AnswerValue> = {};
  const problems: AnswerProblem[] = [];
  for (const field of Object.keys(given)) {
    if (!fields.some((f) => f.id === field)) problems.push({ field, problem: 'unknown_field' });
  }
  for (const field of fields) {
    const raw = Object.hasOwn(given, field.id) ? given[field.id] : undefined;
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === undefined || value === '') {
      if (field.required) problems.push({ field: field.id, problem: 'required' });
      continue;
    }
    if (!fits(field.type, value)) {
      problems.push({ field: field.id, problem: 'wrong_type' });
      continue;
    }
    const max = MAX_LENGTH[field.type];
    if (max !== undefined && typeof value === 'string' && value.length > max) {
      problems.push({ field: field.id, problem: 'too_long' });
      continue;
    }
    answers[field.id] = value;
  }
  return { answers, problems };
}

/** A use scanned offline may be synced this long afterwards (the keys' grace period covers it). */
export const OFFLINE_SYNC_DAYS = 7;
/** A scanner's clock may run slightly ahead of the server's. */
export const SCAN_CLOCK_SKEW_MS = 60_000;

export function scannedAtProblem(scannedAt: Date, now: Date): 'in_future' | 'too_old' | null {
  if (scannedAt.getTime() > now.getTime() + SCAN_CLOCK_SKEW_MS) return 'in_future';
  if (scannedAt.getTime() < now.getTime() - OFFLINE_SYNC_DAYS * 24 * 3600_000) return 'too_old';
  return null;
}
