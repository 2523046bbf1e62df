import type { FeeStatus } from '../../db/schema.ts';

const CODE_PATTERN = /^[0-9]{6}$/;
const WEIGHTS = [6, 5, 4, 3, 2] as const;

/**
 * The check digit of a 全国地方公共団体コード (総務省 「全国地方公共団体コード」の検査数字):
 * weight the five digits by 6,5,4,3,2, take the sum modulo 11, and keep the last digit of 11 minus that
 * remainder (when the sum is below 11, 11 minus the sum).
 */
export function checkDigitOf(firstFive: string): number {
  let sum = 0;
  for (let i = 0; i < 5; i++) sum += Number(firstFive[i]) * (WEIGHTS[i] as number);
  const remainder = sum < 11 ? sum : sum % 11;
  return (11 - remainder) % 10;
}

export function isValidLocalGovernmentCode(code: string): boolean {
  return CODE_PATTERN.test(code) && checkDigitOf(code.slice(0, 5)) === Number(code[5]);
}

export function isPrefectureNumber(value: string): boolean {
  return /^[0-9]{2}$/.test(value) && Number(value) >= 1 && Number(value) <= 47;
}

const KATAKANA = /[\u30A1-\u30F6]/g;
const SPACES = /[\s\u3000]+/g;

/**
 * Folds what a user may type into one comparable form: NFKC (full-width ASCII and half-width kana
 * become standard), no spaces, katakana as hiragana, lower case. The same function fills the
 * search_* columns, so the query and the data always meet.
 */
export function normaliseForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .replace(SPACES, '')
    .replace(KATAKANA, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60))
    .toLowerCase();
}

/** Last day of 令和9年度 (FY2027). */
export const FEE_EXEMPTION_JOIN_DEADLINE = '2028-03-31';

/**
 * Seed 第1 (利用料): municipalities pay for the common system in principle, but those that join by
 * 令和9年度 are not charged for a period; the burden for later joiners is still 「今後検討」.
 */
export function feeStatusFor(joinedAt: string | null): FeeStatus {
  if (joinedAt === null) return 'not_participating';
  return joinedAt <= FEE_EXEMPTION_JOIN_DEADLINE ? 'exempt' : 'pending_decision';
}
