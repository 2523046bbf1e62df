import { type Executor, inTransaction } from '../../db/transaction.ts';
import type { ErrorCode } from '../../platform/errors.ts';
import { NATIONAL_TENANT } from '../../platform/policy.ts';
import { hashSecret, randomToken } from '../accounts/secrets.ts';
import { appendAudit } from '../audit/repository.ts';
import { type IdentityProvider, VerificationFailed } from './provider.ts';
import * as repository from './repository.ts';
import { MY_NUMBER_CARD_LEVEL, municipalityFromAddress, VERIFICATION_REQUEST_TTL_MS } from './rules.ts';

/**
 * Opens a verification for a signed-in person: fresh state, nonce and PKCE verifier, kept server-side for ten
 * minutes (the state only as its hash), and the provider's authorization URL to send the browser to.
 */
export async function startVerification(
  db: Executor,
  provider: IdentityProvider,
  personId: string,
  now = new Date(),
): Promise<URL> {
  const secrets = { state: randomToken(), nonce: randomToken(), codeVerifier: randomToken() };
  // Asked first: when the provider cannot be reached, nothing is written.
  const url = await provider.authorizationUrl(secrets);
  await inTransaction(db, async (trx) => {
    await repository.deleteExpiredVerificationRequests(trx, now);
    await repository.insertVerificationRequest(trx, {
      personId,
      stateHash: hashSecret(secrets.state),
      nonce: secrets.nonce,
      codeVerifier: secrets.codeVerifier,
      expiresAt: new Date(now.getTime() + VERIFICATION_REQUEST_TTL_MS),
    });
  });
  return url;
}

export type VerificationOutcome =
  | { ok: true; registeredMunicipalityCode: string | null }
  | { ok: false; code: ErrorCode; reason: string; cause: unknown };

export interface CallbackInput {
  /** null when the browser came back without a session. */
  personId: string | null;
  /** The callback's query exactly as received (a repeated parameter stays repeated and is refused). */
  query: URLSearchParams;
  requestId: string;
}

/**
 * Completes a verification from the provider's redirect. On success the person gets the level, the time and
 * the municipality of residence (null when the address does not name one we know); name, birthdate and
 * address are not kept. Success and failure both go to the national audit log, without the address.
 * A failure changes nothing else, except that the state it came with cannot be used again.
 */
export async function completeVerification(
  db: Executor,
  provider: IdentityProvider | null,
  input: CallbackInput,
  now = new Date(),
): Promise<VerificationOutcome> {
  const { personId } = input;
  try {
    if (!provider) throw new VerificationFailed('IDENTITY_VERIFICATION_UNAVAILABLE', 'not_configured');
    if (!personId) throw new VerificationFailed('AUTHENTICATION_REQUIRED', 'no_session');
    const states = input.query.getAll('state');
    const state = states.length === 1 ? states[0] : undefined;
    if (!state || state.length > 200) throw new VerificationFailed('IDENTITY_STATE_INVALID', 'state_missing');
    const pending = await repository.consumeVerificationRequest(db, personId, hashSecret(state), now);
    if (!pending) throw new VerificationFailed('IDENTITY_STATE_INVALID', 'state_unknown_expired_or_used');

    const identity = await provider.complete(input.query, { state, ...pending });
    const registeredMunicipalityCode = municipalityFromAddress(
      identity.address,
      await repository.municipalityDirectory(db),
    );
    await inTransaction(db, async (trx) => {
      await repository.recordVerifiedIdentity(trx, personId, {
        level: MY_NUMBER_CARD_LEVEL,
        at: now,
        municipalityCode: registeredMunicipalityCode,
      });
      await appendAudit(trx, {
        tenant: NATIONAL_TENANT,
        actorPersonId: personId,
        action: 'identity.verified',
        subjectType: 'person',
        subjectId: personId,
        requestId: input.requestId,
        details: {
          level: MY_NUMBER_CARD_LEVEL,
          issuer: provider.issuer,
          registeredMunicipalityCode,
          // false: the address named no municipality of the directory; verified all the same.
          municipalityDerived: registeredMunicipalityCode !== null,
        },
      });
    });
    return { ok: true, registeredMunicipalityCode };
  } catch (error) {
    if (!(error instanceof VerificationFailed)) throw error;
    await appendAudit(db, {
      tenant: NATIONAL_TENANT,
      actorPersonId: personId,
      action: 'identity.verification_failed',
      ...(personId ? { subjectType: 'person', subjectId: personId } : {}),
      requestId: input.requestId,
      details: { code: error.code, reason: error.reason },
    });
    return { ok: false, code: error.code, reason: error.reason, cause: error.cause };
  }
}

export async function verificationStatus(db: Executor, personId: string, available: boolean) {
  const identity = await repository.identityOf(db, personId);
  return {
    available,
    level: identity?.level ?? null,
    verifiedAt: identity?.verifiedAt?.toISOString() ?? null,
    registeredMunicipalityCode: identity?.registeredMunicipalityCode ?? null,
  };
}
