import type { Module } from '../module.ts';
import { BATCH_JOB, type BatchJobData, deliverBatch } from './delivery.ts';
import { personalDataOf } from './repository.ts';
import { residentNotificationRoutes } from './resident-routes.ts';
import { staffNewsletterRoutes } from './routes.ts';

/** Defaults when the app is built without the server's configuration (tests). */
const DEFAULT_RATE_PER_SECOND = 20;
const DEFAULT_RETRY_DELAY_SECONDS = 60;

export const newslettersModule: Module = {
  name: 'newsletters',
  routes: async (app, ctx) => {
    const ratePerSecond = ctx.config.newsletters?.ratePerSecond ?? DEFAULT_RATE_PER_SECOND;
    const delivery = { db: app.db, mailer: ctx.mailer, publicUrl: ctx.config.publicUrl };
    ctx.queue.define<BatchJobData>({
      name: BATCH_JOB,
      retryLimit: 5,
      retryDelaySeconds: ctx.config.newsletters?.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS,
      // A batch paces itself to the rate: at the slowest allowed rate (1/s) it takes BATCH_SIZE seconds.
      expireInSeconds: 3600,
      concurrency: 2,
      handler: (job) => deliverBatch(delivery, job.data, { lastAttempt: job.retryCount >= job.retryLimit }),
    });
    await app.register(
      staffNewsletterRoutes({ queue: ctx.queue, mailer: ctx.mailer, publicUrl: ctx.config.publicUrl, ratePerSecond }),
    );
    await app.register(residentNotificationRoutes);
  },
  syncMasterData: async () => {},
  seedDemo: async () => {},
  personalData: personalDataOf,
};
