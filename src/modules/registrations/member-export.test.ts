import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  attachmentDisposition,
  forShiftJis,
  type MemberExportRow,
  memberCsvRecord,
  memberExportFileName,
  neutraliseFormula,
} from './member-export.ts';

const now = new Date('2026-04-01T00:30:00+09:00');

const everything: MemberExportRow = {
  memberId: '00000000-0000-4000-8000-00000000000a',
  tier: 'premium',
  registeredAt: new Date('2025-12-31T15:30:00Z'),
  premiumExpiresAt: new Date('2027-01-15T16:00:00Z'),
  consents: ['name', 'email', 'age_band', 'residence', 'relation_details', 'news'],
  displayName: '小野寺 ハナコ',
  email: 'hanako@example.jp',
  birthYear: 1985,
  residencePrefecture: '13',
  residencePrefectureName: '東京都',
  relationTypes: [4, 2],
  activityCount: 5,
};

describe('member CSV records', () => {
  it('writes every consented field in Japanese, with JST days', () => {
    expect(memberCsvRecord(everything, now)).toEqual({
      memberId: everything.memberId,
      tier: 'プレミアム',
      registeredOn: '2026-01-01',
      premiumExpiresOn: '2027-01-16',
      displayName: '小野寺 ハナコ',
      email: 'hanako@example.jp',
      ageBand: '40代',
      residencePrefecture: '東京都',
      relationTypes: '②・④',
      acceptsNews: 'はい',
      activityCount: '5',
    });
  });

  it('leaves every personal cell empty without its consent', () => {
    expect(memberCsvRecord({ ...everything, tier: 'basic', premiumExpiresAt: null, consents: [] }, now)).toEqual({
      memberId: everything.memberId,
      tier: 'ベーシック',
      registeredOn: '2026-01-01',
      premiumExpiresOn: '',
      displayName: '',
      email: '',
      ageBand: '',
      residencePrefecture: '',
      relationTypes: '',
      acceptsNews: '',
      activityCount: '5',
    });
    const onlyResidence = memberCsvRecord({ ...everything, consents: ['residence'] }, now);
    expect([onlyResidence.displayName, onlyResidence.email, onlyResidence.residencePrefecture]).toEqual([
      '',
      '',
      '東京都',
    ]);
  });

  it('names residence abroad, and keeps the code when the prefecture is unknown', () => {
    const abroad = { ...everything, residencePrefecture: '99', residencePrefectureName: null };
    expect(memberCsvRecord(abroad, now).residencePrefecture).toBe('海外');
    expect(memberCsvRecord({ ...abroad, residencePrefecture: '13' }, now).residencePrefecture).toBe('13');
  });

  it('keeps a name that looks like a formula as text in Excel', () => {
    for (const value of ['=HYPERLINK("http://x")', '+81', '-1', '@SUM(A1)', '\tx', '\rx']) {
      expect(neutraliseFormula(value)).toBe(`'${value}`);
    }
    for (const value of ['山田', 'a=b', '', '＝全角']) expect(neutraliseFormula(value)).toBe(value);
    expect(memberCsvRecord({ ...everything, displayName: '=1+1' }, now).displayName).toBe("'=1+1");
  });
});

describe('Shift_JIS spelling', () => {
  it('spells the JIS/Unicode variants the Windows way, so they survive encoding', () => {
    const typed = '〜−—‖¢£¬';
    expect(iconv.decode(iconv.encode(typed, 'Shift_JIS'), 'Shift_JIS')).toBe('???????');
    expect(iconv.decode(iconv.encode(forShiftJis(typed), 'Shift_JIS'), 'Shift_JIS')).toBe('～－―∥￠￡￢');
    expect(forShiftJis('髙橋 𠮷野')).toBe('髙橋 𠮷野');
  });
});

describe('file name', () => {
  it('names the file by the municipality and the JST day, plain and RFC 5987', () => {
    const name = memberExportFileName('042056', new Date('2026-03-31T15:00:00Z'));
    expect(name).toBe('members-042056-20260401.csv');
    expect(attachmentDisposition(name)).toBe(
      `attachment; filename="members-042056-20260401.csv"; filename*=UTF-8''members-042056-20260401.csv`,
    );
  });
});
