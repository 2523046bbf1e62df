import type { Executor } from '../../db/transaction.ts';
import { jstDay } from '../registrations/rules.ts';
import * as repository from './repository.ts';
import { cumulativeSeries } from './rules.ts';
import type { NationalDashboard } from './schema.ts';

/**
 * 実人数 vs 延べ against the ten-year KPI, by prefecture, and participation over time. Small reads of
 * rollups (see migration 0013): the cost does not grow with the number of registrations.
 */
export async function nationalDashboard(db: Executor, now = new Date()): Promise<NationalDashboard> {
  // Independent reads: on a server pool they run side by side.
  const [kpis, people, byPrefecture, byMonth, participation, prefectures, members] = await Promise.all([
    repository.kpis(db),
    repository.peopleByMonth(db),
    repository.registrationsByPrefecture(db),
    repository.registrationsByMonth(db),
    repository.participationByPrefectureAndMonth(db, jstDay(now)),
    repository.prefectureNames(db),
    repository.modelMembers(db),
  ]);
  const registrations = { byPrefecture, byMonth };
  const registrationsOf = new Map(registrations.byPrefecture.map((r) => [r.prefectureCode, r.n]));
  const participationOf = new Map(participation.byPrefecture.map((r) => [r.prefectureCode, r]));
  const thisMonth = `${jstDay(now).slice(0, 7)}-01`;
  const monthly = cumulativeSeries({
    people,
    registrations: registrations.byMonth,
    municipalities: participation.byMonth,
  }).filter((point) => point.month <= thisMonth);
  const last = monthly.at(-1);
  return {
    asOf: jstDay(now),
    kpis,
    totals: {
      people: last?.people ?? 0,
      registrations: last?.registrations ?? 0,
      municipalities: last?.municipalities ?? 0,
    },
    byPrefecture: prefectures.map((p) => ({
      prefectureCode: p.prefectureCode,
      name: p.name,
      registrations: registrationsOf.get(p.prefectureCode) ?? 0,
      municipalities: participationOf.get(p.prefectureCode)?.n ?? 0,
      modelMunicipalities: participationOf.get(p.prefectureCode)?.model ?? 0,
    })),
    monthly,
    modelMunicipalities: members,
  };
}
