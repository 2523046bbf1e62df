import type { Module } from '../module.ts';
import { seedDemoModelProject } from './demo-data.ts';
import { modelProjectRoutes } from './routes.ts';

export const modelProjectModule: Module = {
  name: 'model-project',
  routes: async (app) => {
    await app.register(modelProjectRoutes);
  },
  syncMasterData: async () => {},
  seedDemo: (db) => seedDemoModelProject(db),
};
