import { z } from 'zod';

export const emailSchema = z.email().max(254).describe('メールアドレス / e-mail address');

export const startEmailSignInSchema = z.object({ email: emailSchema });

export const completeEmailSignInSchema = z.union([
  z.object({
    email: emailSchema,
    code: z
      .string()
      .trim()
      .regex(/^[0-9０-９]{6}$/)
      .describe('メールで届いた6桁のコード / the 6-digit code from the e-mail'),
  }),
  z.object({ token: z.string().min(20).max(200).describe('メールのリンクのトークン / token from the e-mail link') }),
]);

export const personSchema = z
  .object({
    id: z.uuid(),
    email: z.string().nullable().describe('パスキーだけで登録した場合は null / null for a passkey-only account'),
    displayName: z.string().nullable(),
    locale: z.enum(['ja', 'en']),
    identityVerifiedAt: z.iso
      .datetime()
      .nullable()
      .describe('マイナンバーカードで本人確認した日時、未確認なら null / when identity was verified, or null'),
  })
  .meta({ id: 'Person' });

export const sessionStateSchema = z.union([
  z.object({ signedIn: z.literal(false) }),
  z.object({
    signedIn: z.literal(true),
    person: personSchema,
    csrfToken: z.string().describe('書き込み時に x-csrf-token ヘッダーで送る / send as x-csrf-token on writes'),
  }),
]);

export const signedInSchema = z.object({
  person: personSchema,
  csrfToken: z.string(),
  createdAccount: z.boolean(),
});
