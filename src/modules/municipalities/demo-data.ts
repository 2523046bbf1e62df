import type { ModelProjectType } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { recordParticipation } from './service.ts';

// Demo only: a handful of participants so the directory shows every participation state.
// Real participation dates are recorded by national administrators (a later issue).
const DEMO_PARTICIPANTS: { code: string; joinedAt: string; modelType: ModelProjectType | null }[] = [
  { code: '042056', joinedAt: '2026-04-01', modelType: 'A' }, // 宮城県 気仙沼市 (気仙沼ファンクラブ)
  { code: '070009', joinedAt: '2026-04-01', modelType: 'C' }, // 福島県
  { code: '072010', joinedAt: '2026-04-01', modelType: 'C' }, // 福島県 福島市
  { code: '152226', joinedAt: '2026-06-01', modelType: 'B' }, // 新潟県 上越市
  { code: '131016', joinedAt: '2027-10-01', modelType: null }, // 東京都 千代田区
  { code: '473014', joinedAt: '2028-06-01', modelType: null }, // 沖縄県 国頭村: joins after 令和9年度
];

export async function seedDemoParticipation(db: Executor): Promise<void> {
  await inTransaction(db, async (trx) => {
    for (const p of DEMO_PARTICIPANTS) await recordParticipation(trx, p.code, p.joinedAt, p.modelType);
  });
}
