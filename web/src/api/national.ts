import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  effectReportSchema,
  memberListSchema,
  memberPlanSchema,
  memberSchema,
  planSchema,
  progressSchema,
} from '../../../src/modules/model-project/schema.ts';
import type {
  nationalDashboardSchema,
  onboardSchema,
  participantListSchema,
} from '../../../src/modules/participation/schema.ts';
import { useLanguage } from '../i18n/index.ts';
import { useAdminKey } from './admin-console.ts';
import { getJson, type Json, sendJson } from './client.ts';
import { personalKey, useSignedInPerson } from './session.ts';

// National routes (`/tenants/national/...`) and a model municipality's plan and report.
export type NationalDashboard = z.infer<typeof nationalDashboardSchema>;
export type ParticipantList = z.infer<typeof participantListSchema>;
export type Participant = ParticipantList['items'][number];
export type OnboardInput = z.input<typeof onboardSchema>;
export type ModelMember = Json<z.infer<typeof memberSchema>>;
export type ModelMemberList = Json<z.infer<typeof memberListSchema>>;
export type ModelPlan = z.infer<typeof planSchema>;
export type ModelPlanView = Json<z.infer<typeof memberPlanSchema>>;
export type EffectReport = Json<z.infer<typeof effectReportSchema>>;
export type ModelProgress = Json<z.infer<typeof progressSchema>>;
export type ModelType = ModelMember['type'];

const NATIONAL = '/api/v1/tenants/national';

function useNationalKey(): readonly unknown[] {
  const person = useSignedInPerson();
  return [...personalKey, person?.id, 'national'];
}

export function useNationalDashboard() {
  const key = useNationalKey();
  return useQuery({
    queryKey: [...key, 'dashboard'],
    queryFn: ({ signal }) => getJson<NationalDashboard>(`${NATIONAL}/national-dashboard`, signal),
  });
}

export interface ParticipantFilters {
  prefecture: string;
  feeStatus: string;
  modelOnly: boolean;
  q: string;
  page: number;
}

export const PARTICIPANT_PAGE_SIZE = 20;

export function participantParams(filters: ParticipantFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.prefecture) params.set('prefecture', filters.prefecture);
  if (filters.feeStatus) params.set('feeStatus', filters.feeStatus);
  if (filters.modelOnly) params.set('modelOnly', 'true');
  if (filters.q) params.set('q', filters.q);
  return params;
}

export function participantExportPath(filters: ParticipantFilters): string {
  return `${NATIONAL}/participants/export.csv?${participantParams(filters)}`;
}

export function useParticipants(filters: ParticipantFilters) {
  const key = useNationalKey();
  const language = useLanguage();
  const params = participantParams(filters);
  params.set('page', String(filters.page));
  params.set('pageSize', String(PARTICIPANT_PAGE_SIZE));
  return useQuery({
    queryKey: [...key, 'participants', filters, language],
    queryFn: ({ signal }) => getJson<ParticipantList>(`${NATIONAL}/participants?${params}`, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOnboard() {
  const queryClient = useQueryClient();
  const key = useNationalKey();
  return useMutation({
    mutationFn: (input: OnboardInput) =>
      sendJson<{ code: string; fullName: string; feeStatus: string }>('POST', `${NATIONAL}/participants`, input, {
        'idempotency-key': crypto.randomUUID(),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useModelMembers() {
  const key = useNationalKey();
  return useQuery({
    queryKey: [...key, 'model-project'],
    queryFn: ({ signal }) => getJson<ModelMemberList>(`${NATIONAL}/model-project`, signal),
  });
}

export function useSelectModelMember() {
  const queryClient = useQueryClient();
  const key = useNationalKey();
  return useMutation({
    mutationFn: ({ code, type }: { code: string; type: ModelType }) =>
      sendJson<ModelMember>('PUT', `${NATIONAL}/model-project/${code}`, { type }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useAdvanceStep() {
  const queryClient = useQueryClient();
  const key = useNationalKey();
  return useMutation({
    mutationFn: ({ code, step }: { code: string; step: number }) =>
      sendJson<ModelMember>('PUT', `${NATIONAL}/model-project/${code}/step`, { step }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useModelPlan(tenant: string) {
  const key = useAdminKey(tenant);
  return useQuery({
    queryKey: [...key, 'model-plan'],
    queryFn: ({ signal }) => getJson<ModelPlanView>(`/api/v1/tenants/${tenant}/model-plan`, signal),
    retry: false,
  });
}

export function useSaveModelPlan(tenant: string) {
  const queryClient = useQueryClient();
  const key = useAdminKey(tenant);
  return useMutation({
    mutationFn: (plan: ModelPlan) => sendJson<ModelPlanView>('PUT', `/api/v1/tenants/${tenant}/model-plan`, plan),
    onSuccess: (saved) => {
      queryClient.setQueryData([...key, 'model-plan'], saved);
      void queryClient.invalidateQueries({ queryKey: [...key, 'model-report'] });
    },
  });
}

export function useEffectReport(tenant: string) {
  const key = useAdminKey(tenant);
  return useQuery({
    queryKey: [...key, 'model-report'],
    queryFn: ({ signal }) => getJson<EffectReport>(`/api/v1/tenants/${tenant}/model-plan/report`, signal),
  });
}

export function useModelProgress(code: string) {
  return useQuery({
    queryKey: ['model-project', 'progress', code],
    queryFn: ({ signal }) => getJson<ModelProgress>(`/api/v1/model-project/${code}/progress`, signal),
  });
}
