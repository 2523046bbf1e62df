import { type Kysely, sql } from 'kysely';

// The staff console's member list and CSV export (issue 5).
// - Newest first, and the export's batches by keyset on (registered_at, id): each page or batch reads
//   only its own rows instead of sorting every registration of the municipality again.
// - The activity count of each listed registrant: one index probe per person. Without it the planner
//   reaches for activity_records_review_idx and reads all of the municipality's confirmed activities
//   once per registrant.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index registrations_by_registered_at on registrations (municipality_code, registered_at, id)
  `.execute(db);
  await sql`
    create index activity_records_confirmed_by_person on activity_records (person_id, municipality_code)
      where status = 'confirmed'
  `.execute(db);
}
