import type { StaffRole } from '../db/schema.ts';

// Who may do what, in one place. An action is allowed when one of the actor's memberships grants it
// for the tenant; nothing allowed means forbidden. `national: true` marks the actions a national
// administrator may take in any tenant (onboarding); actions on residents' data never have it.
export const staffActions = {
  'staff.read': { roles: ['admin'], national: true },
  'staff.manage': { roles: ['admin'], national: true },
  'audit.read': { roles: ['admin'], national: true },
  'partner.read': { roles: ['admin', 'editor', 'viewer'], national: true },
  'partner.manage': { roles: ['admin'], national: true },
  'registrant.read': { roles: ['admin', 'editor', 'viewer'], national: false },
  // A file of personal data leaves the platform: not for viewers.
  'registrant.export': { roles: ['admin', 'editor'], national: false },
  'activity.record': { roles: ['admin', 'editor'], national: false },
  'activity.review': { roles: ['admin', 'editor'], national: false },
  'premium.review': { roles: ['admin', 'editor'], national: false },
  'premium_rule.read': { roles: ['admin', 'editor', 'viewer'], national: false },
  'premium_rule.manage': { roles: ['admin'], national: false },
  // Helper recruitment: applicants are residents, so none of it is for the national level.
  'opportunity.read': { roles: ['admin', 'editor', 'viewer'], national: false },
  'opportunity.manage': { roles: ['admin', 'editor'], national: false },
  'application.read': { roles: ['admin', 'editor', 'viewer'], national: false },
  'application.manage': { roles: ['admin', 'editor'], national: false },
  // A municipality's profile and posts speak in its name (drafts included): its own staff only.
  'content.read': { roles: ['admin', 'editor', 'viewer'], national: false },
  'content.manage': { roles: ['admin', 'editor'], national: false },
  // Support measures are the municipality's own policy (drafts included); uses and subsidy
  // applications are residents' data.
  'measure.read': { roles: ['admin', 'editor', 'viewer'], national: false },
  'measure.manage': { roles: ['admin', 'editor'], national: false },
  'subsidy.review': { roles: ['admin', 'editor'], national: false },
  'redemption.read': { roles: ['admin', 'editor', 'viewer'], national: false },
  // Newsletters go to residents in the municipality's name; the delivery list names recipients.
  'newsletter.read': { roles: ['admin', 'editor', 'viewer'], national: false },
  'newsletter.send': { roles: ['admin', 'editor'], national: false },
  // Dashboards show aggregates only (never a person), so every role of the tenant may read them.
  'dashboard.read': { roles: ['admin', 'editor', 'viewer'], national: false },
  // The one thing a partner's person does: record a member card's use at their own counter.
  'redemption.record': { roles: ['partner'], national: false },
  // The national view (dashboard, participation and fees, model project selection): no municipal role
  // grants it, so only national administrators pass, and only aggregates or municipalities' own data.
  'national.read': { roles: [], national: true },
  'national.manage': { roles: [], national: true },
  // A model municipality's STEP1 plan and effect report: its own staff write it, the nation reads it.
  'model_plan.read': { roles: ['admin', 'editor', 'viewer'], national: true },
  'model_plan.manage': { roles: ['admin', 'editor'], national: false },
} as const satisfies Record<string, { roles: readonly StaffRole[]; national: boolean }>;

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
  const { roles, national } = staffActions[action];
  const allowed: readonly StaffRole[] = roles;
  return actor.memberships.some(
    (m) =>
      (allowed.includes(m.role) && m.tenant === tenant) ||
      (national && m.tenant === NATIONAL_TENANT && m.role === 'admin'),
  );
}
