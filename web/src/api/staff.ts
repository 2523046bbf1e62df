import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { membershipListSchema } from '../../../src/modules/staff/schema.ts';
import { getJson, type Json } from './client.ts';
import { personalKey, useSignedInPerson } from './session.ts';

export type MembershipList = Json<z.infer<typeof membershipListSchema>>;
export type Membership = MembershipList['items'][number];
export type StaffRole = Membership['role'];

/** The signed-in person's staff roles (empty for residents). Keyed by person, so no one sees another's. */
export function useMemberships() {
  const person = useSignedInPerson();
  return useQuery({
    queryKey: [...personalKey, person?.id, 'memberships'],
    queryFn: ({ signal }) => getJson<MembershipList>('/api/v1/me/memberships', signal),
    select: (list) => list.items,
    enabled: Boolean(person),
  });
}
