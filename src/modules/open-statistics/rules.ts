import type { Locale } from '../../platform/locale.ts';
import { type SuppressedTable, suppressSmallCells } from './suppression.ts';

// What the open statistics publish, built from counter sums (issue 7 §6). Pure: the repository hands over
// aggregates, these functions shape them into tables and suppress small cells.

export const TIERS = ['basic', 'premium'] as const;
export const RELATION_TYPES = [1, 2, 3, 4] as const;
/** The longest month series one request may ask for: ten years, the national target's horizon. */
export const MAX_MONTHS = 120;

export type Breakdown = 'tier' | 'relation-type';

/** One counter sum: a key (a prefecture, a municipality, a residence or a month) × tier × relation type. */
export interface CounterSum {
  key: string;
  tier: 'basic' | 'premium';
  relationType: number;
  n: number;
}

export interface StatisticsTable {
  columns: string[];
  rows: { key: string; label: string; cells: (number | null)[]; total: number | null }[];
  columnTotals: (number | null)[] | null;
  grandTotal: number | null;
  suppressedCells: number;
}

/**
 * Rows × tier (additive: basic + premium = registrations; both margins published) or rows × relation type
 * ①–④ (a registration may hold several types, so a row does not add up to its registrations: only column
 * totals, the national count of each type, are published — with rowTotals off the suppression protects
 * each column on its own).
 */
export function crossTable(
  rows: readonly { key: string; label: string }[],
  sums: readonly CounterSum[],
  breakdown: Breakdown,
  threshold: number,
): StatisticsTable {
  const columns = breakdown === 'tier' ? [...TIERS] : RELATION_TYPES.map(String);
  const index = new Map(rows.map((row, i) => [row.key, i]));
  const cells = rows.map(() => columns.map(() => 0));
  for (const sum of sums) {
    const i = index.get(sum.key);
    if (i === undefined) continue;
    const column =
      breakdown === 'tier'
        ? sum.relationType === 0
          ? TIERS.indexOf(sum.tier)
          : -1
        : RELATION_TYPES.indexOf(sum.relationType as 1 | 2 | 3 | 4);
    const row = cells[i] as number[];
    if (column >= 0) row[column] = (row[column] as number) + sum.n;
  }
  const published = suppressSmallCells(cells, {
    threshold,
    rowTotals: breakdown === 'tier',
    columnTotals: true,
  });
  return shaped(rows, columns, published);
}

/**
 * Registrants at the end of each month (a stock, so months do not add up: row totals only). The sums are
 * net changes per month; every month before `from` is carried into the first row.
 */
export function monthTable(months: readonly string[], sums: readonly CounterSum[], threshold: number): StatisticsTable {
  const first = months[0] ?? '';
  const change = new Map<string, number[]>();
  let carried = TIERS.map(() => 0);
  for (const sum of sums) {
    if (sum.relationType !== 0) continue;
    const column = TIERS.indexOf(sum.tier);
    if (sum.key < first) {
      carried[column] = (carried[column] as number) + sum.n;
      continue;
    }
    const row = change.get(sum.key) ?? TIERS.map(() => 0);
    row[column] = (row[column] as number) + sum.n;
    change.set(sum.key, row);
  }
  const cells = months.map((month) => {
    const delta = change.get(month) ?? TIERS.map(() => 0);
    carried = carried.map((value, j) => value + (delta[j] as number));
    return carried;
  });
  const published = suppressSmallCells(cells, { threshold, rowTotals: true, columnTotals: false });
  return shaped(
    months.map((month) => ({ key: month, label: month })),
    [...TIERS],
    published,
  );
}

function shaped(rows: readonly { key: string; label: string }[], columns: string[], published: SuppressedTable) {
  return {
    columns,
    rows: rows.map((row, i) => ({
      key: row.key,
      label: row.label,
      cells: published.cells[i] ?? [],
      total: published.rowTotals?.[i] ?? null,
    })),
    columnTotals: published.columnTotals,
    grandTotal: published.grandTotal ?? null,
    suppressedCells: published.suppressedCells,
  };
}

/** The months from `from` to `to` inclusive (YYYY-MM), or why not. */
export function monthRange(from: string, to: string): string[] | 'reversed' | 'too_long' {
  if (from > to) return 'reversed';
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const count = (ty - fy) * 12 + (tm - fm) + 1;
  if (count > MAX_MONTHS) return 'too_long';
  return Array.from({ length: count }, (_, k) => {
    const m = fm - 1 + k;
    return `${fy + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}

/** The JST month of an instant, and the one `back` months before it. */
export function jstMonth(at: Date, back = 0): string {
  const jst = new Date(at.getTime() + 9 * 3_600_000);
  const m = jst.getUTCFullYear() * 12 + jst.getUTCMonth() - back;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}

const COLUMN_LABELS: Record<Locale, Record<string, string>> = {
  ja: { basic: '基本登録', premium: 'プレミアム登録', '1': '類型①', '2': '類型②', '3': '類型③', '4': '類型④' },
  en: { basic: 'Basic', premium: 'Premium', '1': 'Type 1', '2': 'Type 2', '3': 'Type 3', '4': 'Type 4' },
};
const WORDS: Record<Locale, { code: string; name: string; total: string; hidden: string }> = {
  ja: { code: 'コード', name: '区分', total: '合計', hidden: '秘匿' },
  en: { code: 'Code', name: 'Group', total: 'Total', hidden: 'suppressed' },
};

/** The table as CSV rows (header first); a hidden cell reads 秘匿 / suppressed, as in official tables. */
export function csvRecords(table: StatisticsTable, locale: Locale, withRowTotals: boolean): string[][] {
  const words = WORDS[locale];
  const show = (value: number | null) => (value === null ? words.hidden : String(value));
  const header = [words.code, words.name, ...table.columns.map((c) => COLUMN_LABELS[locale][c] ?? c)];
  if (withRowTotals) header.push(words.total);
  const body = table.rows.map((row) => [
    row.key,
    row.label,
    ...row.cells.map(show),
    ...(withRowTotals ? [show(row.total)] : []),
  ]);
  if (table.columnTotals) {
    body.push(['', words.total, ...table.columnTotals.map(show), ...(withRowTotals ? [show(table.grandTotal)] : [])]);
  }
  return [header, ...body];
}
