import type { Module, ModuleContext } from '../module.ts';
import { devMailRoutes } from './routes.ts';

export const mailModule: Module = {
  name: 'mail',
  routes: async (app: ModuleContext['app'], ctx: ModuleContext) => {
    if (ctx.mailer.outboxOnly && ctx.config.env !== 'production') await app.register(devMailRoutes);
  },
  syncMasterData: async () => {},
  seedDemo: async () => {},
};
