import type { Module } from '../module.ts';
import { seedDemoParticipation } from './demo-data.ts';
import { municipalityRoutes } from './routes.ts';
import { syncMunicipalityDirectory } from './service.ts';

export const municipalitiesModule: Module = {
  name: 'municipalities',
  routes: async (app) => {
    await app.register(municipalityRoutes);
  },
  syncMasterData: (db) => syncMunicipalityDirectory(db),
  seedDemo: (db) => seedDemoParticipation(db),
};
