import { randomUUID } from 'node:crypto';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/locale.ts';
import * as passkeys from './passkey-repository.ts';
import * as people from './repository.ts';
import { type ActiveSession, currentPerson, openSession } from './service.ts';

/** Who the passkey is for: the site's domain and origin as the browser sees them. */
export interface RelyingParty {
  rpID: string;
  origin: string;
  rpName: string;
}

const CHALLENGE_TTL_MS = 5 * 60 * 1000;
const UNIQUE_VIOLATION = '23505';

function uuidBytes(uuid: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(uuid.replaceAll('-', ''), 'hex'));
}

/**
 * Options for creating a passkey: for the signed-in person (adding one), or for a new account
 * (sign-up with nothing but a display name and a passkey).
 */
export async function startPasskeyRegistration(
  db: Executor,
  rp: RelyingParty,
  input: { session: ActiveSession | null; displayName?: string },
  now = new Date(),
) {
  let personId: string;
  let userName: string;
  let existing: { id: string; transports: string[] }[] = [];
  let newPersonId: string | null = null;
  const displayName = input.displayName?.trim() || null;
  if (input.session) {
    const person = await currentPerson(db, input.session);
    personId = person.id;
    userName = person.email ?? person.displayName ?? displayName ?? 'furusato';
    existing = await passkeys.passkeysOf(db, person.id);
  } else {
    if (!displayName) throw new AppError('DISPLAY_NAME_REQUIRED');
    newPersonId = randomUUID();
    personId = newPersonId;
    userName = displayName;
  }
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName,
    userDisplayName: displayName ?? userName,
    userID: uuidBytes(personId),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports })),
    // Discoverable credentials: signing in later needs no user name at all.
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    timeout: CHALLENGE_TTL_MS,
  });
  const challengeId = await passkeys.insertChallenge(db, {
    challenge: options.challenge,
    purpose: 'register',
    personId: input.session?.personId ?? null,
    newPersonId,
    displayName,
    expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
  });
  return { challengeId, options };
}

export type RegistrationResult =
  | { kind: 'signed-up'; token: string; person: people.Person }
  | { kind: 'added'; passkeyId: string };

export async function finishPasskeyRegistration(
  db: Executor,
  rp: RelyingParty,
  input: {
    session: ActiveSession | null;
    challengeId: string;
    response: RegistrationResponseJSON;
    name?: string;
    locale: Locale;
    userAgent: string | null;
  },
  now = new Date(),
): Promise<RegistrationResult> {
  // Consumed before verification and outside the transaction below: a failed attempt burns it too.
  const challenge = await passkeys.consumeChallenge(db, input.challengeId, 'register', now);
  if (!challenge) throw new AppError('PASSKEY_CHALLENGE_INVALID');
  const forSignUp = challenge.personId === null;
  if (forSignUp ? input.session !== null : challenge.personId !== input.session?.personId) {
    throw new AppError('PASSKEY_CHALLENGE_INVALID');
  }
  const verification = await verifyRegistrationResponse({
    response: input.response,
    expectedChallenge: challenge.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    requireUserVerification: false,
  }).catch(() => ({ verified: false as const }));
  if (!verification.verified) throw new AppError('PASSKEY_VERIFICATION_FAILED');
  const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo;
  if (await passkeys.findPasskey(db, credential.id)) throw new AppError('PASSKEY_ALREADY_REGISTERED');

  return inTransaction(db, async (trx) => {
    const personId = forSignUp
      ? (
          await people.insertPerson(trx, {
            id: challenge.newPersonId ?? undefined,
            email: null,
            displayName: challenge.displayName,
            locale: input.locale,
          })
        ).id
      : (challenge.personId as string);
    await passkeys
      .insertPasskey(trx, {
        id: credential.id,
        personId,
        publicKey: credential.publicKey,
        counter: credential.counter,
        transports: credential.transports ?? [],
        deviceType: credentialDeviceType,
        backedUp: credentialBackedUp,
        name: input.name?.trim() || (credentialBackedUp ? 'passkey (synced)' : 'passkey'),
      })
      .catch((error: { code?: string }) => {
        // A concurrent request registered the same credential between the check above and here.
        throw error.code === UNIQUE_VIOLATION ? new AppError('PASSKEY_ALREADY_REGISTERED') : error;
      });
    if (!forSignUp) return { kind: 'added' as const, passkeyId: credential.id };
    const token = await openSession(trx, personId, input.userAgent, now);
    const person = await people.findPerson(trx, personId);
    if (!person) throw new AppError('AUTHENTICATION_REQUIRED');
    return { kind: 'signed-up' as const, token, person };
  });
}

export async function startPasskeyAuthentication(db: Executor, rp: RelyingParty, now = new Date()) {
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    userVerification: 'preferred',
    timeout: CHALLENGE_TTL_MS,
  });
  const challengeId = await passkeys.insertChallenge(db, {
    challenge: options.challenge,
    purpose: 'authenticate',
    personId: null,
    newPersonId: null,
    displayName: null,
    expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
  });
  return { challengeId, options };
}

export async function finishPasskeyAuthentication(
  db: Executor,
  rp: RelyingParty,
  input: { challengeId: string; response: AuthenticationResponseJSON; userAgent: string | null },
  now = new Date(),
): Promise<{ token: string; person: people.Person }> {
  const challenge = await passkeys.consumeChallenge(db, input.challengeId, 'authenticate', now);
  if (!challenge) throw new AppError('PASSKEY_CHALLENGE_INVALID');
  const stored = await passkeys.findPasskey(db, input.response.id);
  if (!stored) throw new AppError('PASSKEY_VERIFICATION_FAILED');
  // The library also refuses a signature counter that did not grow: a sign of a cloned authenticator.
  const verification = await verifyAuthenticationResponse({
    response: input.response,
    expectedChallenge: challenge.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    credential: { id: stored.id, publicKey: stored.publicKey, counter: stored.counter, transports: stored.transports },
    requireUserVerification: false,
  }).catch(() => ({ verified: false as const, authenticationInfo: undefined }));
  if (!verification.verified || !verification.authenticationInfo) throw new AppError('PASSKEY_VERIFICATION_FAILED');
  const newCounter = verification.authenticationInfo.newCounter;

  return inTransaction(db, async (trx) => {
    await passkeys.recordPasskeyUse(trx, stored.id, newCounter, now);
    const person = await people.findPerson(trx, stored.personId);
    if (!person) throw new AppError('PASSKEY_VERIFICATION_FAILED');
    return { token: await openSession(trx, person.id, input.userAgent, now), person };
  });
}

export function listPasskeys(db: Executor, session: ActiveSession) {
  return passkeys.passkeysOf(db, session.personId);
}

/** Removing a passkey must leave a way to sign in: another passkey or a verified e-mail address. */
export async function removePasskey(db: Executor, session: ActiveSession, passkeyId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const person = await currentPerson(trx, session);
    const count = await passkeys.countPasskeys(trx, person.id);
    if (!person.email && count <= 1) throw new AppError('LAST_SIGN_IN_METHOD');
    if (!(await passkeys.deletePasskey(trx, person.id, passkeyId))) throw new AppError('PASSKEY_NOT_FOUND');
  });
}
