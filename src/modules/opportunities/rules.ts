import type { ApplicationStatus, OpportunityStatus, Tier } from '../../db/schema.ts';
import type { Locale } from '../../platform/locale.ts';
import { isPremiumValid, jstDay } from '../registrations/rules.ts';

// Helper recruitment (担い手の募集) as plain functions: no I/O, "now" always passed in.

export const MAX_QUESTIONS = 5;
export const MAX_SESSIONS = 60;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const JST_OFFSET = 9 * HOUR;

// --- Sessions ---------------------------------------------------------------------------------------

export interface SessionTimes {
  startsAt: Date;
  endsAt: Date;
}

export type SessionProblem = 'times' | 'past';

/**
 * A session ends after it starts and within 24 hours (a day's work, or an evening across midnight);
 * longer stays are several sessions, each attended and counted on its own day. New or moved sessions
 * must start in the future; an unchanged past session of a running opportunity may stay.
 */
export function sessionProblem(session: SessionTimes, now: Date, unchanged = false): SessionProblem | null {
  const length = session.endsAt.getTime() - session.startsAt.getTime();
  if (!(length > 0 && length <= DAY)) return 'times';
  if (!unchanged && session.startsAt <= now) return 'past';
  return null;
}

/** 00:00 JST of a 'YYYY-MM-DD' day, as an instant. */
export function jstDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - JST_OFFSET);
}

/**
 * When a session's check-in is open: its whole JST day (both days for a session across midnight),
 * so people who come early or leave late can still check in.
 */
export function checkInWindow(session: SessionTimes): { opens: Date; closes: Date } {
  return {
    opens: jstDayStart(jstDay(session.startsAt)),
    closes: new Date(jstDayStart(jstDay(session.endsAt)).getTime() + DAY),
  };
}

/** The day an attended session counts as a helper activity: the JST day it starts. */
export function activityDayOf(session: SessionTimes): string {
  return jstDay(session.startsAt);
}

// --- Opportunity status -----------------------------------------------------------------------------

/** A draft is prepared, an open opportunity takes applications, a closed one does not (and may reopen). */
const OPPORTUNITY_TRANSITIONS: Record<OpportunityStatus, readonly OpportunityStatus[]> = {
  draft: ['open', 'closed'],
  open: ['closed'],
  closed: ['open'],
};

export function opportunityTransitionAllowed(from: OpportunityStatus, to: OpportunityStatus): boolean {
  return from === to || OPPORTUNITY_TRANSITIONS[from].includes(to);
}

/** Applications are taken while it is open and a session is still to start. */
export function acceptsApplications(status: OpportunityStatus, sessions: readonly SessionTimes[], now: Date): boolean {
  return status === 'open' && sessions.some((s) => s.startsAt > now);
}

// --- Capacity ---------------------------------------------------------------------------------------

/** An accepted person holds a seat, and still does after attending or not turning up. */
export const SEAT_HOLDING: readonly ApplicationStatus[] = ['accepted', 'attended', 'no_show'];

export function seatsLeft(capacity: number, seatsTaken: number): number {
  return Math.max(0, capacity - seatsTaken);
}

// --- Eligibility ------------------------------------------------------------------------------------

export interface Eligibility {
  minTier: Tier;
  identityRequired: boolean;
  /** Any one of these relationship types qualifies; empty = no requirement. */
  relationTypes: readonly number[];
}

export interface Applicant {
  registration: { tier: Tier; premiumExpiresAt: Date | null; relationTypes: readonly number[] } | null;
  identityVerified: boolean;
}

export type EligibilityRequirementId = 'registered' | 'premium' | 'identity_verified' | 'relation_types';

export interface EligibilityResult {
  id: EligibilityRequirementId;
  met: boolean;
  message: Record<Locale, string>;
}

const TYPE_MARK = ['', '①', '②', '③', '④'];

/** Every requirement of the opportunity, met or not, with a message the applicant can act on. */
export function evaluateEligibility(
  applicant: Applicant,
  eligibility: Eligibility,
  now: Date,
): { eligible: boolean; requirements: EligibilityResult[] } {
  const requirements: EligibilityResult[] = [];
  const push = (id: EligibilityRequirementId, met: boolean, ja: string, en: string) =>
    requirements.push({ id, met, message: { ja, en } });
  const registration = applicant.registration;
  push(
    'registered',
    registration !== null,
    registration ? 'この自治体にふるさと住民登録しています。' : 'まずこの自治体にふるさと住民登録をしてください。',
    registration ? 'You are registered with this municipality.' : 'Register with this municipality first.',
  );
  if (eligibility.minTier === 'premium') {
    const premium = registration !== null && isPremiumValid(registration.tier, registration.premiumExpiresAt, now);
    push(
      'premium',
      premium,
      premium ? 'プレミアム登録しています。' : 'この募集はプレミアム登録者が対象です。',
      premium ? 'You hold premium registration.' : 'This opportunity is for premium registrants.',
    );
  }
  if (eligibility.identityRequired) {
    push(
      'identity_verified',
      applicant.identityVerified,
      applicant.identityVerified
        ? 'マイナンバーカードで本人確認済みです。'
        : 'この募集にはマイナンバーカードによる本人確認が必要です（アカウント画面から行えます）。',
      applicant.identityVerified
        ? 'Your identity is verified with the My Number Card.'
        : 'This opportunity requires identity verification with the My Number Card (from your account page).',
    );
  }
  if (eligibility.relationTypes.length > 0) {
    const held = registration?.relationTypes ?? [];
    const met = eligibility.relationTypes.some((t) => held.includes(t));
    const marks = eligibility.relationTypes.map((t) => TYPE_MARK[t]).join('・');
    const numbers = eligibility.relationTypes.map((t) => `(${t})`).join(', ');
    push(
      'relation_types',
      met,
      met
        ? `対象の関わり方（類型${marks}）に該当します。`
        : `この募集は関わり方が類型${marks}のいずれかの方が対象です。登録内容を確認してください。`,
      met
        ? `You hold one of the relationship types asked for (${numbers}).`
        : `This opportunity is for people with relationship type ${numbers}. Check your registration.`,
    );
  }
  return { eligible: requirements.every((r) => r.met), requirements };
}

// --- Application status -----------------------------------------------------------------------------

export type ApplicationAction = 'accept' | 'decline' | 'no_show' | 'cancel' | 'check_in';

const ALLOWED_FROM: Record<ApplicationAction, readonly ApplicationStatus[]> = {
  accept: ['applied'],
  decline: ['applied'],
  // Marked once a session has begun; a check-in later still corrects it.
  no_show: ['accepted'],
  cancel: ['applied', 'accepted'],
  // 'attended' again for another session of the same opportunity.
  check_in: ['accepted', 'attended', 'no_show'],
};

const RESULT: Record<ApplicationAction, ApplicationStatus> = {
  accept: 'accepted',
  decline: 'declined',
  no_show: 'no_show',
  cancel: 'cancelled',
  check_in: 'attended',
};

export type TransitionRefusal = 'status' | 'too_late' | 'too_early';

/**
 * The status after `action`, or why it is refused: from a status that does not allow it, a
 * cancellation once the first session has started, a no-show before any session has.
 */
export function applicationTransition(
  from: ApplicationStatus,
  action: ApplicationAction,
  sessions: readonly SessionTimes[],
  now: Date,
): { ok: true; to: ApplicationStatus } | { ok: false; reason: TransitionRefusal } {
  if (!ALLOWED_FROM[action].includes(from)) return { ok: false, reason: 'status' };
  const started = sessions.some((s) => s.startsAt <= now);
  if (action === 'cancel' && started) return { ok: false, reason: 'too_late' };
  if (action === 'no_show' && !started) return { ok: false, reason: 'too_early' };
  return { ok: true, to: RESULT[action] };
}

// --- Answers ----------------------------------------------------------------------------------------

/** One non-empty answer per question, in order, stored together with the question it answers. */
export function pairAnswers(
  questions: readonly string[],
  answers: readonly string[],
): { question: string; answer: string }[] | null {
  const trimmed = answers.map((a) => a.trim());
  if (trimmed.length !== questions.length || trimmed.some((a) => a.length === 0)) return null;
  return questions.map((question, i) => ({ question, answer: trimmed[i] as string }));
}

/** Which session's check-in is open now: the only one, or null when none or several are. */
export function sessionOpenNow<T extends SessionTimes>(sessions: readonly T[], now: Date): T | null {
  const open = sessions.filter((s) => {
    const { opens, closes } = checkInWindow(s);
    return now >= opens && now < closes;
  });
  return open.length === 1 ? (open[0] as T) : null;
}

// --- Joint opportunities (広域型) ---------------------------------------------------------------------

export const MAX_CO_HOSTS = 20;

export interface CoHostCandidate {
  code: string;
  kind: 'prefecture' | 'municipality' | 'ward';
  prefectureCode: string;
  /** 'YYYY-MM-DD', null when not participating. */
  joinedAt: string | null;
}

export type CoHostProblem =
  | 'duplicate'
  | 'self'
  | 'unknown'
  | 'not_municipality'
  | 'other_prefecture'
  | 'not_participating';

/**
 * Co-hosts of a joint opportunity are municipalities of the host's own prefecture (the prefecture and its
 * municipalities cooperating, as the model project's type C describes) that take part in the platform today,
 * each named once. Returns one problem per refused code; empty when all may co-host.
 */
export function coHostProblems(
  host: { code: string; prefectureCode: string },
  requested: readonly string[],
  found: readonly CoHostCandidate[],
  today: string,
): { code: string; problem: CoHostProblem }[] {
  const byCode = new Map(found.map((m) => [m.code, m]));
  const seen = new Set<string>();
  const problems: { code: string; problem: CoHostProblem }[] = [];
  for (const code of requested) {
    const candidate = byCode.get(code);
    const problem: CoHostProblem | null = seen.has(code)
      ? 'duplicate'
      : code === host.code
        ? 'self'
        : !candidate
          ? 'unknown'
          : candidate.kind !== 'municipality'
            ? 'not_municipality'
            : candidate.prefectureCode !== host.prefectureCode
              ? 'other_prefecture'
              : candidate.joinedAt === null || candidate.joinedAt > today
                ? 'not_participating'
                : null;
    seen.add(code);
    if (problem) problems.push({ code, problem });
  }
  return problems;
}
