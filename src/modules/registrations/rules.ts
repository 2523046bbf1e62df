import type { Tier } from '../../db/schema.ts';
import type { Locale } from '../../platform/locale.ts';
import { checkDigitOf } from '../municipalities/rules.ts';

// The registration system of seed 第1 as plain functions: no I/O, every input explicit (including "now").

/** 類型①〜④: ① contributes without visiting, ② visits a few times a year, ③ helps regularly, ④ 二地域居住. */
export const RELATION_TYPES = [1, 2, 3, 4] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/** What a municipality may see of a registrant, and whether it may send them news. */
export const CONSENT_SCOPES = ['name', 'email', 'age_band', 'residence', 'relation_details', 'news'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

/** Helper activities (担い手活動), the kinds the staff console recruits for. */
export const ACTIVITY_KINDS = [
  'volunteer',
  'side_job',
  'working_holiday',
  'community_cooperator',
  'fieldwork',
  'disaster_volunteer',
  'event_help',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Counter key for a residence nobody declared. '99' (abroad) is a declared value. */
export const UNKNOWN_RESIDENCE = '00';
export const ABROAD = '99';
export const COUNTER_SHARDS = 8;

/** Sorted, without repeats: the one form stored and compared. */
export function normaliseRelationTypes(types: readonly number[]): RelationType[] {
  return [...new Set(types)].sort((a, b) => a - b) as RelationType[];
}

export function normaliseConsents(scopes: readonly string[]): ConsentScope[] {
  return CONSENT_SCOPES.filter((scope) => scopes.includes(scope));
}

/** The prefecture's own code: 04 → 040002. */
export function prefectureCodeOf(prefectureNumber: string): string {
  const firstFive = `${prefectureNumber}000`;
  return `${firstFive}${checkDigitOf(firstFive)}`;
}

/**
 * A prefecture registration that exists only because of municipality registrations holds the union of
 * their relationship types; with none left it goes too.
 */
export function impliedPrefectureTypes(municipalityTypes: readonly (readonly number[])[]): RelationType[] | null {
  if (municipalityTypes.length === 0) return null;
  return normaliseRelationTypes(municipalityTypes.flat());
}

export type ImpliedPrefectureChange =
  | { action: 'insert' | 'update'; relationTypes: RelationType[] }
  | { action: 'delete' }
  | null;

/**
 * What the person's prefecture registration must do to hold what their municipality registrations there
 * imply. One the person chose themself is theirs: it never changes with their municipalities.
 */
export function impliedPrefectureChange(
  municipalityTypes: readonly (readonly number[])[],
  prefectureRegistration: { implicit: boolean; relationTypes: readonly number[] } | undefined,
): ImpliedPrefectureChange {
  const implied = impliedPrefectureTypes(municipalityTypes);
  if (!prefectureRegistration) return implied ? { action: 'insert', relationTypes: implied } : null;
  if (!prefectureRegistration.implicit) return null;
  if (!implied) return { action: 'delete' };
  if (implied.join() === prefectureRegistration.relationTypes.join()) return null;
  return { action: 'update', relationTypes: implied };
}

// --- Counters -------------------------------------------------------------------------------------

/** What a registration contributes to the counters. */
export interface CountedState {
  municipalityCode: string;
  tier: Tier;
  relationTypes: readonly number[];
  residencePrefecture: string;
}

export interface CounterDelta {
  municipalityCode: string;
  day: string;
  tier: Tier;
  relationType: number;
  residencePrefecture: string;
  shard: number;
  n: number;
}

/** The Japanese calendar day of an instant: registrations are counted by JST days. */
export function jstDay(at: Date): string {
  return new Date(at.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

/**
 * The first day whose counter rows are still written to: today and yesterday in Japan (a request that began
 * just before midnight may commit just after). Shards of earlier days can be folded into one row.
 */
export function firstOpenCounterDay(now: Date): string {
  return jstDay(new Date(now.getTime() - 24 * 3600_000));
}

/** A person's counter rows always land in the same shard, spread by the random part of their id. */
export function shardOf(personId: string): number {
  return Number.parseInt(personId.slice(-2), 16) % COUNTER_SHARDS;
}

function rowsOf(state: CountedState): Omit<CounterDelta, 'day' | 'shard' | 'n'>[] {
  return [0, ...normaliseRelationTypes(state.relationTypes)].map((relationType) => ({
    municipalityCode: state.municipalityCode,
    tier: state.tier,
    relationType,
    residencePrefecture: state.residencePrefecture,
  }));
}

function keyOf(row: Omit<CounterDelta, 'n'>): string {
  return `${row.municipalityCode}|${row.day}|${row.tier}|${row.relationType}|${row.residencePrefecture}|${row.shard}`;
}

/**
 * The counter changes that turn `before` into `after` (null = not registered), netted and sorted by key
 * so that concurrent writers lock rows in one order and cannot deadlock.
 */
export function counterDeltas(
  changes: readonly { before: CountedState | null; after: CountedState | null }[],
  personId: string,
  at: Date,
): CounterDelta[] {
  const day = jstDay(at);
  const shard = shardOf(personId);
  const deltas = (state: CountedState | null, n: number) =>
    state ? rowsOf(state).map((row) => ({ ...row, day, shard, n })) : [];
  return netted(changes.flatMap((change) => [...deltas(change.before, -1), ...deltas(change.after, +1)]));
}

/** The counter changes of several use-cases written together (group commit): one row per key, sorted. */
export function mergeCounterDeltas(lists: readonly (readonly CounterDelta[])[]): CounterDelta[] {
  return netted(lists.flat());
}

function netted(deltas: readonly CounterDelta[]): CounterDelta[] {
  const net = new Map<string, CounterDelta>();
  for (const delta of deltas) {
    const key = keyOf(delta);
    const existing = net.get(key);
    if (existing) existing.n += delta.n;
    else net.set(key, { ...delta });
  }
  return [...net.entries()]
    .filter(([, delta]) => delta.n !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, delta]) => delta);
}

// --- Consent --------------------------------------------------------------------------------------

export type AgeBand = '10s' | '20s' | '30s' | '40s' | '50s' | '60s' | '70+';

/** Age bands of ten years (no exact age leaves the platform). Under 10 or unknown: null. */
export function ageBandOf(birthYear: number | null, today: Date): AgeBand | null {
  if (birthYear === null) return null;
  const age = Number(jstDay(today).slice(0, 4)) - birthYear;
  if (age < 10) return null;
  if (age >= 70) return '70+';
  return `${Math.floor(age / 10)}0s` as AgeBand;
}

export interface RegistrantData {
  displayName: string | null;
  email: string | null;
  birthYear: number | null;
  residencePrefecture: string | null;
  relationTypes: readonly number[];
}

/** What staff of the municipality see of one registrant: each field only with its consent, else null. */
export function visibleToStaff(data: RegistrantData, consents: readonly string[], today: Date) {
  const has = (scope: ConsentScope) => consents.includes(scope);
  return {
    displayName: has('name') ? data.displayName : null,
    email: has('email') ? data.email : null,
    ageBand: has('age_band') ? ageBandOf(data.birthYear, today) : null,
    residencePrefecture: has('residence') ? data.residencePrefecture : null,
    relationTypes: has('relation_details') ? normaliseRelationTypes(data.relationTypes) : null,
    acceptsNews: has('news'),
  };
}

// --- Premium ------------------------------------------------------------------------------------

/** The national design (seed 第1): what every municipality's premium rule contains at least. */
export const NATIONAL_PREMIUM = {
  minActivities: 3,
  activityWindowMonths: 12,
  maxPremiumMunicipalities: 3,
  termMonths: 12,
  reminderDays: 30,
} as const;

/** A municipality's rule: the national requirements plus what it adds. */
export interface PremiumRule {
  minActivities: number;
  activityKinds: readonly string[];
  requiredRelationTypes: readonly number[];
  staffReview: boolean;
}

export const DEFAULT_PREMIUM_RULE: PremiumRule = {
  minActivities: NATIONAL_PREMIUM.minActivities,
  activityKinds: ACTIVITY_KINDS,
  requiredRelationTypes: [],
  staffReview: false,
};

export interface PremiumCandidate {
  municipality: { code: string; kind: 'prefecture' | 'municipality' | 'ward' };
  registration: { tier: Tier; relationTypes: readonly number[]; premiumExpiresAt: Date | null } | null;
  identityVerified: boolean;
  /** From the verified address, a designated city's ward already folded into its city. */
  residenceMunicipalityCode: string | null;
  /** Premium registrations the person holds elsewhere, still valid at `now`. */
  premiumElsewhere: number;
  activities: readonly { kind: string; occurredOn: string; status: 'confirmed' | 'pending' | 'rejected' }[];
}

export type RequirementId =
  | 'registered'
  | 'municipality_level'
  | 'renewal_window'
  | 'identity_verified'
  | 'not_residence'
  | 'premium_limit'
  | 'activities'
  | 'relation_types'
  | 'staff_review';

export interface RequirementResult {
  id: RequirementId;
  met: boolean;
  message: Record<Locale, string>;
}

export interface PremiumEvaluation {
  /** 'grant': all met; 'review': all met but the municipality reviews first; 'refuse': something is missing. */
  outcome: 'grant' | 'review' | 'refuse';
  kind: 'new' | 'renewal';
  requirements: RequirementResult[];
  /** Confirmed activities that count, and the ones waiting for review. */
  countedActivities: number;
  pendingActivities: number;
}

function addMonths(at: Date, months: number): Date {
  const result = new Date(at);
  result.setUTCMonth(result.getUTCMonth() + months);
  return result;
}

function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * 86_400_000);
}

/** Renewal opens 30 days before expiry and stays open after a lapse. */
export function renewalOpens(expiresAt: Date): Date {
  return addDays(expiresAt, -NATIONAL_PREMIUM.reminderDays);
}

/** A renewal before expiry extends from the old expiry, so renewing early loses nothing. */
export function premiumExpiryAfterGrant(now: Date, currentExpiry: Date | null): Date {
  const from = currentExpiry && currentExpiry > now ? currentExpiry : now;
  return addMonths(from, NATIONAL_PREMIUM.termMonths);
}

export function isPremiumValid(tier: Tier, expiresAt: Date | null, now: Date): boolean {
  return tier === 'premium' && expiresAt !== null && expiresAt > now;
}

const TYPE_LABEL: Record<number, Record<Locale, string>> = {
  1: { ja: '①', en: '(1)' },
  2: { ja: '②', en: '(2)' },
  3: { ja: '③', en: '(3)' },
  4: { ja: '④', en: '(4)' },
};

/**
 * Decides a premium application (new or renewal) and explains each requirement, met or not, in
 * Japanese and English. Requirements that cannot apply (e.g. activities of an unregistered person)
 * are still listed, so the person sees the whole path.
 */
export function evaluatePremium(candidate: PremiumCandidate, rule: PremiumRule, now: Date): PremiumEvaluation {
  const registration = candidate.registration;
  const currentlyPremium = registration?.tier === 'premium';
  const kind = currentlyPremium ? 'renewal' : 'new';
  const results: RequirementResult[] = [];
  const push = (id: RequirementId, met: boolean, ja: string, en: string) =>
    results.push({ id, met, message: { ja, en } });

  push(
    'registered',
    registration !== null,
    registration ? 'ベーシック登録済みです。' : 'まずベーシック登録をしてください。',
    registration ? 'You are registered (basic).' : 'Register (basic) first.',
  );
  const isMunicipality = candidate.municipality.kind === 'municipality';
  push(
    'municipality_level',
    isMunicipality,
    isMunicipality
      ? 'プレミアム登録の対象となる市区町村です。'
      : 'プレミアム登録は市区町村ごとに行います（都道府県は対象外）。',
    isMunicipality
      ? 'Premium registration is available for this municipality.'
      : 'Premium registration is per municipality (not for prefectures).',
  );
  if (currentlyPremium && registration.premiumExpiresAt) {
    const opens = renewalOpens(registration.premiumExpiresAt);
    const open = now >= opens;
    const date = jstDay(opens);
    push(
      'renewal_window',
      open,
      open ? '更新の受付期間中です。' : `更新は有効期限の30日前（${date}）から受け付けます。`,
      open ? 'Renewal is open.' : `Renewal opens 30 days before expiry (${date}).`,
    );
  }
  push(
    'identity_verified',
    candidate.identityVerified,
    candidate.identityVerified
      ? 'マイナンバーカードで本人確認済みです。'
      : 'マイナンバーカードによる本人確認が必要です（アカウント画面から行えます）。',
    candidate.identityVerified
      ? 'Your identity is verified with the My Number Card.'
      : 'Verify your identity with the My Number Card (from your account page).',
  );
  const residence = candidate.residenceMunicipalityCode;
  if (residence === null) {
    push(
      'not_residence',
      false,
      candidate.identityVerified
        ? '本人確認の住所からお住まいの市区町村を確認できませんでした。もう一度本人確認をしてください。'
        : 'お住まいの市区町村でないことを、本人確認の住所で確かめます。',
      candidate.identityVerified
        ? 'Your municipality of residence could not be read from the verified address. Please verify again.'
        : 'That this is not your municipality of residence is checked with your verified address.',
    );
  } else {
    const ownTown = residence === candidate.municipality.code;
    push(
      'not_residence',
      !ownTown,
      ownTown
        ? 'お住まいの市区町村ではプレミアム登録できません。'
        : 'お住まいの市区町村以外です（本人確認で確かめた住所による）。',
      ownTown
        ? 'Premium registration is not available in your own municipality of residence.'
        : 'This is not your municipality of residence (by your verified address).',
    );
  }
  const limit = NATIONAL_PREMIUM.maxPremiumMunicipalities;
  const withinLimit = currentlyPremium || candidate.premiumElsewhere < limit;
  push(
    'premium_limit',
    withinLimit,
    withinLimit
      ? `プレミアム登録は${limit}団体までです（他に${candidate.premiumElsewhere}団体）。`
      : `プレミアム登録はすでに${limit}団体あり、上限に達しています。`,
    withinLimit
      ? `Premium is limited to ${limit} municipalities (you have ${candidate.premiumElsewhere} elsewhere).`
      : `You already hold premium registration with ${limit} municipalities, the limit.`,
  );
  const since = jstDay(addMonths(now, -NATIONAL_PREMIUM.activityWindowMonths));
  const today = jstDay(now);
  const inWindow = candidate.activities.filter(
    (a) => rule.activityKinds.includes(a.kind) && a.occurredOn >= since && a.occurredOn <= today,
  );
  const counted = inWindow.filter((a) => a.status === 'confirmed').length;
  const pending = inWindow.filter((a) => a.status === 'pending').length;
  const enough = counted >= rule.minActivities;
  const waiting = pending > 0 ? `（確認待ち${pending}件）` : '';
  const waitingEn = pending > 0 ? ` (${pending} awaiting review)` : '';
  push(
    'activities',
    enough,
    `過去12か月の対象の担い手活動: ${counted}件／必要${rule.minActivities}件${waiting}`,
    `Eligible helper activities in the last 12 months: ${counted} of ${rule.minActivities} required${waitingEn}`,
  );
  if (rule.requiredRelationTypes.length > 0) {
    const held = registration?.relationTypes ?? [];
    const missing = rule.requiredRelationTypes.filter((t) => !held.includes(t));
    const names = (locale: Locale) => rule.requiredRelationTypes.map((t) => TYPE_LABEL[t]?.[locale]).join('');
    push(
      'relation_types',
      missing.length === 0,
      missing.length === 0
        ? `この市区町村が求める関わり方（類型${names('ja')}）に該当します。`
        : `この市区町村は関わり方の類型${names('ja')}を求めています。登録内容を確認してください。`,
      missing.length === 0
        ? `You hold the relationship types this municipality requires (${names('en')}).`
        : `This municipality requires relationship type ${names('en')}. Check your registration.`,
    );
  }
  if (rule.staffReview) {
    push(
      'staff_review',
      true,
      '条件を満たすと、市区町村の担当者の確認を経て登録されます。',
      'When the requirements are met, the municipality reviews the application before granting it.',
    );
  }
  const allMet = results.every((r) => r.met);
  return {
    outcome: allMet ? (rule.staffReview ? 'review' : 'grant') : 'refuse',
    kind,
    requirements: results,
    countedActivities: counted,
    pendingActivities: pending,
  };
}

/** Premium registrations whose reminder is due: within 30 days of expiry, not yet reminded for this term. */
export function reminderDue(expiresAt: Date, remindedAt: Date | null, now: Date): boolean {
  const opens = renewalOpens(expiresAt);
  return now >= opens && now < expiresAt && (remindedAt === null || remindedAt < opens);
}

// --- Evidence -------------------------------------------------------------------------------------

export const PROOF_MAX_BYTES = 5 * 1024 * 1024;
export const PROOF_CONTENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type ProofContentType = (typeof PROOF_CONTENT_TYPES)[number];

/** The type a file really is, by its first bytes; a declared type is never trusted alone. */
export function sniffProofType(bytes: Uint8Array): ProofContentType | null {
  const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  return null;
}
