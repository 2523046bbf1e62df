import type { Redemption } from '../../../api/admin-measures.ts';

/** A CSV field: quoted when it holds a separator, a quote or a line break; a leading =+-@ is defused for Excel. */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export interface CsvHeadings {
  scannedAt: string;
  recordedAt: string;
  measure: string;
  partner: string;
  cardNumber: string;
  tier: string;
  offline: string;
}

/**
 * The uses as CSV in UTF-8 with a byte order mark (Excel in Japan opens it without garbling), CRLF lines.
 * Times are ISO 8601 with offset, so a spreadsheet and a program read the same moment.
 */
export function redemptionsCsv(rows: readonly Redemption[], headings: CsvHeadings, yes: string, no: string): string {
  const lines = [
    [
      headings.scannedAt,
      headings.recordedAt,
      headings.measure,
      headings.partner,
      headings.cardNumber,
      headings.tier,
      headings.offline,
    ],
    ...rows.map((r) => [
      r.scannedAt,
      r.recordedAt,
      r.measureTitle,
      r.partnerName,
      r.cardNumber,
      r.tier,
      r.offline ? yes : no,
    ]),
  ];
  return `\uFEFF${lines.map((line) => line.map(field).join(',')).join('\r\n')}\r\n`;
}
