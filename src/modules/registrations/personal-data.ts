import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { passkeysOf } from '../accounts/passkey-repository.ts';
import { countAdminsForUpdate, membershipsOf } from '../staff/repository.ts';
import * as activityRepository from './activity-repository.ts';
import * as repository from './repository.ts';
import { counterDeltas, normaliseConsents } from './rules.ts';

// 個人情報保護法: a person may see everything we hold about them (開示) and have it erased (利用停止・消去).

/** The sections the other domains hold (applications, benefit uses…), read when the export runs. */
async function otherModulesData(db: Executor, personId: string): Promise<Record<string, unknown>> {
  // Imported here, not at the top: the module list imports this module's routes.
  const { modules } = await import('../index.ts');
  const sections: Record<string, unknown> = {};
  for (const module of modules) {
    if (module.personalData) Object.assign(sections, await module.personalData(db, personId));
  }
  return sections;
}

/** Everything about the person, as one JSON document (proof files included, base64). */
export async function exportPersonalData(db: Executor, personId: string, now = new Date()) {
  const person = await db
    .selectFrom('people')
    .select([
      'id',
      'email',
      'display_name as displayName',
      'locale',
      'birth_year as birthYear',
      'residence_prefecture as residencePrefecture',
      'identity_verified_at as identityVerifiedAt',
      'identity_level as identityLevel',
      'registered_municipality_code as registeredMunicipalityCode',
      'created_at as createdAt',
    ])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
  const [registrations, events, activities, applications, passkeys, sessions, memberships] = await Promise.all([
    repository.registrationsOf(db, personId),
    repository.eventsOf(db, personId),
    activityRepository.activitiesOf(db, personId),
    repository.premiumApplicationsOf(db, personId),
    passkeysOf(db, personId),
    db
      .selectFrom('sessions')
      .select(['created_at as createdAt', 'last_seen_at as lastSeenAt', 'user_agent as userAgent'])
      .where('person_id', '=', personId)
      .execute(),
    membershipsOf(db, personId),
  ]);
  const proofs = await db
    .selectFrom('activity_proofs')
    .select(['activity_id as activityId', 'content_type as contentType', 'size_bytes as sizeBytes', 'bytes'])
    .where('person_id', '=', personId)
    .execute();
  return {
    format: 'furusato-personal-data/1',
    exportedAt: now.toISOString(),
    person,
    registrations: registrations.map((r) => ({
      municipalityCode: r.municipalityCode,
      municipalityName: r.municipalityName,
      memberId: r.id,
      tier: r.tier,
      relationTypes: r.relationTypes,
      consents: normaliseConsents(r.consents),
      implicit: r.implicit,
      registeredAt: r.registeredAt,
      premiumSince: r.premiumSince,
      premiumExpiresAt: r.premiumExpiresAt,
    })),
    history: events,
    activities: activities.map((a) => {
      const proof = proofs.find((p) => p.activityId === a.id);
      return {
        ...a,
        proof: proof
          ? {
              contentType: proof.contentType,
              sizeBytes: proof.sizeBytes,
              base64: Buffer.from(proof.bytes).toString('base64'),
            }
          : null,
      };
    }),
    premiumApplications: applications,
    passkeys: passkeys.map((p) => ({ name: p.name, createdAt: p.createdAt, lastUsedAt: p.lastUsedAt })),
    sessions,
    staffMemberships: memberships.map((m) => ({ tenant: m.tenant, role: m.role, partnerName: m.partnerName })),
    ...(await otherModulesData(db, personId)),
  };
}

/**
 * Erases the account: registrations are withdrawn (the counters go down from today, so past figures
 * stay as they were), the history loses every link to the person, and the person's row goes with
 * everything that hangs off it. What remains is anonymous: counts, and events that point to no one.
 * Staff audit entries keep the bare actor id, which no longer resolves to anybody.
 */
export async function deleteAccount(db: Executor, personId: string, now = new Date()): Promise<void> {
  await inTransaction(db, async (trx) => {
    const person = await repository.lockPerson(trx, personId);
    await refuseLastAdmin(trx, personId);
    const registrations = await repository.registrationsOf(trx, personId);
    await repository.forgetEventsOf(trx, personId);
    for (const r of registrations) await repository.deleteRegistration(trx, personId, r.municipalityCode);
    await repository.appendHistory(
      trx,
      registrations.map((r) => ({
        municipalityCode: r.municipalityCode,
        personId: null,
        registrationId: null,
        kind: 'withdrawn' as const,
        tier: r.tier,
        relationTypes: r.relationTypes,
        residencePrefecture: r.residencePrefecture,
        occurredAt: now,
        details: { reason: 'account_deleted' },
      })),
      counterDeltas(
        registrations.map((r) => ({ before: { ...r }, after: null })),
        personId,
        now,
      ),
    );
    if (person.email) {
      await trx.deleteFrom('sign_in_codes').where('email', '=', person.email).execute();
      await trx.deleteFrom('mail_outbox').where('to_address', '=', person.email).execute();
    }
    await repository.deletePerson(trx, personId);
  });
}

async function refuseLastAdmin(trx: Transaction<DB>, personId: string): Promise<void> {
  for (const membership of await membershipsOf(trx, personId)) {
    if (membership.role === 'admin' && (await countAdminsForUpdate(trx, membership.tenant)) <= 1) {
      throw new AppError('LAST_ADMIN', { tenant: membership.tenant });
    }
  }
}
