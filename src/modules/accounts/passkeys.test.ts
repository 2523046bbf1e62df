import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testEngines } from '../../../test/support/databases.ts';
import { type SignedIn, signInByEmail } from '../../../test/support/sign-in.ts';
import { type SoftAuthenticator, softAuthenticator } from '../../../test/support/soft-authenticator.ts';

const ORIGIN = 'http://localhost:3000';

describe.each(testEngines())('passkeys on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t?.close());

  const post = (url: string, payload: object, as?: SignedIn) =>
    t.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { host: 'localhost:3000', origin: ORIGIN, ...(as?.headers ?? {}) },
      cookies: as?.cookies,
    });

  const signUp = async (authenticator: SoftAuthenticator, displayName: string) => {
    const options = await post('/api/v1/auth/passkey/registration/options', { displayName });
    expect(options.statusCode).toBe(200);
    const { challengeId, options: creation } = options.json();
    expect(creation).toMatchObject({ rp: { id: 'localhost' }, authenticatorSelection: { residentKey: 'required' } });
    return post('/api/v1/auth/passkey/registration', {
      challengeId,
      response: authenticator.register(creation, ORIGIN),
    });
  };

  const signIn = async (authenticator: SoftAuthenticator) => {
    const { challengeId, options } = (await post('/api/v1/auth/passkey/authentication/options', {})).json();
    return post('/api/v1/auth/passkey/authentication', {
      challengeId,
      response: authenticator.authenticate(options, ORIGIN),
    });
  };

  const asSignedIn = (response: {
    json(): { person: { id: string }; csrfToken: string };
    cookies: { name: string; value: string }[];
  }): SignedIn => ({
    personId: response.json().person.id,
    cookies: { furusato_session: response.cookies.find((c) => c.name === 'furusato_session')?.value ?? '' },
    headers: { 'x-csrf-token': response.json().csrfToken },
  });

  it('signs up with nothing but a display name and a passkey, then signs in with it', async () => {
    const authenticator = softAuthenticator();
    const signedUp = await signUp(authenticator, 'ふるさと花子');
    expect(signedUp.statusCode).toBe(200);
    expect(signedUp.json()).toMatchObject({
      createdAccount: true,
      person: { email: null, displayName: 'ふるさと花子' },
    });

    const signedIn = await signIn(authenticator);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().person.id).toBe(signedUp.json().person.id);
    const session = await t.app.inject({ url: '/api/v1/auth/session', cookies: asSignedIn(signedIn).cookies });
    expect(session.json()).toMatchObject({ signedIn: true, person: { displayName: 'ふるさと花子' } });

    const list = await t.app.inject({ url: '/api/v1/auth/passkeys', cookies: asSignedIn(signedIn).cookies });
    expect(list.json().items).toEqual([
      expect.objectContaining({
        id: authenticator.credentialId,
        deviceType: 'singleDevice',
        lastUsedAt: expect.any(String),
      }),
    ]);
  });

  it('adds a passkey to an e-mail account and removes it', async () => {
    const person = await signInByEmail(t.app, 'passkey-add@example.jp');
    const authenticator = softAuthenticator();
    const { challengeId, options } = (
      await post('/api/v1/auth/passkey/registration/options', {}, { ...person, headers: person.headers })
    ).json();
    const added = await post(
      '/api/v1/auth/passkey/registration',
      { challengeId, response: authenticator.register(options, ORIGIN), name: 'iPhone' },
      person,
    );
    expect(added.statusCode).toBe(201);
    expect((await signIn(authenticator)).json().person.id).toBe(person.personId);

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/passkeys/${authenticator.credentialId}`,
      ...person,
    });
    expect(removed.statusCode).toBe(204);
    expect((await signIn(authenticator)).json().error.code).toBe('PASSKEY_VERIFICATION_FAILED');
  });

  it('keeps the last passkey of an account without e-mail', async () => {
    const authenticator = softAuthenticator();
    const me = asSignedIn(await signUp(authenticator, 'ひとつだけ'));
    const response = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/passkeys/${authenticator.credentialId}`,
      ...me,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('LAST_SIGN_IN_METHOD');
  });

  it('refuses a replayed challenge, a forged signature and a cloned authenticator', async () => {
    const authenticator = softAuthenticator();
    await signUp(authenticator, '検証');

    const { challengeId, options } = (await post('/api/v1/auth/passkey/authentication/options', {})).json();
    const genuine = authenticator.authenticate(options, ORIGIN);
    expect((await post('/api/v1/auth/passkey/authentication', { challengeId, response: genuine })).statusCode).toBe(
      200,
    );
    const replayed = await post('/api/v1/auth/passkey/authentication', { challengeId, response: genuine });
    expect(replayed.json().error.code).toBe('PASSKEY_CHALLENGE_INVALID');

    const second = (await post('/api/v1/auth/passkey/authentication/options', {})).json();
    const forged = authenticator.authenticate(second.options, ORIGIN) as { response: { signature: string } };
    const signature = Buffer.from(forged.response.signature, 'base64url');
    signature[signature.length - 1] = (signature[signature.length - 1] ?? 0) ^ 0xff;
    forged.response.signature = signature.toString('base64url');
    const forgedAnswer = await post('/api/v1/auth/passkey/authentication', {
      challengeId: second.challengeId,
      response: forged,
    });
    expect(forgedAnswer.statusCode).toBe(400);
    expect(forgedAnswer.json().error.code).toBe('PASSKEY_VERIFICATION_FAILED');

    // A copy of the key whose counter lags behind the stored one.
    authenticator.counter = 0;
    expect((await signIn(authenticator)).json().error.code).toBe('PASSKEY_VERIFICATION_FAILED');
  });

  it('refuses a response made for another site', async () => {
    const authenticator = softAuthenticator();
    const { challengeId, options } = (
      await post('/api/v1/auth/passkey/registration/options', { displayName: 'なりすまし' })
    ).json();
    const response = await post('/api/v1/auth/passkey/registration', {
      challengeId,
      response: authenticator.register(options, 'https://evil.example'),
    });
    expect(response.json().error.code).toBe('PASSKEY_VERIFICATION_FAILED');
  });

  it('refuses an unknown passkey without saying whose it is', async () => {
    const { challengeId, options } = (await post('/api/v1/auth/passkey/authentication/options', {})).json();
    const response = await post('/api/v1/auth/passkey/authentication', {
      challengeId,
      response: softAuthenticator().authenticate(options, ORIGIN),
    });
    expect(response.json().error.code).toBe('PASSKEY_VERIFICATION_FAILED');
  });

  it.each([
    [{}, 'DISPLAY_NAME_REQUIRED'],
    [{ displayName: '' }, 'VALIDATION_FAILED'],
    [{ displayName: 'あ'.repeat(51) }, 'VALIDATION_FAILED'],
  ])('answers sign-up options for %j with %s', async (payload, code) => {
    const response = await post('/api/v1/auth/passkey/registration/options', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe(code);
  });

  it('rejects malformed credentials and unknown challenges', async () => {
    const malformed = await post('/api/v1/auth/passkey/authentication', {
      challengeId: '00000000-0000-4000-8000-000000000000',
      response: { id: 'not base64url!', type: 'public-key' },
    });
    expect(malformed.json().error.code).toBe('VALIDATION_FAILED');
    const unknown = await post('/api/v1/auth/passkey/authentication', {
      challengeId: '00000000-0000-4000-8000-000000000000',
      response: softAuthenticator().authenticate({ challenge: 'x', rpId: 'localhost' }, ORIGIN),
    });
    expect(unknown.json().error.code).toBe('PASSKEY_CHALLENGE_INVALID');
  });
});
