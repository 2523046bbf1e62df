import type { Module } from '../module.ts';
import { seedDemoContacts } from './demo-data.ts';
import { participationRoutes } from './routes.ts';

export const participationModule: Module = {
  name: 'participation',
  routes: async (app, ctx) => {
    await app.register(participationRoutes({ mailer: ctx.mailer, publicUrl: ctx.config.publicUrl }));
  },
  syncMasterData: async () => {},
  seedDemo: (db) => seedDemoContacts(db),
};
