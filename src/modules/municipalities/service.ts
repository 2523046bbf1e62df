import type { ModelProjectType } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../platform/errors.ts';
import { jstDay } from '../registrations/rules.ts';
import { directoryEntries } from './directory-source.ts';
import * as repository from './repository.ts';
import { feeStatusFor, normaliseForSearch } from './rules.ts';
import type { Municipality, MunicipalitySearchQuery } from './schema.ts';

export async function searchMunicipalities(db: Executor, query: MunicipalitySearchQuery, now = new Date()) {
  const prefix = query.q ? normaliseForSearch(query.q) : undefined;
  const { items, total } = await repository.searchMunicipalities(
    db,
    {
      prefix: prefix || undefined,
      prefectureCode: query.prefecture,
      kind: query.kind,
      ...(query.participating && { participatingOn: jstDay(now) }),
    },
    query,
  );
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function getMunicipality(db: Executor, code: string): Promise<Municipality> {
  const municipality = await repository.findMunicipality(db, code);
  if (!municipality) throw new AppError('MUNICIPALITY_NOT_FOUND', { code });
  return municipality;
}

/** Brings the directory in line with the shipped master data; safe to run at every start. */
export async function syncMunicipalityDirectory(db: Executor): Promise<{ changed: number }> {
  const entries = directoryEntries();
  return inTransaction(db, async (trx) => {
    let changed = 0;
    // Parents first: wards reference their designated city.
    for (const kind of ['prefecture', 'municipality', 'ward'] as const) {
      changed += await repository.upsertDirectoryEntries(
        trx,
        entries.filter((e) => e.kind === kind),
      );
    }
    return { changed };
  });
}

export async function recordParticipation(
  db: Executor,
  code: string,
  joinedAt: string | null,
  modelType: ModelProjectType | null,
): Promise<void> {
  await getMunicipality(db, code);
  await repository.setParticipation(db, code, { joinedAt, feeStatus: feeStatusFor(joinedAt), modelType });
}
