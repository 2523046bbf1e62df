import type { ColumnType, Generated } from 'kysely';

export type MunicipalityKind = 'prefecture' | 'municipality' | 'ward';
export type FeeStatus = 'not_participating' | 'exempt' | 'pending_decision';
export type ModelProjectType = 'A' | 'B' | 'C';

export interface MunicipalitiesTable {
  code: string;
  prefecture_code: string;
  kind: MunicipalityKind;
  parent_code: string | null;
  name: string;
  kana: string;
  full_name: string;
  search_name: string;
  search_kana: string;
  search_full_name: string;
  /** DATE, read as 'YYYY-MM-DD' on both engines. */
  joined_at: string | null;
  fee_status: Generated<FeeStatus>;
  model_type: ModelProjectType | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface DB {
  municipalities: MunicipalitiesTable;
}
