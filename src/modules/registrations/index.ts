import type { Module } from '../module.ts';
import { seedDemoRegistrations } from './demo-data.ts';
import { residentRegistrationRoutes, staffRegistrationRoutes } from './routes.ts';

export const registrationsModule: Module = {
  name: 'registrations',
  routes: async (app) => {
    await app.register(residentRegistrationRoutes);
    await app.register(staffRegistrationRoutes);
  },
  syncMasterData: async () => {},
  seedDemo: async (db) => {
    await seedDemoRegistrations(db, new Date());
  },
};
