import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Registration } from './demo-data.ts';
import { addMonths, DAY, HOUR, later, type Random } from './demo-support.ts';
import {
  ACTIVITY_KINDS,
  type ActivityKind,
  evaluatePremium,
  jstDay,
  NATIONAL_PREMIUM,
  type PremiumRule,
} from './rules.ts';

// Demo only: the helper activities of the demo's registrants (confirmed ones, proofs waiting for review) and
// the premium applications waiting for staff, made from the same seeded PRNG as the rest of the demo.

/** Premium rules of the demo's municipalities (the others keep the national default). */
export const DEMO_PREMIUM_RULES: Record<string, PremiumRule> = {
  '042056': { minActivities: 3, activityKinds: ACTIVITY_KINDS, requiredRelationTypes: [], staffReview: false },
  '072010': {
    minActivities: 4,
    activityKinds: ['volunteer', 'side_job', 'working_holiday', 'event_help'],
    requiredRelationTypes: [3],
    staffReview: true,
  },
};
const PENDING_PROOFS = 20;
const PENDING_APPLICATIONS = 6;

const ACTIVITY_NOTES: Record<ActivityKind, string> = {
  volunteer: '海岸清掃ボランティアに参加',
  side_job: '地元企業の副業（広報・SNS運用）',
  working_holiday: 'ふるさとワーキングホリデー（水産加工）',
  community_cooperator: '地域おこし協力隊の活動補助',
  fieldwork: '大学ゼミのフィールドワーク',
  disaster_volunteer: '災害ボランティアセンターでの活動',
  event_help: '夏祭りの運営手伝い',
};

// A real 1×1 PNG, so the proof viewer and type sniffing work on demo uploads.
const PROOF_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

type ActivityRow = Insertable<DB['activity_records']>;
type ProofRow = Insertable<DB['activity_proofs']>;

export function activitiesFor(random: Random, registrations: Registration[], now: Date) {
  const activities: ActivityRow[] = [];
  const proofs: ProofRow[] = [];
  const add = (r: Registration, kind: string, at: Date, pending: boolean, createdAt = at) => {
    const id = random.uuid();
    activities.push({
      person_id: r.person.id,
      id,
      municipality_code: r.code,
      kind,
      occurred_on: jstDay(at),
      source: pending ? 'proof' : 'platform',
      status: pending ? 'pending' : 'confirmed',
      note: ACTIVITY_NOTES[kind as ActivityKind] ?? null,
      created_at: createdAt,
    });
    if (pending) {
      proofs.push({
        person_id: r.person.id,
        activity_id: id,
        content_type: 'image/png',
        size_bytes: PROOF_PNG.length,
        sha256: createHash('sha256').update(PROOF_PNG).digest(),
        bytes: PROOF_PNG,
      });
    }
  };
  const kindsAt = (code: string) => DEMO_PREMIUM_RULES[code]?.activityKinds ?? ACTIVITY_KINDS;
  const municipal = registrations.filter((r) => r.kind === 'municipality');

  for (const r of municipal) {
    if (r.premiumSince) {
      // What earned the upgrade: enough confirmed activities of the kinds the rule counts, within the window.
      const rule = DEMO_PREMIUM_RULES[r.code] as PremiumRule;
      const from = later(r.registeredAt, addMonths(r.premiumSince, -NATIONAL_PREMIUM.activityWindowMonths));
      const to = new Date(r.premiumSince.getTime() - HOUR);
      const count = rule.minActivities + random.int(0, 2);
      for (let i = 0; i < count; i++) add(r, random.pick(rule.activityKinds), random.between(from, to), false);
    } else if (random.chance(0.07)) {
      const count = random.int(1, 2);
      for (let i = 0; i < count; i++) add(r, random.pick(kindsAt(r.code)), random.between(r.registeredAt, now), false);
    }
  }

  // A short review queue for staff: recent proofs from basic registrants of towns with a premium rule.
  const recent = new Date(now.getTime() - 60 * DAY);
  const candidates = municipal.filter(
    (r) => r.tier === 'basic' && DEMO_PREMIUM_RULES[r.code] && r.registeredAt.getTime() < now.getTime() - 3 * DAY,
  );
  const withProof = new Set<Registration>();
  for (const r of random.shuffle(candidates).slice(0, PENDING_PROOFS)) {
    const at = random.between(later(r.registeredAt, recent), new Date(now.getTime() - DAY));
    add(r, random.pick(kindsAt(r.code)), at, true, random.between(at, now));
    withProof.add(r);
  }

  // And a queue of premium applications where the rule asks for a staff review: people who meet every other
  // requirement, with the rules engine's own explanation, as if they had applied in the last days.
  const applications: Insertable<DB['premium_applications']>[] = [];
  const premiumElsewhere = (r: Registration) =>
    municipal.filter(
      (o) => o.person === r.person && o.code !== r.code && o.premiumExpiresAt && o.premiumExpiresAt > now,
    ).length;
  const applicants = municipal.filter((r) => {
    const rule = DEMO_PREMIUM_RULES[r.code];
    return (
      rule?.staffReview &&
      r.tier === 'basic' &&
      !withProof.has(r) &&
      r.person.verifiedAt !== null &&
      r.person.homeCode !== r.code &&
      rule.requiredRelationTypes.every((type) => r.relationTypes.includes(type)) &&
      r.registeredAt.getTime() < now.getTime() - 30 * DAY
    );
  });
  for (const r of random.shuffle(applicants)) {
    if (applications.length === PENDING_APPLICATIONS) break;
    const rule = DEMO_PREMIUM_RULES[r.code] as PremiumRule;
    const from = later(r.registeredAt, addMonths(now, -10));
    const submittedAt = random.between(new Date(now.getTime() - 5 * DAY), new Date(now.getTime() - HOUR));
    const done = activities.length;
    for (let i = 0; i < rule.minActivities; i++) {
      add(r, random.pick(rule.activityKinds), random.between(from, new Date(now.getTime() - 7 * DAY)), false);
    }
    const evaluation = evaluatePremium(
      {
        municipality: { code: r.code, kind: 'municipality' },
        registration: { tier: 'basic', relationTypes: r.relationTypes, premiumExpiresAt: null },
        identityVerified: (r.person.verifiedAt as Date) < submittedAt,
        residenceMunicipalityCode: r.person.homeCode,
        premiumElsewhere: premiumElsewhere(r),
        activities: activities
          .filter((a) => a.person_id === r.person.id && a.municipality_code === r.code)
          .map((a) => ({ kind: a.kind, occurredOn: a.occurred_on as string, status: 'confirmed' as const })),
      },
      rule,
      submittedAt,
    );
    // Someone the engine would not send to review (verified too late, too many premiums) is left as they were.
    if (evaluation.outcome !== 'review') {
      activities.length = done;
      continue;
    }
    applications.push({
      municipality_code: r.code,
      person_id: r.person.id,
      kind: 'new',
      evaluation: JSON.stringify(evaluation),
      submitted_at: submittedAt,
    });
  }
  return { activities, proofs, applications };
}
