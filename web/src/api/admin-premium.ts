import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { premiumRuleSchema, premiumRuleViewSchema } from '../../../src/modules/registrations/schema.ts';
import { useAdminKey } from './admin-console.ts';
import { getJson, type Json, sendJson } from './client.ts';

export type PremiumRule = z.infer<typeof premiumRuleSchema>;
export type PremiumRuleView = Json<z.infer<typeof premiumRuleViewSchema>>;
export type ActivityKind = PremiumRule['activityKinds'][number];
export interface PremiumPreview {
  qualify: number;
  registrants: number;
}

// Restated from the server (src/modules/registrations/rules.ts, a runtime value): the `satisfies` keeps
// every entry a kind the API accepts; a kind added there shows up here as soon as it is listed.
export const ACTIVITY_KINDS = [
  'volunteer',
  'side_job',
  'working_holiday',
  'community_cooperator',
  'fieldwork',
  'disaster_volunteer',
  'event_help',
] as const satisfies readonly ActivityKind[];

export const RELATION_TYPES = [1, 2, 3, 4] as const;
/** Bounds of the schema: the national minimum and the most a municipality may ask for. */
export const MIN_ACTIVITIES = 3;
export const MAX_ACTIVITIES = 50;

function rulePath(tenant: string): string {
  return `/api/v1/tenants/${encodeURIComponent(tenant)}/premium-rule`;
}

export function usePremiumRule(tenant: string) {
  const key = useAdminKey(tenant);
  return useQuery({
    queryKey: [...key, 'premium-rule'],
    queryFn: ({ signal }) => getJson<PremiumRuleView>(rulePath(tenant), signal),
  });
}

/**
 * How many of today's registrants `rule` would admit, asked once the editing pauses (`rule` is the
 * debounced one; null while the form is not valid). The previous answer stays on screen meanwhile.
 */
export function usePremiumPreview(tenant: string, rule: PremiumRule | null) {
  const key = useAdminKey(tenant);
  return useQuery({
    queryKey: [...key, 'premium-rule', 'preview', rule],
    queryFn: () => sendJson<PremiumPreview>('POST', `${rulePath(tenant)}/preview`, rule),
    enabled: rule !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useSavePremiumRule(tenant: string) {
  const key = useAdminKey(tenant);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rule: PremiumRule) => sendJson<PremiumRuleView>('PUT', rulePath(tenant), rule),
    onSuccess: (saved) => {
      queryClient.setQueryData([...key, 'premium-rule'], saved);
    },
  });
}
