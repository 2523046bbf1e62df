import { describe, expect, it } from 'vitest';
import type { Redemption } from '../../../api/admin-measures.ts';
import { redemptionsCsv } from './redemptions-csv.ts';

const headings = {
  scannedAt: 'scanned',
  recordedAt: 'recorded',
  measure: 'measure',
  partner: 'partner',
  cardNumber: 'card',
  tier: 'tier',
  offline: 'offline',
};

function use(overrides: Partial<Redemption>): Redemption {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    measureId: '00000000-0000-4000-8000-000000000002',
    measureTitle: '10%引き',
    partnerId: '00000000-0000-4000-8000-000000000003',
    partnerName: '海の市',
    memberId: '00000000-0000-4000-8000-000000000004',
    cardNumber: '1234 5678 9012 3456',
    tier: 'basic',
    scannedAt: '2026-11-26T01:00:00.000Z',
    offline: false,
    recordedAt: '2026-11-26T01:00:01.000Z',
    ...overrides,
  };
}

describe('redemptionsCsv', () => {
  it('starts with a BOM, ends lines with CRLF and writes one row per use', () => {
    const csv = redemptionsCsv([use({}), use({ offline: true, tier: 'premium' })], headings, 'yes', 'no');
    expect(csv.startsWith('\uFEFFscanned,recorded,measure,partner,card,tier,offline\r\n')).toBe(true);
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFscanned,recorded,measure,partner,card,tier,offline',
      '2026-11-26T01:00:00.000Z,2026-11-26T01:00:01.000Z,10%引き,海の市,1234 5678 9012 3456,basic,no',
      '2026-11-26T01:00:00.000Z,2026-11-26T01:00:01.000Z,10%引き,海の市,1234 5678 9012 3456,premium,yes',
      '',
    ]);
  });

  it('quotes separators and quotes, and defuses formulas', () => {
    const csv = redemptionsCsv([use({ measureTitle: 'a,"b"', partnerName: '=HYPERLINK("x")' })], headings, 'y', 'n');
    const row = csv.split('\r\n')[1];
    expect(row).toContain(',"a,""b""",');
    expect(row).toContain(`,"'=HYPERLINK(""x"")",`);
  });
});
