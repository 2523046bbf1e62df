import { auditRoutes } from '../audit/routes.ts';
import type { Module } from '../module.ts';
import { seedDemoStaff } from './demo-data.ts';
import { staffRoutes } from './routes.ts';

export const staffModule: Module = {
  name: 'staff',
  routes: async (app, ctx) => {
    await app.register(staffRoutes({ mailer: ctx.mailer, publicUrl: ctx.config.publicUrl }));
    await app.register(auditRoutes);
  },
  syncMasterData: async () => {},
  seedDemo: (db) => seedDemoStaff(db),
};
