import type { Module } from '../module.ts';
import { seedDemoContent } from './demo-data.ts';
import { publicContentRoutes } from './public-routes.ts';
import { staffContentRoutes } from './routes.ts';

export const contentModule: Module = {
  name: 'content',
  routes: async (app, ctx) => {
    await app.register(staffContentRoutes({ publicUrl: ctx.config.publicUrl }));
    await app.register(publicContentRoutes({ publicUrl: ctx.config.publicUrl }));
  },
  syncMasterData: async () => {},
  seedDemo: (db) => seedDemoContent(db, new Date()),
};
