import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  applicationStateSchema,
  checkInCodeSchema,
  checkInResultSchema,
  createOpportunitySchema,
  decisionSchema,
  sentMessageSchema,
  staffApplicationListSchema,
  staffOpportunityListSchema,
  staffOpportunitySchema,
  updateOpportunitySchema,
} from '../../../src/modules/opportunities/schema.ts';
import { useAdminKey } from './admin-console.ts';
import { getJson, type Json, sendJson } from './client.ts';

export type StaffOpportunity = Json<z.infer<typeof staffOpportunitySchema>>;
export type StaffOpportunityList = Json<z.infer<typeof staffOpportunityListSchema>>;
export type StaffApplication = Json<z.infer<typeof staffApplicationListSchema>>['items'][number];
export type ApplicationStatus = StaffApplication['status'];
export type OpportunityStatus = StaffOpportunity['status'];
/** What the form sends: the schema's input (defaults may be left out, but the form fills every field). */
export type OpportunityInput = z.input<typeof createOpportunitySchema>;
export type OpportunityChange = z.input<typeof updateOpportunitySchema>;
export type Decision = z.input<typeof decisionSchema>['decision'];
export type CheckInCode = Json<z.infer<typeof checkInCodeSchema>>;
export type CheckInResult = Json<z.infer<typeof checkInResultSchema>>;
type ApplicationState = Json<z.infer<typeof applicationStateSchema>>;
type SentMessage = Json<z.infer<typeof sentMessageSchema>>;

export const OPPORTUNITY_STATUSES = ['draft', 'open', 'closed'] as const satisfies readonly OpportunityStatus[];

function base(tenant: string): string {
  return `/api/v1/tenants/${encodeURIComponent(tenant)}`;
}

function useOpportunitiesKey(tenant: string): readonly unknown[] {
  return [...useAdminKey(tenant), 'opportunities'];
}

export function useOpportunities(tenant: string, query: { status?: OpportunityStatus; page: number }) {
  const key = useOpportunitiesKey(tenant);
  const params = new URLSearchParams({ page: String(query.page), pageSize: '20' });
  if (query.status) params.set('status', query.status);
  return useQuery({
    queryKey: [...key, 'list', query.status ?? null, query.page],
    queryFn: ({ signal }) => getJson<StaffOpportunityList>(`${base(tenant)}/opportunities?${params}`, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOpportunity(tenant: string, id: string | undefined) {
  const key = useOpportunitiesKey(tenant);
  return useQuery({
    queryKey: [...key, 'one', id],
    queryFn: ({ signal }) =>
      getJson<StaffOpportunity>(`${base(tenant)}/opportunities/${encodeURIComponent(id ?? '')}`, signal),
    enabled: id !== undefined,
  });
}

/** Creates when `id` is undefined, else changes that opportunity. */
export function useSaveOpportunity(tenant: string, id: string | undefined) {
  const key = useOpportunitiesKey(tenant);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OpportunityInput | OpportunityChange) =>
      id === undefined
        ? sendJson<StaffOpportunity>('POST', `${base(tenant)}/opportunities`, input)
        : sendJson<StaffOpportunity>('PATCH', `${base(tenant)}/opportunities/${encodeURIComponent(id)}`, input),
    onSuccess: (saved) => {
      queryClient.setQueryData([...key, 'one', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: [...key, 'list'] });
    },
  });
}

export function useApplications(tenant: string, opportunityId: string, query: { page: number }) {
  const key = useOpportunitiesKey(tenant);
  return useQuery({
    queryKey: [...key, 'applications', opportunityId, query.page],
    queryFn: ({ signal }) =>
      getJson<Json<z.infer<typeof staffApplicationListSchema>>>(
        `${base(tenant)}/opportunities/${encodeURIComponent(opportunityId)}/applications?page=${query.page}&pageSize=50`,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

/**
 * A decision, a message or a check-in changes counts, seats and (for a check-in) the member's activities:
 * every query of the tenant is asked again.
 */
function useTenantRefresh(tenant: string) {
  const key = useAdminKey(tenant);
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: key });
}

export function useDecide(tenant: string) {
  const refresh = useTenantRefresh(tenant);
  return useMutation({
    mutationFn: ({
      applicationId,
      decision,
      message,
    }: {
      applicationId: string;
      decision: Decision;
      message?: string;
    }) =>
      sendJson<ApplicationState>('POST', `${base(tenant)}/applications/${encodeURIComponent(applicationId)}/decision`, {
        decision,
        ...(message ? { message } : {}),
      }),
    onSuccess: refresh,
  });
}

export function useSendMessage(tenant: string) {
  const refresh = useTenantRefresh(tenant);
  return useMutation({
    mutationFn: ({ applicationId, body }: { applicationId: string; body: string }) =>
      sendJson<SentMessage>('POST', `${base(tenant)}/applications/${encodeURIComponent(applicationId)}/messages`, {
        body,
      }),
    onSuccess: refresh,
  });
}

/** The venue's QR code for one session; never cached (the server says no-store, and it is audited). */
export function useCheckInCode(tenant: string, opportunityId: string, sessionId: string | null) {
  const key = useOpportunitiesKey(tenant);
  return useQuery({
    queryKey: [...key, 'check-in-code', opportunityId, sessionId],
    queryFn: ({ signal }) =>
      getJson<CheckInCode>(
        `${base(tenant)}/opportunities/${encodeURIComponent(opportunityId)}/check-in-code?session=${encodeURIComponent(sessionId ?? '')}`,
        signal,
      ),
    enabled: sessionId !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useStaffCheckIn(tenant: string, opportunityId: string) {
  const refresh = useTenantRefresh(tenant);
  return useMutation({
    mutationFn: (input: { memberId: string; sessionId?: string }) =>
      sendJson<CheckInResult>(
        'POST',
        `${base(tenant)}/opportunities/${encodeURIComponent(opportunityId)}/check-ins`,
        input,
      ),
    onSuccess: refresh,
  });
}
