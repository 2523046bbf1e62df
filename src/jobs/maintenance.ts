import type { FastifyBaseLogger } from 'fastify';
import type { Executor } from '../db/transaction.ts';
import { compactCounters } from '../modules/registrations/counter-compaction.ts';
import { runPremiumMaintenance } from '../modules/registrations/renewal.ts';
import { purgeIdempotencyKeys } from '../platform/idempotency.ts';

const INTERVAL_MS = 15 * 60_000;

// Periodic upkeep until the job queue arrives: premium lapses and renewal reminders, old idempotency
// keys, folding the counter shards of past days. Every task is idempotent, so several server processes
// running it at once do no harm.
export function startMaintenance(
  db: Executor,
  options: { publicUrl: string; log: FastifyBaseLogger; deliverMail: () => Promise<unknown> },
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= (async () => {
      try {
        const premium = await runPremiumMaintenance(db, options.publicUrl);
        await purgeIdempotencyKeys(db);
        const compaction = await compactCounters(db);
        if (compaction.folded + compaction.foldedTotals > 0) options.log.info(compaction, 'counter shards folded');
        if (premium.reminded > 0) await options.deliverMail();
        if (premium.lapsed + premium.reminded > 0) options.log.info(premium, 'premium maintenance');
      } catch (error) {
        options.log.error({ err: error }, 'maintenance failed');
      } finally {
        running = null;
      }
    })();
  };
  tick();
  const timer = setInterval(tick, INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
