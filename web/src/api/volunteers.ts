// Volunteers, four-in-one teams and pairing (docs/volunteers.md): one typed function per endpoint.
import { API_BASE, http, request } from './http'
import type {
  Certificate,
  CertificateInput,
  HoursGroup,
  MyVolunteer,
  OrganizationHours,
  Pairing,
  PairingBoard,
  PairingDetail,
  PairingInput,
  PairingQuery,
  PairingSuggestions,
  Period,
  Professional,
  ProfessionalInput,
  PublicCertificate,
  SafeguardingInput,
  SettableStatus,
  SuggestionQuery,
  Team,
  TeamMember,
  TeamMemberInput,
  Grant,
  Visit,
  VisitInput,
  VisitQuery,
  VolunteerCaseView,
  VolunteerCreateInput,
  VolunteerHours,
  VolunteerOrganization,
  VolunteerPatch,
  VolunteerProfile,
  VolunteerQuery,
  VolunteerRevealField,
  VolunteerRevealed,
  VolunteerSignupInput,
  VolunteerSignupResult,
  VolunteerSummary,
} from './volunteerTypes'
import type { Division, Id, ListMetadata, ListResponse } from './types'

const enc = (id: Id) => encodeURIComponent(String(id))
const volunteerPath = (id: Id, rest = '') => `/volunteers/${enc(id)}${rest}`
const casePath = (id: Id, rest = '') => `/cases/${enc(id)}${rest}`
const pairingPath = (id: Id, rest = '') => `/pairings/${enc(id)}${rest}`
const visitPath = (id: Id, rest = '') => `/visits/${enc(id)}${rest}`

/** `true` as the query's `true`, anything else left out. */
const flag = (v: boolean | undefined) => (v ? true : undefined)

// ---- Public (no login) -------------------------------------------------------------------------

/** Active organizations a volunteer may choose, optionally of one district. */
export async function listVolunteerOrganizations(district = ''): Promise<VolunteerOrganization[]> {
  const res = await http.get<{ data: VolunteerOrganization[] }>('/public/volunteer-organizations', { district }, { silent: true })
  return res?.data ?? []
}

/**
 * The public sign-up: 201 `{id, status: "applicant"}`; 422 names each field; 409 `duplicate` on
 * `username` or on `id_number` (the same person already has a profile).
 */
export function signUpVolunteer(input: VolunteerSignupInput): Promise<VolunteerSignupResult> {
  return http.post<VolunteerSignupResult>('/public/volunteer-signups', input, { silent: true })
}

/**
 * Districts and streets for the sign-up form. docs/volunteers.md names no public divisions
 * endpoint: `GET /public/divisions` is tried first, then `GET /divisions` (which answers a signed-in
 * visitor); null when neither answers, and the form falls back to typing the street code.
 */
export async function listSignupDivisions(): Promise<Division[] | null> {
  for (const path of ['/public/divisions', '/divisions']) {
    try {
      const res = await http.get<{ data: Division[] }>(path, undefined, { silent: true })
      if (Array.isArray(res?.data) && res.data.length > 0) {
        return res.data
      }
    } catch {
      // Not there, or not without a session: try the next.
    }
  }
  return null
}

/** Public verification of a certificate by its code (404 for an unknown code). */
export function verifyCertificate(code: string): Promise<PublicCertificate> {
  return http.get<PublicCertificate>(`/certificates/${enc(code)}`, undefined, { silent: true })
}

// ---- Volunteers (staff) ------------------------------------------------------------------------

/** The volunteers of the caller's organization (a pending membership counts). */
export function listVolunteers(query: VolunteerQuery = {}): Promise<ListResponse<VolunteerSummary>> {
  return http.get<ListResponse<VolunteerSummary>>('/volunteers', {
    status: query.status,
    membership: query.membership,
    q: query.q?.trim(),
    skill: query.skill,
    district: query.district,
    page: query.page,
    per: query.per,
  })
}

/** org_admin: an active volunteer with an approved membership in the caller's organization. */
export function createVolunteer(input: VolunteerCreateInput): Promise<VolunteerProfile> {
  return http.post<VolunteerProfile>('/volunteers', input)
}

export function getVolunteer(id: Id): Promise<VolunteerProfile> {
  return http.get<VolunteerProfile>(volunteerPath(id))
}

/** 409 `version: stale` when someone else changed the profile. */
export function updateVolunteer(id: Id, patch: VolunteerPatch): Promise<VolunteerProfile> {
  return request<VolunteerProfile>('PUT', volunteerPath(id), { body: patch })
}

/** Approves the caller's organization's pending membership (409 `not_pending`). */
export function approveVolunteer(id: Id): Promise<VolunteerProfile> {
  return http.post<VolunteerProfile>(volunteerPath(id, '/approve'), {})
}

export function rejectVolunteer(id: Id, reason: string): Promise<VolunteerProfile> {
  return http.post<VolunteerProfile>(volunteerPath(id, '/reject'), { reason })
}

/** `passed`/`failed` need a date; dates not in the future. Empty dates are left out. */
export function setSafeguarding(id: Id, input: SafeguardingInput): Promise<VolunteerProfile> {
  const body: SafeguardingInput = { background_check_status: input.background_check_status }
  for (const key of ['training_completed_on', 'background_check_on', 'agreement_signed_on'] as const) {
    const v = input[key]
    if (v) {
      body[key] = v
    }
  }
  return http.put<VolunteerProfile>(volunteerPath(id, '/safeguarding'), body)
}

export function setVolunteerStatus(id: Id, status: SettableStatus, reason: string): Promise<VolunteerProfile> {
  return http.post<VolunteerProfile>(volunteerPath(id, '/status'), { status, reason })
}

/** The clear ID number and phone; audited (`volunteer.reveal`). Both fields when none are named. */
export function revealVolunteer(id: Id, reason: string, fields?: VolunteerRevealField[]): Promise<VolunteerRevealed> {
  const body: { reason: string; fields?: VolunteerRevealField[] } = { reason }
  if (fields && fields.length > 0) {
    body.fields = fields
  }
  return http.post<VolunteerRevealed>(volunteerPath(id, '/reveal'), body)
}

// ---- Professionals -----------------------------------------------------------------------------

export async function listProfessionals(): Promise<Professional[]> {
  return (await http.get<{ data: Professional[] }>('/professionals'))?.data ?? []
}

/** Empty optional fields are left out. */
export function createProfessional(input: ProfessionalInput): Promise<Professional> {
  const body: ProfessionalInput = { name: input.name, profession: input.profession, qualification: input.qualification }
  for (const key of ['qualification_number', 'employer', 'phone'] as const) {
    const v = input[key]?.trim()
    if (v) {
      body[key] = v
    }
  }
  return http.post<Professional>('/professionals', body)
}

// ---- Teams -------------------------------------------------------------------------------------

export function getTeam(caseId: Id): Promise<Team> {
  return http.get<Team>(casePath(caseId, '/team'))
}

/** 409 `duplicate` while the same person is an active member. */
export function addTeamMember(caseId: Id, input: TeamMemberInput): Promise<TeamMember> {
  return http.post<TeamMember>(casePath(caseId, '/team'), input)
}

export function endTeamMember(caseId: Id, memberId: Id, endedOn: string, reason: string): Promise<TeamMember> {
  return http.post<TeamMember>(casePath(caseId, `/team/${enc(memberId)}/end`), { ended_on: endedOn, reason })
}

/** The lead social worker or a supervisor opens sensitive fields to a member; audited. */
export function setTeamGrants(caseId: Id, memberId: Id, grants: Grant[], reason: string): Promise<TeamMember> {
  return http.put<TeamMember>(casePath(caseId, `/team/${enc(memberId)}/grants`), { grants, reason })
}

/** What a volunteer on the team sees of the case. */
export function getVolunteerView(caseId: Id): Promise<VolunteerCaseView> {
  return http.get<VolunteerCaseView>(casePath(caseId, '/volunteer-view'))
}

// ---- Pairing -----------------------------------------------------------------------------------

export function getPairingSuggestions(caseId: Id, query: SuggestionQuery = {}): Promise<PairingSuggestions> {
  return http.get<PairingSuggestions>(casePath(caseId, '/pairing-suggestions'), {
    limit: query.limit,
    languages: query.languages && query.languages.length > 0 ? query.languages.join(',') : undefined,
    slots: query.slots && query.slots.length > 0 ? query.slots.join(',') : undefined,
  })
}

/**
 * 201 pairing `proposed`; 409 `background_check_missing` (field `volunteer_id`), `at_capacity`,
 * `volunteer_not_active`; 422 for fields. Empty optional fields are left out.
 */
export function proposePairing(caseId: Id, input: PairingInput): Promise<Pairing> {
  const body: PairingInput = {
    volunteer_id: input.volunteer_id,
    purpose: input.purpose,
    cadence: input.cadence,
    started_on: input.started_on,
  }
  if (input.planned_end_on) {
    body.planned_end_on = input.planned_end_on
  }
  if (input.person_ids && input.person_ids.length > 0) {
    body.person_ids = input.person_ids
  }
  return http.post<Pairing>(casePath(caseId, '/pairings'), body)
}

/** The board of the caller's organization; `mine`: cases where the caller is the social worker. */
export async function listPairings(query: PairingQuery = {}): Promise<PairingBoard> {
  const res = await http.get<Partial<PairingBoard>>('/pairings', {
    status: query.status,
    overdue: flag(query.overdue),
    mine: flag(query.mine),
    page: query.page,
    per: query.per,
  })
  const data = res?.data ?? []
  const metadata: ListMetadata = res?.metadata ?? { total: data.length, page: query.page ?? 1, per: query.per ?? data.length }
  return { data, metadata }
}

export function getPairing(id: Id): Promise<PairingDetail> {
  return http.get<PairingDetail>(pairingPath(id))
}

/** The paired volunteer (409 `not_proposed`). */
export function acceptPairing(id: Id): Promise<Pairing> {
  return http.post<Pairing>(pairingPath(id, '/accept'), {})
}

export function declinePairing(id: Id, reason: string): Promise<Pairing> {
  return http.post<Pairing>(pairingPath(id, '/decline'), { reason })
}

/** pairings.manage (409 `invalid_transition`). */
export function pausePairing(id: Id, reason: string): Promise<Pairing> {
  return http.post<Pairing>(pairingPath(id, '/pause'), { reason })
}

export function resumePairing(id: Id): Promise<Pairing> {
  return http.post<Pairing>(pairingPath(id, '/resume'), {})
}

export function endPairing(id: Id, reason: string): Promise<Pairing> {
  return http.post<Pairing>(pairingPath(id, '/end'), { reason })
}

/** The calling volunteer's home (404 when the user has no volunteer profile). */
export function getMyVolunteer(): Promise<MyVolunteer> {
  return http.get<MyVolunteer>('/me/volunteer')
}

// ---- Visits ------------------------------------------------------------------------------------

/** Empty optional fields (service type, concerns) are left out. */
function visitBody(input: VisitInput): VisitInput {
  const body: VisitInput = {
    visited_on: input.visited_on,
    duration_minutes: input.duration_minutes,
    activities: input.activities,
  }
  if (input.service_type) {
    body.service_type = input.service_type
  }
  if (input.concerns && input.concerns.length > 0) {
    body.concerns = input.concerns
  }
  return body
}

/** The paired volunteer of an active pairing: 201 visit `logged`. */
export function logVisit(pairingId: Id, input: VisitInput): Promise<Visit> {
  return http.post<Visit>(pairingPath(pairingId, '/visits'), visitBody(input))
}

/** The volunteer edits a logged or queried visit; it is `logged` again. */
export function updateVisit(id: Id, input: VisitInput): Promise<Visit> {
  return http.put<Visit>(visitPath(id), visitBody(input))
}

export async function listPairingVisits(pairingId: Id): Promise<Visit[]> {
  return (await http.get<{ data: Visit[] }>(pairingPath(pairingId, '/visits')))?.data ?? []
}

/** Visits of the caller's organization, e.g. `status=logged` (the queue); `mine` for my cases. */
export async function listVisits(query: VisitQuery = {}): Promise<Visit[]> {
  const res = await http.get<{ data: Visit[] }>('/visits', {
    status: query.status,
    mine: flag(query.mine),
    page: query.page,
    per: query.per,
  })
  return res?.data ?? []
}

/** The visit becomes a service record of the case (409 `not_pending`, `case_not_in_service`). */
export function confirmVisit(id: Id): Promise<Visit> {
  return http.post<Visit>(visitPath(id, '/confirm'), {})
}

export function queryVisit(id: Id, comment: string): Promise<Visit> {
  return http.post<Visit>(visitPath(id, '/query'), { comment })
}

// ---- Hours and certificates --------------------------------------------------------------------

/** Confirmed visits only count; the volunteer may read their own. */
export function getVolunteerHours(id: Id, period: Period = {}): Promise<VolunteerHours> {
  return http.get<VolunteerHours>(volunteerPath(id, '/hours'), { from: period.from, to: period.to })
}

/** The caller's organization's hours, grouped (volunteers.read). */
export function getOrganizationHours(group: HoursGroup, period: Period = {}): Promise<OrganizationHours> {
  return http.get<OrganizationHours>('/volunteer-hours', { from: period.from, to: period.to, group })
}

/** 201; 422 `to: no_hours` when nothing was confirmed in the period. */
export function issueCertificate(volunteerId: Id, input: CertificateInput): Promise<Certificate> {
  const body: CertificateInput = { from: input.from, to: input.to }
  if (input.organization_id !== undefined && input.organization_id !== null && input.organization_id !== '') {
    body.organization_id = input.organization_id
  }
  return http.post<Certificate>(volunteerPath(volunteerId, '/certificates'), body)
}

export async function listCertificates(volunteerId: Id): Promise<Certificate[]> {
  return (await http.get<{ data: Certificate[] }>(volunteerPath(volunteerId, '/certificates')))?.data ?? []
}

/** The certificate's PDF (A4), for a link: the volunteer or their organizations' staff. */
export function certificatePdfUrl(code: string): string {
  return `${API_BASE}/certificates/${enc(code)}/pdf`
}
