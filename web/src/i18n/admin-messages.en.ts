import type { AdminMessages } from './admin-messages.ja.ts';
import { adminEn } from './sections/admin.en.ts';
import { adminContentEn } from './sections/admin-content.en.ts';
import { adminOpportunitiesEn } from './sections/admin-opportunities.en.ts';

export const adminMessagesEn: AdminMessages = {
  ...adminEn,
  ...adminContentEn,
  ...adminOpportunitiesEn,
};
