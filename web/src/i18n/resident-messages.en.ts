import type { ResidentMessages } from './resident-messages.ja.ts';
import { notificationsEn } from './sections/newsletters.en.ts';
import { cardOfflineEn } from './sections/partner.en.ts';
import { residentEn } from './sections/resident.en.ts';
import { residentActivitiesEn } from './sections/resident-activities.en.ts';
import { residentPrivacyEn } from './sections/resident-privacy.en.ts';

export const residentMessagesEn: ResidentMessages = {
  ...residentEn,
  ...residentActivitiesEn,
  ...residentPrivacyEn,
  ...cardOfflineEn,
  ...notificationsEn,
};
