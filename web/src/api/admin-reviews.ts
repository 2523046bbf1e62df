import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  premiumApplicationListSchema,
  premiumEvaluationSchema,
  staffActivityListSchema,
} from '../../../src/modules/registrations/schema.ts';
import { currentLanguage } from '../i18n/index.ts';
import { useAdminKey } from './admin-console.ts';
import { apiError, getJson, type Json, NetworkError, sendJson } from './client.ts';

export type ApplicationList = Json<z.infer<typeof premiumApplicationListSchema>>;
export type PremiumApplication = ApplicationList['items'][number];
export type ProofList = Json<z.infer<typeof staffActivityListSchema>>;
export type PendingProof = ProofList['items'][number];
export type PremiumEvaluation = z.infer<typeof premiumEvaluationSchema>;
export type Requirement = PremiumEvaluation['requirements'][number];
export type Decision = { decision: 'approve'; reason?: string } | { decision: 'reject'; reason: string };

export const QUEUE_PAGE_SIZE = 10;

function tenantPath(tenant: string): string {
  return `/api/v1/tenants/${encodeURIComponent(tenant)}`;
}

/**
 * The explanation stored with an application. The list schema leaves it `unknown` (it is the engine's
 * answer at the time of applying), so only a well-formed one is shown.
 */
export function evaluationOf(application: PremiumApplication): PremiumEvaluation | null {
  const value = application.evaluation as Partial<PremiumEvaluation> | null;
  if (!value || !Array.isArray(value.requirements)) return null;
  const requirements = value.requirements.filter(
    (r): r is Requirement =>
      typeof r?.id === 'string' &&
      typeof r.met === 'boolean' &&
      typeof r.message?.ja === 'string' &&
      typeof r.message.en === 'string',
  );
  return {
    outcome: value.outcome ?? 'review',
    kind: value.kind ?? application.kind,
    requirements,
    countedActivities: typeof value.countedActivities === 'number' ? value.countedActivities : 0,
    pendingActivities: typeof value.pendingActivities === 'number' ? value.pendingActivities : 0,
  };
}

export function usePendingApplications(tenant: string, page: number, enabled: boolean) {
  const key = useAdminKey(tenant);
  return useQuery({
    queryKey: [...key, 'applications', 'pending', page],
    queryFn: ({ signal }) =>
      getJson<ApplicationList>(
        `${tenantPath(tenant)}/premium-applications?status=pending&page=${page}&pageSize=${QUEUE_PAGE_SIZE}`,
        signal,
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function usePendingProofs(tenant: string, page: number, enabled: boolean) {
  const key = useAdminKey(tenant);
  return useQuery({
    queryKey: [...key, 'proofs', 'pending', page],
    queryFn: ({ signal }) =>
      getJson<ProofList>(
        `${tenantPath(tenant)}/activities?status=pending&page=${page}&pageSize=${QUEUE_PAGE_SIZE}`,
        signal,
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/**
 * Approves or rejects one item of a queue. Afterwards every console query of the tenant is asked again:
 * the queue, the counts on the home page, the member's activities and tier all may have changed.
 */
export function useReview(tenant: string, queue: 'applications' | 'proofs') {
  const key = useAdminKey(tenant);
  const queryClient = useQueryClient();
  const path = queue === 'applications' ? 'premium-applications' : 'activities';
  return useMutation({
    mutationFn: ({ id, ...decision }: Decision & { id: string }) =>
      sendJson<{ id: string; status: string }>(
        'POST',
        `${tenantPath(tenant)}/${path}/${encodeURIComponent(id)}/review`,
        decision,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function proofPath(tenant: string, activityId: string): string {
  return `${tenantPath(tenant)}/activities/${encodeURIComponent(activityId)}/proof`;
}

export type ProofFile = { kind: 'image'; dataUrl: string } | { kind: 'other'; contentType: string };

/**
 * The proof file, for showing it on the page: an image as a data: URL (the CSP allows images from this
 * site and data: only, not blob:); anything else (PDF) is opened in its own tab instead.
 */
export async function loadProof(tenant: string, activityId: string, signal?: AbortSignal): Promise<ProofFile> {
  let response: Response;
  try {
    response = await fetch(proofPath(tenant, activityId), {
      credentials: 'same-origin',
      headers: { 'accept-language': currentLanguage() },
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new NetworkError(error);
  }
  if (!response.ok) throw await apiError(response);
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  if (!contentType.startsWith('image/')) return { kind: 'other', contentType };
  const blob = await response.blob();
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
  return { kind: 'image', dataUrl };
}
