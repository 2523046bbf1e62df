import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { GroupCommit, type Settled } from '../../db/group-commit.ts';
import type { DB } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { ChangeSet, counted, eventOf } from './change-set.ts';
import type { RegistrationRow } from './repository.ts';
import * as repository from './repository.ts';
import {
  impliedPrefectureChange,
  jstDay,
  mergeCounterDeltas,
  normaliseConsents,
  normaliseRelationTypes,
  prefectureCodeOf,
  UNKNOWN_RESIDENCE,
} from './rules.ts';
import { view } from './view.ts';

export interface RegistrationInput {
  municipalityCode: string;
  relationTypes: number[];
  consents: string[];
  residencePrefecture?: string;
  birthYear?: number;
}

export interface Registering {
  personId: string;
  input: RegistrationInput;
  now: Date;
}

export type RegistrationView = ReturnType<typeof view>;

const groupCommits = new WeakMap<Kysely<DB>, GroupCommit<Registering, RegistrationView>>();

/**
 * Registers the person (basic tier) with a municipality or prefecture; a municipality brings its
 * prefecture along. A duplicate is refused with the existing registration, and nothing else changes.
 * Requests that arrive together are written together (group commit): see registerTogether.
 */
export function register(
  db: Executor,
  personId: string,
  input: RegistrationInput,
  now = new Date(),
): Promise<RegistrationView> {
  const item = { personId, input, now };
  if (db.isTransaction) return registerTogether(db, [item]).then(([outcome]) => settledValue(outcome));
  let groupCommit = groupCommits.get(db);
  if (!groupCommit) {
    groupCommit = new GroupCommit({ write: (items) => registerTogether(db, items) });
    groupCommits.set(db, groupCommit);
  }
  return groupCommit.submit(item);
}

function settledValue<R>(outcome: Settled<R> | undefined): R {
  if (!outcome) throw new Error('registerTogether answered no outcome');
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/**
 * Several registrations in one transaction, in set-based statements: the people locked in one statement
 * (sorted, so batches cannot deadlock), what they hold read in one, the decisions taken in memory in
 * request order, then one insert of registrations and one statement for history and counters, whose
 * triggers then run once per batch instead of once per person. Each item is answered on its own: a
 * refused one writes nothing and does not hold back the others.
 */
export async function registerTogether(
  db: Executor,
  items: readonly Registering[],
): Promise<Settled<RegistrationView>[]> {
  const outcomes: Settled<RegistrationView>[] = new Array(items.length);
  const codes = new Set(
    items.flatMap((i) => [i.input.municipalityCode, prefectureCodeOf(i.input.municipalityCode.slice(0, 2))]),
  );
  const targets = new Map((await repository.findTargets(db, [...codes])).map((t) => [t.code, t]));
  const accepted: Accepted[] = [];
  items.forEach((item, index) => {
    try {
      accepted.push(acceptTarget(item, index, targets));
    } catch (error) {
      outcomes[index] = { ok: false, error };
    }
  });
  if (accepted.length === 0) return outcomes;

  await inTransaction(db, async (trx) => {
    const personIds = [...new Set(accepted.map((a) => a.item.personId))];
    const people = new Map((await repository.lockPeople(trx, personIds)).map((p) => [p.id, p]));
    const held = new Map<string, RegistrationRow[]>(personIds.map((id) => [id, []]));
    const prefectures = [...new Set(accepted.map((a) => a.target.prefectureCode))];
    for (const row of await repository.registrationsOfPeopleIn(trx, personIds, prefectures)) {
      held.get(row.personId)?.push(row);
    }
    const batch = new Batch();
    for (const a of accepted) {
      const person = people.get(a.item.personId);
      try {
        // The session was checked when the request came in; the account may have been deleted since.
        if (!person) throw new AppError('AUTHENTICATION_REQUIRED');
        outcomes[a.index] = { ok: true, value: decide(a, person, held.get(person.id) ?? [], targets, batch) };
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        outcomes[a.index] = { ok: false, error };
      }
    }
    for (const profile of batch.profiles) await repository.updateProfile(trx, profile.personId, profile);
    await repository.insertRegistrations(trx, batch.inserts);
    for (const u of batch.updates) await repository.updateRegistration(trx, u.personId, u.code, u.set, u.now);
    await repository.appendHistory(
      trx,
      batch.changeSets.flatMap((c) => c.changes.events),
      mergeCounterDeltas(batch.changeSets.map((c) => c.changes.deltas(c.personId, c.now))),
    );
  });
  return outcomes;
}

type Target = NonNullable<Awaited<ReturnType<typeof repository.findTargets>>[number]>;

interface Accepted {
  item: Registering;
  index: number;
  target: Target;
}

function acceptTarget(item: Registering, index: number, targets: Map<string, Target>): Accepted {
  const target = targets.get(item.input.municipalityCode);
  if (!target) throw new AppError('MUNICIPALITY_NOT_FOUND');
  if (target.kind === 'ward') throw new AppError('REGISTRATION_TARGET_IS_WARD', { parentCode: target.parentCode });
  if (!acceptsRegistrations(target.joined_at, item.now)) {
    throw new AppError('MUNICIPALITY_NOT_PARTICIPATING', { joinedAt: target.joined_at });
  }
  return { item, index, target };
}

function acceptsRegistrations(joinedAt: string | null, now: Date): boolean {
  return joinedAt !== null && joinedAt <= jstDay(now);
}

/** The writes of a batch, in the order the requests came. */
class Batch {
  readonly profiles: { personId: string; birthYear?: number; residencePrefecture?: string }[] = [];
  readonly inserts: (repository.NewRegistration & { id: string })[] = [];
  readonly updates: {
    personId: string;
    code: string;
    set: Parameters<typeof repository.updateRegistration>[3];
    now: Date;
  }[] = [];
  readonly changeSets: { personId: string; now: Date; changes: ChangeSet }[] = [];
}

type Person = Awaited<ReturnType<typeof repository.lockPeople>>[number];

/**
 * One registration decided against what the person holds (`held`, updated in place so that a later
 * request of the same person in the batch sees it), its writes added to the batch.
 */
function decide(
  { item, target }: Accepted,
  person: Person,
  held: RegistrationRow[],
  targets: Map<string, Target>,
  batch: Batch,
): RegistrationView {
  const { personId, input, now } = item;
  const relationTypes = normaliseRelationTypes(input.relationTypes);
  const consents = normaliseConsents(input.consents);
  const existing = held.find((r) => r.municipalityCode === target.code);
  if (existing && !existing.implicit) throw new AppError('REGISTRATION_EXISTS', { registration: view(existing) });

  if (input.birthYear !== undefined || input.residencePrefecture !== undefined) {
    batch.profiles.push({ personId, birthYear: input.birthYear, residencePrefecture: input.residencePrefecture });
    if (input.residencePrefecture !== undefined) person.residencePrefecture = input.residencePrefecture;
  }
  const changes = new ChangeSet();
  batch.changeSets.push({ personId, now, changes });

  if (existing) {
    // A prefecture registration that came with a municipality becomes the person's own choice.
    batch.updates.push({ personId, code: target.code, set: { relationTypes, consents, implicit: false }, now });
    changes.record(
      { before: counted(existing), after: counted({ ...existing, relationTypes }) },
      { ...eventOf(existing, personId, 'types_changed', now), relationTypes, details: { implicit: false } },
    );
    Object.assign(existing, { relationTypes, consents, implicit: false });
    return view(existing);
  }

  const residencePrefecture =
    person.residencePrefecture ?? person.registeredMunicipalityCode?.slice(0, 2) ?? UNKNOWN_RESIDENCE;
  const row = added(batch, changes, held, personId, target, { relationTypes, consents, residencePrefecture, now });
  if (target.kind === 'municipality') {
    const code = prefectureCodeOf(target.prefectureCode);
    const prefecture = held.find((r) => r.municipalityCode === code);
    const change = impliedPrefectureChange(
      held
        .filter((r) => r.kind === 'municipality' && r.prefectureCode === target.prefectureCode)
        .map((r) => r.relationTypes),
      prefecture,
    );
    const prefectureTarget = targets.get(code);
    if (change?.action === 'insert' && prefectureTarget) {
      added(batch, changes, held, personId, prefectureTarget, {
        relationTypes: change.relationTypes,
        consents,
        residencePrefecture,
        now,
        implicit: true,
      });
    } else if (change?.action === 'update' && prefecture) {
      batch.updates.push({ personId, code, set: { relationTypes: change.relationTypes }, now });
      changes.record(
        { before: counted(prefecture), after: counted({ ...prefecture, relationTypes: change.relationTypes }) },
        { ...eventOf(prefecture, personId, 'types_changed', now), relationTypes: change.relationTypes },
      );
      prefecture.relationTypes = change.relationTypes;
    }
  }
  return view(row);
}

/** A new registration: inserted with the batch, recorded, and held from now on. */
function added(
  batch: Batch,
  changes: ChangeSet,
  held: RegistrationRow[],
  personId: string,
  target: Target,
  r: { relationTypes: number[]; consents: string[]; residencePrefecture: string; now: Date; implicit?: boolean },
): RegistrationRow {
  const implicit = r.implicit ?? false;
  const row: RegistrationRow = {
    id: randomUUID(),
    personId,
    municipalityCode: target.code,
    municipalityName: target.name,
    kind: target.kind,
    prefectureCode: target.prefectureCode,
    tier: 'basic',
    relationTypes: r.relationTypes,
    consents: r.consents,
    implicit,
    residencePrefecture: r.residencePrefecture,
    registeredAt: r.now,
    premiumSince: null,
    premiumExpiresAt: null,
    premiumRemindedAt: null,
  };
  held.push(row);
  batch.inserts.push({ ...row, source: 'app' });
  const state = counted(row);
  changes.record(
    { before: null, after: state },
    {
      ...state,
      personId,
      registrationId: row.id,
      kind: 'registered',
      occurredAt: r.now,
      ...(implicit && { details: { implicit: true } }),
    },
  );
  return row;
}
