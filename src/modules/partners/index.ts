import type { Module } from '../module.ts';
import { seedDemoPartners } from './demo-data.ts';
import { partnerRoutes } from './routes.ts';

export const partnersModule: Module = {
  name: 'partners',
  routes: async (app, ctx) => {
    await app.register(partnerRoutes({ mailer: ctx.mailer, publicUrl: ctx.config.publicUrl }));
  },
  syncMasterData: async () => {},
  seedDemo: (db) => seedDemoPartners(db),
};
