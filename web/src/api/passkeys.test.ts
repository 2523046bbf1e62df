import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../i18n/index.ts', () => ({ currentLanguage: () => 'ja' }));
const browser = vi.hoisted(() => ({
  startRegistration: vi.fn(),
  startAuthentication: vi.fn(),
  sendSignal: vi.fn(async () => undefined),
  browserSupportsWebAuthn: vi.fn(() => true),
}));
vi.mock('@simplewebauthn/browser', () => browser);

const { signUpWithPasskey, signInWithPasskey, addPasskey, removePasskey, PasskeyCeremonyError, describeThisDevice } =
  await import('./passkeys.ts');
const { ApiError } = await import('./client.ts');

const CHALLENGE_ID = '6f1c1d2e-8b0a-4c4e-9f57-1d2a3b4c5d6e';
const registration = { id: 'cred-1', rawId: 'cred-1', type: 'public-key', response: {}, clientExtensionResults: {} };
const signedIn = {
  person: { id: 'p', email: null, displayName: '気仙沼のファン', locale: 'ja', identityVerifiedAt: null },
  csrfToken: 'csrf-1',
  createdAccount: true,
};

function json(status: number, body: unknown): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

function domError(name: string): Error {
  const error = new Error('The operation either timed out or was not allowed.');
  error.name = name;
  return error;
}

let fetch: ReturnType<typeof vi.fn>;
beforeEach(() => {
  fetch = vi.fn();
  vi.stubGlobal('fetch', fetch);
  vi.stubGlobal('window', { location: { hostname: 'furusato.example.jp' } });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.clearAllMocks();
});

const bodyOf = (call: number) => JSON.parse(String((fetch.mock.calls[call]?.[1] as RequestInit | undefined)?.body));

describe('signUpWithPasskey', () => {
  it('asks for options with the display name, lets the browser create the passkey, and sends it back named', async () => {
    fetch
      .mockResolvedValueOnce(json(200, { challengeId: CHALLENGE_ID, options: { challenge: 'c' } }))
      .mockResolvedValueOnce(json(200, signedIn));
    browser.startRegistration.mockResolvedValueOnce(registration);

    expect(await signUpWithPasskey('気仙沼のファン', 'Chrome（Linux）')).toEqual(signedIn);
    expect(fetch.mock.calls.map((call) => call[0])).toEqual([
      '/api/v1/auth/passkey/registration/options',
      '/api/v1/auth/passkey/registration',
    ]);
    expect(bodyOf(0)).toEqual({ displayName: '気仙沼のファン' });
    expect(browser.startRegistration).toHaveBeenCalledWith({ optionsJSON: { challenge: 'c' } });
    expect(bodyOf(1)).toEqual({ challengeId: CHALLENGE_ID, response: registration, name: 'Chrome（Linux）' });
  });

  it.each([
    ['NotAllowedError', 'cancelled'],
    ['AbortError', 'cancelled'],
    ['InvalidStateError', 'alreadyRegistered'],
    ['NotSupportedError', 'unsupported'],
    ['UnknownError', 'failed'],
  ])('a %s from the browser is a %s ceremony, and nothing more is sent', async (name, problem) => {
    fetch.mockResolvedValueOnce(json(200, { challengeId: CHALLENGE_ID, options: { challenge: 'c' } }));
    browser.startRegistration.mockRejectedValueOnce(domError(name));

    const error = await signUpWithPasskey('名前', 'Chrome').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PasskeyCeremonyError);
    expect((error as InstanceType<typeof PasskeyCeremonyError>).problem).toBe(problem);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('addPasskey', () => {
  it('asks for options without a display name (the session says whose passkey it is)', async () => {
    fetch
      .mockResolvedValueOnce(json(200, { challengeId: CHALLENGE_ID, options: { challenge: 'c' } }))
      .mockResolvedValueOnce(json(201, { passkeyId: 'cred-1' }));
    browser.startRegistration.mockResolvedValueOnce(registration);
    expect(await addPasskey('Safari（iPhone）')).toEqual({ passkeyId: 'cred-1' });
    expect(bodyOf(0)).toEqual({});
  });
});

describe('signInWithPasskey', () => {
  it('signs in with the passkey the browser picked', async () => {
    fetch
      .mockResolvedValueOnce(json(200, { challengeId: CHALLENGE_ID, options: { challenge: 'c' } }))
      .mockResolvedValueOnce(json(200, { ...signedIn, createdAccount: false }));
    browser.startAuthentication.mockResolvedValueOnce({ ...registration, id: 'cred-9' });
    expect((await signInWithPasskey()).createdAccount).toBe(false);
    expect(bodyOf(1)).toEqual({ challengeId: CHALLENGE_ID, response: { ...registration, id: 'cred-9' } });
    expect(browser.sendSignal).not.toHaveBeenCalled();
  });

  it('a passkey the site does not know any more: the API error, and the password manager is told', async () => {
    fetch
      .mockResolvedValueOnce(json(200, { challengeId: CHALLENGE_ID, options: { challenge: 'c' } }))
      .mockResolvedValueOnce(
        json(400, { error: { code: 'PASSKEY_VERIFICATION_FAILED', message: 'パスキーを確認できませんでした。' } }),
      );
    browser.startAuthentication.mockResolvedValueOnce({ ...registration, id: 'cred-9' });
    const error = await signInWithPasskey().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as InstanceType<typeof ApiError>).message).toBe('パスキーを確認できませんでした。');
    expect(browser.sendSignal).toHaveBeenCalledWith({
      signalName: 'unknownCredential',
      rpID: 'furusato.example.jp',
      credentialID: 'cred-9',
    });
  });
});

describe('removePasskey', () => {
  it('deletes it at the API, then tells the password manager', async () => {
    fetch.mockResolvedValueOnce(json(204, null));
    await removePasskey('cred-1');
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/v1/auth/passkeys/cred-1');
    expect(browser.sendSignal).toHaveBeenCalledWith(expect.objectContaining({ credentialID: 'cred-1' }));
  });

  it('a refusal (the last way to sign in) is the API error, and nothing is signalled', async () => {
    fetch.mockResolvedValueOnce(json(409, { error: { code: 'LAST_SIGN_IN_METHOD', message: '最後の…' } }));
    const error = await removePasskey('cred-1').catch((e: unknown) => e);
    expect((error as InstanceType<typeof ApiError>).code).toBe('LAST_SIGN_IN_METHOD');
    expect(browser.sendSignal).not.toHaveBeenCalled();
  });
});

describe('describeThisDevice', () => {
  it.each([
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
      { browser: 'Safari', system: 'iPhone' },
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36',
      { browser: 'Chrome', system: 'Android' },
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
      { browser: 'Edge', system: 'Windows' },
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:131.0) Gecko/20100101 Firefox/131.0',
      { browser: 'Firefox', system: 'Mac' },
    ],
    ['curl/8.0', { browser: '', system: '' }],
  ])('%s', (userAgent, expected) => {
    vi.stubGlobal('navigator', { userAgent, maxTouchPoints: 0 });
    expect(describeThisDevice()).toEqual(expected);
  });
});
