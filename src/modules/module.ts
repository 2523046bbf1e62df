import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Executor } from '../db/transaction.ts';
import type { Mailer } from './mail/mailer.ts';

export interface ModuleContext {
  app: FastifyInstance;
  config: Pick<Config, 'env' | 'publicUrl' | 'signInRateLimit'>;
  mailer: Mailer;
}

/** Each domain registers itself once: its API routes, its master data and its demo data. */
export interface Module {
  name: string;
  routes(app: FastifyInstance, ctx: ModuleContext): Promise<void>;
  syncMasterData(db: Executor): Promise<unknown>;
  seedDemo(db: Executor): Promise<void>;
}
