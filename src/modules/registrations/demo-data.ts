import type { Insertable } from 'kysely';
import type { DB, Tier } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { activitiesFor, DEMO_PREMIUM_RULES } from './demo-activities.ts';
import { addMonths, DAY, earlier, HOUR, later, type Random, sample, seededRandom } from './demo-support.ts';
import {
  ABROAD,
  CONSENT_SCOPES,
  type ConsentScope,
  type CountedState,
  type CounterDelta,
  counterDeltas,
  impliedPrefectureTypes,
  jstDay,
  NATIONAL_PREMIUM,
  normaliseConsents,
  normaliseRelationTypes,
  prefectureCodeOf,
  premiumExpiryAfterGrant,
  UNKNOWN_RESIDENCE,
} from './rules.ts';

// Demo only: a few thousand made-up furusato residents, so that member lists, dashboards, premium review
// and the counters have something to show at the first start. Everything comes from one seeded PRNG and
// `now`: two fresh databases seeded at the same instant hold the same rows, ids included, which keeps
// screenshots and bug reports about the demo reproducible.

const SEED = 0x2026_0401;
const PEOPLE = 4000;
// Well under PostgreSQL's 65,535 bind parameters for the widest table, and few enough statements for PGlite.
const CHUNK = 500;

/** Registrants per municipality; a participant not listed here (added later to the demo) gets the default. */
const REGISTRANTS: Record<string, number> = { '042056': 2500, '072010': 900, '152226': 600 };
const DEFAULT_REGISTRANTS = 120;
/** People who choose a prefecture itself, not through one of its municipalities. */
const EXPLICIT_PREFECTURE_REGISTRANTS: Record<string, number> = { '070009': 250 };
const DEFAULT_EXPLICIT_PREFECTURE_REGISTRANTS = 40;

const PREMIUM_SHARE = 0.05;
/** Of the premium registrations, those that expire within 30 days, when the dates allow (renewal demo). */
const EXPIRING_SOON_SHARE = 0.15;

/**
 * Where demo residents live (JIS prefecture number) and, for those who verified their identity, the
 * municipalities their address can be in (designated cities as the city, as identity verification stores them).
 */
const RESIDENCES: { prefecture: string | null; weight: number; municipalities: string[] }[] = [
  {
    prefecture: '13',
    weight: 26,
    municipalities: [
      '131016',
      '131041',
      '131059',
      '131091',
      '131121',
      '131130',
      '131202',
      '131237',
      '132012',
      '132292',
    ],
  },
  { prefecture: '14', weight: 9, municipalities: ['141003', '141305', '141500', '142034'] },
  { prefecture: '11', weight: 6, municipalities: ['111007', '112011', '112038'] },
  { prefecture: '12', weight: 5, municipalities: ['121002', '122041', '122173'] },
  { prefecture: '27', weight: 7, municipalities: ['271004', '271403', '272035'] },
  { prefecture: '04', weight: 10, municipalities: ['041009', '042021', '042056'] },
  { prefecture: '07', weight: 7, municipalities: ['072010', '072036'] },
  { prefecture: '15', weight: 5, municipalities: ['151009', '152021', '152226'] },
  { prefecture: '23', weight: 4, municipalities: ['231002'] },
  { prefecture: '28', weight: 2, municipalities: ['281000'] },
  { prefecture: '26', weight: 2, municipalities: ['261009'] },
  { prefecture: '01', weight: 2, municipalities: ['011002'] },
  { prefecture: '40', weight: 2, municipalities: ['401307', '401005'] },
  { prefecture: '22', weight: 1, municipalities: ['221007', '221309'] },
  { prefecture: '34', weight: 1, municipalities: ['341002'] },
  { prefecture: '06', weight: 1, municipalities: ['062014'] },
  { prefecture: ABROAD, weight: 3, municipalities: [] },
  { prefecture: null, weight: 7, municipalities: [] },
];
const VERIFIED_SHARE = 0.17;

// Common family names, with those frequent around 気仙沼 (小野寺, 熊谷, 菅原) and 福島 (遠藤, 星).
const FAMILY_NAMES = [
  ...['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤', '吉田', '山田', '佐々木'],
  ...['山口', '松本', '井上', '木村', '林', '斎藤', '清水', '阿部', '千葉', '三浦', '村上', '小野寺', '熊谷'],
  ...['菅原', '遠藤', '星', '石川', '長谷川', '近藤'],
];
const GIVEN_NAMES = [
  ...['陽菜', '結衣', 'さくら', '美咲', '葵', '凛', '花子', '恵子', '由美子', '真由美', '直子', '美穂', '彩', '優子'],
  ...['洋子', '明美', '翔太', '大輝', '蓮', '湊', '悠真', '健太', '拓也', '誠', '浩', '隆', '和夫', '修', '聡'],
  ...['一郎', '陽斗', '大和', '颯太', '海斗'],
];
const FOREIGN_GIVEN_NAMES = ['Emily', 'James', 'Sarah', 'Michael', 'Olivia', 'Daniel', 'Sophie', 'Lucas', 'Hannah'];
const FOREIGN_FAMILY_NAMES = ['Smith', 'Brown', 'Wilson', 'Taylor', 'Anderson', 'Martin', 'Lee', 'Garcia', 'Nguyen'];

const TYPE_WEIGHTS: [number, number][] = [
  [1, 45],
  [2, 35],
  [3, 15],
  [4, 5],
];
const CONSENT_RATES: Record<ConsentScope, number> = {
  name: 0.85,
  email: 0.6,
  age_band: 0.5,
  residence: 0.55,
  relation_details: 0.45,
  news: 0.9,
};

// --- The plan -------------------------------------------------------------------------------------

interface Participant {
  code: string;
  prefectureCode: string;
  kind: 'municipality' | 'prefecture';
  joinedAt: string;
}

interface Person {
  id: string;
  index: number;
  displayName: string;
  locale: 'ja' | 'en';
  birthYear: number;
  residence: string | null;
  /** Municipality of the verified address; null when not verified. */
  homeCode: string | null;
  createdAt: Date;
  verifiedAt: Date | null;
}

export interface Registration {
  id: string;
  code: string;
  prefectureCode: string;
  kind: 'municipality' | 'prefecture';
  person: Person;
  implicit: boolean;
  tier: Tier;
  relationTypes: number[];
  consents: string[];
  registeredAt: Date;
  premiumSince: Date | null;
  premiumExpiresAt: Date | null;
  updatedAt: Date;
}

function makePeople(random: Random): Person[] {
  const residences = RESIDENCES.map((r) => [r, r.weight] as const);
  return Array.from({ length: PEOPLE }, (_, index) => {
    const residence = random.weighted(residences);
    const foreign = random.chance(residence.prefecture === ABROAD ? 0.7 : 0.02);
    const verified = residence.municipalities.length > 0 && random.chance(VERIFIED_SHARE);
    return {
      id: random.uuid(),
      index,
      displayName: foreign
        ? `${random.pick(FOREIGN_GIVEN_NAMES)} ${random.pick(FOREIGN_FAMILY_NAMES)}`
        : `${random.pick(FAMILY_NAMES)} ${random.pick(GIVEN_NAMES)}`,
      locale: foreign || random.chance(0.03) ? 'en' : 'ja',
      // Two uniforms: most demo residents are of working age, few at either end.
      birthYear: 1950 + Math.floor(((random.next() + random.next()) / 2) * 57),
      residence: residence.prefecture,
      homeCode: verified ? random.pick(residence.municipalities) : null,
      // Set once their registrations are known: nobody registers before having an account.
      createdAt: new Date(0),
      verifiedAt: null,
    };
  });
}

/** More recently = more: a small launch spike, then sign-ups growing with word of mouth. */
function registrationTime(random: Random, joinedAt: string, now: Date): Date {
  const start = new Date(`${joinedAt}T00:00:00+09:00`).getTime();
  const span = now.getTime() - start;
  const share = random.chance(0.06) ? random.next() * Math.min(1, (3 * DAY) / span) : Math.sqrt(random.next());
  return new Date(start + share * span);
}

function relationTypesOf(random: Random, premium: boolean): number[] {
  const count = random.weighted([
    [1, 55],
    [2, 35],
    [3, 10],
  ] as const);
  // Premium is for regular helpers (類型③).
  const chosen = new Set<number>(premium ? [3] : []);
  while (chosen.size < count) chosen.add(random.weighted(TYPE_WEIGHTS));
  return normaliseRelationTypes([...chosen]);
}

function consentsOf(random: Random): string[] {
  return normaliseConsents(CONSENT_SCOPES.filter((scope) => random.chance(CONSENT_RATES[scope])));
}

function newRegistration(
  random: Random,
  participant: Omit<Participant, 'joinedAt'>,
  person: Person,
  registeredAt: Date,
): Registration {
  return {
    id: random.uuid(),
    code: participant.code,
    prefectureCode: participant.prefectureCode,
    kind: participant.kind,
    person,
    implicit: false,
    tier: 'basic',
    relationTypes: [],
    consents: [],
    registeredAt,
    premiumSince: null,
    premiumExpiresAt: null,
    updatedAt: registeredAt,
  };
}

/** Who registers where, and when: the chosen registrations, without types, consents or tiers yet. */
function chooseRegistrations(random: Random, people: Person[], participants: Participant[], now: Date) {
  const registrations: Registration[] = [];
  const heldBy = new Map<string, Registration[]>();
  const add = (participant: Participant, person: Person) => {
    const registration = newRegistration(
      random,
      participant,
      person,
      registrationTime(random, participant.joinedAt, now),
    );
    registrations.push(registration);
    heldBy.set(person.id, [...(heldBy.get(person.id) ?? []), registration]);
  };
  const municipalities = participants
    .filter((p) => p.kind === 'municipality')
    .sort((a, b) => (REGISTRANTS[b.code] ?? DEFAULT_REGISTRANTS) - (REGISTRANTS[a.code] ?? DEFAULT_REGISTRANTS));
  for (const m of municipalities) {
    const count = REGISTRANTS[m.code] ?? DEFAULT_REGISTRANTS;
    // People near a town care about it more, locals less; most people follow one town, some two or three.
    const chosen = sample(random, people, count, (person) => {
      let weight = person.residence === m.prefectureCode ? 2 : 1;
      if (person.homeCode === m.code) weight *= 0.3;
      if (heldBy.has(person.id)) weight *= 0.2;
      return weight;
    });
    for (const person of chosen) add(m, person);
  }
  for (const p of participants.filter((p) => p.kind === 'prefecture')) {
    const count = EXPLICIT_PREFECTURE_REGISTRANTS[p.code] ?? DEFAULT_EXPLICIT_PREFECTURE_REGISTRANTS;
    // A municipality registration already brings its prefecture along, so those people are not asked again.
    const pool = people.filter((person) => !heldBy.get(person.id)?.some((r) => r.prefectureCode === p.prefectureCode));
    const chosen = sample(random, pool, count, (person) => (person.residence === p.prefectureCode ? 3 : 1));
    for (const person of chosen) add(p, person);
  }
  return { registrations, heldBy };
}

function dateAccounts(random: Random, people: Person[], heldBy: Map<string, Registration[]>, now: Date): void {
  for (const person of people) {
    const held = heldBy.get(person.id);
    if (held) {
      const first = held.reduce((a, r) => earlier(a, r.registeredAt), now);
      // Most sign up on the spot; some had an account for a while before.
      const before = random.chance(0.7) ? random.next() * 30 * 60_000 : random.next() * 30 * DAY;
      person.createdAt = new Date(first.getTime() - before);
    } else {
      person.createdAt = random.between(new Date(now.getTime() - 210 * DAY), now);
    }
    if (person.homeCode) {
      person.verifiedAt = random.between(
        person.createdAt,
        earlier(now, new Date(person.createdAt.getTime() + 60 * DAY)),
      );
    }
  }
}

/**
 * Upgrades about 5% of a municipality's registrations, only where the national rules allow it (verified,
 * not the home town, at most three) and with time to earn the activities and stay unexpired at `now`.
 */
function choosePremium(random: Random, registrations: Registration[], now: Date): void {
  const premiumCount = new Map<string, number>();
  // Granted after this, a premium registration is still valid at `now`; up to soonTo, it expires within 30 days.
  const stillValidFrom = new Date(addMonths(now, -NATIONAL_PREMIUM.termMonths).getTime() + DAY);
  const soonTo = addMonths(
    new Date(now.getTime() + (NATIONAL_PREMIUM.reminderDays - 1) * DAY),
    -NATIONAL_PREMIUM.termMonths,
  );
  const latest = new Date(now.getTime() - HOUR);
  // Three weeks after registering leaves room for the activities that earned the upgrade.
  const earliestSince = (r: Registration) =>
    [new Date(r.registeredAt.getTime() + 21 * DAY), new Date((r.person.verifiedAt as Date).getTime() + DAY)].reduce(
      later,
      stillValidFrom,
    );

  for (const code of Object.keys(DEMO_PREMIUM_RULES).sort()) {
    const held = registrations.filter((r) => r.code === code);
    const wanted = Math.round(held.length * PREMIUM_SHARE);
    const eligible = random.shuffle(
      held.filter((r) => r.person.verifiedAt && r.person.homeCode !== code && earliestSince(r) < latest),
    );
    const soonWanted = Math.round(wanted * EXPIRING_SOON_SHARE);
    const expiringSoon = eligible.filter((r) => earliestSince(r) < soonTo).slice(0, soonWanted);
    const rest = eligible.filter((r) => !expiringSoon.includes(r));
    let granted = 0;
    for (const r of [...expiringSoon, ...rest]) {
      if (granted === wanted) break;
      const count = premiumCount.get(r.person.id) ?? 0;
      if (count >= NATIONAL_PREMIUM.maxPremiumMunicipalities) continue;
      premiumCount.set(r.person.id, count + 1);
      granted++;
      r.tier = 'premium';
      r.premiumSince = random.between(earliestSince(r), expiringSoon.includes(r) ? soonTo : latest);
      r.premiumExpiresAt = premiumExpiryAfterGrant(r.premiumSince, null);
      r.updatedAt = r.premiumSince;
    }
  }
}

type EventRow = Insertable<DB['registration_events']>;

/** Events and counters come from the same changes, as in the service, so the counters add up to the table. */
class History {
  readonly events: EventRow[] = [];
  readonly counters = new Map<string, CounterDelta>();

  record(
    registration: Registration,
    kind: EventRow['kind'],
    at: Date,
    change: { before: CountedState | null; after: CountedState },
    details?: Record<string, unknown>,
  ): void {
    this.events.push({
      municipality_code: registration.code,
      person_id: registration.person.id,
      registration_id: registration.id,
      kind,
      tier: change.after.tier,
      relation_types: [...change.after.relationTypes],
      residence_prefecture: change.after.residencePrefecture,
      details: details ? JSON.stringify(details) : null,
      occurred_at: at,
    });
    for (const delta of counterDeltas([change], registration.person.id, at)) {
      const key = `${delta.municipalityCode}|${delta.day}|${delta.tier}|${delta.relationType}|${delta.residencePrefecture}|${delta.shard}`;
      const existing = this.counters.get(key);
      if (existing) existing.n += delta.n;
      else this.counters.set(key, { ...delta });
    }
  }
}

function residenceOf(person: Person): string {
  return person.residence ?? UNKNOWN_RESIDENCE;
}

function stateOf(r: Registration, tier: Tier, relationTypes: readonly number[]): CountedState {
  return { municipalityCode: r.code, tier, relationTypes, residencePrefecture: residenceOf(r.person) };
}

function recordOwnChoices(history: History, registrations: Registration[]): void {
  for (const r of registrations) {
    history.record(r, 'registered', r.registeredAt, { before: null, after: stateOf(r, 'basic', r.relationTypes) });
    if (r.premiumSince && r.premiumExpiresAt) {
      history.record(
        r,
        'upgraded',
        r.premiumSince,
        { before: stateOf(r, 'basic', r.relationTypes), after: stateOf(r, 'premium', r.relationTypes) },
        { expiresAt: r.premiumExpiresAt.toISOString() },
      );
    }
  }
}

/**
 * The prefecture registrations that municipality registrations bring along: created with the first
 * municipality of the prefecture, widened (types_changed) when a later one adds relationship types.
 */
function impliedPrefectureRegistrations(
  random: Random,
  history: History,
  heldBy: Map<string, Registration[]>,
  people: Person[],
): Registration[] {
  const implied: Registration[] = [];
  for (const person of people) {
    const byPrefecture = new Map<string, Registration[]>();
    for (const r of heldBy.get(person.id) ?? []) {
      if (r.kind === 'municipality')
        byPrefecture.set(r.prefectureCode, [...(byPrefecture.get(r.prefectureCode) ?? []), r]);
    }
    for (const [prefectureNumber, held] of [...byPrefecture].sort(([a], [b]) => a.localeCompare(b))) {
      const [first, ...others] = held.sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime());
      if (!first) continue;
      const target = {
        code: prefectureCodeOf(prefectureNumber),
        prefectureCode: prefectureNumber,
        kind: 'prefecture' as const,
      };
      const prefecture = newRegistration(random, target, person, first.registeredAt);
      prefecture.implicit = true;
      prefecture.consents = first.consents;
      prefecture.relationTypes = first.relationTypes;
      history.record(
        prefecture,
        'registered',
        first.registeredAt,
        { before: null, after: stateOf(prefecture, 'basic', prefecture.relationTypes) },
        { implicit: true },
      );
      for (let i = 0; i < others.length; i++) {
        const next = others[i] as Registration;
        const types = impliedPrefectureTypes([first, ...others.slice(0, i + 1)].map((r) => r.relationTypes)) ?? [];
        if (types.join() === prefecture.relationTypes.join()) continue;
        history.record(prefecture, 'types_changed', next.registeredAt, {
          before: stateOf(prefecture, 'basic', prefecture.relationTypes),
          after: stateOf(prefecture, 'basic', types),
        });
        prefecture.relationTypes = types;
        prefecture.updatedAt = next.registeredAt;
      }
      implied.push(prefecture);
    }
  }
  return implied;
}

// --- Writing --------------------------------------------------------------------------------------

async function insertChunked<T extends keyof DB & string>(db: Executor, table: T, rows: Insertable<DB[T]>[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    // Kysely cannot relate a generic table name to its row type; the rows are typed by the caller.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute();
  }
}

function registrationRow(r: Registration): Insertable<DB['registrations']> {
  return {
    municipality_code: r.code,
    person_id: r.person.id,
    id: r.id,
    tier: r.tier,
    relation_types: r.relationTypes,
    implicit: r.implicit,
    consents: r.consents,
    residence_prefecture: residenceOf(r.person),
    source: 'demo',
    registered_at: r.registeredAt,
    premium_since: r.premiumSince,
    premium_expires_at: r.premiumExpiresAt,
    premium_reminded_at: null,
    updated_at: r.updatedAt,
  };
}

/**
 * Demo residents and their registrations with the municipalities (and prefectures) that have joined by
 * `now`, with the history, counters, activities and premium rules that go with them. Runs once, on a
 * fresh database.
 */
export async function seedDemoRegistrations(
  db: Executor,
  now: Date,
): Promise<{ people: number; registrations: number }> {
  return inTransaction(db, async (trx) => {
    const participants = (
      await trx
        .selectFrom('municipalities')
        .select(['code', 'prefecture_code', 'kind', 'joined_at'])
        .where('joined_at', 'is not', null)
        .where('joined_at', '<=', jstDay(now))
        .where('kind', 'in', ['municipality', 'prefecture'])
        .orderBy('code')
        .execute()
    ).map(
      (m): Participant => ({
        code: m.code,
        prefectureCode: m.prefecture_code,
        kind: m.kind as Participant['kind'],
        joinedAt: m.joined_at as string,
      }),
    );

    const random = seededRandom(SEED);
    const people = makePeople(random);
    const { registrations, heldBy } = chooseRegistrations(random, people, participants, now);
    dateAccounts(random, people, heldBy, now);
    choosePremium(random, registrations, now);
    for (const r of registrations) {
      r.relationTypes = relationTypesOf(random, r.tier === 'premium');
      r.consents = consentsOf(random);
    }
    const history = new History();
    recordOwnChoices(history, registrations);
    const all = [...registrations, ...impliedPrefectureRegistrations(random, history, heldBy, people)];
    const { activities, proofs, applications } = activitiesFor(random, registrations, now);

    await insertChunked(
      trx,
      'people',
      people.map((p) => ({
        id: p.id,
        email: `resident${String(p.index + 1).padStart(4, '0')}@demo.furusato.example`,
        display_name: p.displayName,
        locale: p.locale,
        created_at: p.createdAt,
        identity_verified_at: p.verifiedAt,
        identity_level: p.verifiedAt ? 'my_number_card' : null,
        registered_municipality_code: p.homeCode,
        birth_year: p.birthYear,
        residence_prefecture: p.residence,
      })),
    );
    await insertChunked(trx, 'registrations', all.map(registrationRow));
    // In time order, so the event ids read as the history they are.
    const events = history.events.sort((a, b) => (a.occurred_at as Date).getTime() - (b.occurred_at as Date).getTime());
    await insertChunked(trx, 'registration_events', events);
    await insertChunked(
      trx,
      'registration_counters',
      [...history.counters.values()]
        .filter((c) => c.n !== 0)
        .map((c) => ({
          municipality_code: c.municipalityCode,
          day: c.day,
          tier: c.tier,
          relation_type: c.relationType,
          residence_prefecture: c.residencePrefecture,
          shard: c.shard,
          n: c.n,
        })),
    );
    await insertChunked(
      trx,
      'premium_rules',
      Object.entries(DEMO_PREMIUM_RULES).map(([code, rule]) => ({
        municipality_code: code,
        min_activities: rule.minActivities,
        activity_kinds: [...rule.activityKinds],
        required_relation_types: [...rule.requiredRelationTypes],
        staff_review: rule.staffReview,
        updated_at: now,
      })),
    );
    await insertChunked(trx, 'activity_records', activities);
    await insertChunked(trx, 'activity_proofs', proofs);
    await insertChunked(trx, 'premium_applications', applications);
    return { people: people.length, registrations: all.length };
  });
}
