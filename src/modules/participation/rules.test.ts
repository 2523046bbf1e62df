import { describe, expect, it } from 'vitest';
import { addMonths, assessFee, cumulativeSeries, type FeePolicy } from './rules.ts';

const undecided: FeePolicy = { joinDeadline: '2028-03-31', exemptionMonths: null, annualFeeYen: null };
const decided: FeePolicy = { joinDeadline: '2028-03-31', exemptionMonths: 36, annualFeeYen: 1_200_000 };

describe('fee status', () => {
  it('treats a local government that has not joined as not participating', () => {
    expect(assessFee(null, decided, '2027-01-01')).toEqual({
      status: 'not_participating',
      exemptUntil: null,
      annualFeeYen: null,
    });
  });

  it.each([
    ['2026-04-01', 'exempt'],
    ['2028-03-31', 'exempt'], // last day of 令和9年度
    ['2028-04-01', 'pending_decision'], // first day of 令和10年度
  ])('joined on %s under the undecided policy → %s', (joinedAt, status) => {
    expect(assessFee(joinedAt, undecided, '2028-06-01').status).toBe(status);
  });

  it('counts the free period from the participation date, to the day', () => {
    expect(assessFee('2028-03-31', decided, '2031-03-30')).toEqual({
      status: 'exempt',
      exemptUntil: '2031-03-30',
      annualFeeYen: null,
    });
    expect(assessFee('2028-03-31', decided, '2031-03-31')).toEqual({
      status: 'charged',
      exemptUntil: '2031-03-30',
      annualFeeYen: 1_200_000,
    });
  });

  it('charges a late joiner from the start once a fee is decided, and leaves it pending otherwise', () => {
    expect(assessFee('2028-04-01', decided, '2028-04-01')).toEqual({
      status: 'charged',
      exemptUntil: null,
      annualFeeYen: 1_200_000,
    });
    expect(assessFee('2028-04-01', { ...decided, annualFeeYen: null }, '2028-04-01').status).toBe('pending_decision');
  });

  it('follows a moved deadline: the rule is data', () => {
    expect(assessFee('2028-06-01', { ...undecided, joinDeadline: '2029-03-31' }, '2028-06-01').status).toBe('exempt');
  });
});

describe('dates', () => {
  it('adds months and keeps to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-04-01', 36)).toBe('2029-04-01');
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
  });
});

describe('national figures', () => {
  it('turns monthly changes into running totals over every month any series moved', () => {
    expect(
      cumulativeSeries({
        people: [
          { month: '2026-04-01', n: 3 },
          { month: '2026-06-01', n: -1 },
        ],
        registrations: [{ month: '2026-05-01', n: 5 }],
      }),
    ).toEqual([
      { month: '2026-04-01', people: 3, registrations: 0 },
      { month: '2026-05-01', people: 3, registrations: 5 },
      { month: '2026-06-01', people: 2, registrations: 5 },
    ]);
  });
});
