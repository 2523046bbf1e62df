import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import {
  type Area,
  findArea,
  listAreas,
  sumsByMonth,
  sumsByMunicipality,
  sumsByPrefecture,
  sumsByResidence,
} from './repository.ts';
import {
  type Breakdown,
  type CounterSum,
  crossTable,
  jstMonth,
  monthRange,
  monthTable,
  type StatisticsTable,
} from './rules.ts';
import type { OpenStatisticsSettings } from './settings.ts';

export type TableName = 'prefectures' | 'municipalities' | 'residence' | 'months';

export interface PublishedTable extends StatisticsTable {
  table: TableName;
  breakdown: Breakdown;
  area: { code: string; name: string } | null;
  threshold: number;
  /** When the counters were read: the figures may be up to the refresh interval old. */
  asOf: string;
}

const RESIDENCE_ROWS = [
  { key: '00', ja: '不明', en: 'Unknown' },
  { key: '99', ja: '海外', en: 'Abroad' },
];

/**
 * The public tables. Counter sums are kept per area for the refresh interval (one query in flight per
 * key, shared by concurrent requests), then tables are built and suppressed from them on each request.
 */
export class OpenStatistics {
  private readonly db: Executor;
  private readonly settings: OpenStatisticsSettings;
  private readonly now: () => Date;
  private readonly cache = new Map<string, { readAt: Date; sums: Promise<CounterSum[]> }>();

  constructor(db: Executor, settings: OpenStatisticsSettings, now: () => Date = () => new Date()) {
    this.db = db;
    this.settings = settings;
    this.now = now;
  }

  async prefectures(breakdown: Breakdown): Promise<PublishedTable> {
    const [areas, read] = await Promise.all([
      listAreas(this.db, 'prefecture'),
      this.sums('prefectures', () => sumsByPrefecture(this.db)),
    ]);
    const rows = areas.map((a) => ({ key: a.prefectureCode, label: a.name }));
    return this.published(
      'prefectures',
      breakdown,
      null,
      read.readAt,
      crossTable(rows, read.sums, breakdown, this.settings.threshold),
    );
  }

  async municipalities(prefecture: string, breakdown: Breakdown): Promise<PublishedTable> {
    const area = await this.prefecture(prefecture);
    const [municipalities, read] = await Promise.all([
      listAreas(this.db, 'municipality', prefecture),
      this.sums(`municipalities:${prefecture}`, () => sumsByMunicipality(this.db, prefecture)),
    ]);
    const rows = municipalities.map((m) => ({ key: m.code, label: m.name }));
    const table = crossTable(rows, read.sums, breakdown, this.settings.threshold);
    return this.published('municipalities', breakdown, area, read.readAt, table);
  }

  async residence(prefecture: string | undefined, locale: 'ja' | 'en'): Promise<PublishedTable> {
    const area = prefecture === undefined ? null : await this.prefecture(prefecture);
    const [prefectures, read] = await Promise.all([
      listAreas(this.db, 'prefecture'),
      this.sums(`residence:${prefecture ?? 'all'}`, () => sumsByResidence(this.db, prefecture)),
    ]);
    const rows = [
      ...prefectures.map((p) => ({ key: p.prefectureCode, label: p.name })),
      ...RESIDENCE_ROWS.map((r) => ({ key: r.key, label: r[locale] })),
    ];
    return this.published(
      'residence',
      'tier',
      area,
      read.readAt,
      crossTable(rows, read.sums, 'tier', this.settings.threshold),
    );
  }

  async months(
    area: { prefecture?: string; municipality?: string },
    from?: string,
    to?: string,
  ): Promise<PublishedTable> {
    const now = this.now();
    const current = jstMonth(now);
    const last = to ?? current;
    const months = monthRange(from ?? jstMonth(now, 23), last);
    if (months === 'reversed' || months === 'too_long' || last > current) {
      throw new AppError('MONTH_RANGE_INVALID', { reason: last > current ? 'future' : months });
    }
    let named: { code: string; name: string } | null = null;
    if (area.municipality !== undefined) {
      const found = await findArea(this.db, area.municipality);
      if (found?.kind !== 'municipality') throw new AppError('MUNICIPALITY_NOT_FOUND');
      named = { code: found.code, name: found.name };
    } else if (area.prefecture !== undefined) {
      named = await this.prefecture(area.prefecture);
    }
    const key = `months:${area.municipality ?? area.prefecture ?? 'all'}:${current}`;
    const read = await this.sums(key, () => sumsByMonth(this.db, area, current));
    return this.published('months', 'tier', named, read.readAt, monthTable(months, read.sums, this.settings.threshold));
  }

  private async prefecture(prefecture: string): Promise<{ code: string; name: string }> {
    const found = (await listAreas(this.db, 'prefecture')).find((p: Area) => p.prefectureCode === prefecture);
    if (!found) throw new AppError('INVALID_PREFECTURE_CODE');
    return { code: found.prefectureCode, name: found.name };
  }

  private async sums(key: string, read: () => Promise<CounterSum[]>) {
    const now = this.now();
    const cached = this.cache.get(key);
    if (cached && now.getTime() - cached.readAt.getTime() < this.settings.refreshSeconds * 1000) {
      return { readAt: cached.readAt, sums: await cached.sums };
    }
    const entry = { readAt: now, sums: read() };
    this.forgetExpired(now);
    this.cache.set(key, entry);
    // A failed read is not kept: the next request tries again.
    entry.sums.catch(() => {
      if (this.cache.get(key) === entry) this.cache.delete(key);
    });
    return { readAt: now, sums: await entry.sums };
  }

  /** Keys of past months and of areas nobody asked for lately would otherwise stay forever. */
  private forgetExpired(now: Date): void {
    for (const [key, entry] of this.cache) {
      if (now.getTime() - entry.readAt.getTime() >= this.settings.refreshSeconds * 1000) this.cache.delete(key);
    }
  }

  private published(
    table: TableName,
    breakdown: Breakdown,
    area: { code: string; name: string } | null,
    readAt: Date,
    content: StatisticsTable,
  ): PublishedTable {
    return { table, breakdown, area, threshold: this.settings.threshold, asOf: readAt.toISOString(), ...content };
  }
}
