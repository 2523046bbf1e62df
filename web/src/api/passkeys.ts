import {
  browserSupportsWebAuthn,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  sendSignal,
  startAuthentication,
  startRegistration,
} from '@simplewebauthn/browser';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { passkeySchema } from '../../../src/modules/accounts/passkey-schema.ts';
import { getJson, type Json, sendJson } from './client.ts';
import { personalKey, type SignedIn, useSignedInPerson } from './session.ts';

export type Passkey = Json<z.infer<typeof passkeySchema>>;

interface Options<T> {
  challengeId: string;
  options: T;
}

/**
 * Why the browser's part of a passkey ceremony did not end with a credential. `cancelled`: the person
 * closed the prompt, or it timed out, or no passkey of this site is on the device (browsers do not tell
 * these apart, on purpose). `alreadyRegistered`: this authenticator already holds a passkey of the account.
 */
export type PasskeyProblem = 'cancelled' | 'alreadyRegistered' | 'unsupported' | 'failed';

/** The browser (not the API) could not create or use a passkey. The UI says why in its own words. */
export class PasskeyCeremonyError extends Error {
  readonly problem: PasskeyProblem;

  constructor(problem: PasskeyProblem, cause: unknown) {
    super(`passkey ceremony: ${problem}`, { cause });
    this.name = 'PasskeyCeremonyError';
    this.problem = problem;
  }
}

function ceremonyError(error: unknown): PasskeyCeremonyError {
  // @simplewebauthn/browser's WebAuthnError keeps the DOMException's name.
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'AbortError') return new PasskeyCeremonyError('cancelled', error);
  if (name === 'InvalidStateError') return new PasskeyCeremonyError('alreadyRegistered', error);
  if (name === 'NotSupportedError' || !browserSupportsWebAuthn()) return new PasskeyCeremonyError('unsupported', error);
  return new PasskeyCeremonyError('failed', error);
}

/** Whether this browser can create and use passkeys at all (WebAuthn). */
export function passkeysSupported(): boolean {
  return browserSupportsWebAuthn();
}

async function createCredential(optionsJSON: PublicKeyCredentialCreationOptionsJSON) {
  try {
    return await startRegistration({ optionsJSON });
  } catch (error) {
    throw ceremonyError(error);
  }
}

async function getCredential(optionsJSON: PublicKeyCredentialRequestOptionsJSON) {
  try {
    return await startAuthentication({ optionsJSON });
  } catch (error) {
    throw ceremonyError(error);
  }
}

/** Signs up with nothing but a display name: the browser creates a passkey, the API creates the account. */
export async function signUpWithPasskey(displayName: string, passkeyName: string): Promise<SignedIn> {
  const start = await sendJson<Options<PublicKeyCredentialCreationOptionsJSON>>(
    'POST',
    '/api/v1/auth/passkey/registration/options',
    { displayName },
  );
  const response = await createCredential(start.options);
  return sendJson<SignedIn>('POST', '/api/v1/auth/passkey/registration', {
    challengeId: start.challengeId,
    response,
    name: passkeyName,
  });
}

/** Adds a passkey to the signed-in account. */
export async function addPasskey(passkeyName: string): Promise<{ passkeyId: string }> {
  const start = await sendJson<Options<PublicKeyCredentialCreationOptionsJSON>>(
    'POST',
    '/api/v1/auth/passkey/registration/options',
    {},
  );
  const response = await createCredential(start.options);
  return sendJson('POST', '/api/v1/auth/passkey/registration', {
    challengeId: start.challengeId,
    response,
    name: passkeyName,
  });
}

/** Signs in with a passkey the browser finds on the device (discoverable credentials: no name asked). */
export async function signInWithPasskey(): Promise<SignedIn> {
  const start = await sendJson<Options<PublicKeyCredentialRequestOptionsJSON>>(
    'POST',
    '/api/v1/auth/passkey/authentication/options',
    {},
  );
  const response = await getCredential(start.options);
  try {
    return await sendJson<SignedIn>('POST', '/api/v1/auth/passkey/authentication', {
      challengeId: start.challengeId,
      response,
    });
  } catch (error) {
    // A passkey this site no longer knows (removed from the account): the password manager may hide it.
    if ((error as { code?: string }).code === 'PASSKEY_VERIFICATION_FAILED') forgetPasskey(response.id);
    throw error;
  }
}

export const passkeysKey = [...personalKey, 'passkeys'] as const;

/** The signed-in person's passkeys, oldest first. */
export function usePasskeys() {
  const person = useSignedInPerson();
  return useQuery({
    queryKey: [...passkeysKey, person?.id],
    queryFn: ({ signal }) => getJson<{ items: Passkey[] }>('/api/v1/auth/passkeys', signal),
    select: (list) => list.items,
    enabled: Boolean(person),
  });
}

export async function removePasskey(id: string): Promise<void> {
  await sendJson('DELETE', `/api/v1/auth/passkeys/${encodeURIComponent(id)}`);
  forgetPasskey(id);
}

/**
 * Tells the browser's password manager that this site no longer accepts the passkey, so that it stops
 * offering it (WebAuthn signals; best effort, and a no-op where the browser does not support them).
 */
function forgetPasskey(credentialID: string): void {
  sendSignal({ signalName: 'unknownCredential', rpID: window.location.hostname, credentialID }).catch(() => {});
}

/**
 * A name for a new passkey that says where it was made ("Chrome on Android"): the person can tell their
 * passkeys apart on the account page. Synced passkeys live in a password manager, but the browser and
 * system they were made on still point to it.
 */
export function describeThisDevice(): { browser: string; system: string } {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /SamsungBrowser\//.test(ua)
      ? 'Samsung Internet'
      : /Firefox\/|FxiOS\//.test(ua)
        ? 'Firefox'
        : /Chrome\/|CriOS\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : '';
  const system = /iPhone/.test(ua)
    ? 'iPhone'
    : /iPad/.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1)
      ? 'iPad'
      : /Android/.test(ua)
        ? 'Android'
        : /CrOS/.test(ua)
          ? 'ChromeOS'
          : /Macintosh|Mac OS X/.test(ua)
            ? 'Mac'
            : /Windows/.test(ua)
              ? 'Windows'
              : /Linux/.test(ua)
                ? 'Linux'
                : '';
  return { browser, system };
}
