import { useLanguage } from '../../i18n/index.ts';
import { ChartFigure } from './chart-figure.tsx';
import { niceMax } from './palette.ts';

/** One small chart: a name and its values over the shared periods. */
export interface SmallMultiple {
  key: string;
  label: string;
  values: number[];
}

export interface SmallMultiplesProps {
  title: string;
  description?: string;
  /** The x axis shared by every panel (e.g. months), oldest first. */
  periods: string[];
  items: SmallMultiple[];
  /** Heading of the first table column, e.g. 「市区町村」. */
  itemLabel: string;
  /** 'shared' puts every panel on the same y scale (compare sizes); 'own' scales each panel to itself (compare shapes). */
  scale?: 'shared' | 'own';
  filename?: string;
  headingLevel?: 2 | 3;
}

const W = 160;
const H = 56;

/** A grid of tiny area charts, one per item, for comparing many municipalities at a glance. */
export function SmallMultiples({
  title,
  description,
  periods,
  items,
  itemLabel,
  scale = 'shared',
  filename,
  headingLevel,
}: SmallMultiplesProps) {
  const language = useLanguage();
  const table = { columns: [itemLabel, ...periods], rows: items.map((item) => [item.label, ...item.values]) };
  const sharedMax = niceMax(Math.max(0, ...items.flatMap((item) => item.values)));
  const x = (i: number) => (periods.length <= 1 ? W / 2 : (i * W) / (periods.length - 1));

  return (
    <ChartFigure
      title={title}
      description={description}
      table={table}
      filename={filename}
      headingLevel={headingLevel}
      empty={items.length === 0}
    >
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
        {items.map((item) => {
          const max = scale === 'shared' ? sharedMax : niceMax(Math.max(0, ...item.values));
          const y = (v: number) => H - (v / max) * (H - 4);
          const line = item.values.map((v, i) => `${x(i)},${y(v)}`).join(' ');
          const latest = item.values.at(-1) ?? 0;
          return (
            <li key={item.key} className="rounded-4 border border-solid-gray-200 p-2">
              <p className="text-std-16B-170 text-solid-gray-900">{item.label}</p>
              <p className="tabular-nums">{latest.toLocaleString(language)}</p>
              <svg
                role="img"
                aria-label={`${item.label}: ${item.values.map((v, i) => `${periods[i]} ${v.toLocaleString(language)}`).join(', ')}`}
                viewBox={`0 0 ${W} ${H}`}
                className="block h-14 w-full"
                preserveAspectRatio="none"
              >
                <polygon points={`0,${H} ${line} ${W},${H}`} className="fill-blue-200" />
                <polyline
                  points={line}
                  fill="none"
                  strokeWidth={2}
                  className="stroke-blue-900"
                  vectorEffect="non-scaling-stroke"
                />
              </svg>
            </li>
          );
        })}
      </ul>
    </ChartFigure>
  );
}
