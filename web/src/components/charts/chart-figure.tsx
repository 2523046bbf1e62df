import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/index.ts';
import { type ChartTable, csvFilename, toCsv } from './csv.ts';

export interface ChartFigureProps {
  /** Shown as the heading of the figure and used as the table's caption. */
  title: string;
  /** One or two sentences under the title: what is counted, and how. */
  description?: string;
  /** The same numbers as the chart, for the table view and the CSV file. */
  table: ChartTable;
  /** The CSV file's name (".csv" is added); defaults to the title. */
  filename?: string;
  /** Heading level of the title; 2 by default. */
  headingLevel?: 2 | 3;
  /** Shown instead of the chart and table when there is nothing to draw. */
  empty?: boolean;
  /** A legend or notes shown under the chart (not in table view). */
  footer?: ReactNode;
  /** The chart itself (an SVG with role="img" and an aria-label). */
  children: ReactNode;
}

/** Saves text as a file through a temporary link (the page keeps no object URL afterwards). */
function download(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The frame every chart shares: a titled `<figure>`, a toggle between the picture and a real `<table>` of the
 * same numbers (for screen readers, keyboard users and anyone who wants exact figures), and a CSV download
 * (UTF-8 with BOM, for Excel). Use it directly for a chart that has no component here.
 */
export function ChartFigure({
  title,
  description,
  table,
  filename,
  headingLevel = 2,
  empty = false,
  footer,
  children,
}: ChartFigureProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const headingId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const number = (value: string | number) => (typeof value === 'number' ? value.toLocaleString(language) : value);

  return (
    <figure aria-labelledby={headingId} className="min-w-0 rounded-8 border border-solid-gray-420 p-4 md:p-6">
      <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
        <Heading id={headingId} className="text-std-18B-160 text-solid-gray-900">
          {title}
        </Heading>
        {!empty && (
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className="button-secondary"
              aria-pressed={view === 'table'}
              onClick={() => setView(view === 'chart' ? 'table' : 'chart')}
            >
              {t('charts.showTable')}
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() => download(toCsv(table), csvFilename(filename ?? title))}
            >
              {t('charts.downloadCsv')}
            </button>
          </div>
        )}
      </div>
      {description && <p className="mb-4 max-w-prose text-std-16N-170">{description}</p>}
      {empty ? (
        <p>{t('charts.noData')}</p>
      ) : view === 'chart' ? (
        <>
          {children}
          {footer}
        </>
      ) : (
        // A wide table scrolls inside its own box, which is focusable so that keyboards can scroll it.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
        <section className="overflow-x-auto" tabIndex={0} aria-label={t('charts.tableOf', { title })}>
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                {table.columns.map((column, index) => (
                  <th
                    key={column}
                    scope="col"
                    className={`border-b-2 border-solid-gray-600 px-2 py-2 text-std-16B-170 ${index > 0 ? 'text-right' : ''}`}
                  >
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={String(row[0])} className="border-b border-solid-gray-420">
                  {row.map((value, index) =>
                    index === 0 ? (
                      <th key={table.columns[index]} scope="row" className="px-2 py-2 font-normal">
                        {value}
                      </th>
                    ) : (
                      <td key={table.columns[index]} className="px-2 py-2 text-right tabular-nums">
                        {number(value)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </figure>
  );
}

/** A row of coloured squares naming the series; the colours are also told in words by the table view. */
export function Legend({ items }: { items: Array<{ label: string; swatch: string }> }) {
  return (
    <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1">
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-2">
          <span aria-hidden="true" className={`inline-block size-3 rounded-4 ${item.swatch}`} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
