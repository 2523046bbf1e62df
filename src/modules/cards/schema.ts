import { z } from 'zod';
import { tierSchema } from '../registrations/schema.ts';

export const cardJwksSchema = z
  .object({
    keys: z.array(
      z.object({
        kty: z.literal('OKP'),
        crv: z.literal('Ed25519'),
        x: z.string(),
        kid: z.string(),
        alg: z.literal('EdDSA'),
        use: z.literal('sig'),
      }),
    ),
  })
  .meta({
    id: 'CardJwks',
    description:
      '会員証の検証用公開鍵（JWKS）。次の鍵は使用開始の7日前から、古い鍵は使用終了後14日間掲載 / ' +
      'public keys for verifying member cards; the next key appears 7 days before it signs, an old one stays 14 days after',
  });

export const cardSchema = z
  .object({
    memberId: z.uuid().describe('会員番号（登録ごと） / member id (the registration id)'),
    municipalityCode: z.string(),
    municipalityName: z.string(),
    tier: tierSchema,
    validUntil: z.date().nullable().describe('プレミアム登録の有効期限 / premium expiry, null for basic'),
    displayName: z
      .string()
      .nullable()
      .describe('氏名の提供に同意している場合のみ / only when the person consented to share their name'),
    cardNumber: z.string().describe('表示用の番号（16桁） / the number shown on the card (16 digits)'),
  })
  .meta({ id: 'MemberCard' });

export const cardTokenSchema = z
  .object({
    token: z.string().describe('QRコードにする署名付きトークン（JWS, EdDSA） / the signed token to show as a QR code'),
    expiresAt: z.date(),
    card: cardSchema,
  })
  .meta({ id: 'CardToken' });
