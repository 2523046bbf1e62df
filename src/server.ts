import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { prepareDatabase } from './db/prepare.ts';
import { startMaintenance } from './jobs/maintenance.ts';
import { createMailer } from './modules/mail/mailer.ts';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  stop(): Promise<void>;
}

export async function startServer(config: Config): Promise<RunningServer> {
  const database = await openDatabase(config.database);
  let app: FastifyInstance | undefined;
  try {
    const prepared = await prepareDatabase(database.db, { demoData: config.demoData });
    const mailer = createMailer(config.mail);
    app = await buildApp({ config, database, mailer });
    app.addHook('onClose', async () => mailer.close());
    app.log.info(
      { engine: database.engine, migrationsApplied: prepared.migrationsApplied, fresh: prepared.freshDatabase },
      'database ready',
    );
    const url = await app.listen({ host: config.host, port: config.port });
    // Work queued before a restart (a newsletter half sent) resumes without waiting for new work.
    await app.queue.start();
    const stopMaintenance = startMaintenance(database.db, {
      publicUrl: config.publicUrl,
      log: app.log,
      deliverMail: () => mailer.deliver(database.db),
    });
    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        await stopMaintenance();
        await app?.close();
        await database.close();
      })();
      return stopping;
    };
    return { app, url, stop };
  } catch (error) {
    await app?.close().catch(() => {});
    await database.close();
    throw error;
  }
}

/** SIGINT/SIGTERM: stop accepting, finish in-flight requests, close the database, exit. */
export function stopOnSignals(server: RunningServer): void {
  const onSignal = (signal: NodeJS.Signals) => {
    server.app.log.info({ signal }, 'shutting down');
    const forced = setTimeout(() => {
      server.app.log.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    forced.unref();
    server.stop().then(
      () => process.exit(0),
      (error) => {
        server.app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
