// The one request layer. Every call to the server goes through `request`, which
//  - sends the session cookie (same origin) and, for unsafe methods, the X-CSRF-Token header;
//  - turns every non-2xx answer into an ApiError carrying the contract's error shape
//    `{"error":{code,message,fields,request_id}}` and a translated message;
//  - on 401 (session gone) and 403 password_change_required calls the hooks that main.ts
//    installs, which clear the session and navigate.
import type { ErrorBody, FieldError } from './types'

export const API_BASE = '/api/v1'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

const UNSAFE_METHODS: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Error codes named by the contract, and those the server sends beyond it (403 `account_disabled`
 * from login); each has a message under `errors.code.<code>`.
 */
export const ERROR_CODES = [
  'invalid_json',
  'bad_request',
  'unauthenticated',
  'invalid_credentials',
  'account_disabled',
  'forbidden',
  'csrf_failed',
  'password_change_required',
  'not_found',
  'method_not_allowed',
  'conflict',
  'duplicate',
  'version_conflict',
  'payload_too_large',
  'validation_failed',
  'account_locked',
  'internal',
  // Case work (docs/case-work.md), all 409:
  'invalid_transition',
  'assessment_required',
  'open_case_exists',
  'consent_required',
  // Attachments (422: the content is not an accepted type, or not the declared one) and
  // household merge (409: both households have an open case).
  'content_type',
  'open_cases_both',
  // Funding rounds (docs/rounds.md): 409 unless noted.
  'not_editable',
  'window_closed',
  'window_not_open',
  'round_not_open',
  'not_screenable',
  'not_eligible',
  'not_assigned', // 403
  'conflict_of_interest', // 403
  'round_not_in_review',
  'already_submitted',
  'own_review_first', // 403
  'reviews_missing',
  'no_proposals',
  'notice_running',
  'objections_open',
  'round_not_in_notice',
  'already_resolved',
  'stale',
  // Funded projects (docs/projects.md), all 409.
  'agreement_signed',
  'agreement_pending',
  'report_exists',
  'report_locked',
  'not_submitted',
  'evaluation_exists',
  'evaluation_done',
  'already_requested',
  'gate_not_met',
  'not_requested',
  'not_approved',
  // Volunteers and pairing (docs/volunteers.md), all 409.
  'not_pending',
  'not_proposed',
  'background_check_missing',
  'at_capacity',
  'volunteer_not_active',
  'case_not_in_service',
  // … and those the server sends beyond docs/volunteers.md (src/modules/volunteers), all 409.
  'case_closed',
  'already_ended',
  'not_active_volunteer',
  'pairing_not_active',
  'visit_confirmed',
  'unchanged',
  // Outcomes (docs/outcomes.md): an invitation answered or cancelled (409), a survey answered
  // (409) or expired or cancelled (410).
  'not_open',
  'answered',
  'expired',
] as const

/** Statuses with their own fallback message under `errors.status.<status>`. */
export const ERROR_STATUSES = [400, 401, 403, 404, 405, 408, 409, 410, 413, 422, 429, 500, 502, 503, 504] as const

/**
 * Field error codes named by the contract, and those the server sends beyond it (`same_as_current`
 * from a password change, `mismatch` from the registry: a street outside its district, a birth
 * date or gender that disagrees with the ID number); each has a message under `errors.field.<code>`.
 */
export const FIELD_ERROR_CODES = [
  'required',
  'too_long',
  'too_short',
  'invalid',
  'format',
  'checksum',
  'unknown',
  'duplicate',
  'out_of_range',
  'mismatch',
  'weak_password',
  'same_as_username',
  'same_as_current',
  'wrong_password',
  // Funding rounds: money bounds, the window, rubric weights and tranche percents, eligibility,
  // reviewers and objections.
  'below_min',
  'above_max',
  'above_total',
  'above_request',
  'over_budget',
  'not_eligible',
  'not_reviewer',
  'not_in_notice',
  'before_opens',
  'passed',
  'weights_sum',
  'percent_sum',
  // Funded projects: a tranche above the grant, a report before its period ended, an agreement
  // ending before it starts, a payment or expense dated in the future.
  'over_grant',
  'not_due',
  'before_start',
  'future',
  // Case work: a case's project that is not an agreement-pending or active project of its organization.
  'not_project',
  // Volunteers: a volunteer under 16, a street outside its district, a stale profile version, a
  // certificate period without confirmed hours.
  'too_young',
  'not_in_district',
  'stale',
  'no_hours',
  // … a team member or pairing volunteer outside the organization, a user without the role, a
  // volunteer not active, a period ending before it starts.
  'not_member',
  'not_active',
  'not_staff',
  'not_adviser',
  'before_from',
  // Outcomes: a survey template without the `overall` item; a KPI dimension and filter that do
  // not go together.
  'overall_missing',
  'unsupported_combination',
] as const

/** Message key for an error: the specific code if known, else the status, else a generic one. */
export function errorMessageKey(status: number, code?: string | null): string {
  if (status === 0) {
    return 'errors.network'
  }
  if (code && (ERROR_CODES as readonly string[]).includes(code)) {
    return `errors.code.${code}`
  }
  if ((ERROR_STATUSES as readonly number[]).includes(status)) {
    return `errors.status.${status}`
  }
  if (status >= 500) {
    return 'errors.status.500'
  }
  return 'errors.unknown'
}

/**
 * Message key for one field error code; an error code used on a field (`open_case_exists` on
 * `household_id`) reads as that error, and unknown codes as "invalid".
 */
export function fieldMessageKey(code: string): string {
  if ((FIELD_ERROR_CODES as readonly string[]).includes(code)) {
    return `errors.field.${code}`
  }
  return CASE_FIELD_CODES.includes(code) ? `errors.code.${code}` : 'errors.field.invalid'
}

/** Error codes of case work the server also names a field with. */
const CASE_FIELD_CODES: readonly string[] = [
  'invalid_transition',
  'assessment_required',
  'open_case_exists',
  'consent_required',
  // Pairing: 409 `background_check_missing` names `volunteer_id`.
  'background_check_missing',
  'at_capacity',
  'volunteer_not_active',
  'unchanged',
]

export type Translate = (key: string, params?: Record<string, unknown>) => string

/**
 * Field name → translated message, for `<el-form-item :error>`. A nested field such as
 * `roles[1].scope_id` is also reported under its top-level name (`roles`), so a form that shows
 * the list as one item still shows the error. The first error of a field wins.
 */
export function fieldErrorMessages(fields: readonly FieldError[], translate: Translate): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of fields) {
    if (!f || typeof f.field !== 'string') {
      continue
    }
    const message = translate(fieldMessageKey(f.code))
    const top = f.field.split(/[.[]/)[0]
    for (const name of new Set([f.field, top])) {
      if (name && !(name in out)) {
        out[name] = message
      }
    }
  }
  return out
}

export interface HttpHooks {
  /** The CSRF token of the current session (from the auth store), if any. */
  csrfToken: () => string | null | undefined
  /** 401 on any request other than login: the session is gone. */
  onUnauthenticated: () => void
  /** 403 password_change_required: only the change-password page is reachable. */
  onPasswordChangeRequired: () => void
  translate: Translate
}

const defaultHooks: HttpHooks = {
  csrfToken: () => null,
  onUnauthenticated: () => {},
  onPasswordChangeRequired: () => {},
  translate: (key) => key,
}

let hooks: HttpHooks = { ...defaultHooks }

export function configureHttp(next: Partial<HttpHooks>): void {
  hooks = { ...hooks, ...next }
}

/** For tests: forget installed hooks. */
export function resetHttp(): void {
  hooks = { ...defaultHooks }
}

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fields: FieldError[]
  readonly requestId: string | null
  readonly messageKey: string
  /** The server's own (untranslated) message, for logs only. */
  readonly serverMessage: string | null

  constructor(status: number, body: ErrorBody['error'] | null, translate: Translate = hooks.translate) {
    const code = body?.code ?? ''
    const key = errorMessageKey(status, code)
    super(translate(key))
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fields = Array.isArray(body?.fields) ? body.fields : []
    this.requestId = body?.request_id ?? null
    this.messageKey = key
    this.serverMessage = body?.message ?? null
  }

  /** Field name → translated message (see fieldErrorMessages). */
  fieldMessages(translate: Translate = hooks.translate): Record<string, string> {
    return fieldErrorMessages(this.fields, translate)
  }
}

export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue | QueryValue[]>

/** `/api/v1<path>?<query>`; empty, null and undefined query values are left out. */
export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [key, raw] of Object.entries(query ?? {})) {
    const values = Array.isArray(raw) ? raw : [raw]
    for (const v of values) {
      if (v === undefined || v === null || v === '') {
        continue
      }
      params.append(key, String(v))
    }
  }
  const qs = params.toString()
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`
}

/** A body sent as is (a file's bytes) with its own Content-Type, instead of JSON. */
export interface RawBody {
  data: Blob | ArrayBuffer
  contentType: string
}

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** Sent instead of `body`: the bytes with their Content-Type (file uploads). */
  raw?: RawBody
  signal?: AbortSignal
  /** Do not run the 401 / password-change hooks (login, and the start-up /auth/me probe). */
  silent?: boolean
}

async function readErrorBody(res: Response): Promise<ErrorBody['error'] | null> {
  try {
    const text = await res.text()
    if (!text) {
      return null
    }
    const parsed = JSON.parse(text) as Partial<ErrorBody>
    return parsed && typeof parsed.error === 'object' && parsed.error ? parsed.error : null
  } catch {
    // A proxy's HTML error page, say: the status alone picks the message.
    return null
  }
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  const raw = options.raw
  const hasBody = options.body !== undefined
  let body: BodyInit | undefined
  if (raw) {
    headers['Content-Type'] = raw.contentType || 'application/octet-stream'
    body = raw.data
  } else if (hasBody) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  if (UNSAFE_METHODS.has(method)) {
    const token = hooks.csrfToken()
    if (token) {
      headers['X-CSRF-Token'] = token
    }
  }

  let res: Response
  try {
    res = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') {
      throw e
    }
    throw new ApiError(0, { code: 'network' })
  }

  if (res.ok) {
    if (res.status === 204) {
      return undefined as T
    }
    const text = await res.text()
    return (text ? JSON.parse(text) : undefined) as T
  }

  const err = new ApiError(res.status, await readErrorBody(res))
  if (!options.silent) {
    if (res.status === 401 && err.code !== 'invalid_credentials') {
      hooks.onUnauthenticated()
    } else if (res.status === 403 && err.code === 'password_change_required') {
      hooks.onPasswordChangeRequired()
    }
  }
  throw err
}

export const http = {
  get: <T>(path: string, query?: Query, options: Omit<RequestOptions, 'query' | 'body'> = {}) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options: Omit<RequestOptions, 'body'> = {}) => request<T>('DELETE', path, options),
  /** POST of raw bytes (a file) with their Content-Type; CSRF and errors as for every write. */
  postRaw: <T>(path: string, raw: RawBody, options: Omit<RequestOptions, 'body' | 'raw'> = {}) =>
    request<T>('POST', path, { ...options, raw }),
}
