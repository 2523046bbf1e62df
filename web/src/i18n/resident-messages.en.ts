import type { ResidentMessages } from './resident-messages.ja.ts';
import { residentEn } from './sections/resident.en.ts';

export const residentMessagesEn: ResidentMessages = {
  ...residentEn,
};
