import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  createRegistrationSchema,
  premiumEvaluationSchema,
  registrationListSchema,
  registrationSchema,
} from '../../../src/modules/registrations/schema.ts';
import { useLanguage } from '../i18n/index.ts';
import { getJson, type Json, sendJson } from './client.ts';
import { personalKey } from './session.ts';

export type Registration = Json<z.infer<typeof registrationSchema>>;
export type RegistrationList = Json<z.infer<typeof registrationListSchema>>;
export type PremiumEvaluation = Json<z.infer<typeof premiumEvaluationSchema>>;
export type NewRegistration = z.input<typeof createRegistrationSchema>;

export const RELATION_TYPES = [1, 2, 3, 4] as const;
/** What the municipality may see of the resident; `news` (may it send news) is asked separately. */
export const SHARED_SCOPES = ['name', 'email', 'age_band', 'residence', 'relation_details'] as const;

export const registrationsKey = [...personalKey, 'registrations'] as const;

export function useMyRegistrations(enabled = true) {
  const language = useLanguage();
  return useQuery({
    queryKey: [...registrationsKey, language],
    queryFn: ({ signal }) => getJson<RegistrationList>('/api/v1/me/registrations', signal),
    select: (list) => list.items,
    enabled,
  });
}

export function usePremiumProgress(code: string, enabled: boolean) {
  const language = useLanguage();
  return useQuery({
    queryKey: [...registrationsKey, code, 'premium', language],
    queryFn: ({ signal }) =>
      getJson<PremiumEvaluation>(`/api/v1/me/registrations/${encodeURIComponent(code)}/premium`, signal),
    enabled,
  });
}

/**
 * Registers with a municipality. The idempotency key belongs to one attempt of the person (kept across a
 * retry and a reload), so a request answered but lost on a mobile network is not registered twice.
 */
export function createRegistration(body: NewRegistration, idempotencyKey: string): Promise<Registration> {
  return sendJson<Registration>('POST', '/api/v1/me/registrations', body, { 'idempotency-key': idempotencyKey });
}

/** Drops the cached registrations (and the feed and cards that depend on them) after a change. */
export function useInvalidateRegistrations() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: personalKey });
}
