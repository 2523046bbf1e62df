import type { Module, ModuleContext } from '../module.ts';
import { passkeyRoutes } from './passkey-routes.ts';
import { accountRoutes } from './routes.ts';

export const accountsModule: Module = {
  name: 'accounts',
  routes: async (app: ModuleContext['app'], ctx: ModuleContext) => {
    await app.register(passkeyRoutes({ config: ctx.config, signInRateLimit: ctx.config.signInRateLimit }));
    await app.register(
      accountRoutes({
        mailer: ctx.mailer,
        publicUrl: ctx.config.publicUrl,
        signInRateLimit: ctx.config.signInRateLimit,
      }),
    );
  },
  syncMasterData: async () => {},
  seedDemo: async () => {},
};
