import { describe, expect, it } from 'vitest';
import { directoryEntries } from '../municipalities/directory-source.ts';
import { type DirectoryMunicipality, municipalityFromAddress } from './rules.ts';

// The same rows the municipalities table holds (see directory-source.ts), without a database.
const entries = directoryEntries();
const prefectureNames = new Map(entries.filter((e) => e.kind === 'prefecture').map((e) => [e.prefectureCode, e.name]));
const directory: DirectoryMunicipality[] = entries
  .filter((e) => e.kind === 'municipality')
  .map((e) => ({ code: e.code, prefectureName: prefectureNames.get(e.prefectureCode) ?? '', name: e.name }));

const fromFormatted = (formatted: string) => municipalityFromAddress({ formatted }, directory);

describe('municipalityFromAddress', () => {
  it.each([
    ['宮城県気仙沼市八日町1-1-1', '042056'],
    ['宮城県本吉郡南三陸町志津川字沼田101', '046060'],
    ['宮城県仙台市青葉区国分町3-7-1', '041009'],
    ['神奈川県横浜市中区日本大通1', '141003'],
    ['東京都千代田区永田町1-7-1', '131016'],
    ['北海道余市郡余市町朝日町26', '014087'],
    ['山形県西村山郡河北町谷地戊81', '063215'],
    ['兵庫県赤穂郡上郡町大持278', '284815'],
    ['福島県郡山市朝日1-23-7', '072036'],
    ['奈良県大和郡山市北郡山町248-4', '292036'],
    ['三重県四日市市諏訪町1-5', '242021'],
  ])('%s → %s', (formatted, code) => {
    expect(fromFormatted(formatted)).toBe(code);
  });

  it('reads the structured members first, and ignores width, spaces, a postal code and the country', () => {
    expect(municipalityFromAddress({ region: '宮城県', locality: '仙台市青葉区', formatted: 'x' }, directory)).toBe(
      '041009',
    );
    expect(fromFormatted('〒988-0017 宮城県　気仙沼市 八日町１－１－１')).toBe('042056');
    expect(fromFormatted('日本国宮城県気仙沼市八日町1-1-1')).toBe('042056');
  });

  it('falls back to formatted when the structured members name nothing known', () => {
    expect(
      municipalityFromAddress({ region: '宮城県', locality: '旧唐桑町', formatted: '宮城県気仙沼市唐桑町' }, directory),
    ).toBe('042056');
  });

  it.each([
    ['an address abroad', { formatted: '1600 Pennsylvania Avenue NW, Washington, DC' }],
    ['a municipality of another prefecture', { formatted: '宮城県郡山市朝日1-23-7' }],
    ['a merged-away name', { formatted: '宮城県本吉郡唐桑町' }],
    ['a prefecture only', { region: '宮城県' }],
    ['claims of the wrong type', { formatted: 42, region: ['宮城県'], locality: null }],
    ['no address', undefined],
  ])('gives null for %s', (_, address) => {
    expect(municipalityFromAddress(address as Parameters<typeof municipalityFromAddress>[0], directory)).toBeNull();
  });

  it('gives null when two municipalities share the longest matching name', () => {
    const twins = [
      { code: '000001', prefectureName: '架空県', name: '同名町' },
      { code: '000002', prefectureName: '架空県', name: '同名町' },
    ];
    expect(municipalityFromAddress({ formatted: '架空県同名町1' }, twins)).toBeNull();
  });
});
