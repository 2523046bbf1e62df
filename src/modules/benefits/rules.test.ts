import { describe, expect, it } from 'vitest';
import { can } from '../../platform/policy.ts';
import {
  checkAnswers,
  eligibilityOf,
  type FormField,
  type MeasureTerms,
  measureSettingsProblems,
  scannedAtProblem,
} from './rules.ts';

const NOW = new Date('2026-11-26T03:00:00Z'); // 12:00 JST
const open: MeasureTerms = {
  kind: 'discount',
  minTier: 'basic',
  relationTypes: [],
  validFrom: null,
  validUntil: null,
  published: true,
  usage: 'repeatable',
};
const basic = { tier: 'basic' as const, premiumExpiresAt: null, relationTypes: [1, 2] };
const premium = { tier: 'premium' as const, premiumExpiresAt: new Date('2027-06-01T00:00:00Z'), relationTypes: [4] };
const codes = (r: ReturnType<typeof eligibilityOf>) => r.reasons.map((x) => x.code);

describe('eligibilityOf', () => {
  it('admits every member to an open measure', () => {
    expect(eligibilityOf(open, basic, NOW)).toEqual({ eligible: true, reasons: [] });
  });

  it('refuses a premium-only measure to basic members and to a premium that has lapsed', () => {
    const premiumOnly = { ...open, minTier: 'premium' as const };
    expect(codes(eligibilityOf(premiumOnly, basic, NOW))).toEqual(['premium_required']);
    expect(eligibilityOf(premiumOnly, premium, NOW).eligible).toBe(true);
    const lapsed = { ...premium, premiumExpiresAt: new Date('2026-11-26T02:59:59Z') };
    expect(codes(eligibilityOf(premiumOnly, lapsed, NOW))).toEqual(['premium_required']);
  });

  it('asks for one of the relationship types, and says which in Japanese', () => {
    const dualResidence = { ...open, relationTypes: [4] };
    const refused = eligibilityOf(dualResidence, basic, NOW);
    expect(codes(refused)).toEqual(['relation_type']);
    expect(refused.reasons[0]?.message.ja).toContain('④');
    expect(eligibilityOf(dualResidence, premium, NOW).eligible).toBe(true);
  });

  it('judges validity by the Japanese day', () => {
    // 2026-11-26T15:30Z is already the 27th in Japan.
    const lateNight = new Date('2026-11-26T15:30:00Z');
    expect(codes(eligibilityOf({ ...open, validUntil: '2026-11-26' }, basic, lateNight))).toEqual(['ended']);
    expect(eligibilityOf({ ...open, validFrom: '2026-11-27' }, basic, lateNight).eligible).toBe(true);
    expect(codes(eligibilityOf({ ...open, validFrom: '2026-11-27' }, basic, NOW))).toEqual(['not_started']);
  });

  it('lists every reason at once, and needs a registration', () => {
    const strict = { ...open, minTier: 'premium' as const, relationTypes: [3], published: false };
    expect(codes(eligibilityOf(strict, basic, NOW))).toEqual(['not_published', 'premium_required', 'relation_type']);
    expect(codes(eligibilityOf(open, null, NOW))).toEqual(['not_registered']);
  });

  it('ends a one-time measure with its first use, not a repeatable one', () => {
    expect(codes(eligibilityOf({ ...open, usage: 'once' }, basic, NOW, 1))).toEqual(['already_used']);
    expect(eligibilityOf(open, basic, NOW, 5).eligible).toBe(true);
  });
});

describe('measureSettingsProblems', () => {
  const consistent = {
    kind: 'discount' as const,
    partnerIds: ['p'],
    formFields: [],
    maxAmountYen: null,
    validFrom: null,
    validUntil: null,
  };
  const field: FormField = { id: 'a', label: 'A', type: 'text', required: true };

  it('accepts a consistent measure', () => {
    expect(measureSettingsProblems(consistent)).toEqual([]);
    expect(
      measureSettingsProblems({ ...consistent, kind: 'subsidy', partnerIds: [], formFields: [field], maxAmountYen: 1 }),
    ).toEqual([]);
  });

  it('refuses partners on a subsidy, a form or an amount on a discount, duplicate fields and reversed dates', () => {
    expect(measureSettingsProblems({ ...consistent, kind: 'subsidy' })).toHaveLength(1);
    expect(measureSettingsProblems({ ...consistent, kind: 'information' })).toHaveLength(1);
    expect(measureSettingsProblems({ ...consistent, formFields: [field], maxAmountYen: 5 })).toHaveLength(2);
    expect(
      measureSettingsProblems({ ...consistent, kind: 'subsidy', partnerIds: [], formFields: [field, field] }),
    ).toEqual(['formFields: field ids must be unique']);
    expect(measureSettingsProblems({ ...consistent, validFrom: '2026-12-01', validUntil: '2026-11-30' })).toEqual([
      'validUntil: before validFrom',
    ]);
  });
});

describe('checkAnswers', () => {
  const fields: FormField[] = [
    { id: 'area', label: '地区', type: 'text', required: true },
    { id: 'cost', label: '費用', type: 'number', required: true },
    { id: 'start', label: '開始日', type: 'date', required: false },
    { id: 'ok', label: '了承', type: 'yes_no', required: true },
  ];

  it('keeps valid answers, trimmed', () => {
    expect(checkAnswers(fields, { area: ' 唐桑 ', cost: 50000, ok: false })).toEqual({
      answers: { area: '唐桑', cost: 50000, ok: false },
      problems: [],
    });
  });

  it('names every missing, mistyped, overlong and unknown answer', () => {
    const { problems } = checkAnswers(fields, { area: '  ', cost: '5万円', start: '2026-13-01', ok: true, extra: 1 });
    expect(problems).toEqual([
      { field: 'extra', problem: 'unknown_field' },
      { field: 'area', problem: 'required' },
      { field: 'cost', problem: 'wrong_type' },
      { field: 'start', problem: 'wrong_type' },
    ]);
    expect(checkAnswers(fields, { area: 'あ'.repeat(201), cost: 1, ok: true }).problems).toEqual([
      { field: 'area', problem: 'too_long' },
    ]);
  });
});

describe('scannedAtProblem', () => {
  it('accepts a scan up to 7 days old and tolerates a minute of clock skew', () => {
    expect(scannedAtProblem(NOW, NOW)).toBeNull();
    expect(scannedAtProblem(new Date(NOW.getTime() + 30_000), NOW)).toBeNull();
    expect(scannedAtProblem(new Date(NOW.getTime() - 7 * 86_400_000), NOW)).toBeNull();
    expect(scannedAtProblem(new Date(NOW.getTime() + 3600_000), NOW)).toBe('in_future');
    expect(scannedAtProblem(new Date(NOW.getTime() - 7 * 86_400_000 - 1), NOW)).toBe('too_old');
  });
});

describe('the partner role in the policy', () => {
  const shop = { personId: 'p', memberships: [{ tenant: '042056', role: 'partner' as const, partnerId: 'x' }] };

  it('lets a partner record a use in its own municipality only, and read nothing', () => {
    expect(can(shop, 'redemption.record', '042056')).toBe(true);
    expect(can(shop, 'redemption.record', '072010')).toBe(false);
    for (const action of ['redemption.read', 'measure.read', 'subsidy.review'] as const) {
      expect(can(shop, action, '042056')).toBe(false);
    }
  });

  it('does not let staff record uses in a partner’s name', () => {
    const admin = { personId: 'a', memberships: [{ tenant: '042056', role: 'admin' as const, partnerId: null }] };
    expect(can(admin, 'redemption.record', '042056')).toBe(false);
    expect(can(admin, 'redemption.read', '042056')).toBe(true);
  });
});
