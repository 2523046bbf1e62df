import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Executor } from '../db/transaction.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { Mailer } from './mail/mailer.ts';

export interface ModuleContext {
  app: FastifyInstance;
  /** identity: absent or null when identity verification is not configured. */
  config: Pick<Config, 'env' | 'publicUrl' | 'signInRateLimit'> & Partial<Pick<Config, 'identity' | 'newsletters'>>;
  mailer: Mailer;
  queue: JobQueue;
}

/** Each domain registers itself once: its API routes, its master data and its demo data. */
export interface Module {
  name: string;
  routes(app: FastifyInstance, ctx: ModuleContext): Promise<void>;
  syncMasterData(db: Executor): Promise<unknown>;
  seedDemo(db: Executor): Promise<void>;
  /** What this module holds about one person, for their data export (個人情報の開示); keyed by section. */
  personalData?(db: Executor, personId: string): Promise<Record<string, unknown>>;
}
