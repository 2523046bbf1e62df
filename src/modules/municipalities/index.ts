import type { FastifyInstance } from 'fastify';
import type { Executor } from '../../db/transaction.ts';
import { seedDemoParticipation } from './demo-data.ts';
import { municipalityRoutes } from './routes.ts';
import { syncMunicipalityDirectory } from './service.ts';

/** The module's one registration point: its API routes, master data and demo data. */
export const municipalitiesModule = {
  name: 'municipalities',
  routes: (app: FastifyInstance) => app.register(municipalityRoutes),
  syncMasterData: (db: Executor) => syncMunicipalityDirectory(db),
  seedDemo: (db: Executor) => seedDemoParticipation(db),
};
