/**
 * The Kysely view of the database: one XxxTable interface per table, with Xxx / NewXxx / XxxUpdate
 * aliases. Column types are portable between SQLite and PostgreSQL: text dates (ISO 8601), integers
 * for flags, JSON kept as text.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

export type InstrumentCode = "iit" | "eit" | "oit";
export type SurveyInstrument = "iit" | "eit";

export interface OrganizationTable {
  id: Generated<number>;
  slug: string;
  name_th: string;
  name_en: string;
  /** EIT sample-size group code of the framework, e.g. "tambon-municipality-m". */
  size_group: string;
  district_th: string;
  province_th: string;
  /** A suspended agency's links take no answers and its users cannot sign in (migration 0007). */
  status: ColumnType<OrganizationStatus, OrganizationStatus | undefined>;
  /** The contact line of the respondent pages (migration 0009), "" when the agency gave none. */
  contact_th: ColumnType<string, string | undefined>;
  contact_en: ColumnType<string, string | undefined>;
  /** Months a closed round's raw answers are kept after its end (migration 0011; app/services/retention.server.ts). */
  retention_months: ColumnType<number, number | undefined>;
  /** 1: admins and managers must sign in with a second factor (migration 0018). */
  require_second_factor: ColumnType<number, number | undefined>;
  created_at: string;
}

/** Answers waiting, sealed, for a group of k: IIT per round, EIT per link (migrations 0010, 0012; app/services/answer-pool/). */
export interface AnswerPoolTable {
  /** Random: tells nothing of arrival order. */
  id: string;
  round_id: number;
  link_id: number;
  instrument: SurveyInstrument;
  submission_id: string;
  /** 1 when the answers are flagged as noise: released with their group, but not counted. */
  flagged: number;
  /** AES-256-GCM of {"answers": …, "flag": …} under the pool key (outside the database). */
  sealed: string;
}

/** The agency's logo (migration 0009): at most one per agency, PNG or JPEG as its bytes say. */
export interface OrganizationLogoTable {
  organization_id: number;
  media_type: "image/png" | "image/jpeg";
  bytes: Uint8Array;
  version: string;
  updated_at: string;
}

export type OrganizationStatus = "active" | "suspended";

/** The host operator: an installation-level account, in no agency (docs/decisions/host-operator.md). */
export interface OperatorAccountTable {
  id: Generated<number>;
  username: string;
  /** scrypt$N$r$p$salt$hash, from app/auth/password.server.ts */
  password_hash: string;
  status: ColumnType<"active" | "disabled", "active" | "disabled" | undefined>;
  created_at: string;
  /** 1 while the password is the one the command line printed: changed at the next sign-in (migration 0019). */
  must_change_password: ColumnType<number, number | undefined>;
}

export interface OperatorSessionTable {
  /** SHA-256 of the cookie's random token. */
  id: string;
  operator_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface UnitTable {
  id: Generated<number>;
  organization_id: number;
  name_th: string;
  name_en: string;
  status: ColumnType<"active" | "retired", "active" | "retired" | undefined>;
  created_at: string;
}

export interface CounterTable {
  id: Generated<number>;
  organization_id: number;
  unit_id: number;
  name_th: string;
  name_en: string;
  status: ColumnType<"active" | "paused" | "retired", "active" | "paused" | "retired" | undefined>;
  created_at: string;
}

export interface RoundTable {
  id: Generated<number>;
  organization_id: number;
  framework_id: string;
  /** Buddhist Era fiscal year the round measures, e.g. 2569 (1 Oct 2025 – 30 Sep 2026). */
  fiscal_year: number;
  title_th: string;
  title_en: string;
  starts_on: string;
  ends_on: string;
  /** Eligible staff head-count for the IIT sample size; the agency never gives names. */
  staff_head_count: number;
  status: ColumnType<"open" | "closed", "open" | "closed" | undefined>;
  /** "open": anyone with the IIT link answers (as the official system); "codes": one code per staff member. */
  access_mode: ColumnType<AccessMode, AccessMode | undefined>;
  /** The day the round's raw answers were deleted by the agency's retention (migration 0011), or null. */
  raw_purged_on: ColumnType<string | null, string | null | undefined>;
  created_at: string;
}

export type AccessMode = "open" | "codes";

export interface AccessCodeTable {
  id: Generated<number>;
  round_id: number;
  /** SHA-256 of the code; the code itself exists only on the printed slip. */
  code_hash: string;
  /** The day the code was used (Asia/Bangkok), never a time; null while unused. */
  used_on: string | null;
  created_on: string;
}

export type ResponseFlag = "burst" | "identical" | "too-fast";

export interface LinkTable {
  id: Generated<number>;
  round_id: number;
  instrument: SurveyInstrument;
  /** The service counter of an EIT link; null for the IIT. */
  counter_id: number | null;
  /** Random, unguessable, printed in the QR code. */
  token: string;
  status: ColumnType<"active" | "paused", "active" | "paused" | undefined>;
  created_at: string;
}

/**
 * A link printed once for years (issue 11): a counter's (EIT) or the agency's staff (IIT) token that
 * resolves, when scanned, to the link of the agency's open round (app/services/permanent-links.server.ts).
 */
export interface PermanentLinkTable {
  id: Generated<number>;
  organization_id: number;
  kind: PermanentLinkKind;
  /** The counter of a "counter" link; null for the agency's "staff" link. */
  counter_id: number | null;
  /** Random, unguessable, printed on posters and slips. */
  token: string;
  created_at: string;
}

export type PermanentLinkKind = "counter" | "staff";

export interface ResponseTable {
  id: Generated<number>;
  /** Made by the respondent's browser; a repeat is acknowledged and stores nothing new. */
  submission_id: string;
  round_id: number;
  link_id: number;
  instrument: SurveyInstrument;
  framework_id: string;
  /** Date only (Asia/Bangkok), never a time: see the anonymity design in ARCHITECTURE.md §4. */
  answered_on: string;
  /** YYYY-MM of answered_on, the month of the tallies. */
  month: string;
  /** The answers as JSON: {"i1_1": 4, …}, kept for export and recount. */
  answers: string;
  /** Why the response looks like noise, or null. Flagged responses are not tallied until restored. */
  flag: ColumnType<ResponseFlag | null, ResponseFlag | null | undefined>;
}

export interface TallyTable {
  round_id: number;
  link_id: number;
  instrument: SurveyInstrument;
  month: string;
  field: string;
  value: number;
  count: number;
}

/**
 * Roles of signed-in users: admin ⊃ manager ⊃ viewer, and "complaints", a viewer who also handles the
 * complaints of their unit (issue 16, migration 0021). Declared here because the column holds it and db/
 * imports nothing from app/; what each role may do is app/auth/roles.ts.
 */
export type Role = "admin" | "manager" | "viewer" | "complaints";

export interface UserTable {
  id: Generated<number>;
  organization_id: number;
  /** Unique within its agency, not across the installation (migration 0017): sign-in names the agency. */
  username: string;
  /** scrypt$N$r$p$salt$hash, from app/auth/password.server.ts */
  password_hash: string;
  role: Role;
  display_name: ColumnType<string, string | undefined>;
  status: ColumnType<"active" | "disabled", "active" | "disabled" | undefined>;
  created_at: string;
  /** 1 while the password is a one-time one (set by an admin or the CLI): changed at the next sign-in (migration 0016). */
  must_change_password: ColumnType<number, number | undefined>;
  password_changed_at: ColumnType<string | null, string | null | undefined>;
  /** The TOTP secret, sealed under the installation's key (migration 0018); null without a second factor. */
  totp_sealed_secret: ColumnType<string | null, string | null | undefined>;
  totp_enabled_at: ColumnType<string | null, string | null | undefined>;
  /** The 30-second step of the last code accepted: a code is taken once. */
  totp_last_step: ColumnType<number | null, number | null | undefined>;
  /** The unit a complaint handler (role "complaints") works for; null for other roles (migration 0021). */
  unit_id: ColumnType<number | null, number | null | undefined>;
  /** Where the user's digest and alerts go; null: none (migration 0024). */
  email: ColumnType<string | null, string | null | undefined>;
  /** The language of the user's e-mails. */
  email_lang: ColumnType<"th" | "en", "th" | "en" | undefined>;
  /** 1: the user asked for the weekly digest. */
  weekly_digest: ColumnType<number, number | undefined>;
  /** JSON array of the alert types (app/services/notify/events.server.ts) the user asked for. */
  email_alerts: ColumnType<string, string | undefined>;
}

/** The alert types an agency's admin turned on (migration 0024), as a JSON array. */
export interface NotificationSettingTable {
  organization_id: number;
  alerts: string;
  updated_by: number | null;
  updated_at: string;
}

/** A single-use recovery code of a user's second factor (migration 0018), as a keyed hash. */
export interface RecoveryCodeTable {
  user_id: number;
  code_hash: string;
  created_at: string;
  used_at: ColumnType<string | null, string | null | undefined>;
}

export interface SessionTable {
  /** SHA-256 of the cookie's random token. */
  id: string;
  user_id: number;
  /** The anti-forgery token every admin form posts back. */
  csrf_token: string;
  created_at: string;
  expires_at: string;
  /** The last request's time (at most a minute stale); the session ends after SESSION_IDLE_MINUTES without one. */
  last_seen_at: ColumnType<string | null, string | null | undefined>;
}

export interface AuditLogTable {
  id: Generated<number>;
  organization_id: number;
  user_id: number | null;
  /** The host operator who made the change, or null (an agency user, the command line, the system). */
  operator_id: ColumnType<number | null, number | null | undefined>;
  /** e.g. "user.create", "official-result.save" */
  action: string;
  /** What was acted on, e.g. "user:3", "round:1". */
  target: string;
  /** JSON with the relevant values (never a password or a token). */
  detail: string;
  created_at: string;
}

export interface OfficialResultTable {
  id: Generated<number>;
  organization_id: number;
  /** Buddhist Era fiscal year of the official assessment. */
  fiscal_year: number;
  framework_id: string;
  /** JSON {"1": 91.7, …, "10": 68.75}, as published by the NACC. */
  indicator_scores: string;
  /** The rating as published (a row code of the framework's rating rule, migration 0013), or null. */
  published_rating: ColumnType<string | null, string | null | undefined>;
  created_at: string;
  updated_at: string;
}

export type OitItemStatus = "pass" | "fail" | "unchecked";

/** One OIT checklist item of a round that someone has looked at; an item without a row is unchecked. */
export interface OitItemTable {
  id: Generated<number>;
  round_id: number;
  /** The checklist item code of the round's framework, e.g. "o23". */
  item_code: string;
  status: OitItemStatus;
  /** JSON array of http(s) URLs of the pages that show the item on the agency's website. */
  evidence_urls: string;
  /** Free text, kept exactly as typed (multi-line Thai). */
  note: string;
  /** The user who changed it last; null if that account was deleted. */
  updated_by: number | null;
  updated_at: string;
}

export type MeasureStatus = "planned" | "in-progress" | "done";

/** A measure (มาตรการ) of an agency's plan for a round, with the columns of the handwritten plan. */
export interface MeasureTable {
  id: Generated<number>;
  organization_id: number;
  round_id: number;
  /** The agency's own numbering (๑, ๒, …), 1-based. */
  position: number;
  /** มาตรการ/แนวทาง */
  title: string;
  /** ระยะเวลาดำเนินการ as written, e.g. "ตลอดปี ๖๕". */
  period: string;
  /** Optional YYYY-MM-DD; past it and not done, the measure is overdue. */
  due_on: string | null;
  /** การติดตามผล */
  follow_up: string;
  status: ColumnType<MeasureStatus, MeasureStatus | undefined>;
  created_by: number | null;
  created_at: string;
  updated_by: number | null;
  updated_at: string;
  /** The measure of an earlier round this one was carried from when a round started from it (issue 11). */
  carried_from_id: ColumnType<number | null, number | null | undefined, number | null>;
}

/** One step of วิธีการดำเนินการ, in order. */
export interface MeasureStepTable {
  measure_id: number;
  position: number;
  text: string;
}

/** ผู้รับผิดชอบ: a unit of the agency responsible for the measure. */
export interface MeasureUnitTable {
  measure_id: number;
  unit_id: number;
}

/** An indicator ("4"), survey item ("i20") or OIT item ("o23") code the measure answers. */
export interface MeasureTargetTable {
  measure_id: number;
  code: string;
}

export interface MeasureNoteTable {
  id: Generated<number>;
  measure_id: number;
  /** YYYY-MM-DD (Asia/Bangkok), the day of the progress. */
  noted_on: string;
  text: string;
  created_by: number | null;
  created_at: string;
}

/** A proposed measure the manager dismissed for one weak area (target code) of a round. */
export interface DismissedProposalTable {
  id: Generated<number>;
  round_id: number;
  target_code: string;
  dismissed_by: number | null;
  dismissed_at: string;
}

/** An operator's confirmation that a provisional framework matches the year's NACC manual (migration 0013). */
export interface FrameworkConfirmationTable {
  framework_id: string;
  /** YYYY-MM-DD */
  confirmed_on: string;
  note: ColumnType<string, string | undefined>;
}

/**
 * The growing waits of sign-in (migration 0014; app/auth/sign-in.server.ts): one row per account ("user:12",
 * "operator:3") or client address ("address:" and a keyed hash, never the address) with recent failures.
 */
export interface SignInThrottleTable {
  key: string;
  /** The failures counted (an account: wrong passwords; an address: every refused attempt). */
  failures: number;
  /** No password is looked at for this key before this instant (ISO 8601), or null. */
  wait_until: string | null;
  /** Attempts refused unchecked since the last counted one (so the audit log says so once, not each time). */
  refused: ColumnType<number, number | undefined>;
  last_failure_at: string;
}

/**
 * A tablet an admin enrolled as the kiosk of a service counter (migration 0015; docs/decisions/kiosk-enrolment.md).
 * Nothing about a respondent: the device's cookie token is kept as its SHA-256 only.
 */
export interface KioskDeviceTable {
  id: Generated<number>;
  organization_id: number;
  counter_id: number;
  /** The admin's name for the tablet, e.g. "แท็บเล็ตหน้าห้องการเงิน". */
  label: string;
  /** SHA-256 (hex) of the random token in the tablet's HttpOnly cookie. */
  token_hash: string;
  enrolled_by: number | null;
  enrolled_at: string;
  revoked_at: ColumnType<string | null, string | null | undefined>;
  /** The last day (YYYY-MM-DD, Asia/Bangkok) it sent an answer: a day, never a time. */
  last_seen_on: ColumnType<string | null, string | null | undefined>;
}

export type NewKioskDevice = Insertable<KioskDeviceTable>;

export type SuggestionStatus = "new" | "read" | "acted";

/**
 * A visitor's suggestion (migration 0020; docs/decisions/suggestions.md): the EIT's optional free text,
 * scrubbed of what identifies a person before it was sealed, stored when its response's group left the
 * answer pool. No day or time: the month of the release only; a random id.
 */
export interface SuggestionTable {
  /** Random (16 bytes, base64url). */
  id: string;
  response_id: number;
  round_id: number;
  link_id: number;
  /** YYYY-MM of the release, the response's month. */
  month: string;
  text: string;
  status: ColumnType<SuggestionStatus, SuggestionStatus | undefined>;
  /** Staff's note on what was done, "" for none. */
  note: ColumnType<string, string | undefined>;
  /** The measure made from it, or null. */
  measure_id: ColumnType<number | null, number | null | undefined>;
  updated_by: ColumnType<number | null, number | null | undefined>;
  updated_at: ColumnType<string | null, string | null | undefined>;
}

export type Suggestion = Selectable<SuggestionTable>;
export type NewSuggestion = Insertable<SuggestionTable>;

/** Where a complaint is in its handling (issue 16): received → under review → in progress → closed. */
export type ComplaintStatus = "received" | "under-review" | "in-progress" | "closed";
/** How a closed complaint ended. */
export type ComplaintOutcome = "upheld" | "not-upheld" | "referred" | "withdrawn";

/**
 * A complaint of corruption or misconduct (migration 0021; docs/decisions/complaints.md). Its id is random
 * (not an arrival order); it keeps a day, never a time, and no address or device. An anonymous complaint
 * has no contact details; a named one's are erased once the case has been closed for the agency's retention.
 */
export interface ComplaintTable {
  id: number;
  organization_id: number;
  /** The first 16 hex digits of tracking_hash: how the status page finds the row before comparing the whole hash. */
  tracking_lookup: string;
  /** SHA-256 (hex) of the tracking code; the code itself exists only on the complainant's page or paper. */
  tracking_hash: string;
  /** The random key of the form page it came from: the same form sent twice is one complaint. */
  form_key: string;
  /** The complaint's type, one of COMPLAINT_KINDS (app/services/complaints/kinds.ts). */
  kind: string;
  what: string;
  happened: string;
  place: string;
  persons: ColumnType<string, string | undefined>;
  anonymous: number;
  contact_name: ColumnType<string | null, string | null | undefined>;
  contact_phone: ColumnType<string | null, string | null | undefined>;
  contact_email: ColumnType<string | null, string | null | undefined>;
  contact_erased_on: ColumnType<string | null, string | null | undefined>;
  status: ComplaintStatus;
  outcome: ColumnType<ComplaintOutcome | null, ComplaintOutcome | null | undefined>;
  unit_id: ColumnType<number | null, number | null | undefined>;
  /** YYYY-MM-DD (Asia/Bangkok): the day, never the time. */
  received_on: string;
  acknowledge_due_on: string;
  decide_due_on: string;
  acknowledged_on: ColumnType<string | null, string | null | undefined>;
  closed_on: ColumnType<string | null, string | null | undefined>;
}

export type ComplaintAttachmentType = "application/pdf" | "image/jpeg" | "image/png";

export interface ComplaintAttachmentTable {
  /** Random, as the complaint's. */
  id: number;
  complaint_id: number;
  organization_id: number;
  /** 1–3, in the order the complainant attached them. */
  position: number;
  /** The name the complainant's device gave the file, cleaned (no path, no control character). */
  file_name: string;
  media_type: ComplaintAttachmentType;
  size: number;
  sha256: string;
  bytes: Uint8Array;
}

export type ComplaintEntryKind = "note" | "reply";

/** An internal note or a public reply of a case. */
export interface ComplaintEntryTable {
  id: Generated<number>;
  complaint_id: number;
  kind: ComplaintEntryKind;
  text: string;
  created_by: number | null;
  created_at: string;
  /** YYYY-MM-DD (Asia/Bangkok), shown beside a public reply. */
  created_on: string;
}

/** The agency's complaint-handling guideline (แนวปฏิบัติการจัดการเรื่องร้องเรียน), once it has saved one. */
export interface ComplaintGuidelineTable {
  organization_id: number;
  /** JSON array of the steps' texts. */
  steps: string;
  acknowledge_days: number;
  decide_days: number;
  channels: ColumnType<string, string | undefined>;
  updated_by: number | null;
  updated_at: string;
}

/** A unit the guideline names as responsible, in the guideline's order. */
export interface ComplaintGuidelineUnitTable {
  organization_id: number;
  unit_id: number;
  position: number;
}

/** What an agency publishes on its public page (migration 0022; docs/decisions/public-page.md). */
export interface PublicationTable {
  organization_id: number;
  /** Grows by one at every change: the public page's cache compares it on every view. */
  version: number;
  /** 1: the fiscal year's complaint statistics are on the page. */
  complaint_statistics: ColumnType<number, number | undefined>;
  updated_by: number | null;
  updated_at: string;
}

export type PublishedReport = "measured" | "official";

/** A round on the agency's public page: which of its parts are shown. */
export interface PublishedRoundTable {
  round_id: number;
  organization_id: number;
  /** The report's scores as measured or the official result; null: the report is not shown. */
  report: PublishedReport | null;
  /** 1: the measures with their status and progress notes. */
  measures: number;
  /** 1: the live satisfaction per service counter (small groups hidden). */
  counters: number;
  published_at: string;
}

/** A URL an agency's admin registered to receive events, signed with its sealed secret (migration 0025). */
export type WebhookStatus = "active" | "paused";
export interface WebhookTable {
  id: Generated<number>;
  organization_id: number;
  url: string;
  /** JSON array of event types. */
  events: string;
  status: ColumnType<WebhookStatus, WebhookStatus | undefined>;
  /** AES-256-GCM under a key derived from the installation's key (app/services/webhooks/secret.server.ts). */
  secret_sealed: string;
  created_by: number | null;
  created_at: string;
  secret_rotated_at: string | null;
  updated_at: string;
}

export type WebhookDeliveryOutcome = "sent" | "retry" | "give-up";
/** One delivery attempt of an outbox message to a webhook: what the admin page's delivery log shows. */
export interface WebhookDeliveryTable {
  id: Generated<number>;
  organization_id: number;
  webhook_id: number;
  message_id: string;
  event_id: string;
  event_type: string;
  attempt: number;
  attempted_at: string;
  outcome: WebhookDeliveryOutcome;
  http_status: number | null;
  error: string | null;
}

/**
 * One delivery waiting, sent or given up (migration 0023; app/services/outbox/). (channel, recipient,
 * dedupe_key) is unique: an event reaches a recipient at most once.
 */
export interface OutboxMessageTable {
  /** crypto.randomUUID() */
  id: string;
  organization_id: number;
  channel: "email" | "webhook";
  /** The user id (e-mail) or the webhook id (webhook), as text. */
  recipient: string;
  /** The event's id, shared by every message fanned out from one event; webhooks send it as the idempotency key. */
  event_id: string;
  event_type: string;
  dedupe_key: string;
  /** JSON: counts, scores, codes and links only. */
  payload: string;
  status: "pending" | "sent" | "failed";
  attempts: ColumnType<number, number | undefined>;
  /** ISO UTC */
  next_attempt_at: string;
  /** The process that holds the claim, until claimed_until (ISO UTC). */
  claimed_by: ColumnType<string | null, string | null | undefined>;
  claimed_until: ColumnType<string | null, string | null | undefined>;
  last_error: ColumnType<string | null, string | null | undefined>;
  created_at: string;
  sent_at: ColumnType<string | null, string | null | undefined>;
}

export interface Database {
  publication: PublicationTable;
  published_round: PublishedRoundTable;
  webhook: WebhookTable;
  webhook_delivery: WebhookDeliveryTable;
  outbox_message: OutboxMessageTable;
  notification_setting: NotificationSettingTable;
  suggestion: SuggestionTable;
  complaint: ComplaintTable;
  complaint_attachment: ComplaintAttachmentTable;
  complaint_entry: ComplaintEntryTable;
  complaint_guideline: ComplaintGuidelineTable;
  complaint_guideline_unit: ComplaintGuidelineUnitTable;
  recovery_code: RecoveryCodeTable;
  kiosk_device: KioskDeviceTable;
  sign_in_throttle: SignInThrottleTable;
  framework_confirmation: FrameworkConfirmationTable;
  organization: OrganizationTable;
  organization_logo: OrganizationLogoTable;
  answer_pool: AnswerPoolTable;
  unit: UnitTable;
  counter: CounterTable;
  round: RoundTable;
  link: LinkTable;
  permanent_link: PermanentLinkTable;
  response: ResponseTable;
  tally: TallyTable;
  user: UserTable;
  session: SessionTable;
  audit_log: AuditLogTable;
  official_result: OfficialResultTable;
  access_code: AccessCodeTable;
  measure: MeasureTable;
  measure_step: MeasureStepTable;
  measure_unit: MeasureUnitTable;
  measure_target: MeasureTargetTable;
  measure_note: MeasureNoteTable;
  dismissed_proposal: DismissedProposalTable;
  oit_item: OitItemTable;
  operator_account: OperatorAccountTable;
  operator_session: OperatorSessionTable;
}

export type Organization = Selectable<OrganizationTable>;
export type NewOrganization = Insertable<OrganizationTable>;
export type OrganizationUpdate = Updateable<OrganizationTable>;
export type Unit = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type Counter = Selectable<CounterTable>;
export type NewCounter = Insertable<CounterTable>;
export type CounterUpdate = Updateable<CounterTable>;
export type Round = Selectable<RoundTable>;
export type NewRound = Insertable<RoundTable>;
export type RoundUpdate = Updateable<RoundTable>;
export type Link = Selectable<LinkTable>;
export type NewLink = Insertable<LinkTable>;
export type LinkUpdate = Updateable<LinkTable>;
export type PermanentLink = Selectable<PermanentLinkTable>;
export type NewPermanentLink = Insertable<PermanentLinkTable>;
export type Response = Selectable<ResponseTable>;
export type NewResponse = Insertable<ResponseTable>;
export type Tally = Selectable<TallyTable>;
export type NewTally = Insertable<TallyTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Session = Selectable<SessionTable>;
export type NewSession = Insertable<SessionTable>;
export type AuditLog = Selectable<AuditLogTable>;
export type NewAuditLog = Insertable<AuditLogTable>;
export type OfficialResult = Selectable<OfficialResultTable>;
export type NewOfficialResult = Insertable<OfficialResultTable>;
export type AccessCode = Selectable<AccessCodeTable>;
export type NewAccessCode = Insertable<AccessCodeTable>;
export type OitItem = Selectable<OitItemTable>;
export type NewOitItem = Insertable<OitItemTable>;
export type Measure = Selectable<MeasureTable>;
export type NewMeasure = Insertable<MeasureTable>;
export type MeasureUpdate = Updateable<MeasureTable>;
export type MeasureNote = Selectable<MeasureNoteTable>;
export type NewMeasureNote = Insertable<MeasureNoteTable>;
export type Webhook = Selectable<WebhookTable>;
export type NewWebhook = Insertable<WebhookTable>;
export type WebhookUpdate = Updateable<WebhookTable>;
export type NewWebhookDelivery = Insertable<WebhookDeliveryTable>;
export type Complaint = Selectable<ComplaintTable>;
export type NewComplaint = Insertable<ComplaintTable>;
export type ComplaintUpdate = Updateable<ComplaintTable>;
export type OutboxMessageRow = Selectable<OutboxMessageTable>;
export type NewOutboxMessageRow = Insertable<OutboxMessageTable>;
