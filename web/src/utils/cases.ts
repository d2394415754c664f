// Plain helpers of the case pages: state labels and the moves a state allows, assessment
// grouping and before/after change, and the payloads the forms send.
import {
  CASE_STATES,
  DOMAINS,
  DOMAINS_BY_LEVEL,
  LEVELS,
  type Assessment,
  type AssessmentKind,
  type AssessmentList,
  type CaseState,
  type Domain,
  type DomainLevel,
  type Plan,
  type PlanInput,
  type PersonRef,
  type RiskLevel,
  type ServiceMode,
  type ServiceRecordInput,
  type TimelineEvent,
  type Urgency,
} from '@/api/caseTypes'
import type { Id } from '@/api/types'
import type { TagType, Translate } from './registry'

export function isCaseState(value: unknown): value is CaseState {
  return typeof value === 'string' && (CASE_STATES as readonly string[]).includes(value)
}

/** 接案, 预估中, … ; a state this app does not know shows as is. */
export function stateLabel(t: Translate, state: string | null | undefined): string {
  if (!state) {
    return ''
  }
  return isCaseState(state) ? t(`cases.state.${state}`) : state
}

const STATE_TAG_TYPES: Record<CaseState, TagType> = {
  referred: 'info',
  intake: 'primary',
  assessing: 'primary',
  planning: 'primary',
  plan_pending_approval: 'warning',
  in_service: 'success',
  suspended: 'warning',
  closing: 'warning',
  closed: 'info',
  follow_up: 'info',
  rejected: 'danger',
  transferred: 'info',
}

export function stateTagType(state: string): TagType {
  return isCaseState(state) ? STATE_TAG_TYPES[state] : 'info'
}

/** States in which a case is no longer worked on (besides follow-up visits). */
export const ENDED_STATES: readonly CaseState[] = ['closed', 'follow_up', 'rejected', 'transferred']

export function isOpenState(state: string): boolean {
  return isCaseState(state) && !ENDED_STATES.includes(state)
}

/**
 * The moves `POST /cases/{id}/transitions` makes, by current state. Other moves (plan submit and
 * decision, sign-off, follow-up, transfer) have their own action and button.
 */
export const GENERIC_MOVES: Readonly<Record<CaseState, readonly CaseState[]>> = {
  referred: ['intake', 'rejected'],
  intake: ['assessing', 'rejected'],
  assessing: ['planning', 'rejected'],
  planning: [],
  plan_pending_approval: [],
  in_service: ['suspended', 'closing'],
  suspended: ['in_service'],
  closing: ['in_service'],
  closed: [],
  follow_up: [],
  rejected: [],
  transferred: [],
}

/** Moves that need a reason (the server answers 422 on `reason` otherwise). */
export function reasonRequired(from: CaseState, to: CaseState): boolean {
  return to === 'rejected' || (from === 'in_service' && to === 'suspended') || (from === 'closing' && to === 'in_service')
}

/** The server's `allowed_transitions` as target states, whether sent as strings or `{to}`. */
export function normalizeAllowed(allowed: readonly unknown[] | null | undefined): CaseState[] {
  const out: CaseState[] = []
  for (const a of allowed ?? []) {
    const to = typeof a === 'object' && a !== null ? (a as { to?: unknown }).to : a
    if (isCaseState(to) && !out.includes(to)) {
      out.push(to)
    }
  }
  return out
}

/**
 * The generic moves to offer as buttons: those of the table for this state that the server
 * allows (when it sent `allowed_transitions`), in the table's order.
 */
export function genericMoves(state: string, allowed?: readonly unknown[] | null): CaseState[] {
  if (!isCaseState(state)) {
    return []
  }
  const table = GENERIC_MOVES[state]
  if (!Array.isArray(allowed)) {
    return [...table]
  }
  const ok = normalizeAllowed(allowed)
  return table.filter((to) => ok.includes(to))
}

/** States in which an assessment may be recorded. */
export const ASSESSABLE_STATES: readonly CaseState[] = [
  'assessing',
  'planning',
  'plan_pending_approval',
  'in_service',
  'suspended',
  'closing',
]

/** The kinds an assessment may be recorded as in `state`: `closing` only in closing. */
export function assessmentKindsFor(state: string): AssessmentKind[] {
  if (!isCaseState(state) || !ASSESSABLE_STATES.includes(state)) {
    return []
  }
  return state === 'closing' ? ['closing', 'midterm'] : ['initial', 'midterm']
}

/** The kind a new assessment most likely is. */
export function defaultAssessmentKind(state: string, existing: readonly Pick<Assessment, 'kind'>[]): AssessmentKind {
  if (state === 'closing') {
    return 'closing'
  }
  return existing.some((a) => a.kind === 'initial') ? 'midterm' : 'initial'
}

export const PLAN_EDIT_STATES: readonly CaseState[] = ['planning', 'in_service']
export const SERVICE_STATES: readonly CaseState[] = ['in_service', 'closing', 'follow_up']

export function canEditPlan(state: string): boolean {
  return (PLAN_EDIT_STATES as readonly string[]).includes(state)
}

/** A plan can be submitted from planning or in_service while the current version is a draft or returned. */
export function canSubmitPlan(state: string, plan: Pick<Plan, 'status'> | null | undefined): boolean {
  return canEditPlan(state) && !!plan && (plan.status === 'draft' || plan.status === 'returned')
}

export function canRecordService(state: string): boolean {
  return (SERVICE_STATES as readonly string[]).includes(state)
}

const RISK_TAG_TYPES: Record<RiskLevel, TagType> = { low: 'success', medium: 'warning', high: 'danger', critical: 'danger' }

export function riskTagType(risk: string | null | undefined): TagType {
  return risk && risk in RISK_TAG_TYPES ? RISK_TAG_TYPES[risk as RiskLevel] : 'info'
}

const URGENCY_TAG_TYPES: Record<Urgency, TagType> = { normal: 'info', urgent: 'warning', crisis: 'danger' }

export function urgencyTagType(urgency: string | null | undefined): TagType {
  return urgency && urgency in URGENCY_TAG_TYPES ? URGENCY_TAG_TYPES[urgency as Urgency] : 'info'
}

/** A label from `cases.<group>.<code>` when known, else the code itself. */
export function codeLabel(t: Translate, te: (key: string) => boolean, group: string, code: string | null | undefined): string {
  if (!code) {
    return ''
  }
  const key = `cases.${group}.${code}`
  return te(key) ? t(key) : code
}

/** A staff member's name whether the server sends `{id, name}` or just the name (a bare id reads as ''). */
export function personName(p: PersonRef | string | number | null | undefined): string {
  if (!p || typeof p === 'number') {
    return ''
  }
  return typeof p === 'string' ? p : (p.name ?? String(p.id ?? ''))
}

/**
 * Who did something, from a record that names them as `{id, name}` under `field`, or as an id
 * under `field` with the name under `<field>_name` (`decided_by` + `decided_by_name`).
 */
export function actorName(record: object | null | undefined, ...fields: string[]): string {
  if (!record) {
    return ''
  }
  const r = record as Record<string, unknown>
  for (const field of fields) {
    const named = personName(r[field] as PersonRef | string | number | null | undefined) || r[`${field}_name`]
    if (typeof named === 'string' && named) {
      return named
    }
  }
  return ''
}

export function sameId(a: Id | null | undefined, b: Id | null | undefined): boolean {
  return a !== null && a !== undefined && b !== null && b !== undefined && String(a) === String(b)
}

// ---- Assessments ------------------------------------------------------------------------------

export function domainLevel(domain: string): DomainLevel | null {
  for (const level of LEVELS) {
    if (DOMAINS_BY_LEVEL[level].includes(domain)) {
      return level
    }
  }
  return null
}

/** Mean of the scores given, to 2 decimals; null when none. */
export function mean(values: readonly (number | null | undefined)[]): number | null {
  const nums = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
  if (nums.length === 0) {
    return null
  }
  return round2(nums.reduce((a, b) => a + b, 0) / nums.length)
}

function round2(n: number): number {
  return Math.round(n * 100) / 100
}

export function scoreOf(a: Pick<Assessment, 'scores'> | null | undefined, domain: string): number | null {
  const s = a?.scores?.find((x) => x.domain === domain)
  return typeof s?.score === 'number' ? s.score : null
}

export function assessmentMean(a: Pick<Assessment, 'scores'>): number | null {
  return mean(DOMAINS.map((d) => scoreOf(a, d)))
}

export interface DomainChangeRow {
  domain: Domain
  level: DomainLevel
  first: number | null
  latest: number | null
  /** latest − first; positive is better (5 = no difficulty). */
  delta: number | null
}

export interface LevelChangeRow {
  level: DomainLevel
  first: number | null
  latest: number | null
  delta: number | null
}

export interface AssessmentChange {
  domains: DomainChangeRow[]
  levels: LevelChangeRow[]
  /** There are at least two assessments to compare. */
  comparable: boolean
}

/** A server number to 2 decimals (means arrive as 2.3333333333333335); null when absent. */
function r2(n: number | null | undefined): number | null {
  return typeof n === 'number' && Number.isFinite(n) ? round2(n) : null
}

function diff(first: number | null, latest: number | null): number | null {
  return first === null || latest === null ? null : round2(latest - first)
}

/** Oldest first, by assessed_on then by the server's order. */
export function sortAssessments<T extends Pick<Assessment, 'assessed_on'>>(list: readonly T[]): T[] {
  return list
    .map((a, i) => ({ a, i }))
    .sort((x, y) => (x.a.assessed_on === y.a.assessed_on ? x.i - y.i : x.a.assessed_on < y.a.assessed_on ? -1 : 1))
    .map((x) => x.a)
}

/**
 * The change between the first and the latest assessment, per domain and per level (means of
 * the level's domains). The server's `change` and `levels` are used where it sent them.
 */
export function assessmentChange(list: Pick<AssessmentList, 'data' | 'change' | 'levels'>): AssessmentChange {
  const sorted = sortAssessments(list.data ?? [])
  const first = sorted[0] ?? null
  const latest = sorted[sorted.length - 1] ?? null
  const domains: DomainChangeRow[] = DOMAINS.map((domain) => {
    const level = domainLevel(domain) as DomainLevel
    const server = list.change?.[domain]
    if (server) {
      return { domain, level, first: r2(server.first), latest: r2(server.latest), delta: r2(server.delta) ?? diff(r2(server.first), r2(server.latest)) }
    }
    const f = scoreOf(first, domain)
    const l = scoreOf(latest, domain)
    return { domain, level, first: f, latest: l, delta: diff(f, l) }
  })
  const levels: LevelChangeRow[] = LEVELS.map((level) => {
    const server = list.levels?.[level]
    if (server) {
      return { level, first: r2(server.first), latest: r2(server.latest), delta: r2(server.delta) ?? diff(r2(server.first), r2(server.latest)) }
    }
    const rows = domains.filter((d) => d.level === level)
    const f = mean(rows.map((r) => r.first))
    const l = mean(rows.map((r) => r.latest))
    return { level, first: f, latest: l, delta: diff(f, l) }
  })
  return { domains, levels, comparable: sorted.length >= 2 }
}

/** `+1`, `-0.5`, `0`, or '' for none. */
export function formatDelta(delta: number | null | undefined): string {
  if (delta === null || delta === undefined) {
    return ''
  }
  return delta > 0 ? `+${delta}` : String(delta)
}

export function deltaClass(delta: number | null | undefined): string {
  if (!delta) {
    return ''
  }
  return delta > 0 ? 'delta-up' : 'delta-down'
}

/** The assessment form as edited: a score per domain, null until picked. */
export interface AssessmentForm {
  kind: AssessmentKind | ''
  assessed_on: string
  scores: { domain: Domain; score: number | undefined; evidence: string; strengths: string }[]
  risk_level: RiskLevel | ''
  summary: string
}

export function emptyAssessmentForm(kind: AssessmentKind | '' = '', today = ''): AssessmentForm {
  return {
    kind,
    assessed_on: today,
    scores: DOMAINS.map((domain) => ({ domain, score: undefined, evidence: '', strengths: '' })),
    risk_level: '',
    summary: '',
  }
}

/** What the assessment form sends: all 11 domains in DOMAINS order, empty texts left out. */
export function assessmentPayload(form: AssessmentForm) {
  return {
    kind: form.kind as AssessmentKind,
    assessed_on: form.assessed_on,
    scores: form.scores.map((s) => {
      const out: { domain: Domain; score: number; evidence?: string; strengths?: string } = { domain: s.domain, score: s.score as number }
      if (s.evidence.trim()) {
        out.evidence = s.evidence.trim()
      }
      if (s.strengths.trim()) {
        out.strengths = s.strengths.trim()
      }
      return out
    }),
    risk_level: form.risk_level as RiskLevel,
    ...(form.summary.trim() ? { summary: form.summary.trim() } : {}),
  }
}

// ---- Plan -------------------------------------------------------------------------------------

export interface PlanForm {
  goals: { key?: string; title: string; indicator: string; target_date: string }[]
  interventions: { description: string; goal_index: number | null; responsible_user_id: Id | null; responsible_name: string }[]
  resources: { name: string; note: string }[]
}

export function emptyGoal(): PlanForm['goals'][number] {
  return { title: '', indicator: '', target_date: '' }
}

export function emptyIntervention(): PlanForm['interventions'][number] {
  return { description: '', goal_index: null, responsible_user_id: null, responsible_name: '' }
}

export function emptyResource(): PlanForm['resources'][number] {
  return { name: '', note: '' }
}

/** The editor's starting point: the current plan's content, or one empty goal. */
export function planForm(plan: PlanInput | null | undefined): PlanForm {
  if (!plan) {
    return { goals: [emptyGoal()], interventions: [], resources: [] }
  }
  return {
    goals: (plan.goals ?? []).map((g) => ({
      ...(g.key ? { key: g.key } : {}),
      title: g.title ?? '',
      indicator: g.indicator ?? '',
      target_date: g.target_date ?? '',
    })),
    interventions: (plan.interventions ?? []).map((i) => ({
      description: i.description ?? '',
      goal_index: typeof i.goal_index === 'number' ? i.goal_index : null,
      responsible_user_id: i.responsible_user_id ?? null,
      responsible_name: i.responsible_name ?? '',
    })),
    resources: (plan.resources ?? []).map((r) => ({ name: r.name ?? '', note: r.note ?? '' })),
  }
}

/** What the editor sends: trimmed text; unset optional fields left out. */
export function planPayload(form: PlanForm): PlanInput {
  return {
    goals: form.goals.map((g) => ({
      ...(g.key ? { key: g.key } : {}),
      title: g.title.trim(),
      indicator: g.indicator.trim(),
      target_date: g.target_date,
    })),
    interventions: form.interventions.map((i) => {
      const out: PlanInput['interventions'][number] = { description: i.description.trim() }
      if (i.goal_index !== null && i.goal_index !== undefined && i.goal_index < form.goals.length) {
        out.goal_index = i.goal_index
      }
      if (i.responsible_user_id !== null && i.responsible_user_id !== undefined && i.responsible_user_id !== '') {
        out.responsible_user_id = i.responsible_user_id
      }
      if (i.responsible_name.trim()) {
        out.responsible_name = i.responsible_name.trim()
      }
      return out
    }),
    resources: form.resources.map((r) => (r.note.trim() ? { name: r.name.trim(), note: r.note.trim() } : { name: r.name.trim() })),
  }
}

/**
 * Goal indexes after removing goal `removed`: interventions pointing at it lose their goal,
 * those pointing past it move down by one.
 */
export function reindexAfterGoalRemoval(indexes: readonly (number | null)[], removed: number): (number | null)[] {
  return indexes.map((i) => (i === null ? null : i === removed ? null : i > removed ? i - 1 : i))
}

// ---- Service records --------------------------------------------------------------------------

export interface ServiceRecordForm {
  served_on: string
  start_time: string
  duration_minutes: number | null
  mode: ServiceMode | ''
  service_type: string
  participant_ids: Id[]
  staff_ids: Id[]
  content: string
  outcome: string
  next_step: string
  crisis: boolean
}

export function emptyServiceRecordForm(today = '', me: Id | null = null): ServiceRecordForm {
  return {
    served_on: today,
    start_time: '',
    duration_minutes: 60,
    mode: '',
    service_type: '',
    participant_ids: [],
    staff_ids: me === null ? [] : [me],
    content: '',
    outcome: '',
    next_step: '',
    crisis: false,
  }
}

export function serviceRecordPayload(form: ServiceRecordForm): ServiceRecordInput {
  const out: ServiceRecordInput = {
    served_on: form.served_on,
    duration_minutes: Number(form.duration_minutes),
    mode: form.mode as ServiceMode,
    service_type: form.service_type,
    participant_ids: [...form.participant_ids],
    staff_ids: [...form.staff_ids],
    content: form.content.trim(),
  }
  if (form.start_time) {
    out.start_time = form.start_time
  }
  if (form.outcome.trim()) {
    out.outcome = form.outcome.trim()
  }
  if (form.next_step.trim()) {
    out.next_step = form.next_step.trim()
  }
  if (form.crisis) {
    out.crisis = true
  }
  return out
}

/** Service hours from minutes, to one decimal. */
export function hours(minutes: number | null | undefined): number {
  return Math.round(((minutes ?? 0) / 60) * 10) / 10
}

/** 人次 and minutes of records, counted here when the server's metadata lacks them. */
export function serviceTotals(records: readonly Pick<ServiceRecordInput, 'participant_ids' | 'duration_minutes'>[]): {
  person_times: number
  minutes: number
} {
  return records.reduce(
    (acc, r) => ({
      person_times: acc.person_times + (r.participant_ids?.length ?? 0),
      minutes: acc.minutes + (r.duration_minutes ?? 0),
    }),
    { person_times: 0, minutes: 0 },
  )
}

export const CASE_TABS = ['assessment', 'plan', 'services', 'team', 'referrals', 'survey', 'closing', 'consents', 'attachments', 'timeline'] as const
export type CaseTab = (typeof CASE_TABS)[number]

/** The tab a case opens on: the one asked for (`?tab=`), else the one its state works in. */
export function defaultTab(state: string, wanted?: string | null): CaseTab {
  if (wanted && (CASE_TABS as readonly string[]).includes(wanted)) {
    return wanted as CaseTab
  }
  switch (state) {
    case 'planning':
    case 'plan_pending_approval':
      return 'plan'
    case 'in_service':
    case 'suspended':
      return 'services'
    case 'closing':
    case 'closed':
    case 'follow_up':
      return 'closing'
    case 'transferred':
      return 'referrals'
    default:
      return 'assessment'
  }
}

/** Translates a known code (`cases.<group>.<code>`), leaving anything else as it is. */
function maybeCode(t: Translate, te: (key: string) => boolean, group: string, code: string): string {
  const key = `cases.${group}.${code}`
  return te(key) ? t(key) : code
}

/**
 * A timeline event's summary and reason for reading: the codes the server writes there (an
 * assessment's `initial:high`, a plan's `v1 submitted`, a closing reason, a service type, a
 * referral mode, a consent type, a plan decision) as labels; other text unchanged.
 */
export function timelineText(
  t: Translate,
  te: (key: string) => boolean,
  e: Pick<TimelineEvent, 'kind' | 'summary' | 'reason' | 'to_state'>,
): { summary: string; reason: string } {
  const summary = (e.summary ?? '').trim()
  let reason = (e.reason ?? '').trim()
  let out = summary
  switch (e.kind) {
    case 'assessment': {
      const m = /^([a-z_]+):([a-z_]+)$/.exec(summary)
      if (m) {
        out = `${maybeCode(t, te, 'kind', m[1])} · ${t('cases.fields.risk_level')} ${maybeCode(t, te, 'risk', m[2])}`
      }
      break
    }
    case 'plan_version': {
      const m = /^v(\d+)\s+([a-z_]+)$/.exec(summary)
      if (m) {
        out = `${t('cases.plan.version', { n: m[1] })} · ${maybeCode(t, te, 'planStatus', m[2])}`
      }
      break
    }
    case 'plan_decision':
      out = summary ? maybeCode(t, te, 'planStatus', summary) : ''
      break
    case 'closing':
      out = summary ? maybeCode(t, te, 'closingReason', summary) : ''
      break
    case 'referral':
      out = summary ? maybeCode(t, te, 'referralMode', summary) : ''
      break
    case 'consent':
      out = summary ? maybeCode(t, te, 'consentType', summary) : ''
      break
    case 'follow_up':
      // The follow-up's due date.
      out = /^\d{4}-\d{2}-\d{2}$/.test(summary) ? t('cases.timeline.followUpDue', { date: summary }) : summary
      break
    case 'service_record': {
      const m = /^([a-z_]+)(\s.*)?$/.exec(summary)
      if (m) {
        out = `${maybeCode(t, te, 'serviceType', m[1])}${m[2] ?? ''}`
      }
      break
    }
    default:
      break
  }
  // A move to closed gives the closing reason as its reason.
  if (e.kind === 'state_change' && e.to_state === 'closed' && /^[a-z_]+$/.test(reason)) {
    reason = maybeCode(t, te, 'closingReason', reason)
  }
  return { summary: out, reason }
}
