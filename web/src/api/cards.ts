import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { cardTokenSchema } from '../../../src/modules/cards/schema.ts';
import { useLanguage } from '../i18n/index.ts';
import { type Json, sendJson } from './client.ts';
import { personalKey } from './session.ts';

export type CardToken = Json<z.infer<typeof cardTokenSchema>>;
export type Card = CardToken['card'];

/** Ask for a new token this long before the shown one expires, so a scan never meets an expired code. */
export const REFRESH_MARGIN_MS = 60_000;

export function refreshDelay(expiresAt: string, now: number): number {
  return Math.max(5_000, new Date(expiresAt).getTime() - now - REFRESH_MARGIN_MS);
}

export function useCardToken(code: string | undefined, enabled: boolean) {
  const language = useLanguage();
  return useQuery({
    queryKey: [...personalKey, 'card-token', code, language],
    // A POST that creates nothing: each call signs a fresh five-minute token.
    queryFn: () => sendJson<CardToken>('POST', `/api/v1/me/registrations/${encodeURIComponent(code ?? '')}/card-token`),
    enabled: enabled && Boolean(code),
    staleTime: 0,
    refetchInterval: (query) => (query.state.data ? refreshDelay(query.state.data.expiresAt, Date.now()) : false),
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
  });
}
