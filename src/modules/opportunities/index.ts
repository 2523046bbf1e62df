import type { Module } from '../module.ts';
import { seedDemoOpportunities } from './demo-data.ts';
import { personalDataOf } from './repository.ts';
import { residentOpportunityRoutes, staffOpportunityRoutes } from './routes.ts';

export const opportunitiesModule: Module = {
  name: 'opportunities',
  routes: async (app, ctx) => {
    const options = { mailer: ctx.mailer, publicUrl: ctx.config.publicUrl };
    await app.register(residentOpportunityRoutes);
    await app.register(staffOpportunityRoutes(options));
  },
  syncMasterData: async () => {},
  seedDemo: async (db) => {
    await seedDemoOpportunities(db, new Date());
  },
  personalData: personalDataOf,
};
