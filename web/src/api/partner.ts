import { useQuery } from '@tanstack/react-query';
import { createStore, del, get, set, values } from 'idb-keyval';
import type { JSONWebKeySet } from 'jose';
import type { z } from 'zod';
import type { measureListSchema, redemptionSchema } from '../../../src/modules/benefits/schema.ts';
import { type CardVerification, cardNumberOf, verifyCardToken } from '../../../src/modules/cards/card-token.ts';
import type { cardJwksSchema } from '../../../src/modules/cards/schema.ts';
import { ApiError, getJson, type Json, NetworkError, sendJson } from './client.ts';
import { personalKey } from './session.ts';

// The partner scanner (issue 6 §6): cards are checked in the browser with the platform's public keys kept in
// IndexedDB, so a counter without a network still answers at once; uses recorded without a network wait in
// IndexedDB and are sent later, each with the id made at the counter, so the server counts each once.

export type PartnerMeasure = Json<z.infer<typeof measureListSchema>>['items'][number];
export type Redemption = Json<z.infer<typeof redemptionSchema>>;
type Jwks = z.infer<typeof cardJwksSchema>;

const keyStore = createStore('furusato-partner', 'saved');
const useStore = createStore('furusato-partner-uses', 'uses');

interface SavedKeys {
  jwks: Jwks;
  savedAt: string;
}

/** The card keys: fetched when there is a network (and saved), else the saved copy; null when never saved. */
export async function cardKeys(options: { refresh: boolean }): Promise<SavedKeys | null> {
  if (options.refresh) {
    try {
      const jwks = await getJson<Jwks>('/api/v1/cards/keys');
      const saved = { jwks, savedAt: new Date().toISOString() };
      await set('jwks', saved, keyStore);
      return saved;
    } catch (error) {
      if (!(error instanceof NetworkError) && !(error instanceof ApiError)) throw error;
    }
  }
  return (await get<SavedKeys>('jwks', keyStore)) ?? null;
}

export type ScanCheck = CardVerification | { status: 'no_keys' };

/**
 * The card judged at the counter. A key the saved set does not know may be a new one (rotation): the keys
 * are fetched again once, when there is a network, before the card is called unknown.
 */
export async function checkCard(token: string, municipality: string, now = new Date()): Promise<ScanCheck> {
  let keys = await cardKeys({ refresh: false });
  if (!keys) keys = await cardKeys({ refresh: true });
  if (!keys) return { status: 'no_keys' };
  const options = { now, expectedMunicipality: municipality };
  const first = await verifyCardToken(token, keys.jwks as JSONWebKeySet, options);
  if (first.status !== 'unknown_key') return first;
  const fresh = await cardKeys({ refresh: true });
  if (!fresh || fresh.savedAt === keys.savedAt) return first;
  return verifyCardToken(token, fresh.jwks as JSONWebKeySet, options);
}

export { cardNumberOf };

/** The saved keys, refreshed on opening the scanner when there is a network. */
export function useCardKeys() {
  return useQuery({
    queryKey: ['card-keys'],
    queryFn: () => cardKeys({ refresh: navigator.onLine }),
    staleTime: 60 * 60_000,
    retry: false,
    networkMode: 'always',
  });
}

/** The measures this partner honours, kept for offline use: the public list, filtered to this partner. */
export function usePartnerMeasures(municipality: string, partnerId: string) {
  return useQuery({
    queryKey: ['partner-measures', municipality, partnerId],
    queryFn: async ({ signal }) => {
      const key = `measures:${municipality}:${partnerId}`;
      try {
        const list = await getJson<{ items: PartnerMeasure[] }>(
          `/api/v1/municipalities/${encodeURIComponent(municipality)}/measures?pageSize=100`,
          signal,
        );
        const mine = list.items.filter((m) => m.partners.some((p) => p.id === partnerId));
        await set(key, mine, keyStore);
        return mine;
      } catch (error) {
        const saved = error instanceof NetworkError ? await get<PartnerMeasure[]>(key, keyStore) : undefined;
        if (saved) return saved;
        throw error;
      }
    },
    retry: false,
    // Offline the answer comes from IndexedDB: React Query must not hold the query until the network is back.
    networkMode: 'always',
  });
}

export interface QueuedUse {
  clientUseId: string;
  municipality: string;
  measureId: string;
  measureTitle: string;
  token: string;
  cardNumber: string;
  scannedAt: string;
  /** pending: not sent yet; recorded: the server counted it; refused: the server said why not. */
  state: 'pending' | 'recorded' | 'refused';
  problem?: { code: string; message: string };
}

export function queuedUses(): Promise<QueuedUse[]> {
  return values<QueuedUse>(useStore).then((all) => all.sort((a, b) => b.scannedAt.localeCompare(a.scannedAt)));
}

export function forgetUse(clientUseId: string): Promise<void> {
  return del(clientUseId, useStore);
}

function post(use: { municipality: string; token: string; measureId: string; clientUseId: string }, at?: string) {
  return sendJson<Redemption>('POST', `/api/v1/tenants/${encodeURIComponent(use.municipality)}/redemptions`, {
    token: use.token,
    measureId: use.measureId,
    clientUseId: use.clientUseId,
    ...(at ? { scannedAt: at } : {}),
  });
}

export type RecordOutcome = { kind: 'recorded'; redemption: Redemption } | { kind: 'queued'; use: QueuedUse };

/**
 * Records a use now; without a network, keeps it to send later with the moment of the scan (the server judges
 * the card and the member's eligibility at that moment). A refusal by the server is thrown as an ApiError.
 */
export async function recordUse(input: Omit<QueuedUse, 'state' | 'problem'>): Promise<RecordOutcome> {
  try {
    return { kind: 'recorded', redemption: await post(input) };
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    const use: QueuedUse = { ...input, state: 'pending' };
    await set(use.clientUseId, use, useStore);
    return { kind: 'queued', use };
  }
}

/**
 * Sends every pending use once, in the order they were scanned. A use the server already has (sent before a
 * lost answer) is answered as recorded: the clientUseId makes a re-send harmless. Stops at the first network
 * failure, leaving the rest pending.
 */
export function syncQueuedUses(): Promise<{ sent: number; offline: boolean }> {
  // One run at a time: the 'online' event and the button may both ask.
  syncing ??= sendPending().finally(() => {
    syncing = null;
  });
  return syncing;
}

let syncing: Promise<{ sent: number; offline: boolean }> | null = null;

async function sendPending(): Promise<{ sent: number; offline: boolean }> {
  const pending = (await queuedUses()).filter((u) => u.state === 'pending').reverse();
  let sent = 0;
  for (const use of pending) {
    try {
      await post(use, use.scannedAt);
      // Once answered, the card token (the member's id, maybe their name) has no reason to stay on the device.
      await set(use.clientUseId, { ...use, token: '', state: 'recorded' } satisfies QueuedUse, useStore);
    } catch (error) {
      // No answer, a signed-out session or a server fault says nothing about the use: it stays to be sent again.
      if (error instanceof NetworkError) return { sent, offline: true };
      if (error instanceof ApiError && (error.status >= 500 || error.status === 401)) return { sent, offline: false };
      const problem =
        error instanceof ApiError ? { code: error.code, message: error.message } : { code: 'UNKNOWN', message: '' };
      await set(use.clientUseId, { ...use, token: '', state: 'refused', problem } satisfies QueuedUse, useStore);
    }
    sent++;
  }
  return { sent, offline: false };
}

export interface PartnerIdentity {
  municipality: string;
  partnerId: string;
  partnerName: string;
}

/**
 * Whom the signed-in person acts for (their `partner` membership), kept for a counter that opens the scanner
 * without a network. null: signed in, but not a partner's person.
 */
export function usePartnerIdentity() {
  return useQuery({
    queryKey: [...personalKey, 'partner-identity'],
    queryFn: async ({ signal }): Promise<PartnerIdentity | null> => {
      try {
        const list = await getJson<{
          items: { tenant: string; role: string; partnerId: string | null; partnerName: string | null }[];
        }>('/api/v1/me/memberships', signal);
        const membership = list.items.find((m) => m.role === 'partner' && m.partnerId);
        const identity = membership
          ? {
              municipality: membership.tenant,
              partnerId: membership.partnerId as string,
              partnerName: membership.partnerName ?? '',
            }
          : null;
        if (identity) await set('identity', identity, keyStore);
        else await del('identity', keyStore);
        return identity;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) await del('identity', keyStore);
        const saved = error instanceof NetworkError ? await get<PartnerIdentity>('identity', keyStore) : undefined;
        if (saved) return saved;
        throw error;
      }
    },
    retry: false,
    // Offline the answer comes from IndexedDB: React Query must not hold the query until the network is back.
    networkMode: 'always',
  });
}

export function useQueuedUses() {
  return useQuery({ queryKey: ['partner-queue'], queryFn: queuedUses, staleTime: 0, networkMode: 'always' });
}
