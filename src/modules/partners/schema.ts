import { z } from 'zod';
import { listResponseSchema } from '../../platform/pagination.ts';
import { emailSchema } from '../accounts/schema.ts';
import { tenantSchema } from '../staff/schema.ts';

export const partnerSchema = z
  .object({ id: z.uuid(), municipalityCode: z.string(), name: z.string(), createdAt: z.date() })
  .meta({ id: 'Partner' });

export const partnerListSchema = listResponseSchema(partnerSchema);

export const createPartnerSchema = z.object({
  name: z.string().trim().min(1).max(100).describe('協力店・事業者の名称 / name of the partner business'),
});

export const partnerParamsSchema = z.object({ tenant: tenantSchema, partnerId: z.uuid() });

export const invitePartnerMemberSchema = z.object({ email: emailSchema });
