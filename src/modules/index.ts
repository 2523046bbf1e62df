import { municipalitiesModule } from './municipalities/index.ts';

/** Every domain module, in dependency order (master data first). */
export const modules = [municipalitiesModule];
