import type { Module } from '../module.ts';
import { openStatisticsRoutes } from './routes.ts';
import { OpenStatistics } from './service.ts';
import { openStatisticsSettings } from './settings.ts';

export const openStatisticsModule: Module = {
  name: 'open-statistics',
  routes: async (app) => {
    await app.register(openStatisticsRoutes(new OpenStatistics(app.db, openStatisticsSettings())));
  },
  syncMasterData: async () => undefined,
  seedDemo: async () => undefined,
};
