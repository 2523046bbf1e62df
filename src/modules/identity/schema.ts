import { z } from 'zod';

export const verificationStatusSchema = z
  .object({
    available: z.boolean().describe('このサービスで本人確認を利用できるか / whether this service offers verification'),
    level: z.enum(['my_number_card']).nullable().describe('確認の方法、未確認なら null / how identity was verified'),
    verifiedAt: z.iso.datetime().nullable().describe('確認した日時 / when it was verified'),
    registeredMunicipalityCode: z
      .string()
      .nullable()
      .describe('確認した住所の市区町村コード（特定できない場合は null） / municipality of the verified address'),
  })
  .meta({ id: 'IdentityVerificationStatus' });

const callbackParameter = z.union([z.string(), z.array(z.string())]).optional();

// Documents what the provider sends; nothing here can fail, so a bad callback still ends in the redirect.
export const callbackQuerySchema = z.object({
  code: callbackParameter.describe('認可コード / authorization code'),
  state: callbackParameter.describe('開始時に発行した値 / the state issued at the start'),
  iss: callbackParameter.describe('認証サービスの識別子 (RFC 9207) / issuer identifier'),
  error: callbackParameter.describe('認証サービスのエラー（例: access_denied） / provider error'),
});
