import { adminJa } from './sections/admin.ja.ts';
import { adminContentJa } from './sections/admin-content.ja.ts';
import { adminOpportunitiesJa } from './sections/admin-opportunities.ja.ts';

/**
 * The staff console's messages: loaded with the console (see loadAdminMessages in index.ts), so that residents'
 * phones never download them. Console sections are spread here, not into ja.ts.
 */
export const adminMessagesJa = {
  ...adminJa,
  ...adminContentJa,
  ...adminOpportunitiesJa,
};

export type AdminMessages = typeof adminMessagesJa;
