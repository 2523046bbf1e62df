import { accountsModule } from './accounts/index.ts';
import { benefitsModule } from './benefits/index.ts';
import { cardsModule } from './cards/index.ts';
import { contentModule } from './content/index.ts';
import { dashboardsModule } from './dashboards/index.ts';
import { identityModule } from './identity/index.ts';
import { mailModule } from './mail/index.ts';
import { modelProjectModule } from './model-project/index.ts';
import type { Module } from './module.ts';
import { municipalitiesModule } from './municipalities/index.ts';
import { newslettersModule } from './newsletters/index.ts';
import { openStatisticsModule } from './open-statistics/index.ts';
import { opportunitiesModule } from './opportunities/index.ts';
import { participationModule } from './participation/index.ts';
import { partnersModule } from './partners/index.ts';
import { registrationsModule } from './registrations/index.ts';
import { staffModule } from './staff/index.ts';

/** Every domain module, in dependency order (master data first). */
export const modules: Module[] = [
  municipalitiesModule,
  mailModule,
  accountsModule,
  staffModule,
  partnersModule,
  identityModule,
  registrationsModule,
  // After registrations: its demo applicants are demo registrants.
  opportunitiesModule,
  contentModule,
  cardsModule,
  // After partners: the demo partner honours a demo measure.
  benefitsModule,
  // After municipalities: contacts and plans for the demo participants.
  participationModule,
  modelProjectModule,
  openStatisticsModule,
  // After registrations: a newsletter goes to registrants within their consent.
  newslettersModule,
  // After registrations: its demo news reads are by demo registrants.
  dashboardsModule,
];
