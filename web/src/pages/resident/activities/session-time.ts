/** A session in Japan time, where it takes place: 「2026年5月10日(日) 9:00〜12:00」 / "Sun, May 10, 2026, 9:00 AM – 12:00 PM". */
export function formatSession(startsAt: string, endsAt: string, language: string): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${startsAt} – ${endsAt}`;
  const format = new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'Asia/Tokyo',
  });
  return format.formatRange(start, end);
}

/** The first session that has not ended, or null when all are over. */
export function nextSession<S extends { startsAt: string; endsAt: string }>(sessions: readonly S[], now = Date.now()) {
  return sessions.find((session) => new Date(session.endsAt).getTime() > now) ?? null;
}
