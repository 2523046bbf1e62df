import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { measureListSchema } from '../../../src/modules/benefits/schema.ts';
import type { profileSchema, publishedPostListSchema } from '../../../src/modules/content/schema.ts';
import type { opportunityListSchema } from '../../../src/modules/opportunities/schema.ts';
import { useLanguage } from '../i18n/index.ts';
import { getJson, type Json } from './client.ts';
import { personalKey } from './session.ts';

export type Profile = Json<z.infer<typeof profileSchema>>;
export type PostList = Json<z.infer<typeof publishedPostListSchema>>;
export type Post = PostList['items'][number];
export type OpportunityList = Json<z.infer<typeof opportunityListSchema>>;
export type MeasureList = Json<z.infer<typeof measureListSchema>>;

const path = (code: string) => `/api/v1/municipalities/${encodeURIComponent(code)}`;

export function useProfile(code: string | undefined) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['municipalities', 'profile', code, language],
    queryFn: ({ signal }) => getJson<Profile>(`${path(code ?? '')}/profile`, signal),
    enabled: Boolean(code),
  });
}

export function usePublicPosts(code: string, enabled: boolean) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['municipalities', 'posts', code, language],
    queryFn: ({ signal }) => getJson<PostList>(`${path(code)}/posts?page=1&pageSize=5`, signal),
    enabled,
  });
}

export function useOpenOpportunities(code: string, enabled: boolean) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['opportunities', 'open', code, language],
    queryFn: ({ signal }) =>
      getJson<OpportunityList>(`/api/v1/opportunities?municipality=${encodeURIComponent(code)}&pageSize=3`, signal),
    enabled,
  });
}

export function useMeasures(code: string, enabled: boolean) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['municipalities', 'measures', code, language],
    queryFn: ({ signal }) => getJson<MeasureList>(`${path(code)}/measures?pageSize=10`, signal),
    enabled,
  });
}

export const FEED_PAGE_SIZE = 10;

export function useFeed(page: number, enabled: boolean) {
  const language = useLanguage();
  return useQuery({
    queryKey: [...personalKey, 'feed', page, language],
    queryFn: ({ signal }) => getJson<PostList>(`/api/v1/me/feed?page=${page}&pageSize=${FEED_PAGE_SIZE}`, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}
