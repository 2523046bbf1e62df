import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  createMeasureSchema,
  decisionSchema,
  measureListSchema,
  measureSchema,
  redemptionListSchema,
  subsidyApplicationListSchema,
  updateMeasureSchema,
} from '../../../src/modules/benefits/schema.ts';
import type { partnerListSchema, partnerSchema } from '../../../src/modules/partners/schema.ts';
import type { staffListSchema } from '../../../src/modules/staff/schema.ts';
import { useAdminKey } from './admin-console.ts';
import { getJson, type Json, sendJson } from './client.ts';

export type Measure = Json<z.infer<typeof measureSchema>>;
export type MeasureList = Json<z.infer<typeof measureListSchema>>;
export type MeasureInput = z.input<typeof createMeasureSchema>;
export type MeasureChange = z.input<typeof updateMeasureSchema>;
export type MeasureKind = Measure['kind'];
export type FormField = Measure['formFields'][number];
export type SubsidyApplication = Json<z.infer<typeof subsidyApplicationListSchema>>['items'][number];
export type ApplicationStatus = SubsidyApplication['status'];
export type Decision = z.input<typeof decisionSchema>;
export type RedemptionList = Json<z.infer<typeof redemptionListSchema>>;
export type Redemption = RedemptionList['items'][number];
export type Partner = Json<z.infer<typeof partnerSchema>>;
type PartnerList = Json<z.infer<typeof partnerListSchema>>;
type StaffList = Json<z.infer<typeof staffListSchema>>;

export const MEASURE_KINDS = [
  'discount',
  'lodging_transport',
  'resident_rate',
  'subsidy',
  'information',
] as const satisfies readonly MeasureKind[];
/** The kinds a partner honours at its counter (the server refuses partners on the others). */
export const PARTNER_KINDS: readonly MeasureKind[] = ['discount', 'lodging_transport', 'resident_rate'];
export const FORM_FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'date',
  'yes_no',
] as const satisfies readonly FormField['type'][];

function base(tenant: string): string {
  return `/api/v1/tenants/${encodeURIComponent(tenant)}`;
}

function useMeasuresKey(tenant: string): readonly unknown[] {
  return [...useAdminKey(tenant), 'measures'];
}

export function useMeasures(tenant: string, page: number) {
  const key = useMeasuresKey(tenant);
  return useQuery({
    queryKey: [...key, 'list', page],
    queryFn: ({ signal }) => getJson<MeasureList>(`${base(tenant)}/measures?page=${page}&pageSize=20`, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMeasure(tenant: string, id: string | undefined) {
  const key = useMeasuresKey(tenant);
  return useQuery({
    queryKey: [...key, 'one', id],
    queryFn: ({ signal }) => getJson<Measure>(`${base(tenant)}/measures/${encodeURIComponent(id ?? '')}`, signal),
    enabled: id !== undefined,
  });
}

/** Creates when `id` is undefined, else changes that measure (publishing and closing are changes too). */
export function useSaveMeasure(tenant: string, id: string | undefined) {
  const key = useMeasuresKey(tenant);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MeasureInput | MeasureChange) =>
      id === undefined
        ? sendJson<Measure>('POST', `${base(tenant)}/measures`, input)
        : sendJson<Measure>('PATCH', `${base(tenant)}/measures/${encodeURIComponent(id)}`, input),
    onSuccess: (saved) => {
      queryClient.setQueryData([...key, 'one', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: [...key, 'list'] });
    },
  });
}

export function useSubsidyApplications(tenant: string, query: { status?: ApplicationStatus; page: number }) {
  const key = useMeasuresKey(tenant);
  const params = new URLSearchParams({ page: String(query.page), pageSize: '20' });
  if (query.status) params.set('status', query.status);
  return useQuery({
    queryKey: [...key, 'applications', query.status ?? null, query.page],
    // Each read is audit-logged by the server: no background refetch on focus.
    queryFn: ({ signal }) =>
      getJson<Json<z.infer<typeof subsidyApplicationListSchema>>>(
        `${base(tenant)}/subsidy-applications?${params}`,
        signal,
      ),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: false,
  });
}

export function useDecideApplication(tenant: string) {
  const key = useMeasuresKey(tenant);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string } & Decision) =>
      sendJson<{ id: string; status: 'approved' | 'rejected' }>(
        'POST',
        `${base(tenant)}/subsidy-applications/${encodeURIComponent(input.id)}/decision`,
        { decision: input.decision, ...(input.reason ? { reason: input.reason } : {}) },
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [...key, 'applications'] }),
  });
}

export interface RedemptionFilter {
  measureId?: string;
  partnerId?: string;
}

function redemptionParams(filter: RedemptionFilter, page: number, pageSize: number): URLSearchParams {
  const params = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  if (filter.measureId) params.set('measureId', filter.measureId);
  if (filter.partnerId) params.set('partnerId', filter.partnerId);
  return params;
}

export function useRedemptions(tenant: string, filter: RedemptionFilter, page: number) {
  const key = useMeasuresKey(tenant);
  return useQuery({
    queryKey: [...key, 'redemptions', filter.measureId ?? null, filter.partnerId ?? null, page],
    queryFn: ({ signal }) =>
      getJson<RedemptionList>(`${base(tenant)}/redemptions?${redemptionParams(filter, page, 50)}`, signal),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: false,
  });
}

/** Every use of the filter, page by page (the API's largest page is 100), for the CSV file. */
export async function allRedemptions(tenant: string, filter: RedemptionFilter): Promise<Redemption[]> {
  const all: Redemption[] = [];
  for (let page = 1; ; page++) {
    const list = await getJson<RedemptionList>(`${base(tenant)}/redemptions?${redemptionParams(filter, page, 100)}`);
    all.push(...list.items);
    if (all.length >= list.total || list.items.length === 0) return all;
  }
}

function usePartnersKey(tenant: string): readonly unknown[] {
  return [...useAdminKey(tenant), 'partners'];
}

export function usePartners(tenant: string) {
  const key = usePartnersKey(tenant);
  return useQuery({
    queryKey: [...key, 'list'],
    queryFn: ({ signal }) => getJson<PartnerList>(`${base(tenant)}/partners?pageSize=100`, signal),
  });
}

/** The people acting for partners (the `partner` role among the tenant's staff), by partner. */
export function usePartnerPeople(tenant: string, enabled: boolean) {
  const key = usePartnersKey(tenant);
  return useQuery({
    queryKey: [...key, 'people'],
    queryFn: ({ signal }) => getJson<StaffList>(`${base(tenant)}/staff?pageSize=100`, signal),
    select: (list) => list.items.filter((m) => m.role === 'partner'),
    enabled,
  });
}

export function useCreatePartner(tenant: string) {
  const key = usePartnersKey(tenant);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => sendJson<Partner>('POST', `${base(tenant)}/partners`, { name }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useInvitePartnerPerson(tenant: string) {
  const key = usePartnersKey(tenant);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { partnerId: string; email: string }) =>
      sendJson<{ personId: string; email: string; created: boolean }>(
        'POST',
        `${base(tenant)}/partners/${encodeURIComponent(input.partnerId)}/members`,
        { email: input.email },
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}
