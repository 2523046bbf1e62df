import { describe, expect, it } from 'vitest';
import {
  contentDigest,
  failureOutcome,
  isTransient,
  planBatches,
  segmentAdmits,
  signUnsubscribeToken,
  slotOf,
  verifyUnsubscribeToken,
} from './rules.ts';

const basic = { consents: ['news', 'name'], tier: 'basic' as const, relationTypes: [1, 3] };

describe('segmentAdmits', () => {
  it('never reaches a registrant who has not consented to news, whatever the segment', () => {
    const noNews = { ...basic, consents: ['name', 'email'], tier: 'premium' as const };
    expect(segmentAdmits({ kind: 'all' }, noNews)).toBe(false);
    expect(segmentAdmits({ kind: 'premium' }, noNews)).toBe(false);
    expect(segmentAdmits({ kind: 'relation_types', relationTypes: [1] }, noNews)).toBe(false);
  });

  it('selects by tier and by any shared relationship type', () => {
    expect(segmentAdmits({ kind: 'all' }, basic)).toBe(true);
    expect(segmentAdmits({ kind: 'premium' }, basic)).toBe(false);
    expect(segmentAdmits({ kind: 'premium' }, { ...basic, tier: 'premium' })).toBe(true);
    expect(segmentAdmits({ kind: 'relation_types', relationTypes: [2, 3] }, basic)).toBe(true);
    expect(segmentAdmits({ kind: 'relation_types', relationTypes: [2, 4] }, basic)).toBe(false);
  });
});

describe('rate limiting schedule', () => {
  it('gives every delivery its own slot, so no second holds more than the rate', () => {
    const rate = 7;
    const perSecond = new Map<number, number>();
    for (let seq = 0; seq < 1000; seq++) {
      const second = Math.floor(slotOf(seq, rate, 0) / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    expect(Math.max(...perSecond.values())).toBe(rate);
    expect(perSecond.size).toBe(Math.ceil(1000 / rate));
  });

  it('splits a send into batches that start at their first slot and cover every delivery once', () => {
    const plans = planBatches(1234, 100, 1_000_000, 500);
    expect(plans).toEqual([
      { from: 0, to: 500, startAt: 1_000_000 },
      { from: 500, to: 1000, startAt: 1_005_000 },
      { from: 1000, to: 1234, startAt: 1_010_000 },
    ]);
    expect(planBatches(0, 100, 0)).toEqual([]);
  });
});

describe('unsubscribe tokens', () => {
  const secret = 'k'.repeat(43);
  const personId = '0b6c4d1e-8f7a-4c3b-9a2d-1e5f6a7b8c9d';

  it('verify what they sign', () => {
    const token = signUnsubscribeToken(secret, '042056', personId);
    expect(verifyUnsubscribeToken(secret, token)).toEqual({ municipalityCode: '042056', personId });
  });

  it('refuse another municipality, another person, another key or a malformed token', () => {
    const token = signUnsubscribeToken(secret, '042056', personId);
    const [, , signature] = token.split('.');
    expect(verifyUnsubscribeToken(secret, `072010.${personId}.${signature}`)).toBeNull();
    expect(verifyUnsubscribeToken(secret, `042056.${personId.replace('0b', '1b')}.${signature}`)).toBeNull();
    expect(verifyUnsubscribeToken('x'.repeat(43), token)).toBeNull();
    expect(verifyUnsubscribeToken(secret, `${token}x`)).toBeNull();
    expect(verifyUnsubscribeToken(secret, '')).toBeNull();
  });
});

describe('delivery failures', () => {
  it('retry SMTP 4xx, connection failures and push 429/5xx; give up on SMTP 5xx and other push 4xx', () => {
    expect(isTransient({ smtpCode: 451 })).toBe(true);
    expect(isTransient({ smtpCode: 550 })).toBe(false);
    expect(isTransient({})).toBe(true);
    expect(isTransient({ httpStatus: 429 })).toBe(true);
    expect(isTransient({ httpStatus: 503 })).toBe(true);
    expect(isTransient({ httpStatus: 400 })).toBe(false);
  });

  it('stop retrying at the last attempt', () => {
    expect(failureOutcome(true, false, 'busy')).toEqual({ status: 'retrying', error: 'busy' });
    expect(failureOutcome(true, true, 'busy')).toEqual({ status: 'failed', error: 'busy' });
    expect(failureOutcome(false, false, 'no such user')).toEqual({ status: 'failed', error: 'no such user' });
  });

  it('digest the content, so an edit after the test send is noticed', () => {
    expect(contentDigest('a', 'b')).toBe(contentDigest('a', 'b'));
    expect(contentDigest('a', 'b')).not.toBe(contentDigest('a', 'b '));
    expect(contentDigest('ab', '')).not.toBe(contentDigest('a', 'b'));
  });
});
