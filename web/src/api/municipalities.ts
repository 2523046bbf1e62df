import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Municipality, municipalityListSchema } from '../../../src/modules/municipalities/schema.ts';
import { useLanguage } from '../i18n/index.ts';
import { getJson } from './client.ts';

// The API's own Zod schemas are the contract: the web app takes its types from them (erased at build).
export type { Municipality } from '../../../src/modules/municipalities/schema.ts';
export type MunicipalityList = z.infer<typeof municipalityListSchema>;

export interface MunicipalitySearch {
  q: string;
  prefecture: string;
  page: number;
}

export const PAGE_SIZE = 20;

function searchPath({ q, prefecture, page }: MunicipalitySearch): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (prefecture) params.set('prefecture', prefecture);
  params.set('page', String(page));
  params.set('pageSize', String(PAGE_SIZE));
  return `/api/v1/municipalities?${params}`;
}

// The language is part of every key: error messages come back in the language that was asked for.
export function useMunicipalitySearch(search: MunicipalitySearch) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['municipalities', 'search', search, language],
    queryFn: ({ signal }) => getJson<MunicipalityList>(searchPath(search), signal),
    placeholderData: keepPreviousData,
  });
}

export function usePrefectures() {
  const language = useLanguage();
  return useQuery({
    queryKey: ['municipalities', 'prefectures', language],
    queryFn: ({ signal }) => getJson<MunicipalityList>('/api/v1/municipalities?kind=prefecture&pageSize=47', signal),
    select: (page) => page.items,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useMunicipality(code: string | undefined) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['municipalities', 'detail', code, language],
    queryFn: ({ signal }) => getJson<Municipality>(`/api/v1/municipalities/${encodeURIComponent(code ?? '')}`, signal),
    enabled: Boolean(code),
  });
}
