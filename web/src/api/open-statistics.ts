import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { publishedTableSchema } from '../../../src/modules/open-statistics/schema.ts';
import { useLanguage } from '../i18n/index.ts';
import { getJson } from './client.ts';

export type OpenStatisticsTable = z.infer<typeof publishedTableSchema>;
export type OpenStatisticsTableName = OpenStatisticsTable['table'];
export type Breakdown = OpenStatisticsTable['breakdown'];

export interface OpenStatisticsQuery {
  table: OpenStatisticsTableName;
  /** '' = the whole country. */
  prefecture: string;
  breakdown: Breakdown;
}

/** The API path of a table; `format: 'csv'` gives its CSV download. */
export function openStatisticsPath(query: OpenStatisticsQuery, format: 'json' | 'csv' = 'json'): string {
  const params = new URLSearchParams();
  if (query.prefecture) params.set('prefecture', query.prefecture);
  if (query.table === 'prefectures' || query.table === 'municipalities') params.set('by', query.breakdown);
  const search = params.size > 0 ? `?${params}` : '';
  return `/api/v1/open-statistics/${query.table}${format === 'csv' ? '.csv' : ''}${search}`;
}

export function useOpenStatistics(query: OpenStatisticsQuery, enabled: boolean) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['open-statistics', query, language],
    queryFn: ({ signal }) => getJson<OpenStatisticsTable>(openStatisticsPath(query), signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}
