import { adminJa } from './sections/admin.ja.ts';
import { adminContentJa } from './sections/admin-content.ja.ts';
import { adminMeasuresJa } from './sections/admin-measures.ja.ts';
import { adminOpportunitiesJa } from './sections/admin-opportunities.ja.ts';
import { dashboardJa } from './sections/dashboard.ja.ts';
import { nationalJa } from './sections/national.ja.ts';
import { adminNewslettersJa } from './sections/newsletters.ja.ts';
import { openStatisticsJa } from './sections/open-statistics.ja.ts';
import { partnerJa } from './sections/partner.ja.ts';

/**
 * The staff console's messages: loaded with the console (see loadAdminMessages in index.ts), so that residents'
 * phones never download them. Console sections are spread here, not into ja.ts.
 */
export const adminMessagesJa = {
  ...adminJa,
  ...adminContentJa,
  ...adminOpportunitiesJa,
  ...dashboardJa,
  ...nationalJa,
  ...adminMeasuresJa,
  ...partnerJa,
  ...adminNewslettersJa,
  // /stats shows the console's charts, so it loads these messages too.
  ...openStatisticsJa,
};

export type AdminMessages = typeof adminMessagesJa;
