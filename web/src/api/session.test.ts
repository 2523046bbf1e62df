import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../i18n/index.ts', () => ({ currentLanguage: () => 'ja' }));

const { verifyEmailLinkOnce, signOut } = await import('./session.ts');
const { setCsrfToken } = await import('./client.ts');

const signedIn = {
  person: { id: 'p', email: 'a@example.jp', displayName: null, locale: 'ja', identityVerifiedAt: null },
  csrfToken: 'csrf-1',
  createdAccount: true,
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('verifyEmailLinkOnce', () => {
  it('sends one request per token, however often it is asked (StrictMode runs effects twice)', async () => {
    const fetch = vi.fn(async () => json(200, signedIn));
    vi.stubGlobal('fetch', fetch);
    const [first, second] = await Promise.all([
      verifyEmailLinkOnce('t'.repeat(40)),
      verifyEmailLinkOnce('t'.repeat(40)),
    ]);
    expect(first).toEqual(signedIn);
    expect(second).toBe(first);
    expect(fetch).toHaveBeenCalledTimes(1);
    await verifyEmailLinkOnce('u'.repeat(40));
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

describe('writes', () => {
  it('carry the CSRF token, and fetch a fresh one once when the API refuses it', async () => {
    setCsrfToken('stale');
    const seen: (string | null)[] = [];
    const fetch = vi.fn(async (path: string, init: RequestInit) => {
      if (path === '/api/v1/auth/session')
        return json(200, { signedIn: true, person: signedIn.person, csrfToken: 'fresh' });
      const token = new Headers(init.headers).get('x-csrf-token');
      seen.push(token);
      return token === 'fresh'
        ? new Response(null, { status: 204 })
        : json(403, { error: { code: 'CSRF_TOKEN_INVALID', message: 'reload', requestId: 'r' } });
    });
    vi.stubGlobal('fetch', fetch);
    await signOut();
    expect(seen).toEqual(['stale', 'fresh']);
  });
});
