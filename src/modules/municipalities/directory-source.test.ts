import { describe, expect, it } from 'vitest';
import { directoryEntries } from './directory-source.ts';

describe('municipality directory source', () => {
  const entries = directoryEntries();
  const byKind = (kind: string) => entries.filter((e) => e.kind === kind);

  it('holds the 47 prefectures and the 1,741 municipalities', () => {
    expect(byKind('prefecture')).toHaveLength(47);
    expect(byKind('municipality')).toHaveLength(1741);
  });

  it('links every ward of a designated city to its city', () => {
    const wards = byKind('ward');
    expect(wards.length).toBeGreaterThan(170);
    const cities = new Set(byKind('municipality').map((m) => m.code));
    for (const ward of wards) expect(cities.has(ward.parentCode ?? ''), ward.code).toBe(true);
    const aoba = wards.find((w) => w.name === '青葉区' && w.prefectureCode === '04');
    expect(aoba).toMatchObject({ parentCode: '041009', fullName: '宮城県仙台市青葉区' });
  });

  it('counts Tokyo as 23 special wards, 26 cities, 5 towns and 8 villages', () => {
    const tokyo = byKind('municipality').filter((m) => m.prefectureCode === '13');
    const suffix = (s: string) => tokyo.filter((m) => m.name.endsWith(s)).length;
    expect(tokyo).toHaveLength(62);
    expect([suffix('区'), suffix('市'), suffix('町'), suffix('村')]).toEqual([23, 26, 5, 8]);
  });

  it('has unique codes and lists parents before their children', () => {
    const seen = new Set<string>();
    for (const e of entries) {
      expect(seen.has(e.code)).toBe(false);
      if (e.parentCode) expect(seen.has(e.parentCode)).toBe(true);
      seen.add(e.code);
    }
  });

  it('leaves out the six villages of the Northern Territories', () => {
    expect(entries.find((e) => e.name === '色丹村')).toBeUndefined();
  });
});
