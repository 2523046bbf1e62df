import type { Executor } from '../../db/transaction.ts';
import type { NewEvent, RegistrationRow } from './repository.ts';
import * as repository from './repository.ts';
import { type CountedState, type CounterDelta, counterDeltas } from './rules.ts';

/** What a registration contributes to the counters. */
export function counted(row: {
  municipalityCode: string;
  tier: 'basic' | 'premium';
  relationTypes: readonly number[];
  residencePrefecture: string;
}): CountedState {
  return {
    municipalityCode: row.municipalityCode,
    tier: row.tier,
    relationTypes: row.relationTypes,
    residencePrefecture: row.residencePrefecture,
  };
}

/** The history event of a change to an existing registration. */
export function eventOf(row: RegistrationRow, personId: string, kind: NewEvent['kind'], now: Date): NewEvent {
  return {
    municipalityCode: row.municipalityCode,
    personId,
    registrationId: row.id,
    kind,
    tier: row.tier,
    relationTypes: row.relationTypes,
    residencePrefecture: row.residencePrefecture,
    occurredAt: now,
  };
}

/**
 * What one use-case changed: the counter transitions and the history it writes, applied together at
 * the end of the transaction (one statement each).
 */
export class ChangeSet {
  readonly changes: { before: CountedState | null; after: CountedState | null }[] = [];
  readonly events: NewEvent[] = [];

  record(change: { before: CountedState | null; after: CountedState | null }, event: NewEvent): void {
    this.changes.push(change);
    this.events.push(event);
  }

  /** The counter changes, for a batch that writes several people's change sets together. */
  deltas(personId: string, now: Date): CounterDelta[] {
    return counterDeltas(this.changes, personId, now);
  }

  async apply(trx: Executor, personId: string, now: Date): Promise<void> {
    await repository.appendHistory(trx, this.events, this.deltas(personId, now));
  }
}
