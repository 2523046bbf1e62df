import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  recordActivitySchema,
  registrantDetailSchema,
  registrantListSchema,
} from '../../../src/modules/registrations/schema.ts';
import { useAdminKey } from './admin-console.ts';
import { getJson, type Json, sendJson } from './client.ts';

export type RegistrantList = Json<z.infer<typeof registrantListSchema>>;
export type Registrant = RegistrantList['items'][number];
export type RegistrantDetail = Json<z.infer<typeof registrantDetailSchema>>;
export type MemberActivity = RegistrantDetail['activities'][number];
export type NewActivity = z.infer<typeof recordActivitySchema>;

/** The members list's filters, as they stand in the page's address and in the API's query. */
export interface MemberFilter {
  q: string;
  tier: '' | 'basic' | 'premium';
  relationType: string;
  residencePrefecture: string;
  registeredSince: string;
  minActivities: string;
}

export const FILTER_KEYS = [
  'q',
  'tier',
  'relationType',
  'residencePrefecture',
  'registeredSince',
  'minActivities',
] as const satisfies readonly (keyof MemberFilter)[];

export const EMPTY_FILTER: MemberFilter = {
  q: '',
  tier: '',
  relationType: '',
  residencePrefecture: '',
  registeredSince: '',
  minActivities: '',
};

export const MEMBERS_PAGE_SIZE = 50;

/** The list's order (not a filter: the export keeps the server's own order). */
export type MemberSort = 'registeredAt' | 'activities';

export function sortFrom(params: URLSearchParams): MemberSort {
  return params.get('sort') === 'activities' ? 'activities' : 'registeredAt';
}

const VALID: Record<keyof MemberFilter, RegExp> = {
  q: /^.{1,100}$/su,
  tier: /^(basic|premium)$/,
  relationType: /^[1-4]$/,
  residencePrefecture: /^(0[1-9]|[1-3][0-9]|4[0-7]|99)$/,
  registeredSince: /^\d{4}-\d{2}-\d{2}$/,
  minActivities: /^([1-9]\d{0,2}|1000)$/,
};

/** The filter in `params`, leaving out what the API would refuse (a hand-edited address). */
export function filterFrom(params: URLSearchParams): MemberFilter {
  const filter: MemberFilter = { ...EMPTY_FILTER };
  for (const key of FILTER_KEYS) {
    const value = (params.get(key) ?? '').trim();
    if (VALID[key].test(value)) (filter as unknown as Record<string, string>)[key] = value;
  }
  return filter;
}

/** The set filters only, as query parameters (for the API and the page address alike). */
export function filterParams(filter: MemberFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filter[key].trim();
    if (value) params.set(key, value);
  }
  return params;
}

function tenantPath(tenant: string): string {
  return `/api/v1/tenants/${encodeURIComponent(tenant)}`;
}

export function registrantsExportPath(tenant: string, filter: MemberFilter, encoding: CsvEncoding): string {
  const params = filterParams(filter);
  params.set('encoding', encoding);
  return `${tenantPath(tenant)}/registrants/export.csv?${params}`;
}

export type CsvEncoding = 'utf-8' | 'shift_jis';

export function useRegistrants(tenant: string, filter: MemberFilter, sort: MemberSort, page: number) {
  const key = useAdminKey(tenant);
  return useQuery({
    queryKey: [...key, 'registrants', 'list', filter, sort, page],
    queryFn: ({ signal }) => {
      const params = filterParams(filter);
      if (sort !== 'registeredAt') params.set('sort', sort);
      params.set('page', String(page));
      params.set('pageSize', String(MEMBERS_PAGE_SIZE));
      return getJson<RegistrantList>(`${tenantPath(tenant)}/registrants?${params}`, signal);
    },
    placeholderData: keepPreviousData,
  });
}

export function useRegistrant(tenant: string, memberId: string) {
  const key = useAdminKey(tenant);
  return useQuery({
    queryKey: [...key, 'registrants', 'detail', memberId],
    queryFn: ({ signal }) =>
      getJson<RegistrantDetail>(`${tenantPath(tenant)}/registrants/${encodeURIComponent(memberId)}`, signal),
  });
}

export function useRecordActivity(tenant: string) {
  const key = useAdminKey(tenant);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (activity: NewActivity) =>
      sendJson<MemberActivity>('POST', `${tenantPath(tenant)}/activities`, activity),
    // The member's activities, the list filtered by activity count and the premium preview all change.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
