import { type JsonWebKey, webcrypto } from 'node:crypto';
import * as client from 'openid-client';
import { AppError, type ErrorCode } from '../../platform/errors.ts';
import { type AddressClaim, VERIFICATION_SCOPES } from './rules.ts';

export interface IdentityProviderOptions {
  issuerUrl: string;
  clientId: string;
  privateJwk: JsonWebKey;
  redirectUri: string;
  /** Replaces the HTTP client (tests tamper with the provider's answers through it). */
  fetch?: client.CustomFetch;
  timeoutSeconds?: number;
}

/** The secrets of one verification, kept server-side between the redirect and the callback. */
export interface AuthorizationSecrets {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface VerifiedIdentity {
  address: AddressClaim | undefined;
}

export interface IdentityProvider {
  readonly issuer: string;
  authorizationUrl(secrets: AuthorizationSecrets): Promise<URL>;
  /** Exchanges the code and validates the ID token (issuer, audience, nonce, signature), then reads the claims. */
  complete(callbackQuery: URLSearchParams, secrets: AuthorizationSecrets): Promise<VerifiedIdentity>;
}

/** A failed verification: a stable code for the person, and a short machine reason for the audit log. */
export class VerificationFailed extends AppError {
  readonly reason: string;
  constructor(code: ErrorCode, reason: string, cause?: unknown) {
    super(code);
    this.reason = /^[A-Za-z0-9_.:-]{1,100}$/.test(reason) ? reason : 'other';
    this.cause = cause;
  }
}

const PROVIDER_DOWN_ERRORS = new Set(['server_error', 'temporarily_unavailable']);
const PROVIDER_DOWN_CODES = new Set(['OAUTH_RESPONSE_IS_NOT_CONFORM', 'OAUTH_RESPONSE_IS_NOT_JSON']);

/** Sorts whatever openid-client or the network threw into the stable codes of the callback. */
export function classifyFailure(error: unknown): VerificationFailed {
  if (error instanceof VerificationFailed) return error;
  if (error instanceof client.AuthorizationResponseError) {
    const code = PROVIDER_DOWN_ERRORS.has(error.error)
      ? 'IDENTITY_PROVIDER_UNAVAILABLE'
      : 'IDENTITY_VERIFICATION_DENIED';
    return new VerificationFailed(code, `provider:${error.error}`, error);
  }
  if (error instanceof client.ResponseBodyError) {
    const code = error.status >= 500 ? 'IDENTITY_PROVIDER_UNAVAILABLE' : 'IDENTITY_TOKEN_INVALID';
    return new VerificationFailed(code, `token:${error.error}`, error);
  }
  if (error instanceof client.ClientError) {
    const down =
      PROVIDER_DOWN_CODES.has(error.code ?? '') && ((error.cause as Response | undefined)?.status ?? 0) >= 500;
    return new VerificationFailed(
      down ? 'IDENTITY_PROVIDER_UNAVAILABLE' : 'IDENTITY_TOKEN_INVALID',
      error.code ?? 'client',
      error,
    );
  }
  // fetch() rejects with a TypeError on network failure and a DOMException on timeout.
  if ((error instanceof TypeError && error.message === 'fetch failed') || error instanceof DOMException) {
    return new VerificationFailed('IDENTITY_PROVIDER_UNAVAILABLE', 'network', error);
  }
  return new VerificationFailed('IDENTITY_TOKEN_INVALID', 'unexpected', error);
}

function isAddress(value: unknown): value is AddressClaim {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function signingAlgorithmOf(
  jwk: JsonWebKey,
): webcrypto.AlgorithmIdentifier | webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams {
  const alg = typeof jwk.alg === 'string' ? jwk.alg : undefined;
  switch (jwk.kty) {
    case 'EC':
      return { name: 'ECDSA', namedCurve: String(jwk.crv) };
    case 'RSA':
      return alg?.startsWith('PS')
        ? { name: 'RSA-PSS', hash: `SHA-${alg.slice(2)}` }
        : { name: 'RSASSA-PKCS1-v1_5', hash: `SHA-${(alg ?? 'RS256').slice(2)}` };
    default:
      return { name: String(jwk.crv) };
  }
}

/** The private JWK as a signing key for client assertions (private_key_jwt), with its key id. */
export async function privateKeyOf(jwk: JsonWebKey): Promise<client.PrivateKey> {
  const key = await webcrypto.subtle.importKey('jwk', jwk as webcrypto.JsonWebKey, signingAlgorithmOf(jwk), false, [
    'sign',
  ]);
  return { key, kid: typeof jwk.kid === 'string' ? jwk.kid : undefined };
}

/**
 * The OpenID Connect client for the My Number Card provider (デジタル認証アプリ): authorization code flow with
 * PKCE (S256), state and nonce, and private_key_jwt at the token endpoint. The provider's metadata is
 * discovered on first use and kept; a failed discovery is retried on the next use.
 */
export function createIdentityProvider(options: IdentityProviderOptions): IdentityProvider {
  let configuration: Promise<client.Configuration> | undefined;

  const discover = async () => {
    const key = await privateKeyOf(options.privateJwk);
    // openid-client trusts TLS for an ID token from the token endpoint and skips its signature unless asked:
    // we ask, since the provider's signed statement is the evidence of the verification (and the dev IdP
    // has no TLS). config.ts allows http only for a provider on this machine.
    const execute = [client.enableNonRepudiationChecks];
    if (new URL(options.issuerUrl).protocol === 'http:') execute.push(client.allowInsecureRequests);
    return client.discovery(new URL(options.issuerUrl), options.clientId, undefined, client.PrivateKeyJwt(key), {
      execute,
      timeout: options.timeoutSeconds ?? 10,
      ...(options.fetch ? { [client.customFetch]: options.fetch } : {}),
    });
  };

  const configured = async (): Promise<client.Configuration> => {
    configuration ??= discover();
    try {
      return await configuration;
    } catch (error) {
      configuration = undefined;
      throw new VerificationFailed('IDENTITY_PROVIDER_UNAVAILABLE', 'discovery', error);
    }
  };

  return {
    issuer: options.issuerUrl,

    async authorizationUrl(secrets) {
      const config = await configured();
      return client.buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUri,
        scope: VERIFICATION_SCOPES,
        code_challenge: await client.calculatePKCECodeChallenge(secrets.codeVerifier),
        code_challenge_method: 'S256',
        state: secrets.state,
        nonce: secrets.nonce,
      });
    },

    async complete(callbackQuery, secrets) {
      const config = await configured();
      // The redirect_uri sent to the token endpoint is this URL without its query: the registered one.
      const currentUrl = new URL(options.redirectUri);
      currentUrl.search = callbackQuery.toString();
      try {
        const tokens = await client.authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: secrets.codeVerifier,
          expectedState: secrets.state,
          expectedNonce: secrets.nonce,
        });
        const idToken = tokens.claims();
        if (!idToken) throw new VerificationFailed('IDENTITY_TOKEN_INVALID', 'no_id_token');
        // Claims asked for by scope usually come from the UserInfo endpoint (OIDC Core 5.4); some providers put
        // them in the ID token as well.
        if (isAddress(idToken.address)) return { address: idToken.address };
        const userInfo = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
        return { address: isAddress(userInfo.address) ? userInfo.address : undefined };
      } catch (error) {
        throw classifyFailure(error);
      }
    },
  };
}
