import { accountsModule } from './accounts/index.ts';
import { identityModule } from './identity/index.ts';
import { mailModule } from './mail/index.ts';
import type { Module } from './module.ts';
import { municipalitiesModule } from './municipalities/index.ts';
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
];
