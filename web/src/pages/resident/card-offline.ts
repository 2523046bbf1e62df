import { useQuery } from '@tanstack/react-query';
import { clear, createStore, get, set } from 'idb-keyval';
import type { CardToken } from '../../api/cards.ts';

// The member card works without a network once loaded (issue 6 §5): the last card and token are kept in
// IndexedDB, and shown when the network is gone. The token inside may have expired by then; the page says so.

const store = createStore('furusato-card', 'cards');

export interface SavedCard {
  token: CardToken;
  savedAt: string;
}

export function saveCard(code: string, token: CardToken): Promise<void> {
  return set(code, { token, savedAt: new Date().toISOString() } satisfies SavedCard, store);
}

/** On sign-out (or another person signing in) the cards kept on this device go: they carry a name. */
export function forgetSavedCards(): Promise<void> {
  return clear(store);
}

export function useSavedCard(code: string | undefined) {
  return useQuery({
    queryKey: ['saved-card', code],
    queryFn: async () => (code ? ((await get<SavedCard>(code, store)) ?? null) : null),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    // Read from IndexedDB: offline is exactly when it is needed.
    networkMode: 'always',
  });
}
