import type { Module } from '../module.ts';
import { seedDemoMeasures } from './demo-data.ts';
import { personalDataOf } from './repository.ts';
import { residentBenefitRoutes, staffBenefitRoutes } from './routes.ts';

export const benefitsModule: Module = {
  name: 'benefits',
  routes: async (app) => {
    await app.register(residentBenefitRoutes);
    await app.register(staffBenefitRoutes);
  },
  syncMasterData: async () => {},
  seedDemo: (db) => seedDemoMeasures(db),
  personalData: personalDataOf,
};
