// Plain helpers of the volunteer pages: labels of the vocabularies, the explanation of a pairing
// suggestion's score, hours, the weekly slot grid, and the payloads the forms send.
import {
  CADENCE_DAYS,
  DAYS,
  DAY_PARTS,
  SCORE_FACTORS,
  SLOTS,
  type Cadence,
  type Concern,
  type ConcernType,
  type Day,
  type DayPart,
  type Language,
  type PairingBoardRow,
  type ScorePart,
  type Skill,
  type Slot,
  type Visit,
  type VisitInput,
  type VolunteerSignupInput,
  type VolunteerHours,
} from '@/api/volunteerTypes'
import type { ServiceType } from '@/api/caseTypes'
import type { Gender, Id } from '@/api/types'
import type { TagType, Translate } from './registry'
import { normalizeMobile } from './registry'
import { normalizeResidentId } from './residentId'

type Te = (key: string) => boolean

/**
 * A label from `volunteers.<group>.<code>` when known, else the code itself. Groups: skill,
 * language, status, membership, check, profession, kind, teamRole, grant, pairingStatus, cadence,
 * visitStatus, concern, factor.
 */
export function vLabel(t: Translate, te: Te, group: string, code: string | null | undefined): string {
  if (!code) {
    return ''
  }
  const key = `volunteers.${group}.${code}`
  return te(key) ? t(key) : code
}

/** Labels of a list of codes, joined with the locale's separator. */
export function vLabels(t: Translate, te: Te, group: string, codes: readonly string[] | null | undefined): string {
  return (codes ?? []).map((c) => vLabel(t, te, group, c)).join(t('volunteers.separator'))
}

export function isSlot(value: unknown): value is Slot {
  return typeof value === 'string' && (SLOTS as readonly string[]).includes(value)
}

/** `sat_am` → 周六上午. */
export function slotLabel(t: Translate, slot: string): string {
  const [day, part] = slot.split('_')
  if (!isSlot(slot)) {
    return slot
  }
  return t('volunteers.slot', { day: t(`volunteers.day.${day}`), part: t(`volunteers.part.${part}`) })
}

export function slotOf(day: Day, part: DayPart): Slot {
  return `${day}_${part}`
}

/** The slots in grid order (Monday morning first), unknown codes and duplicates dropped. */
export function sortSlots(slots: readonly string[] | null | undefined): Slot[] {
  const set = new Set(slots ?? [])
  return SLOTS.filter((s) => set.has(s))
}

/** Adds or removes one slot, keeping grid order. */
export function toggleSlot(slots: readonly string[], slot: Slot, on: boolean): Slot[] {
  const set = new Set(sortSlots(slots))
  if (on) {
    set.add(slot)
  } else {
    set.delete(slot)
  }
  return sortSlots([...set])
}

/** Every slot of a day (a row of the grid) or of a part of the day (a column) on or off. */
export function toggleSlots(slots: readonly string[], which: readonly Slot[], on: boolean): Slot[] {
  let out = sortSlots(slots)
  for (const s of which) {
    out = toggleSlot(out, s, on)
  }
  return out
}

export const daySlots = (day: Day): Slot[] => DAY_PARTS.map((p) => slotOf(day, p))
export const partSlots = (part: DayPart): Slot[] => DAYS.map((d) => slotOf(d, part))

// ---- Tags ------------------------------------------------------------------------------------

const TAGS: Record<string, Record<string, TagType>> = {
  status: { applicant: 'warning', active: 'success', paused: 'info', left: 'info' },
  membership: { pending: 'warning', approved: 'success', rejected: 'danger' },
  check: { none: 'info', pending: 'warning', passed: 'success', failed: 'danger' },
  pairingStatus: { proposed: 'warning', active: 'success', paused: 'info', declined: 'info', ended: 'info' },
  visitStatus: { logged: 'warning', confirmed: 'success', queried: 'danger' },
}

export function tagType(group: keyof typeof TAGS | string, code: string | null | undefined): TagType {
  return (code && TAGS[group]?.[code]) || 'info'
}

// ---- Hours -----------------------------------------------------------------------------------

/** Hours from minutes, to one decimal. */
export function minutesToHours(minutes: number | null | undefined): number {
  return Math.round(((minutes ?? 0) / 60) * 10) / 10
}

/** `1.5`, `12`, `0` — hours of minutes for display. */
export function formatHours(minutes: number | null | undefined): string {
  return String(minutesToHours(minutes))
}

/** "1 小时 30 分钟" style: whole hours and the minutes left. */
export function formatDuration(t: Translate, minutes: number | null | undefined): string {
  const m = Math.max(0, Math.round(minutes ?? 0))
  const h = Math.floor(m / 60)
  const rest = m % 60
  if (h === 0) {
    return t('volunteers.duration.minutes', { m: rest })
  }
  return rest === 0 ? t('volunteers.duration.hours', { h }) : t('volunteers.duration.hoursMinutes', { h, m: rest })
}

/** The months of `by_month` in order with their hours, for the bar chart. */
export function hoursChartSeries(byMonth: VolunteerHours['by_month'] | null | undefined): { months: string[]; hours: number[] } {
  const rows = [...(byMonth ?? [])].sort((a, b) => a.month.localeCompare(b.month))
  return { months: rows.map((r) => r.month), hours: rows.map((r) => minutesToHours(r.minutes)) }
}

// ---- Score explanation -----------------------------------------------------------------------

/** The parts in the display order of SCORE_FACTORS (unknown factors last). */
export function sortParts(parts: readonly ScorePart[] | null | undefined): ScorePart[] {
  const rank = (f: string) => {
    const i = (SCORE_FACTORS as readonly string[]).indexOf(f)
    return i < 0 ? SCORE_FACTORS.length : i
  }
  return [...(parts ?? [])].sort((a, b) => rank(a.factor) - rank(b.factor))
}

/**
 * One part's explanation in words: `volunteers.reason.<factor>.<reason>` with the points, the
 * maximum, the matched skills / languages / slots as labels and the volunteer's pairings; an
 * unknown reason reads as the generic "{points} of {max}".
 */
export function partExplanation(t: Translate, te: Te, part: ScorePart): string {
  const matchedGroup = part.factor === 'skills' ? 'skill' : part.factor === 'language' ? 'language' : ''
  let matched = ''
  if (part.factor === 'availability') {
    matched = (part.matched ?? []).map((s) => slotLabel(t, s)).join(t('volunteers.separator'))
  } else if (matchedGroup) {
    matched = vLabels(t, te, matchedGroup, part.matched)
  }
  const params = {
    points: part.points,
    max: part.max,
    matched: matched || t('volunteers.reason.nothing'),
    count: (part.matched ?? []).length,
    pairings: part.pairings ?? 0,
  }
  const key = `volunteers.reason.${part.factor}.${part.reason}`
  if (te(key)) {
    return t(key, params)
  }
  return part.reason ? t('volunteers.reason.other', { ...params, reason: part.reason }) : t('volunteers.reason.generic', params)
}

/** A part's share of its maximum in percent (0–100), for a small bar. */
export function partPercent(part: Pick<ScorePart, 'points' | 'max'>): number {
  if (!part.max) {
    return 0
  }
  return Math.max(0, Math.min(100, Math.round((part.points / part.max) * 100)))
}

export function scoreTagType(score: number): TagType {
  return score >= 75 ? 'success' : score >= 50 ? 'primary' : score >= 30 ? 'warning' : 'info'
}

// ---- Pairings and visits ---------------------------------------------------------------------

/** A date picker's day (local midnight) as `YYYY-MM-DD`. */
export function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/**
 * The next due date when the server did not send one: one cadence period after the last visit,
 * or after the start.
 */
export function nextDue(lastOrStart: string | null | undefined, cadence: Cadence): string {
  return lastOrStart ? addDays(lastOrStart, CADENCE_DAYS[cadence] ?? 30) : ''
}

/** A row of the confirmation queue: the visit with its case number and volunteer's name. */
export interface QueueRow extends Visit {
  case_number: string
  volunteer_name: string
}

/** Joins the queue's visits with the board's pairings (for the case number and volunteer name). */
export function queueRows(visits: readonly Visit[], pairings: readonly PairingBoardRow[]): QueueRow[] {
  const byId = new Map(pairings.map((p) => [String(p.id), p]))
  return visits.map((v) => {
    const p = byId.get(String(v.pairing_id))
    return {
      ...v,
      case_number: v.case_number || p?.case_number || String(v.case_id ?? ''),
      volunteer_name: v.volunteer_name || p?.volunteer?.name || '',
    }
  })
}

export const DURATION_UNITS = ['minutes', 'hours'] as const
export type DurationUnit = (typeof DURATION_UNITS)[number]

/** A visit's duration limits in minutes. */
export const VISIT_MINUTES_MIN = 1
export const VISIT_MINUTES_MAX = 720
export const VISIT_MAX = { activities: 2000, concern_note: 500, reason: 500, purpose: 500, comment: 500 } as const

/** Minutes of a duration typed in minutes or hours (hours may have decimals); null when empty. */
export function durationMinutes(value: number | string | null | undefined, unit: DurationUnit): number | null {
  if (value === null || value === undefined || value === '') {
    return null
  }
  const n = Number(value)
  if (!Number.isFinite(n)) {
    return null
  }
  return unit === 'hours' ? Math.round(n * 60) : Math.round(n)
}

export interface VisitForm {
  visited_on: string
  duration: number | null
  unit: DurationUnit
  activities: string
  service_type: string
  concerns: { type: ConcernType | ''; note: string }[]
}

export function emptyVisitForm(today = ''): VisitForm {
  return { visited_on: today, duration: 60, unit: 'minutes', activities: '', service_type: '', concerns: [] }
}

/** The form of an existing visit (to edit a queried one): minutes as they were. */
export function visitForm(visit: Visit): VisitForm {
  return {
    visited_on: visit.visited_on,
    duration: visit.duration_minutes,
    unit: 'minutes',
    activities: visit.activities ?? '',
    service_type: visit.service_type ?? '',
    concerns: (visit.concerns ?? []).map((c) => ({ type: c.type, note: c.note ?? '' })),
  }
}

export function visitPayload(form: VisitForm): VisitInput {
  const concerns: Concern[] = form.concerns
    .filter((c) => c.type !== '')
    .map((c) => ({ type: c.type as ConcernType, note: c.note.trim() }))
  const body: VisitInput = {
    visited_on: form.visited_on,
    duration_minutes: durationMinutes(form.duration, form.unit) ?? 0,
    activities: form.activities.trim(),
  }
  if (form.service_type) {
    body.service_type = form.service_type
  }
  if (concerns.length > 0) {
    body.concerns = concerns
  }
  return body
}

/**
 * The service types a visit may name when `GET /service-types` does not answer: the ones a
 * volunteer's visit is likely to be, named by the locale files (`cases.serviceType.<code>`).
 */
export const VISIT_SERVICE_TYPES_FALLBACK: readonly ServiceType[] = [
  'tutoring',
  'life_care',
  'psychological_support',
  'social_integration',
  'health_rehabilitation',
  'resource_linking',
  'other',
].map((code) => ({ code, name: code }))

/**
 * A service type's name in the given locale: the catalogue's own name in that language (the
 * foundation keeps it), else the locale file's, else whatever name it came with, else the code.
 */
export function serviceTypeLabel(t: Translate, te: Te, locale: string, s: ServiceType): string {
  const own = locale.startsWith('en') ? s.name_en : s.name_zh
  if (own) {
    return own
  }
  const key = `cases.serviceType.${s.code}`
  if (te(key)) {
    return t(key)
  }
  return s.name || s.code
}

/** The list to pick from, with the visit's current type kept at the end when the list lacks it (retired). */
export function withServiceType(list: readonly ServiceType[], code: string | null | undefined): ServiceType[] {
  if (!code || list.some((s) => s.code === code)) {
    return [...list]
  }
  return [...list, { code, name: code }]
}

// ---- Sign-up ---------------------------------------------------------------------------------

export interface SignupForm {
  name: string
  gender: Gender | ''
  birth_date: string
  id_number: string
  phone: string
  district_code: string
  street_code: string
  skills: Skill[]
  languages: Language[]
  availability: Slot[]
  organization_ids: Id[]
  works_with_minors: boolean
  motivation: string
  username: string
  password: string
  password_confirm: string
}

export function emptySignupForm(): SignupForm {
  return {
    name: '',
    gender: '',
    birth_date: '',
    id_number: '',
    phone: '',
    district_code: '',
    street_code: '',
    skills: [],
    languages: ['mandarin'],
    availability: [],
    organization_ids: [],
    works_with_minors: false,
    motivation: '',
    username: '',
    password: '',
    password_confirm: '',
  }
}

export function signupPayload(form: SignupForm): VolunteerSignupInput {
  const body: VolunteerSignupInput = {
    name: form.name.trim(),
    gender: form.gender as Gender,
    birth_date: form.birth_date,
    id_number: normalizeResidentId(form.id_number),
    phone: normalizeMobile(form.phone),
    district_code: form.district_code,
    street_code: form.street_code,
    skills: [...form.skills],
    languages: [...form.languages],
    availability: sortSlots(form.availability),
    organization_ids: [...form.organization_ids],
    works_with_minors: form.works_with_minors,
    username: form.username.trim(),
    password: form.password,
  }
  const motivation = form.motivation.trim()
  if (motivation) {
    body.motivation = motivation
  }
  return body
}

/** The latest birth date of someone 16 or older on `today`. */
export function latestBirthDateAt16(today: string): string {
  const [y, m, d] = today.split('-')
  const year = String(Number(y) - 16).padStart(4, '0')
  // 29 February of a leap year: the 16th birthday falls on 1 March of a common year.
  if (m === '02' && d === '29') {
    return `${year}-02-28`
  }
  return `${year}-${m}-${d}`
}

/** The given names to show for a family ("小明、王奶奶"), or a placeholder. */
export function familyNames(t: Translate, names: readonly string[] | null | undefined): string {
  const list = (names ?? []).filter((n) => n)
  return list.length > 0 ? list.join(t('volunteers.separator')) : t('volunteers.me.familyUnnamed')
}

/** Any JSON value as readable lines: an object's values side by side (ids left out), a list one entry a line. */
export function plainText(value: unknown): string {
  if (value === null || value === undefined) {
    return ''
  }
  if (Array.isArray(value)) {
    return value.map(plainText).filter((s) => s).join('\n')
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => v !== null && v !== undefined && v !== '' && k !== 'person_id')
      .map(([, v]) => (typeof v === 'object' ? plainText(v) : String(v)))
      .join(' ')
  }
  return String(value)
}

const GRANTED_KEYS: readonly [string, string][] = [
  ['id_numbers', 'id_number'],
  ['id_number', 'id_number'],
  ['income', 'income'],
  ['health', 'health'],
]

/** What the lead social worker granted a volunteer, as labelled rows (nothing when nothing was granted). */
export function grantedRows(t: Translate, granted: Record<string, unknown> | null | undefined): { key: string; label: string; value: string }[] {
  const out: { key: string; label: string; value: string }[] = []
  for (const [key, grant] of GRANTED_KEYS) {
    const value = plainText(granted?.[key])
    if (value) {
      out.push({ key, label: t(`volunteers.grant.${grant}`), value })
    }
  }
  return out
}
