import { useOutletContext } from 'react-router';
import { type ConsoleAction, type ConsoleMembership, type ConsoleRole, roleCan } from '../../api/admin-console.ts';
import type { Municipality } from '../../api/municipalities.ts';

/** What every console page knows: the tenant in the address and the signed-in person's role there. */
export interface ConsoleContext {
  tenant: string;
  role: ConsoleRole;
  /** Undefined while loading (or when the directory does not answer): the code stands in for the name. */
  municipality: Municipality | undefined;
  memberships: ConsoleMembership[];
  can: (action: ConsoleAction) => boolean;
  /** 「宮城県気仙沼市」, or the code until the name is known. */
  tenantName: string;
  /** `/admin/042056` and below. */
  path: (section?: string) => string;
}

export function consoleContext(
  membership: ConsoleMembership,
  municipality: Municipality | undefined,
  memberships: ConsoleMembership[],
): ConsoleContext {
  const { tenant, role } = membership;
  const base = `/admin/${tenant}`;
  return {
    tenant,
    role,
    municipality,
    memberships,
    can: (action) => roleCan(role, action),
    tenantName: municipality?.fullName ?? tenant,
    path: (section) => (section ? `${base}/${section}` : base),
  };
}

export function useConsole(): ConsoleContext {
  return useOutletContext<ConsoleContext>();
}
