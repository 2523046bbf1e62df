import { type Kysely, sql } from 'kysely';

// The directory of local governments every other table refers to. Codes are the 6-digit
// 全国地方公共団体コード (JIS X 0401/0402 + check digit). search_* hold NFKC-normalised text
// (kana in hiragana) so prefix search is one index range scan whatever the user typed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table municipalities (
      code char(6) primary key check (code ~ '^[0-9]{6}$'),
      prefecture_code char(2) not null check (prefecture_code between '01' and '47'),
      kind text not null check (kind in ('prefecture', 'municipality', 'ward')),
      parent_code char(6) references municipalities (code),
      name text not null,
      kana text not null,
      full_name text not null,
      search_name text not null,
      search_kana text not null,
      search_full_name text not null,
      joined_at date,
      fee_status text not null default 'not_participating'
        check (fee_status in ('not_participating', 'exempt', 'pending_decision')),
      model_type char(1) check (model_type in ('A', 'B', 'C')),
      updated_at timestamptz not null default now(),
      check ((kind = 'ward') = (parent_code is not null))
    )
  `.execute(db);
  await sql`create index municipalities_search_name_idx on municipalities (search_name text_pattern_ops)`.execute(db);
  await sql`create index municipalities_search_kana_idx on municipalities (search_kana text_pattern_ops)`.execute(db);
  await sql`create index municipalities_search_full_name_idx on municipalities (search_full_name text_pattern_ops)`.execute(
    db,
  );
  await sql`create index municipalities_prefecture_idx on municipalities (prefecture_code, kind, code)`.execute(db);
  await sql`create index municipalities_parent_idx on municipalities (parent_code) where parent_code is not null`.execute(
    db,
  );
}
