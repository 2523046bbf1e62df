import type { FastifyBaseLogger } from 'fastify';
import { fromPglite, type JobInsert, type JobWithMetadata, PgBoss, type SendOptions } from 'pg-boss';
import type { Database } from '../db/database.ts';
import type { Executor } from '../db/transaction.ts';

/** A kind of background work: its queue's retry policy and the handler that does one job. */
export interface JobDefinition<T extends object> {
  name: string;
  retryLimit: number;
  retryDelaySeconds: number;
  /** A job still active after this long is presumed dead and retried. */
  expireInSeconds: number;
  /** Jobs one process works on at once. */
  concurrency: number;
  handler(job: JobWithMetadata<T>): Promise<void>;
}

export interface JobQueue {
  define<T extends object>(definition: JobDefinition<T>): void;
  /** Installs pg-boss's schema (first time) and starts the workers; later calls wait for the first. */
  start(): Promise<void>;
  /**
   * Adds jobs. Given a transaction, they are written in it: they exist exactly when the caller's change
   * commits, so no job is lost or orphaned by a crash between the two.
   */
  insert<T extends object>(name: string, jobs: JobInsert<T>[], executor?: Executor): Promise<void>;
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<void>;
  stop(): Promise<void>;
}

// pg-boss's statements run through the given Kysely executor: inside the caller's transaction when there
// is one. (On PGlite, a statement outside that transaction would wait for it to end: a deadlock.)
function throughExecutor(executor: Executor) {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const result = await executor.executeQuery({
        sql: text,
        parameters: values ?? [],
        query: { kind: 'RawNode', sqlFragments: [], parameters: [] } as never,
        queryId: { queryId: 'pgboss' },
      });
      return { rows: [...result.rows] };
    },
  };
}

/**
 * One pg-boss for the process. On the PostgreSQL server it keeps a small pool of its own; on the embedded
 * PGlite (one connection) it shares the instance the app uses, whose own lock serialises the two.
 */
export function createJobQueue(database: Database, log: FastifyBaseLogger): JobQueue {
  const definitions = new Map<string, JobDefinition<object>>();
  const boss =
    database.native.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(database.native.pglite), backend: 'pglite', schedule: false })
      : new PgBoss({ connectionString: database.native.url, max: 4, schedule: false });
  boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
  let starting: Promise<void> | undefined;
  let stopped = false;

  const start = () => {
    starting ??= (async () => {
      await boss.start();
      for (const definition of definitions.values()) {
        await boss.createQueue(definition.name, {
          retryLimit: definition.retryLimit,
          retryDelay: definition.retryDelaySeconds,
          retryBackoff: true,
          expireInSeconds: definition.expireInSeconds,
        });
        await boss.work<object>(
          definition.name,
          {
            includeMetadata: true,
            batchSize: 1,
            localConcurrency: definition.concurrency,
            pollingIntervalSeconds: 0.5,
          },
          async ([job]) => {
            if (job) await definition.handler(job as JobWithMetadata<object>);
          },
        );
      }
    })();
    return starting;
  };

  return {
    define(definition) {
      if (starting) throw new Error(`job ${definition.name} defined after the queue started`);
      definitions.set(definition.name, definition as unknown as JobDefinition<object>);
    },
    start,
    async insert(name, jobs, executor) {
      if (jobs.length === 0) return;
      // In a transaction on PGlite, starting here would wait for that very transaction: the caller starts first.
      if (executor?.isTransaction && !starting) throw new Error('start the job queue before a transaction');
      await start();
      await boss.insert(name, jobs, executor ? { db: throughExecutor(executor) } : {});
    },
    async send(name, data, options = {}) {
      await start();
      await boss.send(name, data, options);
    },
    async stop() {
      if (stopped || !starting) return;
      stopped = true;
      await starting.catch(() => {});
      await boss.stop({ graceful: true, timeout: 10_000, close: true });
    },
  };
}
