import { useQuery } from '@tanstack/react-query';
import type { staffActions } from '../../../src/platform/policy.ts';
import { getJson } from './client.ts';
import { personalKey, useSignedInPerson } from './session.ts';
import type { Membership } from './staff.ts';

/** The roles that open the staff console; `partner` members use the partner scanner instead. */
export type ConsoleRole = 'admin' | 'editor' | 'viewer';
export type ConsoleMembership = Membership & { role: ConsoleRole };

/** What the console offers; each is one of the server's policy actions. */
export type ConsoleAction =
  | 'registrant.read'
  | 'registrant.export'
  | 'activity.record'
  | 'activity.review'
  | 'premium.review'
  | 'premium_rule.read'
  | 'premium_rule.manage'
  | 'content.read'
  | 'content.manage'
  | 'opportunity.read'
  | 'opportunity.manage'
  | 'application.read'
  | 'application.manage'
  | 'measure.read'
  | 'measure.manage'
  | 'subsidy.review'
  | 'redemption.read'
  | 'partner.read'
  | 'partner.manage'
  | 'staff.read'
  | 'newsletter.read'
  | 'newsletter.send'
  | 'model_plan.read'
  | 'model_plan.manage'
  | 'dashboard.read';

// The server's policy decides; the console only hides what would be refused. Typed by the server's own
// table (type-only), so a change of roles there stops this from compiling until it is restated here.
const allowedRoles: { [A in ConsoleAction]: (typeof staffActions)[A]['roles'] } = {
  'registrant.read': ['admin', 'editor', 'viewer'],
  'registrant.export': ['admin', 'editor'],
  'activity.record': ['admin', 'editor'],
  'activity.review': ['admin', 'editor'],
  'premium.review': ['admin', 'editor'],
  'premium_rule.read': ['admin', 'editor', 'viewer'],
  'premium_rule.manage': ['admin'],
  'content.read': ['admin', 'editor', 'viewer'],
  'content.manage': ['admin', 'editor'],
  'opportunity.read': ['admin', 'editor', 'viewer'],
  'opportunity.manage': ['admin', 'editor'],
  'application.read': ['admin', 'editor', 'viewer'],
  'application.manage': ['admin', 'editor'],
  'measure.read': ['admin', 'editor', 'viewer'],
  'measure.manage': ['admin', 'editor'],
  'subsidy.review': ['admin', 'editor'],
  'redemption.read': ['admin', 'editor', 'viewer'],
  'partner.read': ['admin', 'editor', 'viewer'],
  'partner.manage': ['admin'],
  'staff.read': ['admin'],
  'newsletter.read': ['admin', 'editor', 'viewer'],
  'newsletter.send': ['admin', 'editor'],
  'model_plan.read': ['admin', 'editor', 'viewer'],
  'model_plan.manage': ['admin', 'editor'],
  'dashboard.read': ['admin', 'editor', 'viewer'],
};

export function roleCan(role: ConsoleRole, action: ConsoleAction): boolean {
  return (allowedRoles[action] as readonly string[]).includes(role);
}

export function isConsoleMembership(membership: Membership): membership is ConsoleMembership {
  // The national tenant has its own area (/national), partners the partner scanner (/partner): national
  // administrators never see a municipality's residents here.
  return membership.role !== 'partner' && membership.tenant !== 'national';
}

/** Every console query starts with this: personal (dropped on sign-out), per person and tenant. */
export function useAdminKey(tenant: string): readonly unknown[] {
  const person = useSignedInPerson();
  return [...personalKey, person?.id, 'admin', tenant];
}

// --- The tenant last worked in ----------------------------------------------------------------------

const TENANT_KEY = 'furusato.admin.tenant';

export function rememberedTenant(): string | null {
  try {
    return localStorage.getItem(TENANT_KEY);
  } catch {
    // Storage can be blocked; the picker is shown instead.
    return null;
  }
}

export function rememberTenant(tenant: string): void {
  try {
    localStorage.setItem(TENANT_KEY, tenant);
  } catch {
    // Not remembered: the next visit asks again.
  }
}

// --- Counts for the home page -------------------------------------------------------------------

interface Page {
  total: number;
}

/**
 * The `total` of a list, asked for with the smallest page (nothing but the count is shown). Reviews and
 * recorded activities invalidate these; otherwise the usual minute of freshness applies, because each
 * registrant list read is written to the tenant's audit log.
 */
export function useListTotal(tenant: string, list: 'registrants' | 'proofs' | 'applications', enabled: boolean) {
  const key = useAdminKey(tenant);
  const base = `/api/v1/tenants/${encodeURIComponent(tenant)}`;
  const path = {
    registrants: `${base}/registrants?pageSize=1`,
    proofs: `${base}/activities?status=pending&pageSize=1`,
    applications: `${base}/premium-applications?status=pending&pageSize=1`,
  }[list];
  return useQuery({
    queryKey: [...key, 'total', list],
    queryFn: ({ signal }) => getJson<Page>(path, signal),
    select: (page) => page.total,
    enabled,
  });
}
