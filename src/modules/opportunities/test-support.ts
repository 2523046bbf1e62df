// Test support: opportunities as the staff console would send them.

const DAY = 86_400_000;

/** A session `days` from today (JST) at the given JST hour, `hours` long. */
export function sessionIn(days: number, hour = 9, hours = 3) {
  const day = new Date(Date.now() + days * DAY + 9 * 3_600_000).toISOString().slice(0, 10);
  const startsAt = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+09:00`);
  return { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + hours * 3_600_000).toISOString() };
}

export const basicOpportunity = {
  title: '牡蠣養殖の手伝い',
  description: '種はさみと出荷前の掃除を手伝っていただきます。',
  kind: 'volunteer',
  sessions: [sessionIn(10)],
  place: '気仙沼市唐桑町',
  capacity: 5,
};
