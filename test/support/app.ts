import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Engine } from '../../src/db/database.ts';
import { prepareDatabase } from '../../src/db/prepare.ts';
import type { Mailer } from '../../src/modules/mail/mailer.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';

export interface TestApp {
  app: FastifyInstance;
  testDatabase: TestDatabase;
  close(): Promise<void>;
}

/** A fully migrated app with demo data on its own database, driven through `app.inject`. */
export async function createTestApp(
  engine: Engine,
  options: { rateLimitPerMinute?: number; signInRateLimit?: number; demoData?: boolean; mailer?: Mailer } = {},
): Promise<TestApp> {
  const testDatabase = await createTestDatabase(engine);
  await prepareDatabase(testDatabase.database.db, { demoData: options.demoData ?? true });
  const app = await buildApp({
    config: {
      env: 'test',
      logLevel: 'silent',
      rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000,
      signInRateLimit: options.signInRateLimit ?? 10_000,
      publicUrl: 'http://localhost:3000',
      cookieSecure: false,
    },
    mailer: options.mailer,
    database: testDatabase.database,
    webDistDir: '/nonexistent',
  });
  await app.ready();
  return {
    app,
    testDatabase,
    async close() {
      await app.close();
      await testDatabase.drop();
    },
  };
}
