import { pipeline, Readable, type Transform } from 'node:stream';
import { stringify } from 'csv-stringify';
import iconv from 'iconv-lite';
import type { Tier } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { appendAudit } from '../audit/repository.ts';
import type { StaffContext } from '../staff/service.ts';
import * as registrantRepository from './registrant-repository.ts';
import { ABROAD, type AgeBand, jstDay, visibleToStaff } from './rules.ts';
import type { RegistrantFilterQuery } from './schema.ts';
import { registrantFilterOf } from './service.ts';

// The member list of a municipality as a CSV file for Excel (ARCHITECTURE.md: UTF-8 with BOM by default,
// Shift_JIS on request). Only what each registrant consented to share is written; the rows are read in
// batches and streamed, so a large municipality never sits in memory as one file.

export type ExportEncoding = 'utf-8' | 'shift_jis';

export const MEMBER_EXPORT_COLUMNS = [
  { key: 'memberId', header: '会員番号' },
  { key: 'tier', header: '登録区分' },
  { key: 'registeredOn', header: '登録日' },
  { key: 'premiumExpiresOn', header: 'プレミアム有効期限' },
  { key: 'displayName', header: '氏名' },
  { key: 'email', header: 'メールアドレス' },
  { key: 'ageBand', header: '年代' },
  { key: 'residencePrefecture', header: '居住都道府県' },
  { key: 'relationTypes', header: '関わり方の類型' },
  { key: 'acceptsNews', header: 'お知らせ受信' },
  { key: 'activityCount', header: '活動回数' },
] as const;

export type MemberCsvRecord = Record<(typeof MEMBER_EXPORT_COLUMNS)[number]['key'], string>;

export const EXPORT_BATCH_SIZE = 1000;

const TIER_LABELS: Record<Tier, string> = { basic: 'ベーシック', premium: 'プレミアム' };
const AGE_BAND_LABELS: Record<AgeBand, string> = {
  '10s': '10代',
  '20s': '20代',
  '30s': '30代',
  '40s': '40代',
  '50s': '50代',
  '60s': '60代',
  '70+': '70代以上',
};
const CIRCLED = ['', '①', '②', '③', '④'];

/**
 * A cell that starts like a formula is opened by Excel as one (CSV injection, OWASP): a name such as
 * `=HYPERLINK(…)` typed by a resident must stay text in the staff's spreadsheet.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

// Characters that Japanese input methods on macOS and iOS produce but Windows' Shift_JIS (CP932) spells
// with another code point; without this, 〜 and − in a name would become "?".
const CP932_SPELLINGS: Record<string, string> = {
  '\u301c': '\uff5e',
  '\u2212': '\uff0d',
  '\u2014': '\u2015',
  '\u2016': '\u2225',
  '\u00a2': '\uffe0',
  '\u00a3': '\uffe1',
  '\u00ac': '\uffe2',
};
const CP932_MISMATCH = new RegExp(`[${Object.keys(CP932_SPELLINGS).join('')}]`, 'g');

export function forShiftJis(value: string): string {
  return value.replace(CP932_MISMATCH, (ch) => CP932_SPELLINGS[ch] ?? ch);
}

export interface MemberExportRow {
  memberId: string;
  tier: Tier;
  registeredAt: Date;
  premiumExpiresAt: Date | null;
  consents: readonly string[];
  displayName: string | null;
  email: string | null;
  birthYear: number | null;
  residencePrefecture: string | null;
  residencePrefectureName: string | null;
  relationTypes: readonly number[];
  activityCount: number;
}

/** One line of the file: each personal field only with its consent (empty otherwise), read at export time. */
export function memberCsvRecord(row: MemberExportRow, now: Date): MemberCsvRecord {
  const visible = visibleToStaff(row, row.consents, now);
  const residence =
    visible.residencePrefecture === null
      ? ''
      : visible.residencePrefecture === ABROAD
        ? '海外'
        : (row.residencePrefectureName ?? visible.residencePrefecture);
  return {
    memberId: row.memberId,
    tier: TIER_LABELS[row.tier],
    registeredOn: jstDay(row.registeredAt),
    premiumExpiresOn: row.premiumExpiresAt ? jstDay(row.premiumExpiresAt) : '',
    displayName: neutraliseFormula(visible.displayName ?? ''),
    email: neutraliseFormula(visible.email ?? ''),
    ageBand: visible.ageBand ? AGE_BAND_LABELS[visible.ageBand] : '',
    residencePrefecture: residence,
    relationTypes: visible.relationTypes ? visible.relationTypes.map((t) => CIRCLED[t]).join('・') : '',
    acceptsNews: visible.acceptsNews ? 'はい' : '',
    activityCount: String(row.activityCount),
  };
}

export function memberExportFileName(code: string, now: Date): string {
  return `members-${code}-${jstDay(now).replaceAll('-', '')}.csv`;
}

/** RFC 6266 with the RFC 5987 form beside the plain one, for clients that prefer it. */
export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Batches of the export by keyset; the next batch is read only when the stream asks for more rows. */
export async function* memberRecords(
  db: Executor,
  code: string,
  filter: registrantRepository.RegistrantFilter,
  options: { batchSize: number; now: Date; encoding: ExportEncoding },
): AsyncGenerator<MemberCsvRecord> {
  let after: registrantRepository.RegistrantCursor | null = null;
  for (;;) {
    const batch = await registrantRepository.registrantBatch(db, code, filter, after, options.batchSize);
    for (const row of batch) {
      const record = memberCsvRecord(row, options.now);
      if (options.encoding === 'shift_jis') {
        for (const key of Object.keys(record) as (keyof MemberCsvRecord)[]) record[key] = forShiftJis(record[key]);
      }
      yield record;
    }
    const last = batch.at(-1);
    if (!last || batch.length < options.batchSize) return;
    after = { registeredAt: last.cursorAt, memberId: last.memberId };
  }
}

export interface MemberExport {
  total: number;
  fileName: string;
  contentType: string;
  contentDisposition: string;
  stream: Readable;
}

/**
 * Counts the matching registrants, records the export in the audit log (before any row leaves), then
 * returns the file as a stream. Rows are read when the client takes them: a slow download holds no
 * connection or transaction between batches. A registrant who withdraws meanwhile is simply not
 * written, so the file may end a few rows short of `total`.
 */
export async function exportMembers(
  db: Executor,
  ctx: StaffContext,
  query: RegistrantFilterQuery & { encoding: ExportEncoding },
  options: { batchSize?: number; now?: Date } = {},
): Promise<MemberExport> {
  const now = options.now ?? new Date();
  const { encoding, ...filterQuery } = query;
  const filter = registrantFilterOf(filterQuery);
  const total = await registrantRepository.countRegistrantsMatching(db, ctx.tenant, filter);
  await appendAudit(db, {
    tenant: ctx.tenant,
    actorPersonId: ctx.actorPersonId,
    action: 'registrants.exported',
    subjectType: 'registrations',
    requestId: ctx.requestId,
    details: { filter: filterQuery, encoding, rows: total },
  });
  const records = Readable.from(
    memberRecords(db, ctx.tenant, filter, { batchSize: options.batchSize ?? EXPORT_BATCH_SIZE, now, encoding }),
  );
  const csv = stringify({
    header: true,
    columns: MEMBER_EXPORT_COLUMNS.map((c) => ({ key: c.key, header: c.header })),
    bom: encoding === 'utf-8',
    record_delimiter: 'windows',
  });
  // The encoder takes text, not bytes.
  csv.setEncoding('utf8');
  // pipeline destroys every stage with the first error (the reply then ends the response) and stops
  // reading batches when the client goes away; there is nothing more to do in its callback.
  const ignore = () => {};
  const stream =
    encoding === 'shift_jis'
      ? // A Node Transform underneath (iconv-lite/lib/streams.js); its typings only say ReadWriteStream.
        pipeline(records, csv, iconv.encodeStream('Shift_JIS') as Transform, ignore)
      : pipeline(records, csv, ignore);
  const fileName = memberExportFileName(ctx.tenant, now);
  return {
    total,
    fileName,
    contentType: encoding === 'shift_jis' ? 'text/csv; charset=Shift_JIS' : 'text/csv; charset=utf-8',
    contentDisposition: attachmentDisposition(fileName),
    stream,
  };
}
