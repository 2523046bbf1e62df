import type { ColumnType, Generated } from 'kysely';

export type MunicipalityKind = 'prefecture' | 'municipality' | 'ward';
export type FeeStatus = 'not_participating' | 'exempt' | 'pending_decision' | 'charged';
export type ModelProjectType = 'A' | 'B' | 'C';

export interface MunicipalitiesTable {
  code: string;
  prefecture_code: string;
  kind: MunicipalityKind;
  parent_code: string | null;
  name: string;
  kana: string;
  full_name: string;
  search_name: string;
  search_kana: string;
  search_full_name: string;
  /** DATE, read as 'YYYY-MM-DD' on both engines. */
  joined_at: string | null;
  fee_status: Generated<FeeStatus>;
  model_type: ModelProjectType | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface PeopleTable {
  id: Generated<string>;
  email: string | null;
  display_name: string | null;
  locale: Generated<'ja' | 'en'>;
  created_at: CreatedAt;
  deleted_at: Timestamp | null;
  identity_verified_at: Timestamp | null;
  identity_level: IdentityLevel | null;
  /** The municipality of residence read from the verified address; null when it could not be derived. */
  registered_municipality_code: string | null;
  birth_year: number | null;
  /** JIS prefecture number, '99' for abroad; self-declared. */
  residence_prefecture: string | null;
}

export type IdentityLevel = 'my_number_card';

export interface SignInCodesTable {
  id: Generated<string>;
  email: string;
  code_hash: Uint8Array;
  link_token_hash: Uint8Array;
  expires_at: Timestamp;
  consumed_at: Timestamp | null;
  failed_attempts: Generated<number>;
  created_at: CreatedAt;
}

export interface SessionsTable {
  token_hash: Uint8Array;
  person_id: string;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  idle_expires_at: Timestamp;
  absolute_expires_at: Timestamp;
  user_agent: string | null;
}

export interface MailOutboxTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  text_body: string;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
  last_error: string | null;
}

export type StaffRole = 'admin' | 'editor' | 'viewer' | 'partner';

export interface StaffMembershipsTable {
  tenant: string;
  person_id: string;
  role: StaffRole;
  /** Set exactly when role is 'partner'. */
  partner_id: string | null;
  granted_by: string | null;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  tenant: string;
  id: Generated<string>;
  occurred_at: CreatedAt;
  actor_person_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  request_id: string | null;
  details: ColumnType<unknown, string | null, never>;
}

export interface PasskeysTable {
  id: string;
  person_id: string;
  public_key: Uint8Array;
  /** BIGINT: read back as a string. */
  counter: ColumnType<string, number, number>;
  transports: ColumnType<string[], string[] | undefined, string[]>;
  device_type: 'singleDevice' | 'multiDevice';
  backed_up: boolean;
  name: string;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
}

export interface WebauthnChallengesTable {
  id: Generated<string>;
  challenge: string;
  purpose: 'register' | 'authenticate';
  person_id: string | null;
  new_person_id: string | null;
  display_name: string | null;
  expires_at: Timestamp;
  consumed_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface IdentityVerificationRequestsTable {
  person_id: string;
  state_hash: Uint8Array;
  nonce: string;
  code_verifier: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  consumed_at: Timestamp | null;
}

export interface PartnersTable {
  municipality_code: string;
  id: Generated<string>;
  name: string;
  created_at: CreatedAt;
}

export type Tier = 'basic' | 'premium';
export type RegistrationSource = 'app' | 'api' | 'import' | 'demo';

export interface RegistrationsTable {
  municipality_code: string;
  person_id: string;
  id: Generated<string>;
  tier: Generated<Tier>;
  relation_types: number[];
  implicit: Generated<boolean>;
  consents: ColumnType<string[], string[] | undefined, string[]>;
  residence_prefecture: string;
  source: Generated<RegistrationSource>;
  registered_at: ColumnType<Date, Date | string | undefined, Date | string>;
  premium_since: Timestamp | null;
  premium_expires_at: Timestamp | null;
  premium_reminded_at: Timestamp | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type RegistrationEventKind =
  | 'registered'
  | 'withdrawn'
  | 'upgraded'
  | 'renewed'
  | 'downgraded'
  | 'types_changed'
  | 'consents_changed';

export interface RegistrationEventsTable {
  municipality_code: string;
  /** BIGINT identity: read back as a string. */
  id: ColumnType<string, never, never>;
  person_id: string | null;
  registration_id: string | null;
  kind: RegistrationEventKind;
  tier: Tier;
  relation_types: number[];
  residence_prefecture: string;
  details: ColumnType<unknown, string | null | undefined, never>;
  occurred_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface RegistrationCountersTable {
  municipality_code: string;
  /** DATE, read as 'YYYY-MM-DD'. */
  day: string;
  tier: Tier;
  relation_type: number;
  residence_prefecture: string;
  shard: number;
  n: number;
}

export interface PremiumRulesTable {
  municipality_code: string;
  min_activities: number;
  activity_kinds: string[];
  required_relation_types: ColumnType<number[], number[] | undefined, number[]>;
  staff_review: Generated<boolean>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_by: string | null;
}

export type ActivityStatus = 'confirmed' | 'pending' | 'rejected';

export interface ActivityRecordsTable {
  person_id: string;
  id: Generated<string>;
  municipality_code: string;
  kind: string;
  /** DATE, read as 'YYYY-MM-DD'. */
  occurred_on: string;
  source: 'platform' | 'proof';
  status: ActivityStatus;
  note: string | null;
  recorded_by: string | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  review_reason: string | null;
  created_at: CreatedAt;
}

export interface ActivityProofsTable {
  person_id: string;
  activity_id: string;
  content_type: 'image/jpeg' | 'image/png' | 'application/pdf';
  size_bytes: number;
  sha256: Uint8Array;
  bytes: Uint8Array;
}

export interface PremiumApplicationsTable {
  municipality_code: string;
  id: Generated<string>;
  person_id: string;
  kind: 'new' | 'renewal';
  status: Generated<'pending' | 'approved' | 'rejected'>;
  evaluation: ColumnType<unknown, string, string>;
  submitted_at: CreatedAt;
  decided_at: Timestamp | null;
  decided_by: string | null;
  reason: string | null;
}

export interface IdempotencyKeysTable {
  person_id: string;
  key: string;
  request_hash: Uint8Array;
  status_code: number | null;
  response: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface ContentImagesTable {
  municipality_code: string;
  id: Generated<string>;
  width: number;
  height: number;
  /** WebP, at most 1600 px on the longer side. */
  bytes: Uint8Array;
  /** WebP, at most 400 px on the longer side. */
  thumbnail: Uint8Array;
  uploaded_by: string | null;
  created_at: CreatedAt;
}

export interface MunicipalityProfilesTable {
  municipality_code: string;
  introduction: string;
  introduction_html: string;
  website_url: string | null;
  furusato_nozei_url: string | null;
  fan_club_url: string | null;
  contact_department: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  welcomed_relation_types: number[];
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_by: string | null;
}

export interface ProfilePhotosTable {
  municipality_code: string;
  position: number;
  image_id: string;
  alt: string;
}

export type PostAudience = 'all' | 'premium' | 'relation_types';

export interface PostsTable {
  municipality_code: string;
  id: Generated<string>;
  title: string;
  body: string;
  body_html: string;
  excerpt: string;
  cover_image_id: string | null;
  cover_image_alt: Generated<string>;
  audience: PostAudience;
  audience_relation_types: ColumnType<number[], number[] | undefined, number[]>;
  /** null: draft; in the future: scheduled; reached: published. */
  publish_at: Timestamp | null;
  pinned: Generated<boolean>;
  created_by: string | null;
  updated_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PlatformSecretsTable {
  name: string;
  secret: Uint8Array;
  created_at: CreatedAt;
}

export type OpportunityStatus = 'draft' | 'open' | 'closed';

export interface OpportunitiesTable {
  municipality_code: string;
  id: Generated<string>;
  kind: string;
  title: string;
  description: string;
  place: string;
  online: Generated<boolean>;
  capacity: number;
  min_tier: Generated<Tier>;
  identity_required: Generated<boolean>;
  relation_types: ColumnType<number[], number[] | undefined, number[]>;
  questions: ColumnType<string[], string[] | undefined, string[]>;
  status: Generated<OpportunityStatus>;
  /** Co-hosting municipalities of a joint (広域型) opportunity. */
  co_hosts: ColumnType<string[], string[] | undefined, string[]>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface OpportunitySessionsTable {
  municipality_code: string;
  opportunity_id: string;
  id: Generated<string>;
  starts_at: Timestamp;
  ends_at: Timestamp;
}

export type ApplicationStatus = 'applied' | 'accepted' | 'declined' | 'attended' | 'no_show' | 'cancelled';

export interface OpportunityApplicationsTable {
  municipality_code: string;
  id: Generated<string>;
  opportunity_id: string;
  person_id: string;
  status: Generated<ApplicationStatus>;
  /** JSON array of { question, answer }. */
  answers: ColumnType<{ question: string; answer: string }[], string, string>;
  applied_at: ColumnType<Date, Date | string | undefined, Date | string>;
  decided_at: Timestamp | null;
  decided_by: string | null;
  cancelled_at: Timestamp | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ApplicationMessagesTable {
  municipality_code: string;
  application_id: string;
  id: Generated<string>;
  body: string;
  sent_by: string | null;
  sent_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface OpportunityCheckInsTable {
  municipality_code: string;
  application_id: string;
  session_id: string;
  opportunity_id: string;
  activity_id: string | null;
  method: 'token' | 'staff';
  checked_in_by: string | null;
  checked_in_at: ColumnType<Date, Date | string | undefined, never>;
}

// --- Participation, fees and the model project (0013) ---------------------------------------------

export interface FeePoliciesTable {
  id: Generated<string>;
  /** DATE. */
  join_deadline: string;
  exemption_months: number | null;
  annual_fee_yen: number | null;
  note: string | null;
  decided_at: CreatedAt;
  decided_by: string | null;
}

export interface NationalKpisTable {
  key: 'people' | 'registrations';
  target: ColumnType<string, string | number, string | number>;
  /** DATE. */
  target_on: string;
}

export interface ParticipationContactsTable {
  municipality_code: string;
  id: Generated<string>;
  name: string;
  department: string;
  email: string;
  phone: string | null;
  created_at: CreatedAt;
}

export interface ModelProjectMembersTable {
  municipality_code: string;
  type: ModelProjectType;
  step: Generated<number>;
  selected_at: CreatedAt;
  selected_by: string | null;
  /** DATE. */
  step2_on: string | null;
  /** DATE. */
  step3_on: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ModelProjectPlansTable {
  municipality_code: string;
  regional_issues: Generated<string>;
  deepening_initiatives: Generated<string>;
  content_plan: Generated<string>;
  support_measures: Generated<string>;
  premium_requirements: Generated<string>;
  /** DATE. */
  baseline_on: string | null;
  baseline_note: Generated<string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_by: string | null;
}

export interface RegistrationPrefectureTotalsTable {
  prefecture_code: string;
  shard: number;
  n: number;
}

export interface RegistrationNationalMonthsTable {
  /** DATE, first day of the month. */
  month: string;
  shard: number;
  n: number;
}

export interface RegisteredPeopleCountersTable {
  month: string;
  shard: number;
  n: number;
}

/** Dashboards (0012): registrations folded by day / month / in total; relation_type 0 = every registration. */
export interface DashboardRegistrationDaysTable {
  municipality_code: string;
  day: string;
  tier: Tier;
  relation_type: number;
  shard: number;
  n: number;
}

export interface DashboardRegistrationMonthsTable {
  municipality_code: string;
  /** DATE, first day of the month. */
  month: string;
  tier: Tier;
  relation_type: number;
  shard: number;
  n: number;
}

export interface DashboardRegistrationTotalsTable {
  municipality_code: string;
  tier: Tier;
  relation_type: number;
  shard: number;
  n: number;
}

export interface DashboardResidenceTable {
  municipality_code: string;
  tier: Tier;
  residence_prefecture: string;
  shard: number;
  n: number;
}

export type DashboardMilestone = 'registered' | 'read_news' | 'applied' | 'took_part' | 'premium' | 'type4';

export interface DashboardMilestonesTable {
  municipality_code: string;
  person_id: string;
  milestone: DashboardMilestone;
  reached_at: Timestamp;
  /** Set by a trigger from the person's first registration with the municipality. */
  cohort_month: ColumnType<string, string | undefined, never>;
  months_after: ColumnType<number, number | undefined, never>;
}

export interface DashboardFunnelTable {
  municipality_code: string;
  milestone: DashboardMilestone;
  shard: number;
  n: number;
}

export interface DashboardCohortsTable {
  municipality_code: string;
  cohort_month: string;
  milestone: DashboardMilestone;
  months_after: number;
  shard: number;
  n: number;
}

export interface DashboardActivityMonthsTable {
  municipality_code: string;
  month: string;
  kind: string;
  shard: number;
  n: number;
}

export interface DashboardBenefitMonthsTable {
  municipality_code: string;
  month: string;
  tier: Tier;
  shard: number;
  n: number;
}

export interface DB {
  platform_secrets: PlatformSecretsTable;
  opportunities: OpportunitiesTable;
  opportunity_sessions: OpportunitySessionsTable;
  opportunity_applications: OpportunityApplicationsTable;
  application_messages: ApplicationMessagesTable;
  opportunity_check_ins: OpportunityCheckInsTable;
  municipalities: MunicipalitiesTable;
  people: PeopleTable;
  sign_in_codes: SignInCodesTable;
  sessions: SessionsTable;
  mail_outbox: MailOutboxTable;
  staff_memberships: StaffMembershipsTable;
  audit_log: AuditLogTable;
  identity_verification_requests: IdentityVerificationRequestsTable;
  passkeys: PasskeysTable;
  partners: PartnersTable;
  webauthn_challenges: WebauthnChallengesTable;
  registrations: RegistrationsTable;
  registration_events: RegistrationEventsTable;
  registration_counters: RegistrationCountersTable;
  dashboard_registration_days: DashboardRegistrationDaysTable;
  dashboard_registration_months: DashboardRegistrationMonthsTable;
  dashboard_registration_totals: DashboardRegistrationTotalsTable;
  dashboard_residence: DashboardResidenceTable;
  dashboard_milestones: DashboardMilestonesTable;
  dashboard_funnel: DashboardFunnelTable;
  dashboard_cohorts: DashboardCohortsTable;
  dashboard_activity_months: DashboardActivityMonthsTable;
  dashboard_benefit_months: DashboardBenefitMonthsTable;
  fee_policies: FeePoliciesTable;
  national_kpis: NationalKpisTable;
  participation_contacts: ParticipationContactsTable;
  model_project_members: ModelProjectMembersTable;
  model_project_plans: ModelProjectPlansTable;
  registration_prefecture_totals: RegistrationPrefectureTotalsTable;
  registration_national_months: RegistrationNationalMonthsTable;
  registered_people_counters: RegisteredPeopleCountersTable;
  premium_rules: PremiumRulesTable;
  activity_records: ActivityRecordsTable;
  activity_proofs: ActivityProofsTable;
  premium_applications: PremiumApplicationsTable;
  idempotency_keys: IdempotencyKeysTable;
  content_images: ContentImagesTable;
  municipality_profiles: MunicipalityProfilesTable;
  profile_photos: ProfilePhotosTable;
  posts: PostsTable;
  card_signing_keys: CardSigningKeysTable;
  support_measures: SupportMeasuresTable;
  support_measure_partners: SupportMeasurePartnersTable;
  subsidy_applications: SubsidyApplicationsTable;
  redemptions: RedemptionsTable;
  newsletters: NewslettersTable;
  newsletter_deliveries: NewsletterDeliveriesTable;
  push_subscriptions: PushSubscriptionsTable;
  notification_keys: NotificationKeysTable;
}

export interface CardSigningKeysTable {
  generation: number;
  kid: string;
  public_jwk: ColumnType<Record<string, unknown>, string, never>;
  /** Erased (null) once the key retires. Never leaves the server. */
  private_jwk: ColumnType<Record<string, unknown> | null, string | null, null>;
  active_from: Timestamp;
  retire_at: Timestamp;
  unpublish_at: Timestamp;
  created_at: CreatedAt;
}

export type MeasureKind = 'discount' | 'lodging_transport' | 'resident_rate' | 'subsidy' | 'information';

export interface SupportMeasuresTable {
  municipality_code: string;
  id: Generated<string>;
  kind: MeasureKind;
  title: string;
  summary: Generated<string>;
  description: Generated<string>;
  min_tier: Generated<Tier>;
  relation_types: ColumnType<number[], number[] | undefined, number[]>;
  usage: Generated<'once' | 'repeatable'>;
  /** DATE, read as 'YYYY-MM-DD'. */
  valid_from: string | null;
  valid_until: string | null;
  max_amount_yen: number | null;
  form_fields: ColumnType<unknown, string | undefined, string>;
  published: Generated<boolean>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SupportMeasurePartnersTable {
  municipality_code: string;
  measure_id: string;
  partner_id: string;
}

export interface SubsidyApplicationsTable {
  municipality_code: string;
  id: Generated<string>;
  measure_id: string;
  person_id: string;
  member_id: string;
  status: Generated<'submitted' | 'approved' | 'rejected'>;
  applicant: ColumnType<unknown, string, never>;
  answers: ColumnType<unknown, string, never>;
  submitted_at: ColumnType<Date, Date | string | undefined, never>;
  decided_at: Timestamp | null;
  decided_by: string | null;
  reason: string | null;
}

export interface RedemptionsTable {
  municipality_code: string;
  id: Generated<string>;
  measure_id: string;
  partner_id: string;
  person_id: string;
  member_id: string;
  tier: Tier;
  once: boolean;
  client_use_id: string;
  token_id: string;
  scanned_at: Timestamp;
  offline: boolean;
  recorded_at: ColumnType<Date, Date | string | undefined, never>;
  recorded_by: string | null;
}

export type NewsletterStatus = 'draft' | 'sending' | 'sent';
export type NewsletterChannel = 'email' | 'push';
export type DeliveryStatus = 'queued' | 'retrying' | 'sent' | 'failed' | 'unsubscribed' | 'unreachable';

export interface NewslettersTable {
  municipality_code: string;
  id: Generated<string>;
  subject: string;
  body: string;
  body_html: string;
  /** The audience, as the content module's PostAudience. */
  segment: ColumnType<unknown, string, string>;
  channels: NewsletterChannel[];
  status: Generated<NewsletterStatus>;
  test_sent_at: Timestamp | null;
  /** Digest of what was test-sent: a later edit requires a new test send. */
  test_sent_digest: string | null;
  recipient_count: number | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  send_started_at: Timestamp | null;
  sent_by: string | null;
  completed_at: Timestamp | null;
}

export interface NewsletterDeliveriesTable {
  newsletter_id: string;
  seq: number;
  person_id: string;
  channel: NewsletterChannel;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PushSubscriptionsTable {
  id: Generated<string>;
  person_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  user_agent: string | null;
  created_at: CreatedAt;
}

export interface NotificationKeysTable {
  id: number;
  vapid_public_key: string;
  vapid_private_key: string;
  unsubscribe_secret: string;
  created_at: CreatedAt;
}
