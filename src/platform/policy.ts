import type { StaffRole } from '../db/schema.ts';

// Who may do what, in one place. An action is allowed when one of the actor's memberships grants it
// for the tenant; nothing allowed means forbidden.
export const staffActions = {
  'staff.read': { roles: ['admin'] },
  'staff.manage': { roles: ['admin'] },
  'audit.read': { roles: ['admin'] },
  'partner.read': { roles: ['admin', 'editor', 'viewer'] },
  'partner.manage': { roles: ['admin'] },
} as const satisfies Record<string, { roles: readonly StaffRole[] }>;

export type StaffAction = keyof typeof staffActions;

export interface Membership {
  tenant: string;
  role: StaffRole;
  /** The one partner a `partner` member acts for. */
  partnerId: string | null;
}

export interface StaffActor {
  personId: string;
  memberships: Membership[];
}

export const NATIONAL_TENANT = 'national';

/**
 * National administrators onboard municipalities, so they may also manage any tenant's staff;
 * they never gain access to a municipality's residents through this rule.
 */
export function can(actor: StaffActor, action: StaffAction, tenant: string): boolean {
  const allowed: readonly StaffRole[] = staffActions[action].roles;
  return actor.memberships.some(
    (m) => allowed.includes(m.role) && (m.tenant === tenant || (m.tenant === NATIONAL_TENANT && m.role === 'admin')),
  );
}
