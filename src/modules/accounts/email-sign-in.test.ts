import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { startEmailSignIn } from './service.ts';

interface Mail {
  to: string;
  subject: string;
  text: string;
}

describe.each(testEngines())('e-mail sign-in and sessions on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers });

  const latestMailTo = async (to: string): Promise<Mail & { code: string; token: string }> => {
    const { items } = (await t.app.inject({ url: '/api/v1/dev/mail?pageSize=100' })).json() as { items: Mail[] };
    const mail = items.find((m) => m.to === to);
    if (!mail) throw new Error(`no mail to ${to}`);
    const code = mail.text.match(/^\s+(\d{6})$/m)?.[1];
    const token = mail.text.match(/token=([A-Za-z0-9_-]+)/)?.[1];
    if (!code || !token) throw new Error(`no code or link in:\n${mail.text}`);
    return { ...mail, code, token };
  };

  const cookieOf = (response: LightMyRequestResponse) => {
    const cookie = response.cookies.find((c) => c.name === 'furusato_session');
    if (!cookie) throw new Error('no session cookie');
    return cookie;
  };

  const sessionOf = async (cookie: string) =>
    (await t.app.inject({ url: '/api/v1/auth/session', cookies: { furusato_session: cookie } })).json();

  const signIn = async (email: string) => {
    expect((await post('/api/v1/auth/email/start', { email })).statusCode).toBe(202);
    const mail = await latestMailTo(email.toLowerCase());
    const response = await post('/api/v1/auth/email/verify', { email, code: mail.code });
    expect(response.statusCode).toBe(200);
    return { response, cookie: cookieOf(response).value, body: response.json() };
  };

  it('signs a new person up with the code from the e-mail and opens a session', async () => {
    const start = await post('/api/v1/auth/email/start', { email: 'Hanako@Example.JP' });
    expect(start.statusCode).toBe(202);
    expect(start.json()).toEqual({ status: 'sent' });
    const mail = await latestMailTo('hanako@example.jp');
    expect(mail.subject).toContain(mail.code);
    expect(mail.text).toContain('15分間有効');

    const verify = await post('/api/v1/auth/email/verify', { email: 'hanako@example.jp', code: mail.code });
    expect(verify.statusCode).toBe(200);
    expect(verify.json()).toMatchObject({ createdAccount: true, person: { email: 'hanako@example.jp', locale: 'ja' } });
    const cookie = cookieOf(verify);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

    const session = await sessionOf(cookie.value);
    expect(session).toMatchObject({ signedIn: true, person: { email: 'hanako@example.jp' } });
    expect(session.csrfToken).toBe(verify.json().csrfToken);
  });

  it('accepts a code once only', async () => {
    await post('/api/v1/auth/email/start', { email: 'once@example.jp' });
    const { code } = await latestMailTo('once@example.jp');
    expect((await post('/api/v1/auth/email/verify', { email: 'once@example.jp', code })).statusCode).toBe(200);
    const reused = await post('/api/v1/auth/email/verify', { email: 'once@example.jp', code });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.code).toBe('SIGN_IN_CODE_INVALID');
  });

  it('signs in with the link once only, and knows a returning person', async () => {
    await signIn('link@example.jp');
    await post('/api/v1/auth/email/start', { email: 'link@example.jp' }, { 'accept-language': 'en' });
    const mail = await latestMailTo('link@example.jp');
    expect(mail.text).toContain('expire in 15 minutes');
    const first = await post('/api/v1/auth/email/verify', { token: mail.token });
    expect(first.statusCode).toBe(200);
    expect(first.json().createdAccount).toBe(false);
    expect((await post('/api/v1/auth/email/verify', { token: mail.token })).json().error.code).toBe(
      'SIGN_IN_CODE_INVALID',
    );
  });

  it('burns a code after five wrong guesses', async () => {
    await post('/api/v1/auth/email/start', { email: 'guess@example.jp' });
    const { code } = await latestMailTo('guess@example.jp');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      expect((await post('/api/v1/auth/email/verify', { email: 'guess@example.jp', code: wrong })).statusCode).toBe(
        400,
      );
    }
    const right = await post('/api/v1/auth/email/verify', { email: 'guess@example.jp', code });
    expect(right.json().error.code).toBe('SIGN_IN_CODE_INVALID');
  });

  it('accepts only the newest code and link once another was sent', async () => {
    await post('/api/v1/auth/email/start', { email: 'resend@example.jp' });
    const first = await latestMailTo('resend@example.jp');
    await post('/api/v1/auth/email/start', { email: 'resend@example.jp' });
    const second = await latestMailTo('resend@example.jp');
    expect(second.code === first.code && second.token === first.token).toBe(false);
    expect((await post('/api/v1/auth/email/verify', { token: first.token })).json().error.code).toBe(
      'SIGN_IN_CODE_INVALID',
    );
    if (first.code !== second.code) {
      const old = await post('/api/v1/auth/email/verify', { email: 'resend@example.jp', code: first.code });
      expect(old.json().error.code).toBe('SIGN_IN_CODE_INVALID');
    }
    const current = await post('/api/v1/auth/email/verify', { email: 'resend@example.jp', code: second.code });
    expect(current.statusCode).toBe(200);
  });

  it('refuses an expired code', async () => {
    const sixteenMinutesAgo = new Date(Date.now() - 16 * 60 * 1000);
    await startEmailSignIn(
      t.app.db,
      { email: 'late@example.jp', locale: 'ja', publicUrl: 'http://x' },
      sixteenMinutesAgo,
    );
    const { code, token } = await latestMailTo('late@example.jp');
    expect((await post('/api/v1/auth/email/verify', { email: 'late@example.jp', code })).statusCode).toBe(400);
    expect((await post('/api/v1/auth/email/verify', { token })).statusCode).toBe(400);
  });

  it('limits codes per address without revealing whether an account exists', async () => {
    await signIn('known@example.jp');
    const answers = [];
    for (const email of ['known@example.jp', 'unknown@example.jp']) {
      const bodies = [];
      for (let i = 0; i < 3; i++) bodies.push((await post('/api/v1/auth/email/start', { email })).json());
      const limited = await post('/api/v1/auth/email/start', { email });
      answers.push({ bodies, status: limited.statusCode, code: limited.json().error.code });
    }
    // known@ already used one code in signIn(), so it reaches the limit one request earlier.
    expect(answers[1]).toEqual({
      bodies: Array(3).fill({ status: 'sent' }),
      status: 429,
      code: 'TOO_MANY_SIGN_IN_CODES',
    });
    expect(answers[0]?.status).toBe(429);
  });

  it('requires the CSRF token for cookie-authenticated writes', async () => {
    const { cookie, body } = await signIn('csrf@example.jp');
    const withoutToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      cookies: { furusato_session: cookie },
    });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().error.code).toBe('CSRF_TOKEN_INVALID');
    expect((await sessionOf(cookie)).signedIn).toBe(true);

    const withToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      cookies: { furusato_session: cookie },
      headers: { 'x-csrf-token': body.csrfToken },
    });
    expect(withToken.statusCode).toBe(204);
    expect(withToken.cookies.find((c) => c.name === 'furusato_session')?.value).toBe('');
    expect(await sessionOf(cookie)).toEqual({ signedIn: false });
  });

  it('refuses writes from another origin and sends nothing', async () => {
    const response = await post(
      '/api/v1/auth/email/start',
      { email: 'cross@example.jp' },
      { origin: 'https://evil.example' },
    );
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('ORIGIN_NOT_ALLOWED');
    await expect(latestMailTo('cross@example.jp')).rejects.toThrow('no mail');
  });

  it('rotates the session on sign-in and signs out everywhere', async () => {
    const first = await signIn('everywhere@example.jp');
    await post('/api/v1/auth/email/start', { email: 'everywhere@example.jp' });
    const { code } = await latestMailTo('everywhere@example.jp');
    const rotated = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/email/verify',
      payload: { email: 'everywhere@example.jp', code },
      cookies: { furusato_session: first.cookie },
      headers: { 'x-csrf-token': first.body.csrfToken },
    });
    expect(rotated.statusCode).toBe(200);
    expect(await sessionOf(first.cookie)).toEqual({ signedIn: false });

    const second = await signIn('everywhere@example.jp');
    const current = cookieOf(rotated).value;
    const ended = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out-everywhere',
      cookies: { furusato_session: current },
      headers: { 'x-csrf-token': rotated.json().csrfToken },
    });
    expect(ended.json()).toEqual({ endedSessions: 2 });
    expect(await sessionOf(second.cookie)).toEqual({ signedIn: false });
  });

  it('answers sign-out without a session with 401', async () => {
    const response = await post('/api/v1/auth/sign-out', {});
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('AUTHENTICATION_REQUIRED');
  });

  it.each([
    [{ email: 'not-an-address' }, '/api/v1/auth/email/start'],
    [{}, '/api/v1/auth/email/start'],
    [{ email: 'a@example.jp', code: '12ab56' }, '/api/v1/auth/email/verify'],
    [{ token: 'short' }, '/api/v1/auth/email/verify'],
  ])('rejects %j on %s with VALIDATION_FAILED', async (payload, url) => {
    const response = await post(url, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('rejects a body that is not JSON with a 4xx error shape', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/email/start',
      payload: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('MALFORMED_BODY');
  });
});

describe('sign-in rate limit per client address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', { signInRateLimit: 2 });
  });
  afterAll(() => t?.close());

  it('answers 429 RATE_LIMITED past the limit, whatever the address asked for', async () => {
    const statuses = [];
    for (const email of ['a@example.jp', 'b@example.jp', 'c@example.jp']) {
      statuses.push(
        (await t.app.inject({ method: 'POST', url: '/api/v1/auth/email/start', payload: { email } })).statusCode,
      );
    }
    expect(statuses).toEqual([202, 202, 429]);
  });
});
