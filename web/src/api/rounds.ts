// Funding rounds (docs/rounds.md): one typed function per endpoint.
import { http } from './http'
import type {
  Application,
  ApplicationInput,
  ApplicationState,
  AssignmentList,
  DecisionInput,
  Objection,
  ObjectionInput,
  PublicNotice,
  Results,
  ReviewAssignment,
  ReviewInput,
  ReviewList,
  Round,
  RoundInput,
  RoundState,
  ScreeningResult,
} from './roundTypes'
import type { Id, ListResponse } from './types'

const enc = (id: Id) => encodeURIComponent(String(id))
const roundPath = (id: Id, rest = '') => `/rounds/${enc(id)}${rest}`
const applicationPath = (id: Id, rest = '') => `/applications/${enc(id)}${rest}`

// ---- Rounds -----------------------------------------------------------------------------------

export interface RoundQuery {
  state?: RoundState | ''
  page?: number
  per?: number
}

/** Drafts are listed only to the foundation (rounds.manage). */
export function listRounds(query: RoundQuery = {}): Promise<ListResponse<Round>> {
  return http.get<ListResponse<Round>>('/rounds', { ...query })
}

/** With its `events`; 404 for a draft unless the caller holds rounds.manage. */
export function getRound(id: Id): Promise<Round> {
  return http.get<Round>(roundPath(id))
}

export function createRound(input: RoundInput): Promise<Round> {
  return http.post<Round>('/rounds', input)
}

/** Only while draft or open (409 `not_editable`); a stale version is 409 `version_conflict`. */
export function updateRound(id: Id, input: RoundInput, version: number): Promise<Round> {
  return http.put<Round>(roundPath(id), { ...input, version })
}

/** One step on (409 `invalid_transition`, `window_closed`, `no_proposals`, `notice_running`, `objections_open`). */
export function transitionRound(id: Id, to: RoundState, reason?: string): Promise<Round> {
  const body: { to: RoundState; reason?: string } = { to }
  if (reason) {
    body.reason = reason
  }
  return http.post<Round>(roundPath(id, '/transitions'), body)
}

// ---- Applications -----------------------------------------------------------------------------

export interface ApplicationQuery {
  state?: ApplicationState | ''
  page?: number
  per?: number
}

/** An organization's own, the foundation's all past draft, a reviewer's assigned ones. */
export function listApplications(roundId: Id, query: ApplicationQuery = {}): Promise<ListResponse<Application>> {
  return http.get<ListResponse<Application>>(roundPath(roundId, '/applications'), { ...query })
}

/** A new draft (round `open`, else 409 `round_not_open`). */
export function createApplication(roundId: Id, input: ApplicationInput = {}): Promise<Application> {
  return http.post<Application>(roundPath(roundId, '/applications'), input)
}

export function getApplication(id: Id): Promise<Application> {
  return http.get<Application>(applicationPath(id))
}

/** Saves the draft (409 `not_editable` once submitted, `version_conflict` when stale). */
export function saveApplication(id: Id, input: ApplicationInput, version: number): Promise<Application> {
  return http.put<Application>(applicationPath(id), { ...input, version })
}

/** 422 naming each missing or wrong field; 409 `window_closed` after closes_at, `window_not_open` before opens_at. */
export function submitApplication(id: Id, version: number): Promise<Application> {
  return http.post<Application>(applicationPath(id, '/submit'), { version })
}

/** pass → eligible, fail → ineligible (a reason is required on fail). */
export function screenApplication(id: Id, result: ScreeningResult, reason: string): Promise<Application> {
  return http.post<Application>(applicationPath(id, '/screening'), { result, reason })
}

// ---- Review -----------------------------------------------------------------------------------

/**
 * Users holding reviews.score (422 `user_ids[i]: not_reviewer`); the application must be eligible
 * (409 `not_eligible`). Answers with the assignments now.
 */
export function assignReviewers(id: Id, userIds: Id[]): Promise<AssignmentList> {
  return http.post<AssignmentList>(applicationPath(id, '/reviewers'), { user_ids: userIds })
}

/** 409 `already_submitted` once the reviewer submitted. Answers with the assignments left. */
export function unassignReviewer(id: Id, userId: Id): Promise<AssignmentList> {
  return http.delete<AssignmentList>(applicationPath(id, `/reviewers/${enc(userId)}`))
}

/** The reviewer declares a conflict of interest and is unassigned. */
export function declareConflict(id: Id, reason: string): Promise<ReviewAssignment> {
  return http.post<ReviewAssignment>(applicationPath(id, '/conflict'), { reason })
}

/** The caller's own assignment with its scores and the round's rubric (403 `conflict_of_interest`, `not_assigned`). */
export function getReview(id: Id): Promise<ReviewAssignment> {
  return http.get<ReviewAssignment>(applicationPath(id, '/review'))
}

/** `submit: true` fixes the review (409 `already_submitted` afterwards, `round_not_in_review` outside review). */
export function saveReview(id: Id, input: ReviewInput): Promise<ReviewAssignment> {
  return http.put<ReviewAssignment>(applicationPath(id, '/review'), input)
}

/** The aggregate and everyone's scores for the foundation; for a reviewer who submitted, `{count, mean}` (403 `own_review_first` before). */
export function listReviews(id: Id): Promise<ReviewList> {
  return http.get<ReviewList>(applicationPath(id, '/reviews'))
}

/** Ranking, budget used and remaining. */
export function getResults(roundId: Id): Promise<Results> {
  return http.get<Results>(roundPath(roundId, '/results'))
}

/** Proposes (`fund: true` with an amount) or drops funding. */
export function decideApplication(id: Id, input: DecisionInput): Promise<Application> {
  return http.post<Application>(applicationPath(id, '/decision'), input)
}

// ---- 公示 -------------------------------------------------------------------------------------

export function listObjections(roundId: Id): Promise<{ data: Objection[] }> {
  return http.get<{ data: Objection[] }>(roundPath(roundId, '/objections'))
}

/** During notice only (409 `round_not_in_notice`); answers with the new id and the round's objections. */
export function createObjection(roundId: Id, input: ObjectionInput): Promise<{ id: Id; data: Objection[] }> {
  return http.post<{ id: Id; data: Objection[] }>(roundPath(roundId, '/objections'), input)
}

/** An upheld objection withdraws that proposal; answers with the round's objections. */
export function resolveObjection(id: Id, resolution: string, upheld: boolean): Promise<{ data: Objection[] }> {
  return http.post<{ data: Objection[] }>(`/objections/${enc(id)}/resolve`, { resolution, upheld })
}

/** No login needed; 404 before the round reaches notice. */
export function getPublicNotice(roundId: Id): Promise<PublicNotice> {
  return http.get<PublicNotice>(`/public/rounds/${enc(roundId)}/notice`, undefined, { silent: true })
}
