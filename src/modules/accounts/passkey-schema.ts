import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { z } from 'zod';

const base64url = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/)
  .max(4096);

// Shapes of the browser's PublicKeyCredential JSON (WebAuthn Level 3 toJSON); the cryptographic
// checks are @simplewebauthn/server's, these only keep malformed input out.
export const registrationResponseSchema = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: base64url,
    attestationObject: base64url,
    transports: z.array(z.string()).optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});

export const authenticationResponseSchema = z.object({
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  response: z.looseObject({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});

export const passkeyOptionsResponseSchema = z.object({
  challengeId: z.uuid(),
  options: z
    .custom<PublicKeyCredentialCreationOptionsJSON | PublicKeyCredentialRequestOptionsJSON>(
      (value) => typeof value === 'object' && value !== null,
    )
    .describe('navigator.credentials に渡す JSON / JSON for navigator.credentials (WebAuthn)'),
});

export const startRegistrationSchema = z.object({
  displayName: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .optional()
    .describe('新規登録時の表示名 / display name when signing up'),
});

export const finishRegistrationSchema = z.object({
  challengeId: z.uuid(),
  response: registrationResponseSchema,
  name: z.string().trim().max(50).optional().describe('パスキーの名前 / a name for this passkey'),
});

export const finishAuthenticationSchema = z.object({
  challengeId: z.uuid(),
  response: authenticationResponseSchema,
});

export const passkeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    deviceType: z.enum(['singleDevice', 'multiDevice']),
    backedUp: z.boolean(),
    transports: z.array(z.string()),
    createdAt: z.date(),
    lastUsedAt: z.date().nullable(),
  })
  .meta({ id: 'Passkey' });
