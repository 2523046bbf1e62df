import type { TFunction } from 'i18next';
import type { Municipality } from './api/municipalities.ts';

/** A calendar day 'YYYY-MM-DD' in words: 「2026年4月1日」 / "April 1, 2026". No time zone may shift it. */
export function formatDate(day: string, language: string): string {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return day;
  const instant = new Date(Date.UTC(year, month - 1, date));
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(instant);
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function participationText(municipality: Municipality, t: TFunction, language: string): string {
  const { joinedAt } = municipality;
  if (!joinedAt) return t('participation.notParticipating');
  const date = formatDate(joinedAt, language);
  return joinedAt <= today() ? t('participation.participating', { date }) : t('participation.scheduled', { date });
}

/**
 * The calendar day of an instant (ISO time) in Japan, where the service runs: 「2026年4月1日」 / "April 1, 2026".
 * Returns the input when it is not a time.
 */
export function formatInstantDate(iso: string, language: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'Asia/Tokyo' }).format(instant);
}

/** Date and time of an instant in the reader's own time zone, to the second. */
export function formatDateTime(iso: string, language: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' }).format(instant);
}
