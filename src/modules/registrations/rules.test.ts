import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_KINDS,
  ageBandOf,
  counterDeltas,
  DEFAULT_PREMIUM_RULE,
  evaluatePremium,
  firstOpenCounterDay,
  impliedPrefectureTypes,
  jstDay,
  type PremiumCandidate,
  prefectureCodeOf,
  premiumExpiryAfterGrant,
  reminderDue,
  shardOf,
  sniffProofType,
  visibleToStaff,
} from './rules.ts';

const now = new Date('2026-11-26T03:00:00Z');

function candidate(overrides: Partial<PremiumCandidate> = {}): PremiumCandidate {
  return {
    municipality: { code: '042056', kind: 'municipality' },
    registration: { tier: 'basic', relationTypes: [3], premiumExpiresAt: null },
    identityVerified: true,
    residenceMunicipalityCode: '131016',
    premiumElsewhere: 0,
    activities: [
      { kind: 'volunteer', occurredOn: '2026-02-01', status: 'confirmed' },
      { kind: 'side_job', occurredOn: '2026-06-01', status: 'confirmed' },
      { kind: 'event_help', occurredOn: '2026-11-20', status: 'confirmed' },
    ],
    ...overrides,
  };
}

const unmet = (result: ReturnType<typeof evaluatePremium>) =>
  result.requirements.filter((r) => !r.met).map((r) => r.id);

describe('premium rules engine', () => {
  it('grants when every national requirement is met, and explains each in Japanese and English', () => {
    const result = evaluatePremium(candidate(), DEFAULT_PREMIUM_RULE, now);
    expect(result.outcome).toBe('grant');
    expect(result.kind).toBe('new');
    expect(result.countedActivities).toBe(3);
    expect(result.requirements.map((r) => r.id)).toEqual([
      'registered',
      'municipality_level',
      'identity_verified',
      'not_residence',
      'premium_limit',
      'activities',
    ]);
    for (const r of result.requirements) {
      expect(r.message.ja).toMatch(/[ぁ-んァ-ン一-龥]/);
      expect(r.message.en).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('counts only confirmed activities of designated kinds within the last 12 months', () => {
    const result = evaluatePremium(
      candidate({
        activities: [
          { kind: 'volunteer', occurredOn: '2025-11-25', status: 'confirmed' }, // 12 months and a day ago
          { kind: 'volunteer', occurredOn: '2025-11-26', status: 'confirmed' }, // exactly 12 months: counts
          { kind: 'side_job', occurredOn: '2026-03-01', status: 'pending' },
          { kind: 'fieldwork', occurredOn: '2026-04-01', status: 'confirmed' }, // not designated below
          { kind: 'event_help', occurredOn: '2026-05-01', status: 'rejected' },
        ],
      }),
      { ...DEFAULT_PREMIUM_RULE, activityKinds: ['volunteer', 'side_job', 'event_help'] },
      now,
    );
    expect(result.outcome).toBe('refuse');
    expect(result.countedActivities).toBe(1);
    expect(result.pendingActivities).toBe(1);
    expect(unmet(result)).toEqual(['activities']);
    expect(result.requirements.find((r) => r.id === 'activities')?.message).toEqual({
      ja: '過去12か月の対象の担い手活動: 1件／必要3件（確認待ち1件）',
      en: 'Eligible helper activities in the last 12 months: 1 of 3 required (1 awaiting review)',
    });
  });

  it('refuses without identity verification, in one’s own town, over the limit, and for prefectures', () => {
    expect(
      unmet(
        evaluatePremium(
          candidate({ identityVerified: false, residenceMunicipalityCode: null }),
          DEFAULT_PREMIUM_RULE,
          now,
        ),
      ),
    ).toEqual(['identity_verified', 'not_residence']);
    expect(
      unmet(evaluatePremium(candidate({ residenceMunicipalityCode: '042056' }), DEFAULT_PREMIUM_RULE, now)),
    ).toEqual(['not_residence']);
    expect(unmet(evaluatePremium(candidate({ premiumElsewhere: 3 }), DEFAULT_PREMIUM_RULE, now))).toEqual([
      'premium_limit',
    ]);
    expect(
      unmet(
        evaluatePremium(candidate({ municipality: { code: '040002', kind: 'prefecture' } }), DEFAULT_PREMIUM_RULE, now),
      ),
    ).toEqual(['municipality_level']);
    expect(unmet(evaluatePremium(candidate({ registration: null }), DEFAULT_PREMIUM_RULE, now))).toEqual([
      'registered',
    ]);
  });

  it('applies what a municipality adds: more activities, a required type ④, staff review', () => {
    const rule = { ...DEFAULT_PREMIUM_RULE, minActivities: 4, requiredRelationTypes: [4], staffReview: true };
    const result = evaluatePremium(candidate(), rule, now);
    expect(unmet(result)).toEqual(['activities', 'relation_types']);
    const met = evaluatePremium(
      candidate({
        registration: { tier: 'basic', relationTypes: [3, 4], premiumExpiresAt: null },
        activities: [...candidate().activities, { kind: 'fieldwork', occurredOn: '2026-10-01', status: 'confirmed' }],
      }),
      rule,
      now,
    );
    expect(met.outcome).toBe('review');
  });

  it('renews from 30 days before expiry, without counting the held premium against the limit', () => {
    const expiresAt = new Date('2027-01-10T00:00:00Z');
    const premium = { tier: 'premium' as const, relationTypes: [3], premiumExpiresAt: expiresAt };
    const early = evaluatePremium(candidate({ registration: premium, premiumElsewhere: 3 }), DEFAULT_PREMIUM_RULE, now);
    expect(early.kind).toBe('renewal');
    expect(unmet(early)).toEqual(['renewal_window']);
    expect(early.requirements.find((r) => r.id === 'renewal_window')?.message.ja).toContain('2026-12-11');
    const inWindow = evaluatePremium(
      candidate({ registration: premium, premiumElsewhere: 3 }),
      DEFAULT_PREMIUM_RULE,
      new Date('2026-12-15T00:00:00Z'),
    );
    expect(inWindow.outcome).toBe('grant');
  });

  it('extends a renewal from the old expiry, and a new term from now', () => {
    const old = new Date('2027-01-10T00:00:00Z');
    expect(premiumExpiryAfterGrant(new Date('2026-12-15T00:00:00Z'), old).toISOString()).toBe(
      '2028-01-10T00:00:00.000Z',
    );
    expect(premiumExpiryAfterGrant(now, null).toISOString()).toBe('2027-11-26T03:00:00.000Z');
    expect(premiumExpiryAfterGrant(now, new Date('2026-01-01T00:00:00Z')).toISOString()).toBe(
      '2027-11-26T03:00:00.000Z',
    );
  });

  it('reminds once per term, within 30 days of expiry', () => {
    const expiresAt = new Date('2026-12-20T00:00:00Z');
    expect(reminderDue(expiresAt, null, new Date('2026-11-19T00:00:00Z'))).toBe(false);
    expect(reminderDue(expiresAt, null, now)).toBe(true);
    expect(reminderDue(expiresAt, new Date('2026-11-25T00:00:00Z'), now)).toBe(false);
    expect(reminderDue(expiresAt, new Date('2025-11-25T00:00:00Z'), now)).toBe(true);
    expect(reminderDue(expiresAt, null, new Date('2026-12-21T00:00:00Z'))).toBe(false);
  });
});

describe('counters', () => {
  const personId = '8f0c2d7e-1111-4222-8333-0123456789ab';
  const state = {
    municipalityCode: '042056',
    tier: 'basic' as const,
    relationTypes: [2, 1],
    residencePrefecture: '13',
  };

  it('counts a registration once (type 0) and once per type held, on the JST day', () => {
    const deltas = counterDeltas([{ before: null, after: state }], personId, new Date('2026-11-26T16:00:00Z'));
    expect(deltas.map((d) => [d.relationType, d.n, d.day])).toEqual([
      [0, 1, '2026-11-27'],
      [1, 1, '2026-11-27'],
      [2, 1, '2026-11-27'],
    ]);
    expect(new Set(deltas.map((d) => d.shard))).toEqual(new Set([shardOf(personId)]));
  });

  it('nets an upgrade into a move between tiers and drops what did not change', () => {
    const deltas = counterDeltas(
      [{ before: state, after: { ...state, tier: 'premium', relationTypes: [1, 3] } }],
      personId,
      now,
    );
    const summary = deltas.map((d) => `${d.tier}:${d.relationType}:${d.n}`);
    expect(summary.sort()).toEqual(
      ['basic:0:-1', 'basic:1:-1', 'basic:2:-1', 'premium:0:1', 'premium:1:1', 'premium:3:1'].sort(),
    );
    expect(counterDeltas([{ before: state, after: { ...state, relationTypes: [1, 2] } }], personId, now)).toEqual([]);
  });

  it('sorts the rows so concurrent writers lock them in the same order', () => {
    const deltas = counterDeltas(
      [
        { before: null, after: { ...state, municipalityCode: '042056' } },
        { before: null, after: { ...state, municipalityCode: '040002' } },
      ],
      personId,
      now,
    );
    const keys = deltas.map((d) => `${d.municipalityCode}|${d.day}|${d.tier}|${d.relationType}`);
    expect(keys).toEqual([...keys].sort());
    expect(deltas[0]?.municipalityCode).toBe('040002');
  });

  it('spreads people over the shards', () => {
    const shards = new Set(
      Array.from({ length: 64 }, (_, i) =>
        shardOf(`00000000-0000-4000-8000-0000000000${i.toString(16).padStart(2, '0')}`),
      ),
    );
    expect(shards.size).toBe(8);
  });
});

describe('registration helpers', () => {
  it("gives a prefecture's own code with its check digit", () => {
    expect(prefectureCodeOf('04')).toBe('040002');
    expect(prefectureCodeOf('07')).toBe('070009');
    expect(prefectureCodeOf('13')).toBe('130001');
  });

  it('implies the union of municipality types for the prefecture, or nothing', () => {
    expect(impliedPrefectureTypes([[2], [1, 4], [2, 1]])).toEqual([1, 2, 4]);
    expect(impliedPrefectureTypes([])).toBeNull();
  });

  it('uses the Japanese day', () => {
    expect(jstDay(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04-01');
    expect(jstDay(new Date('2026-03-31T14:59:59Z'))).toBe('2026-03-31');
  });

  it('keeps the counters of today and yesterday in Japan open, and lets earlier days be folded', () => {
    // 2026-04-01 00:00 JST: 1 April and 31 March are still written to.
    expect(firstOpenCounterDay(new Date('2026-03-31T15:00:00Z'))).toBe('2026-03-31');
    expect(firstOpenCounterDay(new Date('2026-03-31T14:59:59Z'))).toBe('2026-03-30');
  });

  it('shows staff only consented fields, with an age band instead of a birth year', () => {
    const data = {
      displayName: '山田 花子',
      email: 'hanako@example.jp',
      birthYear: 1990,
      residencePrefecture: '13',
      relationTypes: [3, 1],
    };
    expect(visibleToStaff(data, ['name', 'age_band'], now)).toEqual({
      displayName: '山田 花子',
      email: null,
      ageBand: '30s',
      residencePrefecture: null,
      relationTypes: null,
      acceptsNews: false,
    });
    expect(visibleToStaff(data, ['email', 'residence', 'relation_details', 'news'], now)).toMatchObject({
      displayName: null,
      email: 'hanako@example.jp',
      residencePrefecture: '13',
      relationTypes: [1, 3],
      acceptsNews: true,
    });
    expect(ageBandOf(1950, now)).toBe('70+');
    expect(ageBandOf(2020, now)).toBeNull();
    expect(ageBandOf(null, now)).toBeNull();
  });

  it('recognises proof files by their bytes, not their names', () => {
    expect(sniffProofType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(sniffProofType(Buffer.from('\x89PNG\r\n\x1a\n....', 'latin1'))).toBe('image/png');
    expect(sniffProofType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffProofType(Buffer.from('<svg onload=alert(1)>'))).toBeNull();
    expect(sniffProofType(Buffer.alloc(0))).toBeNull();
  });

  it('lists the helper activity kinds the console recruits for', () => {
    expect(ACTIVITY_KINDS).toContain('community_cooperator');
    expect(ACTIVITY_KINDS).toHaveLength(7);
  });
});
