import type { ColumnType, Generated } from 'kysely';

export type MunicipalityKind = 'prefecture' | 'municipality' | 'ward';
export type FeeStatus = 'not_participating' | 'exempt' | 'pending_decision';
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

export interface DB {
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
}
