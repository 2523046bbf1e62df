import type { Module } from '../module.ts';
import { cardRoutes } from './routes.ts';

// Signing keys are made on first use (see service.ts), so there is no master or demo data.
export const cardsModule: Module = {
  name: 'cards',
  routes: async (app) => {
    await app.register(cardRoutes);
  },
  syncMasterData: async () => {},
  seedDemo: async () => {},
};
