import type { AdminMessages } from './admin-messages.ja.ts';
import { adminEn } from './sections/admin.en.ts';
import { adminContentEn } from './sections/admin-content.en.ts';
import { adminMeasuresEn } from './sections/admin-measures.en.ts';
import { adminOpportunitiesEn } from './sections/admin-opportunities.en.ts';
import { dashboardEn } from './sections/dashboard.en.ts';
import { nationalEn } from './sections/national.en.ts';
import { adminNewslettersEn } from './sections/newsletters.en.ts';
import { openStatisticsEn } from './sections/open-statistics.en.ts';
import { partnerEn } from './sections/partner.en.ts';

export const adminMessagesEn: AdminMessages = {
  ...adminEn,
  ...adminContentEn,
  ...adminOpportunitiesEn,
  ...dashboardEn,
  ...nationalEn,
  ...adminMeasuresEn,
  ...partnerEn,
  ...adminNewslettersEn,
  ...openStatisticsEn,
};
