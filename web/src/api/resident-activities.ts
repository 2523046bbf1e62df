import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  myApplicationListSchema,
  myApplicationSchema,
  opportunityListSchema,
  opportunitySchema,
} from '../../../src/modules/opportunities/schema.ts';
import type { activitySchema } from '../../../src/modules/registrations/schema.ts';
import { useLanguage } from '../i18n/index.ts';
import { getJson, type Json, sendJson } from './client.ts';
import { personalKey } from './session.ts';

export type Opportunity = Json<z.infer<typeof opportunitySchema>>;
export type OpportunityList = Json<z.infer<typeof opportunityListSchema>>;
export type MyApplication = Json<z.infer<typeof myApplicationSchema>>;
export type MyApplicationList = Json<z.infer<typeof myApplicationListSchema>>;
export type ActivityRecord = Json<z.infer<typeof activitySchema>>;

export const ACTIVITY_KINDS = [
  'volunteer',
  'side_job',
  'working_holiday',
  'community_cooperator',
  'event_help',
  'disaster_volunteer',
  'fieldwork',
] as const satisfies readonly Opportunity['kind'][];

export interface OpportunityFilters {
  municipality: string;
  /** '01'–'47'. */
  prefecture: string;
  kind: string;
  /** '' any, 'true' online, 'false' on site. */
  online: string;
  /** YYYY-MM-DD: a session on or after this day. */
  from: string;
}

export const OPPORTUNITY_PAGE_SIZE = 10;
export const APPLICATION_PAGE_SIZE = 10;

export const applicationsKey = [...personalKey, 'applications'] as const;

export function opportunitiesQuery(filters: OpportunityFilters, page: number): string {
  const params = new URLSearchParams({ page: String(page), pageSize: String(OPPORTUNITY_PAGE_SIZE) });
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  return params.toString();
}

export function useOpportunities(filters: OpportunityFilters, page: number) {
  const language = useLanguage();
  const query = opportunitiesQuery(filters, page);
  return useQuery({
    queryKey: ['opportunities', 'browse', query, language],
    queryFn: ({ signal }) => getJson<OpportunityList>(`/api/v1/opportunities?${query}`, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOpportunity(id: string | undefined) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['opportunities', 'one', id, language],
    queryFn: ({ signal }) => getJson<Opportunity>(`/api/v1/opportunities/${encodeURIComponent(id ?? '')}`, signal),
    enabled: Boolean(id),
  });
}

export function useMyApplications(page: number, enabled = true) {
  const language = useLanguage();
  return useQuery({
    queryKey: [...applicationsKey, page, language],
    queryFn: ({ signal }) =>
      getJson<MyApplicationList>(`/api/v1/me/applications?page=${page}&pageSize=${APPLICATION_PAGE_SIZE}`, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Up to 100 of my applications: enough to tell on an opportunity's page whether I applied already. */
export function useMyRecentApplications(enabled: boolean) {
  const language = useLanguage();
  return useQuery({
    queryKey: [...applicationsKey, 'recent', language],
    queryFn: ({ signal }) => getJson<MyApplicationList>('/api/v1/me/applications?page=1&pageSize=100', signal),
    select: (list) => list.items,
    enabled,
  });
}

export function useMyActivities(enabled = true) {
  const language = useLanguage();
  return useQuery({
    queryKey: [...personalKey, 'activities', language],
    queryFn: ({ signal }) => getJson<{ items: ActivityRecord[] }>('/api/v1/me/activities', signal),
    select: (list) => list.items,
    enabled,
  });
}

/** One attempt of the person has one idempotency key: a lost answer on a phone network does not apply twice. */
export function applyForOpportunity(id: string, answers: string[], idempotencyKey: string): Promise<MyApplication> {
  return sendJson<MyApplication>(
    'POST',
    `/api/v1/me/opportunities/${encodeURIComponent(id)}/applications`,
    { answers },
    { 'idempotency-key': idempotencyKey },
  );
}

export function cancelApplication(id: string): Promise<MyApplication> {
  return sendJson<MyApplication>('POST', `/api/v1/me/applications/${encodeURIComponent(id)}/cancel`);
}
