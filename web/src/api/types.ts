// Types of the JSON the server sends and accepts; see docs/api-contract.md.

/** The contract does not say whether ids are numbers or strings; both are accepted. */
export type Id = string | number

export type Permission =
  | 'organizations.read'
  | 'organizations.create'
  | 'organizations.update'
  | 'users.read'
  | 'users.manage'
  | 'audit.read'
  | 'api_tokens.manage'
  | 'divisions.read'
  | 'households.read'
  | 'households.write'
  | 'persons.reveal'
  | 'cases.read'
  | 'cases.write'
  | 'cases.approve'
  | 'cases.inspect'
  | 'alerts.acknowledge'
  | 'referrals.decide'
  | 'rounds.read'
  | 'rounds.manage'
  | 'applications.write'
  | 'reviews.score'
  | 'projects.read'
  | 'projects.report'
  | 'disbursements.approve'
  | 'volunteers.read'
  | 'volunteers.manage'
  | 'pairings.manage'
  | 'volunteering.self'
  | 'kpis.read'
  | 'kpis.read_suppressed'
  | 'catalogue.manage'

export const ROLE_NAMES = [
  'foundation_admin',
  'program_officer',
  'finance',
  'reviewer',
  'org_admin',
  'social_worker',
  'supervisor',
  'community_adviser',
  'volunteer',
  'gov_viewer',
  'donor',
] as const
export type RoleName = (typeof ROLE_NAMES)[number]

export const SCOPE_TYPES = ['platform', 'organization', 'district', 'street'] as const
export type ScopeType = (typeof SCOPE_TYPES)[number]

export interface Role {
  role: RoleName
  scope_type: ScopeType
  scope_id: string | null
}

export type UserStatus = 'active' | 'disabled'

export interface User {
  id: Id
  username: string
  display_name: string
  organization_id: Id | null
  organization_name: string | null
  status: UserStatus
  must_change_password: boolean
  roles: Role[]
  created_at: string
  updated_at: string
  last_login_at: string | null
}

export interface Me {
  user: User
  permissions: Permission[]
  csrf_token: string
}

export const ORG_TYPES = ['social_group', 'social_service_agency', 'foundation', 'other'] as const
export type OrgType = (typeof ORG_TYPES)[number]

export const RATINGS = ['', '1A', '2A', '3A', '4A', '5A'] as const
export type Rating = (typeof RATINGS)[number]

export const ORG_STATUSES = ['active', 'suspended'] as const
export type OrgStatus = (typeof ORG_STATUSES)[number]

export interface Organization {
  id: Id
  name: string
  credit_code: string
  org_type: OrgType
  rating: Rating
  registered_district: string
  districts_served: string[]
  streets_served: string[]
  contact_name: string
  contact_phone: string
  contact_email: string
  address: string
  status: OrgStatus
  /** Computed by the server (user accounts in this organization); read-only, never sent. */
  readonly staff_count: number
  version: number
  created_at: string
  updated_at: string
}

/** Fields of an Organization the server computes; they are shown, never sent. */
export type OrganizationComputedField = 'id' | 'staff_count' | 'version' | 'created_at' | 'updated_at'

/**
 * The fields a client may write (OpenAPI `OrganizationFields`); POST sends these, PUT sends
 * these plus `version`. `staff_count` is computed by the server and is not among them.
 */
export type OrganizationInput = Omit<Organization, OrganizationComputedField>

export interface AuditChange {
  from: unknown
  to: unknown
}

export interface AuditEvent {
  id: Id
  occurred_at: string
  actor_user_id: Id | null
  actor_username: string | null
  action: string
  entity_type: string
  entity_id: Id | null
  organization_id: Id | null
  changes: Record<string, AuditChange> | null
  request_id: string
  ip: string
}

export interface Street {
  code: string
  name: string
  kind: string
  is_admin: boolean
}

export interface Division {
  code: string
  name: string
  streets: Street[]
}

export interface ListMetadata {
  total: number
  page: number
  per: number
}

export interface ListResponse<T> {
  data: T[]
  metadata: ListMetadata
}

export interface FieldError {
  field: string
  code: string
}

export interface ErrorBody {
  error: {
    code: string
    message?: string
    fields?: FieldError[]
    request_id?: string
  }
}

// Registry (tag `registry` of openapi.yaml): households (户) of the caller's organization and
// their members. Sensitive fields arrive masked; POST /persons/{id}/reveal gives them in clear.

/** Assistance categories (救助类别) a household may hold, in display order. */
export const CATEGORIES = [
  'dibao',
  'low_income',
  'expenditure_poverty',
  'extreme_poverty',
  'temporary_assistance',
  'policy_edge',
] as const
export type Category = (typeof CATEGORIES)[number]

export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'in_law', 'other'] as const
export type Relation = (typeof RELATIONS)[number]

export const GENDERS = ['male', 'female'] as const
export type Gender = (typeof GENDERS)[number]

/** Disability grades 1 (most severe) to 4. */
export const DISABILITY_GRADES = [1, 2, 3, 4] as const

export interface AssistanceCategory {
  category: Category
  certificate: string
  /** `YYYY-MM-DD`. */
  valid_from: string
  /** `YYYY-MM-DD`, or null when open-ended. */
  valid_to: string | null
}

export interface Household {
  id: Id
  organization_id: Id
  district_code: string
  district_name: string
  street_code: string
  street_name: string
  /** 居委 / 村委. */
  community: string
  /** Masked by the server: the first characters only. */
  address_detail: string
  categories: AssistanceCategory[]
  notes: string
  /** Set once the household was merged into another one (it then leaves the lists). */
  merged_into_id?: Id | null
  version: number
  created_at: string
  updated_at: string
}

export interface HouseholdDetail extends Household {
  members: Person[]
}

export interface HouseholdInput {
  district_code: string
  street_code: string
  community: string
  address_detail: string
  categories: AssistanceCategory[]
  notes: string
}

export interface Person {
  id: Id
  organization_id: Id
  household_id: Id
  relation: Relation
  name: string
  gender: Gender
  birth_date: string
  age: number
  is_minor: boolean
  is_elderly: boolean
  /** Masked, e.g. `310***********0178`; '' when none was given. */
  id_number: string
  /** Masked, e.g. `139****5678`; '' when none was given. */
  phone: string
  has_conditions: boolean
  version: number
  created_at: string
  updated_at: string
}

/** Health, disability and living situation; stored encrypted. */
export interface PersonConditions {
  illness?: string
  disability_type?: string
  disability_grade?: number
  living_alone?: boolean
  school_work_status?: string
}

export interface PersonInput {
  relation: Relation
  name: string
  gender: Gender
  birth_date: string
  id_number?: string
  phone?: string
  conditions?: PersonConditions
}

/**
 * PUT /households/{id}: the create body plus `version`. `address_detail` is left out when the
 * form leaves it empty (assumed: omitted means unchanged, as for a person's sensitive fields).
 */
export type HouseholdUpdate = Omit<HouseholdInput, 'address_detail'> & { address_detail?: string; version: number }

/** PUT /persons/{id}: omitted id_number, phone and conditions stay as they are. */
export type PersonUpdate = PersonInput & { version: number }

// Household finances (收支): income and rigid expenditure by month; amounts are strings in yuan
// with two decimals ("1234.50").

export const FINANCE_KINDS = ['income', 'expenditure'] as const
export type FinanceKind = (typeof FINANCE_KINDS)[number]

export const INCOME_CATEGORIES = ['wages', 'pension', 'dibao_payment', 'subsidy', 'family_support', 'other'] as const
export type IncomeCategory = (typeof INCOME_CATEGORIES)[number]

/** Rigid spending (刚性支出). */
export const EXPENDITURE_CATEGORIES = ['medical', 'education', 'housing', 'care', 'other'] as const
export type ExpenditureCategory = (typeof EXPENDITURE_CATEGORIES)[number]

export interface FinanceRecord {
  id: Id
  kind: FinanceKind
  category: string
  amount_yuan: string
  /** `YYYY-MM`. */
  period_month: string
  note: string | null
  recorded_by_name: string | null
  created_at: string
}

export interface FinanceMonth {
  period_month: string
  income_yuan: string
  expenditure_yuan: string
  members: number
  /** null (or absent) when the household has no members. */
  income_per_member_yuan: string | null
}

/** GET /households/{id}/finances: the records and a summary a month, newest month first. */
export interface FinanceList {
  data: FinanceRecord[]
  months: FinanceMonth[]
}

export interface FinanceInput {
  kind: FinanceKind
  category: IncomeCategory | ExpenditureCategory
  amount_yuan: string
  period_month: string
  note?: string
}

export const REVEAL_FIELDS = ['id_number', 'phone', 'conditions'] as const
export type RevealField = (typeof REVEAL_FIELDS)[number]

export interface RevealRequest {
  reason: string
  /** All three when left out. */
  fields?: RevealField[]
}

/** Clear values; a field not asked for is absent, one never given is null (conditions: {}). */
export interface Revealed {
  id: Id
  id_number?: string | null
  phone?: string | null
  conditions?: PersonConditions | null
}
