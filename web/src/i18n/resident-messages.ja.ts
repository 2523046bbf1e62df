import { residentJa } from './sections/resident.ja.ts';

/**
 * The signed-in resident's pages' messages (home, registration, card, activities, benefits, privacy): loaded with
 * those pages, so that the start page stays small. Resident sections are spread here, not into ja.ts.
 */
export const residentMessagesJa = {
  ...residentJa,
};

export type ResidentMessages = typeof residentMessagesJa;
