import type { RegistrationRow } from './repository.ts';
import { normaliseConsents } from './rules.ts';

/** A registration as its person sees it. */
export function view(row: RegistrationRow) {
  return {
    id: row.id,
    municipalityCode: row.municipalityCode,
    municipalityName: row.municipalityName,
    kind: row.kind,
    tier: row.tier,
    relationTypes: row.relationTypes,
    consents: normaliseConsents(row.consents),
    implicit: row.implicit,
    registeredAt: row.registeredAt,
    premiumSince: row.premiumSince,
    premiumExpiresAt: row.premiumExpiresAt,
  };
}
