import { notificationsJa } from './sections/newsletters.ja.ts';
import { cardOfflineJa } from './sections/partner.ja.ts';
import { residentJa } from './sections/resident.ja.ts';
import { residentActivitiesJa } from './sections/resident-activities.ja.ts';
import { residentPrivacyJa } from './sections/resident-privacy.ja.ts';

/**
 * The signed-in resident's pages' messages (home, registration, card, activities, benefits, privacy): loaded with
 * those pages, so that the start page stays small. Resident sections are spread here, not into ja.ts.
 */
export const residentMessagesJa = {
  ...residentJa,
  ...residentActivitiesJa,
  ...residentPrivacyJa,
  ...cardOfflineJa,
  ...notificationsJa,
};

export type ResidentMessages = typeof residentMessagesJa;
