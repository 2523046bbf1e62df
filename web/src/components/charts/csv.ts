/** What every chart can also show as a table and hand over as CSV: header cells and rows of plain values. */
export interface ChartTable {
  columns: string[];
  rows: Array<Array<string | number>>;
}

const BOM = '\uFEFF';

function cell(value: string | number): string {
  const text = String(value);
  // Quote only when needed (RFC 4180); a leading =,+,-,@ is prefixed so that Excel does not run it as a formula.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The table as CSV text, UTF-8 with a byte-order mark: Excel in Japan opens such a file with the right
 * characters on a double-click, where plain UTF-8 would show mojibake. Lines end in CRLF (RFC 4180).
 */
export function toCsv(table: ChartTable): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(cell).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** A file name safe on every system, ending in .csv. */
export function csvFilename(name: string): string {
  const base = name.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '') || 'chart';
  return base.endsWith('.csv') ? base : `${base}.csv`;
}
