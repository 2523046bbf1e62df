import type { Module } from '../module.ts';
import { dashboardRoutes } from './routes.ts';
import { seedDemoNewsReads } from './tracking.ts';

export const dashboardsModule: Module = {
  name: 'dashboards',
  routes: async (app) => {
    await app.register(dashboardRoutes);
  },
  syncMasterData: async () => {},
  // The other counters fill themselves from the demo registrations, activities and uses (triggers).
  seedDemo: async (db) => {
    await seedDemoNewsReads(db, new Date());
  },
};
