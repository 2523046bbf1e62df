import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';

/**
 * Records that a registrant opened one of the municipality's posts: the first time only (the funnel's "read
 * news" step). Someone not registered there is not counted (the marker's trigger skips them); repeated
 * reads change nothing. One primary-key insert, cheap enough for the read path.
 */
export async function recordNewsRead(db: Executor, municipalityCode: string, personId: string, at = new Date()) {
  await db
    .insertInto('dashboard_milestones')
    .values({ municipality_code: municipalityCode, person_id: personId, milestone: 'read_news', reached_at: at })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * Demo data: about two in three demo registrants who asked for news have read one, a few days after
 * registering, so the funnel and cohorts have a plausible "read news" step.
 */
export async function seedDemoNewsReads(db: Executor, now: Date): Promise<void> {
  await sql`
    insert into dashboard_milestones (municipality_code, person_id, milestone, reached_at)
    select municipality_code, person_id, 'read_news',
           least(${now}::timestamptz, registered_at + (abs(hashtext(person_id::text)) % 20) * interval '1 day')
    from registrations
    where not implicit and 'news' = any (consents) and abs(hashtext(person_id::text || municipality_code)) % 3 <> 0
    on conflict do nothing
  `.execute(db);
}
