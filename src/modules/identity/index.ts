import type { Module } from '../module.ts';
import { createIdentityProvider } from './provider.ts';
import { identityRoutes } from './routes.ts';

/** The callback as registered with the provider (the API lives under /api/v1, see app.ts). */
export const CALLBACK_PATH = '/api/v1/identity/verification/callback';

export const identityModule: Module = {
  name: 'identity',
  routes: async (app, ctx) => {
    const identity = ctx.config.identity ?? null;
    const provider = identity
      ? createIdentityProvider({ ...identity, redirectUri: `${ctx.config.publicUrl}${CALLBACK_PATH}` })
      : null;
    await app.register(identityRoutes({ provider }));
  },
  syncMasterData: async () => {},
  seedDemo: async () => {},
};
