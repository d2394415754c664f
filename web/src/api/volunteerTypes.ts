// Types of the volunteers API (志愿者, docs/volunteers.md): volunteers and their public sign-up,
// outside professionals, a case's four-in-one team (四位一体), pairing suggestions with their
// explained score, pairings (结对), visits, hours and certificates. Dates are `YYYY-MM-DD`.
// Field names follow docs/volunteers.md; where it does not spell a shape out, the names of
// src/modules/volunteers (score parts) or of the migration (0010_volunteers.sql) are assumed.
import type { Gender, Id, ListMetadata } from './types'

// ---- Vocabularies ----------------------------------------------------------------------------

export const SKILLS = [
  'tutoring_chinese',
  'tutoring_math',
  'tutoring_english',
  'tutoring_science',
  'companionship',
  'elderly_care',
  'child_care',
  'disability_support',
  'rehabilitation',
  'psychological_support',
  'legal',
  'medical',
  'it',
  'housework',
  'cooking',
  'arts',
  'sports',
  'job_coaching',
] as const
export type Skill = (typeof SKILLS)[number]

export const LANGUAGES = ['mandarin', 'shanghainese', 'cantonese', 'wu_other', 'english', 'sign_language'] as const
export type Language = (typeof LANGUAGES)[number]

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Day = (typeof DAYS)[number]
export const DAY_PARTS = ['am', 'pm', 'eve'] as const
export type DayPart = (typeof DAY_PARTS)[number]
/** A weekly slot `<day>_<part>`, e.g. `sat_am`. */
export type Slot = `${Day}_${DayPart}`
/** The 21 weekly slots, Monday morning first. */
export const SLOTS: readonly Slot[] = DAYS.flatMap((d) => DAY_PARTS.map((p) => `${d}_${p}` as Slot))

export const VOLUNTEER_STATUSES = ['applicant', 'active', 'paused', 'left'] as const
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number]
/** The statuses an organization admin may set (POST /volunteers/{id}/status). */
export const SETTABLE_STATUSES = ['active', 'paused', 'left'] as const
export type SettableStatus = (typeof SETTABLE_STATUSES)[number]

export const MEMBERSHIP_STATUSES = ['pending', 'approved', 'rejected'] as const
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number]

export const BACKGROUND_CHECK_STATUSES = ['none', 'pending', 'passed', 'failed'] as const
export type BackgroundCheckStatus = (typeof BACKGROUND_CHECK_STATUSES)[number]

export const PROFESSIONS = ['counsellor', 'rehabilitation_therapist', 'doctor', 'lawyer', 'teacher', 'other'] as const
export type Profession = (typeof PROFESSIONS)[number]

export const TEAM_MEMBER_KINDS = ['social_worker', 'adviser', 'volunteer', 'professional'] as const
export type TeamMemberKind = (typeof TEAM_MEMBER_KINDS)[number]

export const GRANTS = ['id_number', 'income', 'health'] as const
export type Grant = (typeof GRANTS)[number]

export const PAIRING_STATUSES = ['proposed', 'active', 'paused', 'declined', 'ended'] as const
export type PairingStatus = (typeof PAIRING_STATUSES)[number]

export const CADENCES = ['weekly', 'biweekly', 'monthly'] as const
export type Cadence = (typeof CADENCES)[number]
/** Days of one cadence period. */
export const CADENCE_DAYS: Readonly<Record<Cadence, number>> = { weekly: 7, biweekly: 14, monthly: 30 }

export const VISIT_STATUSES = ['logged', 'confirmed', 'queried'] as const
export type VisitStatus = (typeof VISIT_STATUSES)[number]

export const CONCERN_TYPES = ['safety', 'health', 'living', 'emotional', 'other'] as const
export type ConcernType = (typeof CONCERN_TYPES)[number]

/** The parts of a pairing suggestion's score, in display order, with their maxima. */
export const SCORE_FACTORS = ['distance', 'skills', 'language', 'availability', 'safeguarding', 'load'] as const
export type ScoreFactor = (typeof SCORE_FACTORS)[number]
export const SCORE_MAX: Readonly<Record<ScoreFactor, number>> = {
  distance: 30,
  skills: 25,
  language: 10,
  availability: 15,
  safeguarding: 10,
  load: 10,
}

/** The reason codes of each score part (src/modules/volunteers/volunteer.cpp, Score). */
export const SCORE_REASONS: Readonly<Record<ScoreFactor, readonly string[]>> = {
  distance: ['same_street', 'same_district', 'elsewhere'],
  skills: ['no_needs', 'all_matched', 'some_matched', 'none_matched', 'matched'],
  language: ['no_need', 'spoken', 'not_spoken'],
  availability: ['overlap', 'slots_offered'],
  safeguarding: ['trained_and_signed', 'no_agreement', 'no_training', 'neither'],
  load: ['free', 'has_pairings'],
}

// ---- Public sign-up --------------------------------------------------------------------------

/** GET /public/volunteer-organizations: an active organization a volunteer may choose. */
export interface VolunteerOrganization {
  id: Id
  name: string
  district_code: string
}

/** The profile fields of the sign-up and of POST /volunteers. */
export interface VolunteerProfileInput {
  name: string
  gender: Gender
  /** Age 16+ on the day. */
  birth_date: string
  /** 18-character resident ID (checksum). */
  id_number: string
  /** 11-digit mobile. */
  phone: string
  district_code: string
  street_code: string
  skills: Skill[]
  languages: Language[]
  availability: Slot[]
  works_with_minors: boolean
  motivation?: string
}

/** POST /public/volunteer-signups. */
export interface VolunteerSignupInput extends VolunteerProfileInput {
  /** 1 to 3 organizations. */
  organization_ids: Id[]
  username: string
  password: string
}

export interface VolunteerSignupResult {
  id: Id
  status: VolunteerStatus
}

/** POST /volunteers (org_admin): without an account when username and password are left out. */
export interface VolunteerCreateInput extends VolunteerProfileInput {
  username?: string
  password?: string
}

/** PUT /volunteers/{id}: only the fields sent change (409 `version: stale`). */
export interface VolunteerPatch {
  version: number
  name?: string
  phone?: string
  district_code?: string
  street_code?: string
  skills?: Skill[]
  languages?: Language[]
  availability?: Slot[]
  works_with_minors?: boolean
}

// ---- Volunteers ------------------------------------------------------------------------------

export interface BackgroundCheck {
  status: BackgroundCheckStatus
  checked_on: string | null
  /** `passed` and checked within the last 36 months. */
  valid: boolean
}

/** A row of GET /volunteers. */
export interface VolunteerSummary {
  id: Id
  name: string
  gender: Gender
  age: number
  district_code: string
  street_code: string
  skills: Skill[]
  languages: Language[]
  status: VolunteerStatus
  /** The membership in the caller's organization. */
  membership_status: MembershipStatus | null
  background_check: BackgroundCheck
  active_pairings: number
  confirmed_minutes: number
}

export interface Membership {
  organization_id: Id
  organization_name: string
  status: MembershipStatus
  decided_at: string | null
  reason: string
}

export interface Safeguarding {
  training_completed_on: string | null
  background_check_status: BackgroundCheckStatus
  background_check_on: string | null
  background_check_valid: boolean
  agreement_signed_on: string | null
}

/** GET /volunteers/{id}, and the answer of every write on a volunteer. */
export interface VolunteerProfile extends VolunteerSummary {
  id_number_masked: string
  phone_masked: string
  availability: Slot[]
  motivation: string
  works_with_minors?: boolean
  user_id: Id | null
  memberships: Membership[]
  safeguarding: Safeguarding
  version: number
}

export interface VolunteerQuery {
  status?: VolunteerStatus | ''
  membership?: MembershipStatus | ''
  q?: string
  skill?: Skill | ''
  district?: string
  page?: number
  per?: number
}

/** PUT /volunteers/{id}/safeguarding: `passed`/`failed` need a date; no date in the future. */
export interface SafeguardingInput {
  training_completed_on?: string
  background_check_status: BackgroundCheckStatus
  background_check_on?: string
  agreement_signed_on?: string
}

export const VOLUNTEER_REVEAL_FIELDS = ['id_number', 'phone'] as const
export type VolunteerRevealField = (typeof VOLUNTEER_REVEAL_FIELDS)[number]

/** POST /volunteers/{id}/reveal: the clear values asked for (a value never given is null). */
export interface VolunteerRevealed {
  id?: Id
  id_number?: string | null
  phone?: string | null
}

// ---- Professionals ---------------------------------------------------------------------------

export interface Professional {
  id: Id
  name: string
  profession: Profession
  qualification: string
  qualification_number: string
  employer: string
  phone_masked: string
}

export interface ProfessionalInput {
  name: string
  profession: Profession
  qualification: string
  qualification_number?: string
  employer?: string
  phone?: string
}

// ---- Teams -----------------------------------------------------------------------------------

export interface TeamMember {
  id: Id
  kind: TeamMemberKind
  role: string
  name: string
  user_id?: Id | null
  volunteer_id?: Id | null
  professional_id?: Id | null
  profession?: Profession | null
  started_on: string
  ended_on: string | null
  grants: Grant[]
}

/** GET /cases/{id}/team: the lead is the case's social worker. */
export interface Team {
  lead: { user_id: Id; name: string } | null
  members: TeamMember[]
  /** Whether the caller holds pairings.manage for this case. */
  can_manage: boolean
}

/** POST /cases/{id}/team: one of user_id (social_worker, adviser), volunteer_id, professional_id. */
export interface TeamMemberInput {
  kind: TeamMemberKind
  user_id?: Id
  volunteer_id?: Id
  professional_id?: Id
  role?: string
  started_on: string
}

/** GET /cases/{id}/volunteer-view: what a volunteer on the team sees of the case. */
export interface VolunteerCaseView {
  case_id: Id
  case_number: string
  street_code: string
  district_code: string
  members: { person_id: Id; given_name: string; relation: string; age: number }[]
  /** Assessment domain codes scored ≤2 in the latest assessment. */
  needs: string[]
  // No plan goals, on purpose: free text that may carry health details.
  pairings: (Pairing | Record<string, unknown>)[]
  /** What the lead social worker opened to the caller. */
  grants?: Grant[]
  granted: {
    id_numbers?: { person_id?: Id; given_name?: string; id_number?: string }[] | Record<string, string> | null
    income?: unknown
    health?: unknown
  }
}

// ---- Pairing suggestions ---------------------------------------------------------------------

export interface ScorePart {
  factor: ScoreFactor | string
  points: number
  max: number
  reason: string
  /** skills: the needed skills the volunteer has; language: the needed languages spoken; availability: slots. */
  matched?: string[]
  /** load: the volunteer's current pairings. */
  pairings?: number
}

export interface PairingSuggestion {
  volunteer_id: Id
  name: string
  district_code: string
  street_code: string
  skills: Skill[]
  languages?: Language[]
  /** The volunteer's open (proposed, active or paused) pairings. */
  open_pairings?: number
  score: number
  parts: ScorePart[]
}

/** Why volunteers of the pool were left out of the ranking, how many each. */
export interface SuggestionExclusions {
  /** A minor in the household and no valid background check. */
  background_check: number
  /** At `[volunteers] max_active_pairings`. */
  at_capacity: number
  /** Already has an open pairing on this case. */
  already_paired: number
}

export interface SuggestionNeeds {
  /** Every skill that answers some need. */
  skills: string[]
  /** One list per need: any skill of the group answers it. */
  skill_groups: string[][]
  languages: string[]
  slots: string[]
  has_minor: boolean
  /** The pairings a volunteer may hold (the cap of the load factor). */
  capacity: number
}

export interface PairingSuggestions {
  data: PairingSuggestion[]
  considered: number
  excluded: SuggestionExclusions
  needs: SuggestionNeeds
  /** How long the ranking took on the server. */
  took_ms: number
}

export interface SuggestionQuery {
  limit?: number
  languages?: Language[]
  slots?: Slot[]
}

// ---- Pairings --------------------------------------------------------------------------------

export interface PairingInput {
  volunteer_id: Id
  purpose: string
  cadence: Cadence
  started_on: string
  planned_end_on?: string
  person_ids?: Id[]
}

export interface Pairing {
  id: Id
  case_id: Id
  case_number?: string
  volunteer_id?: Id
  volunteer?: { id: Id; name: string }
  status: PairingStatus
  cadence: Cadence
  purpose: string
  started_on: string
  planned_end_on: string | null
  person_ids?: Id[]
  status_reason?: string
  ended_on?: string | null
  last_visit_on?: string | null
  next_due_on?: string | null
  overdue?: boolean
  visits_to_confirm?: number
}

/** GET /pairings/{id}: with its visits and what the caller may do. */
export interface PairingDetail extends Pairing {
  visits: Visit[]
  can: { manage: boolean; respond: boolean; log: boolean }
}

/** A row of the board, GET /pairings. */
export interface PairingBoardRow extends Pairing {
  case_number: string
  volunteer: { id: Id; name: string }
  last_visit_on: string | null
  next_due_on: string | null
  overdue: boolean
  visits_to_confirm: number
}

export interface PairingQuery {
  status?: PairingStatus | ''
  overdue?: boolean
  mine?: boolean
  page?: number
  per?: number
}

export interface PairingBoard {
  data: PairingBoardRow[]
  metadata: ListMetadata
}

// ---- The volunteer's own home ----------------------------------------------------------------

export interface MyPairing {
  id: Id
  case_id: Id
  status: PairingStatus
  cadence: Cadence
  purpose: string
  family: { street_code: string; given_names: string[] }
  next_due_on: string | null
  overdue: boolean
  started_on?: string
  /** Sent by the server beyond the contract: the pairing's visits. */
  visits?: Visit[]
}

/** GET /me/volunteer (404 when the user has no volunteer profile). */
export interface MyVolunteer {
  volunteer: VolunteerProfile
  hours: { confirmed_minutes: number; pending_minutes: number }
  pairings: MyPairing[]
  certificates: Certificate[]
}

// ---- Visits ----------------------------------------------------------------------------------

export interface Concern {
  type: ConcernType
  note: string
}

export interface VisitInput {
  visited_on: string
  /** 1..720. */
  duration_minutes: number
  activities: string
  service_type?: string
  concerns?: Concern[]
}

export interface Visit {
  id: Id
  pairing_id: Id
  case_id: Id
  volunteer_id: Id
  visited_on: string
  duration_minutes: number
  activities: string
  service_type: string
  concerns: Concern[]
  status: VisitStatus
  query_comment: string
  service_record_id: Id | null
  confirmed_by: Id | null
  confirmed_at: string | null
  /** Sent with the queue, if the server joins them in (assumed names). */
  volunteer_name?: string
  case_number?: string
}

export interface VisitQuery {
  status?: VisitStatus | ''
  mine?: boolean
  page?: number
  per?: number
}

// ---- Hours and certificates ------------------------------------------------------------------

export interface VolunteerHours {
  confirmed_minutes: number
  pending_minutes: number
  hours: number
  by_organization: { organization_id: Id; name: string; minutes: number }[]
  by_project: { project_id: Id; name: string; minutes: number }[]
  /** `month` is `YYYY-MM`. */
  by_month: { month: string; minutes: number }[]
}

export const HOURS_GROUPS = ['volunteer', 'project', 'month'] as const
export type HoursGroup = (typeof HOURS_GROUPS)[number]

export interface OrganizationHours {
  data: { key: string; label: string; minutes: number }[]
  total_minutes: number
}

export interface Period {
  from?: string
  to?: string
}

export interface CertificateInput {
  from: string
  to: string
  /** The volunteer asking for their own: the organization they serve with. */
  organization_id?: Id
}

export interface Certificate {
  id: Id
  code: string
  volunteer_id: Id
  organization_id: Id
  organization_name?: string
  from: string
  to: string
  minutes: number
  hours: number
  issued_on: string
}

/** GET /certificates/{code}: public verification (the name as surname + *). */
export interface PublicCertificate {
  code: string
  volunteer_name: string
  organization: string
  from: string
  to: string
  hours: number
  issued_on: string
}
