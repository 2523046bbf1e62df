import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { z } from 'zod';
import type { personSchema, signedInSchema } from '../../../src/modules/accounts/schema.ts';
import { getJson, type Json, sendJson, setCsrfToken } from './client.ts';

/**
 * The signed-in person. `identityVerifiedAt` (ISO time of the My Number Card check) comes with identity
 * verification; until the API sends it, absent means not verified.
 */
export type Person = Json<z.infer<typeof personSchema>> & { identityVerifiedAt?: string | null };
export type SessionState = { signedIn: false } | { signedIn: true; person: Person; csrfToken: string };
export type SignedIn = Json<z.infer<typeof signedInSchema>>;

export const sessionKey = ['auth', 'session'] as const;
/** Queries about the signed-in person start with this key; they are dropped when the person signs out. */
export const personalKey = ['me'] as const;

export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async ({ signal }) => {
      const state = await getJson<SessionState>('/api/v1/auth/session', signal);
      setCsrfToken(state.signedIn ? state.csrfToken : null);
      return state;
    },
    // Short: a sign-out on another device should show up when the person comes back to this tab.
    staleTime: 15_000,
  });
}

/** The signed-in person, or null while unknown or signed out. */
export function useSignedInPerson(): Person | null {
  const { data } = useSession();
  return data?.signedIn ? data.person : null;
}

export function startEmailSignIn(email: string): Promise<{ status: 'sent' }> {
  return sendJson('POST', '/api/v1/auth/email/start', { email });
}

export function verifyEmailCode(email: string, code: string): Promise<SignedIn> {
  return sendJson('POST', '/api/v1/auth/email/verify', { email, code });
}

// A link's token works once. React's StrictMode runs effects twice in development, and a page can be
// mounted again: every caller for one token shares the first request and its answer.
const linkAttempts = new Map<string, Promise<SignedIn>>();

export function verifyEmailLinkOnce(token: string): Promise<SignedIn> {
  let attempt = linkAttempts.get(token);
  if (!attempt) {
    attempt = sendJson<SignedIn>('POST', '/api/v1/auth/email/verify', { token });
    linkAttempts.set(token, attempt);
  }
  return attempt;
}

export function signOut(): Promise<void> {
  return sendJson('POST', '/api/v1/auth/sign-out');
}

export function signOutEverywhere(): Promise<{ endedSessions: number }> {
  return sendJson('POST', '/api/v1/auth/sign-out-everywhere');
}

/**
 * Puts a fresh sign-in into the cache. A session request still in flight (sent before the cookie was set,
 * by the header on a page's first load) is cancelled first: its "signed out" must not arrive afterwards.
 */
export async function applySignedIn(queryClient: QueryClient, signedIn: SignedIn): Promise<void> {
  await queryClient.cancelQueries({ queryKey: sessionKey });
  setCsrfToken(signedIn.csrfToken);
  queryClient.removeQueries({ queryKey: personalKey });
  const state: SessionState = { signedIn: true, person: signedIn.person, csrfToken: signedIn.csrfToken };
  queryClient.setQueryData(sessionKey, state);
}

export async function applySignedOut(queryClient: QueryClient): Promise<void> {
  await queryClient.cancelQueries({ queryKey: sessionKey });
  setCsrfToken(null);
  const state: SessionState = { signedIn: false };
  queryClient.setQueryData(sessionKey, state);
  queryClient.removeQueries({ queryKey: personalKey });
}

/** Stable functions (safe in effect dependencies) that put a sign-in or sign-out into the query cache. */
export function useApplySession() {
  const queryClient = useQueryClient();
  return useMemo(
    () => ({
      signedIn: (signedIn: SignedIn) => applySignedIn(queryClient, signedIn),
      signedOut: () => applySignedOut(queryClient),
    }),
    [queryClient],
  );
}
