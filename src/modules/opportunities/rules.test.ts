import { describe, expect, it } from 'vitest';
import {
  acceptsApplications,
  activityDayOf,
  applicationTransition,
  checkInWindow,
  coHostProblems,
  evaluateEligibility,
  opportunityTransitionAllowed,
  pairAnswers,
  sessionOpenNow,
  sessionProblem,
} from './rules.ts';

const at = (iso: string) => new Date(iso);
const now = at('2026-06-01T03:00:00Z'); // 12:00 JST

describe('sessions', () => {
  it('accepts a future session of up to 24 hours', () => {
    expect(sessionProblem({ startsAt: at('2026-06-10T00:00:00Z'), endsAt: at('2026-06-10T08:00:00Z') }, now)).toBe(
      null,
    );
    expect(sessionProblem({ startsAt: at('2026-06-10T00:00:00Z'), endsAt: at('2026-06-11T00:00:00Z') }, now)).toBe(
      null,
    );
  });

  it.each([
    ['ends before it starts', '2026-06-10T08:00:00Z', '2026-06-10T07:00:00Z'],
    ['ends when it starts', '2026-06-10T08:00:00Z', '2026-06-10T08:00:00Z'],
    ['lasts over 24 hours', '2026-06-10T00:00:00Z', '2026-06-11T00:00:01Z'],
  ])('refuses a session that %s', (_name, start, end) => {
    expect(sessionProblem({ startsAt: at(start), endsAt: at(end) }, now)).toBe('times');
  });

  it('refuses a new session in the past (or starting now), but keeps an unchanged one', () => {
    const past = { startsAt: at('2026-05-31T00:00:00Z'), endsAt: at('2026-05-31T02:00:00Z') };
    expect(sessionProblem(past, now)).toBe('past');
    expect(sessionProblem({ startsAt: now, endsAt: at('2026-06-01T05:00:00Z') }, now)).toBe('past');
    expect(sessionProblem(past, now, true)).toBe(null);
    expect(sessionProblem({ ...past, endsAt: past.startsAt }, now, true)).toBe('times');
  });

  it('opens check-in for the whole JST day(s) of the session and counts it on its starting day', () => {
    // 07:00–12:00 JST on 10 June.
    const morning = { startsAt: at('2026-06-09T22:00:00Z'), endsAt: at('2026-06-10T03:00:00Z') };
    expect(checkInWindow(morning)).toEqual({
      opens: at('2026-06-09T15:00:00Z'),
      closes: at('2026-06-10T15:00:00Z'),
    });
    expect(activityDayOf(morning)).toBe('2026-06-10');
    // 20:00 JST on 10 June to 02:00 JST on 11 June.
    const night = { startsAt: at('2026-06-10T11:00:00Z'), endsAt: at('2026-06-10T17:00:00Z') };
    expect(checkInWindow(night)).toEqual({ opens: at('2026-06-09T15:00:00Z'), closes: at('2026-06-11T15:00:00Z') });
    expect(activityDayOf(night)).toBe('2026-06-10');
  });

  it('finds the one session whose check-in is open now', () => {
    const today = { id: 'a', startsAt: at('2026-06-01T00:00:00Z'), endsAt: at('2026-06-01T06:00:00Z') };
    const later = { id: 'b', startsAt: at('2026-06-03T00:00:00Z'), endsAt: at('2026-06-03T06:00:00Z') };
    const alsoToday = { id: 'c', startsAt: at('2026-06-01T07:00:00Z'), endsAt: at('2026-06-01T09:00:00Z') };
    expect(sessionOpenNow([today, later], now)?.id).toBe('a');
    expect(sessionOpenNow([later], now)).toBe(null);
    expect(sessionOpenNow([today, alsoToday], now)).toBe(null);
  });
});

describe('opportunity status', () => {
  it.each([
    ['draft', 'open', true],
    ['draft', 'closed', true],
    ['open', 'closed', true],
    ['closed', 'open', true],
    ['open', 'open', true],
    ['open', 'draft', false],
    ['closed', 'draft', false],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(opportunityTransitionAllowed(from, to)).toBe(allowed);
  });

  it('takes applications while open and a session is still to start', () => {
    const future = [{ startsAt: at('2026-06-02T00:00:00Z'), endsAt: at('2026-06-02T02:00:00Z') }];
    const started = [{ startsAt: at('2026-06-01T02:00:00Z'), endsAt: at('2026-06-01T05:00:00Z') }];
    expect(acceptsApplications('open', future, now)).toBe(true);
    expect(acceptsApplications('open', [...started, ...future], now)).toBe(true);
    expect(acceptsApplications('open', started, now)).toBe(false);
    expect(acceptsApplications('closed', future, now)).toBe(false);
    expect(acceptsApplications('draft', future, now)).toBe(false);
  });
});

describe('eligibility', () => {
  const basic = { tier: 'basic' as const, premiumExpiresAt: null, relationTypes: [1, 2] };
  const premium = { tier: 'premium' as const, premiumExpiresAt: at('2027-01-01T00:00:00Z'), relationTypes: [3] };
  const open = { minTier: 'basic' as const, identityRequired: false, relationTypes: [] };

  it('requires a registration with the municipality', () => {
    const result = evaluateEligibility({ registration: null, identityVerified: true }, open, now);
    expect(result.eligible).toBe(false);
    expect(result.requirements).toEqual([
      { id: 'registered', met: false, message: expect.objectContaining({ ja: expect.stringContaining('登録') }) },
    ]);
    expect(evaluateEligibility({ registration: basic, identityVerified: false }, open, now).eligible).toBe(true);
  });

  it('names each failed requirement: premium, identity, relationship types', () => {
    const result = evaluateEligibility(
      { registration: basic, identityVerified: false },
      { minTier: 'premium', identityRequired: true, relationTypes: [3, 4] },
      now,
    );
    expect(result.eligible).toBe(false);
    expect(result.requirements.map((r) => [r.id, r.met])).toEqual([
      ['registered', true],
      ['premium', false],
      ['identity_verified', false],
      ['relation_types', false],
    ]);
    expect(result.requirements[3]?.message.ja).toContain('③・④');
  });

  it('admits a valid premium registrant holding one of the types, but not an expired premium', () => {
    const rule = { minTier: 'premium' as const, identityRequired: true, relationTypes: [3, 4] };
    expect(evaluateEligibility({ registration: premium, identityVerified: true }, rule, now).eligible).toBe(true);
    const expired = { ...premium, premiumExpiresAt: at('2026-05-01T00:00:00Z') };
    const result = evaluateEligibility({ registration: expired, identityVerified: true }, rule, now);
    expect(result.requirements.find((r) => r.id === 'premium')?.met).toBe(false);
  });
});

describe('application status', () => {
  const future = [{ startsAt: at('2026-06-05T00:00:00Z'), endsAt: at('2026-06-05T03:00:00Z') }];
  const begun = [{ startsAt: at('2026-06-01T01:00:00Z'), endsAt: at('2026-06-01T05:00:00Z') }, ...future];

  it.each([
    ['applied', 'accept', 'accepted'],
    ['applied', 'decline', 'declined'],
    ['applied', 'cancel', 'cancelled'],
    ['accepted', 'cancel', 'cancelled'],
    ['accepted', 'check_in', 'attended'],
    ['attended', 'check_in', 'attended'],
    ['no_show', 'check_in', 'attended'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    const sessions = action === 'check_in' ? begun : future;
    expect(applicationTransition(from, action, sessions, now)).toEqual({ ok: true, to });
  });

  it.each([
    ['accepted', 'accept'],
    ['declined', 'accept'],
    ['cancelled', 'accept'],
    ['accepted', 'decline'],
    ['declined', 'cancel'],
    ['attended', 'cancel'],
    ['applied', 'check_in'],
    ['declined', 'check_in'],
    ['cancelled', 'check_in'],
    ['applied', 'no_show'],
  ] as const)('refuses %s --%s-->', (from, action) => {
    expect(applicationTransition(from, action, begun, now)).toEqual({ ok: false, reason: 'status' });
  });

  it('lets the resident cancel only before the first session starts', () => {
    expect(applicationTransition('accepted', 'cancel', begun, now)).toEqual({ ok: false, reason: 'too_late' });
  });

  it('marks a no-show only once a session has started', () => {
    expect(applicationTransition('accepted', 'no_show', future, now)).toEqual({ ok: false, reason: 'too_early' });
    expect(applicationTransition('accepted', 'no_show', begun, now)).toEqual({ ok: true, to: 'no_show' });
  });
});

describe('answers', () => {
  it('pairs one non-empty answer with each question, in order', () => {
    expect(pairAnswers(['経験', '移動手段'], [' あり ', '車'])).toEqual([
      { question: '経験', answer: 'あり' },
      { question: '移動手段', answer: '車' },
    ]);
    expect(pairAnswers([], [])).toEqual([]);
  });

  it.each([
    [['経験'], []],
    [['経験'], ['あり', '余分']],
    [['経験'], ['   ']],
  ])('refuses %j answered with %j', (questions, answers) => {
    expect(pairAnswers(questions, answers)).toBe(null);
  });
});

describe('co-hosts of a joint opportunity (広域型)', () => {
  const today = '2026-11-26';
  const found = [
    { code: '072010', kind: 'municipality', prefectureCode: '07', joinedAt: '2026-04-01' },
    { code: '072028', kind: 'municipality', prefectureCode: '07', joinedAt: null },
    { code: '072036', kind: 'municipality', prefectureCode: '07', joinedAt: '2027-04-01' },
    { code: '042056', kind: 'municipality', prefectureCode: '04', joinedAt: '2026-04-01' },
    { code: '070009', kind: 'prefecture', prefectureCode: '07', joinedAt: '2026-04-01' },
  ] as const;
  const prefecture = { code: '070009', prefectureCode: '07' };

  it('accepts participating municipalities of the host prefecture', () => {
    expect(coHostProblems(prefecture, ['072010'], found, today)).toEqual([]);
    expect(coHostProblems({ code: '072010', prefectureCode: '07' }, [], found, today)).toEqual([]);
  });

  it('names the problem of each refused code', () => {
    expect(
      coHostProblems(prefecture, ['072010', '072010', '070009', '999999', '042056', '072028', '072036'], found, today),
    ).toEqual([
      { code: '072010', problem: 'duplicate' },
      { code: '070009', problem: 'self' },
      { code: '999999', problem: 'unknown' },
      { code: '042056', problem: 'other_prefecture' },
      { code: '072028', problem: 'not_participating' },
      { code: '072036', problem: 'not_participating' },
    ]);
    expect(coHostProblems({ code: '072010', prefectureCode: '07' }, ['070009'], found, today)).toEqual([
      { code: '070009', problem: 'not_municipality' },
    ]);
  });
});
