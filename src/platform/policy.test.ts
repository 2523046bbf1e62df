import { describe, expect, it } from 'vitest';
import { can } from './policy.ts';

const actor = (...memberships: { tenant: string; role: 'admin' | 'editor' | 'viewer' | 'partner' }[]) => ({
  personId: 'p',
  memberships: memberships.map((m) => ({ ...m, partnerId: m.role === 'partner' ? 'partner-1' : null })),
});

describe('can', () => {
  it('lets an admin manage the staff of their own tenant only', () => {
    const kesennuma = actor({ tenant: '042056', role: 'admin' });
    expect(can(kesennuma, 'staff.manage', '042056')).toBe(true);
    expect(can(kesennuma, 'staff.manage', '072010')).toBe(false);
  });

  it('denies editors and viewers the staff list and the audit log', () => {
    for (const role of ['editor', 'viewer'] as const) {
      const member = actor({ tenant: '042056', role });
      expect(can(member, 'staff.read', '042056')).toBe(false);
      expect(can(member, 'audit.read', '042056')).toBe(false);
    }
  });

  it("does not let a prefecture's staff manage its municipalities' staff", () => {
    expect(can(actor({ tenant: '040002', role: 'admin' }), 'staff.manage', '042056')).toBe(false);
  });

  it('lets national administrators onboard any tenant, but not national viewers', () => {
    expect(can(actor({ tenant: 'national', role: 'admin' }), 'staff.manage', '042056')).toBe(true);
    expect(can(actor({ tenant: 'national', role: 'viewer' }), 'staff.read', '042056')).toBe(false);
  });

  it('gives a partner member nothing in the tenant beyond their partner', () => {
    const shop = actor({ tenant: '042056', role: 'partner' });
    for (const action of ['staff.read', 'staff.manage', 'audit.read', 'partner.read', 'partner.manage'] as const) {
      expect(can(shop, action, '042056')).toBe(false);
    }
  });

  it('lets viewers read the partner list but only admins manage it', () => {
    expect(can(actor({ tenant: '042056', role: 'viewer' }), 'partner.read', '042056')).toBe(true);
    expect(can(actor({ tenant: '042056', role: 'editor' }), 'partner.manage', '042056')).toBe(false);
    expect(can(actor({ tenant: '042056', role: 'admin' }), 'partner.manage', '042056')).toBe(true);
  });

  it('forbids everything to someone with no membership', () => {
    expect(can(actor(), 'staff.read', '042056')).toBe(false);
  });
});
