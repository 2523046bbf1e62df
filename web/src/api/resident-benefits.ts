import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  applicationFormSchema,
  benefitListSchema,
  submitApplicationSchema,
  subsidyApplicationSchema,
} from '../../../src/modules/benefits/schema.ts';
import { useLanguage } from '../i18n/index.ts';
import { getJson, type Json, sendJson } from './client.ts';
import { personalKey } from './session.ts';

export type Benefit = Json<z.infer<typeof benefitListSchema>>['items'][number];
export type ApplicationForm = Json<z.infer<typeof applicationFormSchema>>;
export type FormField = ApplicationForm['fields'][number];
export type SubsidyApplication = Json<z.infer<typeof subsidyApplicationSchema>>;
export type NewSubsidyApplication = z.input<typeof submitApplicationSchema>;

/** Kinds a partner honours at the counter when shown the member card. */
export const CARD_KINDS: readonly string[] = ['discount', 'lodging_transport', 'resident_rate'];

export const benefitsKey = [...personalKey, 'benefits'] as const;

export function useMyBenefits() {
  const language = useLanguage();
  return useQuery({
    queryKey: [...benefitsKey, 'measures', language],
    queryFn: ({ signal }) => getJson<{ items: Benefit[] }>('/api/v1/me/benefits', signal),
    select: (list) => list.items,
  });
}

export function useApplicationForm(measureId: string | undefined) {
  const language = useLanguage();
  return useQuery({
    queryKey: [...benefitsKey, 'form', measureId, language],
    queryFn: ({ signal }) =>
      getJson<ApplicationForm>(`/api/v1/me/measures/${encodeURIComponent(measureId ?? '')}/application-form`, signal),
    enabled: Boolean(measureId),
    // The form is filled in from the profile: show what it is now, not what it was a minute ago.
    staleTime: 0,
  });
}

export function useMySubsidyApplications() {
  const language = useLanguage();
  return useQuery({
    queryKey: [...benefitsKey, 'applications', language],
    queryFn: ({ signal }) => getJson<{ items: SubsidyApplication[] }>('/api/v1/me/subsidy-applications', signal),
    select: (list) => list.items,
  });
}

export function submitSubsidyApplication(
  measureId: string,
  body: NewSubsidyApplication,
  idempotencyKey: string,
): Promise<SubsidyApplication> {
  return sendJson<SubsidyApplication>(
    'POST',
    `/api/v1/me/measures/${encodeURIComponent(measureId)}/applications`,
    body,
    {
      'idempotency-key': idempotencyKey,
    },
  );
}
