import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { verificationStatusSchema } from '../../../src/modules/identity/schema.ts';
import { ApiError, getJson, type Json } from './client.ts';
import { personalKey, useSignedInPerson } from './session.ts';

export type VerificationStatus = Json<z.infer<typeof verificationStatusSchema>>;

/** Failure codes the identity verification redirect can carry, each with its own message. */
export const identityErrorCodes = [
  'IDENTITY_STATE_INVALID',
  'IDENTITY_VERIFICATION_DENIED',
  'IDENTITY_TOKEN_INVALID',
  'IDENTITY_VERIFICATION_UNAVAILABLE',
  'IDENTITY_PROVIDER_UNAVAILABLE',
] as const;
export type IdentityErrorCode = (typeof identityErrorCodes)[number];

export function isIdentityErrorCode(code: string | null): code is IdentityErrorCode {
  return (identityErrorCodes as readonly (string | null)[]).includes(code);
}

/**
 * The signed-in person's verification status, and whether this deployment offers verification at all.
 * null when the API has no such endpoint (an older server): the page then offers the button anyway.
 */
export function useVerificationStatus() {
  const person = useSignedInPerson();
  return useQuery({
    queryKey: [...personalKey, person?.id, 'identity'],
    queryFn: async ({ signal }) => {
      try {
        return await getJson<VerificationStatus>('/api/v1/identity/verification', signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    enabled: Boolean(person),
  });
}
