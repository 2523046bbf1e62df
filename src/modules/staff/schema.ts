import { z } from 'zod';
import { withErrorCode } from '../../platform/error-schema.ts';
import { listResponseSchema } from '../../platform/pagination.ts';
import { emailSchema } from '../accounts/schema.ts';
import { isValidLocalGovernmentCode } from '../municipalities/rules.ts';

export const tenantSchema = withErrorCode(
  z.string(),
  'INVALID_TENANT',
  (t) => t === 'national' || isValidLocalGovernmentCode(t),
).describe('national、または地方公共団体コード / "national" or a local government code');

export const tenantParamsSchema = z.object({ tenant: tenantSchema });
export const staffMemberParamsSchema = z.object({ tenant: tenantSchema, personId: z.uuid() });

/** Roles staff can be given through the staff routes; `partner` is given through a partner. */
export const staffRoleSchema = z.enum(['admin', 'editor', 'viewer']);
export const membershipRoleSchema = z.enum(['admin', 'editor', 'viewer', 'partner']);

export const staffMemberSchema = z
  .object({
    personId: z.uuid(),
    email: z.string().nullable(),
    displayName: z.string().nullable(),
    role: membershipRoleSchema,
    partnerId: z.uuid().nullable(),
    since: z.date(),
  })
  .meta({ id: 'StaffMember' });

export const staffListSchema = listResponseSchema(staffMemberSchema);

export const inviteStaffSchema = z.object({ email: emailSchema, role: staffRoleSchema });
export const changeRoleSchema = z.object({ role: staffRoleSchema });

export const membershipListSchema = z.object({
  items: z.array(
    z.object({
      tenant: z.string(),
      role: membershipRoleSchema,
      partnerId: z.uuid().nullable(),
      partnerName: z.string().nullable(),
    }),
  ),
});
