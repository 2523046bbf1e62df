import { useTranslation } from 'react-i18next';
import type { OpenStatisticsTable } from '../../api/open-statistics.ts';
import { useLanguage } from '../../i18n/index.ts';
import { prefectureLabel } from '../../i18n/prefecture-names.ts';

/** One published table as an HTML table: a hidden (suppressed) cell reads 秘匿 / suppressed, never a number. */
export function StatisticsTable({ table, caption }: { table: OpenStatisticsTable; caption: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const withTotals = table.breakdown === 'tier';
  const show = (value: number | null) =>
    value === null ? (
      <span className="text-solid-gray-700">{t('openStatistics.suppressed')}</span>
    ) : (
      value.toLocaleString(language)
    );
  const label = (row: OpenStatisticsTable['rows'][number]) =>
    table.table === 'prefectures' || (table.table === 'residence' && /^(0[1-9]|[1-3]\d|4[0-7])$/.test(row.key))
      ? prefectureLabel(row.key, row.label, language)
      : row.label;
  const columnLabel = (column: string) => t(`openStatistics.columns.${column as 'basic'}`);
  const cellClass = 'border-b border-solid-gray-200 px-3 py-2 text-right tabular-nums';

  return (
    // A long table scrolls inside its own box, focusable so that a keyboard can scroll it.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section className="overflow-x-auto" tabIndex={0} aria-label={caption}>
      <table className="w-full border-collapse text-left">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="border-b-2 border-solid-gray-420 px-3 py-2">
              {t(`openStatistics.rowHeadings.${table.table}`)}
            </th>
            {table.columns.map((column) => (
              <th key={column} scope="col" className="border-b-2 border-solid-gray-420 px-3 py-2 text-right">
                {columnLabel(column)}
              </th>
            ))}
            {withTotals && (
              <th scope="col" className="border-b-2 border-solid-gray-420 px-3 py-2 text-right">
                {t('openStatistics.total')}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row" className="border-b border-solid-gray-200 px-3 py-2 font-normal">
                {label(row)}
              </th>
              {row.cells.map((cell, j) => (
                <td key={table.columns[j]} className={cellClass}>
                  {show(cell)}
                </td>
              ))}
              {withTotals && <td className={`${cellClass} font-bold`}>{show(row.total)}</td>}
            </tr>
          ))}
        </tbody>
        {table.columnTotals && (
          <tfoot>
            <tr>
              <th scope="row" className="px-3 py-2 text-left">
                {t('openStatistics.total')}
              </th>
              {table.columnTotals.map((cell, j) => (
                <td key={table.columns[j]} className={`${cellClass} font-bold`}>
                  {show(cell)}
                </td>
              ))}
              {withTotals && <td className={`${cellClass} font-bold`}>{show(table.grandTotal)}</td>}
            </tr>
          </tfoot>
        )}
      </table>
    </section>
  );
}
