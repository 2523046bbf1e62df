import type { APIRequestContext } from 'playwright-core';

/** A common phone: the resident app is designed for one hand on a small screen. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/**
 * Signs `address` up through the API in the browser context's own cookie jar (the code comes from the developer
 * mailbox), then registers with each municipality. Answers the session's CSRF token.
 */
export async function signUpResident(
  request: APIRequestContext,
  address: string,
  registrations: { municipalityCode: string; relationTypes: number[]; consents?: string[] }[],
): Promise<string> {
  const started = await request.post('/api/v1/auth/email/start', { data: { email: address } });
  if (!started.ok()) throw new Error(`sign-up mail not sent: ${started.status()}`);
  const mailbox = (await (await request.get('/api/v1/dev/mail?pageSize=50')).json()) as {
    items: { to: string; text: string }[];
  };
  const code = /^\s*(\d{6})\s*$/m.exec(mailbox.items.find((item) => item.to === address)?.text ?? '')?.[1];
  const verified = await request.post('/api/v1/auth/email/verify', { data: { email: address, code } });
  if (!verified.ok()) throw new Error(`sign-up not verified: ${verified.status()}`);
  const csrf = ((await verified.json()) as { csrfToken: string }).csrfToken;
  for (const registration of registrations) {
    const registered = await request.post('/api/v1/me/registrations', {
      headers: { 'x-csrf-token': csrf, 'idempotency-key': crypto.randomUUID() },
      data: { consents: [], ...registration },
    });
    if (registered.status() !== 201) throw new Error(`not registered with ${registration.municipalityCode}`);
  }
  return csrf;
}
