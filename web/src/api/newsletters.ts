import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  audienceCountSchema,
  deliveryListSchema,
  newsletterInputSchema,
  newsletterListSchema,
  newsletterSchema,
  pushSubscriptionListSchema,
  testSendResultSchema,
  unsubscribeStateSchema,
} from '../../../src/modules/newsletters/schema.ts';
import { useAdminKey } from './admin-console.ts';
import { getJson, type Json, sendJson } from './client.ts';
import { personalKey } from './session.ts';

export type Newsletter = Json<z.infer<typeof newsletterSchema>>;
export type NewsletterList = Json<z.infer<typeof newsletterListSchema>>;
export type NewsletterInput = z.input<typeof newsletterInputSchema>;
export type Segment = NewsletterInput['segment'];
export type Channel = NewsletterInput['channels'][number];
export type AudienceCount = z.infer<typeof audienceCountSchema>;
export type DeliveryList = Json<z.infer<typeof deliveryListSchema>>;
export type DeliveryStatus = DeliveryList['items'][number]['status'];
export type TestSendResult = z.infer<typeof testSendResultSchema>;
export type UnsubscribeState = z.infer<typeof unsubscribeStateSchema>;
export type PushSubscriptions = Json<z.infer<typeof pushSubscriptionListSchema>>;

export const DELIVERY_STATUSES = [
  'queued',
  'retrying',
  'sent',
  'failed',
  'unsubscribed',
  'unreachable',
] as const satisfies readonly DeliveryStatus[];

function base(tenant: string): string {
  return `/api/v1/tenants/${encodeURIComponent(tenant)}/newsletters`;
}

function useNewslettersKey(tenant: string): readonly unknown[] {
  return [...useAdminKey(tenant), 'newsletters'];
}

export function useNewsletters(tenant: string, page: number) {
  const key = useNewslettersKey(tenant);
  return useQuery({
    queryKey: [...key, 'list', page],
    queryFn: ({ signal }) => getJson<NewsletterList>(`${base(tenant)}?page=${page}&pageSize=20`, signal),
    placeholderData: keepPreviousData,
  });
}

/** While a send is under way the counts move: asked again every two seconds until it is done. */
export function useNewsletter(tenant: string, id: string | undefined) {
  const key = useNewslettersKey(tenant);
  return useQuery({
    queryKey: [...key, 'one', id],
    queryFn: ({ signal }) => getJson<Newsletter>(`${base(tenant)}/${encodeURIComponent(id ?? '')}`, signal),
    enabled: id !== undefined,
    refetchInterval: (query) => (query.state.data?.status === 'sending' ? 2000 : false),
  });
}

/** Creates when `id` is undefined, else saves that draft. */
export function useSaveNewsletter(tenant: string, id: string | undefined) {
  const key = useNewslettersKey(tenant);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewsletterInput) =>
      id === undefined
        ? sendJson<Newsletter>('POST', base(tenant), input)
        : sendJson<Newsletter>('PUT', `${base(tenant)}/${encodeURIComponent(id)}`, input),
    onSuccess: (saved) => {
      queryClient.setQueryData([...key, 'one', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: [...key, 'list'] });
    },
  });
}

export function useAudienceCount(tenant: string, query: { segment: Segment; channels: Channel[] } | null) {
  const key = useNewslettersKey(tenant);
  return useQuery({
    queryKey: [...key, 'audience', query],
    queryFn: () => sendJson<AudienceCount>('POST', `${base(tenant)}/audience`, query),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export function useNewsletterPreview(tenant: string, body: string | null) {
  const key = useNewslettersKey(tenant);
  return useQuery({
    queryKey: [...key, 'preview', body],
    queryFn: () => sendJson<{ bodyHtml: string }>('POST', `${base(tenant)}/preview`, { body }),
    enabled: body !== null,
    placeholderData: keepPreviousData,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useTestSend(tenant: string, id: string) {
  const key = useNewslettersKey(tenant);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendJson<TestSendResult>('POST', `${base(tenant)}/${encodeURIComponent(id)}/test-send`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [...key, 'one', id] }),
  });
}

/** The idempotency key is the newsletter's: a retried click can never queue a second send. */
export function useSendNewsletter(tenant: string, id: string) {
  const key = useNewslettersKey(tenant);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      sendJson<Newsletter>('POST', `${base(tenant)}/${encodeURIComponent(id)}/send`, undefined, {
        'idempotency-key': `newsletter-send-${id}`,
      }),
    onSuccess: (sent) => {
      queryClient.setQueryData([...key, 'one', id], sent);
      void queryClient.invalidateQueries({ queryKey: [...key, 'list'] });
    },
  });
}

export function useDeliveries(
  tenant: string,
  id: string,
  query: { status?: DeliveryStatus; page: number },
  live: boolean,
) {
  const key = useNewslettersKey(tenant);
  const params = new URLSearchParams({ page: String(query.page), pageSize: '20' });
  if (query.status) params.set('status', query.status);
  return useQuery({
    queryKey: [...key, 'deliveries', id, query.status ?? null, query.page],
    queryFn: ({ signal }) =>
      getJson<DeliveryList>(`${base(tenant)}/${encodeURIComponent(id)}/deliveries?${params}`, signal),
    placeholderData: keepPreviousData,
    refetchInterval: live ? 3000 : false,
  });
}

// ----- residents -----

const pushKey = [...personalKey, 'push-subscriptions'] as const;

export function usePushSubscriptions(enabled: boolean) {
  return useQuery({
    queryKey: pushKey,
    queryFn: ({ signal }) => getJson<PushSubscriptions>('/api/v1/me/push-subscriptions', signal),
    enabled,
  });
}

export function useInvalidatePushSubscriptions() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: pushKey });
}

export function savePushSubscription(subscription: { endpoint: string; keys: { p256dh: string; auth: string } }) {
  return sendJson<{ id: string }>('POST', '/api/v1/me/push-subscriptions', subscription);
}

export function removePushSubscription(id: string) {
  return sendJson<undefined>('DELETE', `/api/v1/me/push-subscriptions/${encodeURIComponent(id)}`);
}

export function useUnsubscribeState(token: string) {
  return useQuery({
    queryKey: ['unsubscribe', token],
    queryFn: ({ signal }) =>
      getJson<UnsubscribeState>(`/api/v1/unsubscribe?token=${encodeURIComponent(token)}`, signal),
    enabled: token !== '',
    retry: false,
  });
}

export function useUnsubscribe(token: string) {
  return useMutation({
    mutationFn: () => sendJson<UnsubscribeState>('POST', `/api/v1/unsubscribe?token=${encodeURIComponent(token)}`, {}),
  });
}
