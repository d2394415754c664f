// Plain helpers of the registry pages (households and their members): labels, tags, and the
// payloads the forms send.
import {
  CATEGORIES,
  RELATIONS,
  type AssistanceCategory,
  type Category,
  type Gender,
  type Household,
  type HouseholdInput,
  type HouseholdUpdate,
  type Person,
  type PersonConditions,
  type PersonInput,
  type PersonUpdate,
  type Relation,
} from '@/api/types'
import { normalizeResidentId } from './residentId'

export type Translate = (key: string, params?: Record<string, unknown>) => string

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value)
}

export function isRelation(value: unknown): value is Relation {
  return typeof value === 'string' && (RELATIONS as readonly string[]).includes(value)
}

/** The label of an assistance category (低保, 特困, …); a code this app does not know shows as is. */
export function categoryLabel(t: Translate, category: string): string {
  return isCategory(category) ? t(`households.category.${category}`) : category
}

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

/** Tag colours: the statutory assistance (dibao, extreme poverty) stands out most. */
const CATEGORY_TAG_TYPES: Record<Category, TagType> = {
  dibao: 'danger',
  extreme_poverty: 'danger',
  low_income: 'warning',
  expenditure_poverty: 'warning',
  temporary_assistance: 'primary',
  policy_edge: 'info',
}

export function categoryTagType(category: string): TagType {
  return isCategory(category) ? CATEGORY_TAG_TYPES[category] : 'info'
}

/** The categories sorted in the order of CATEGORIES (unknown ones last), for stable tag lists. */
export function sortCategories<T extends { category: string }>(list: readonly T[] | null | undefined): T[] {
  const rank = (c: string) => (isCategory(c) ? CATEGORIES.indexOf(c) : CATEGORIES.length)
  return [...(list ?? [])].sort((a, b) => rank(a.category) - rank(b.category))
}

/** "2024-01-01 – 2025-12-31", or "from 2024-01-01" when open-ended. */
export function categoryValidity(t: Translate, c: Pick<AssistanceCategory, 'valid_from' | 'valid_to'>): string {
  return c.valid_to
    ? t('households.categoryValidity.range', { from: c.valid_from, to: c.valid_to })
    : t('households.categoryValidity.open', { from: c.valid_from })
}

export function relationLabel(t: Translate, relation: string): string {
  return isRelation(relation) ? t(`households.relation.${relation}`) : relation
}

export type MemberTag = 'minor' | 'elderly'

/** 未成年 (under 18) and 老年 (60 and over), from the server's flags. */
export function memberTags(p: Pick<Person, 'is_minor' | 'is_elderly'>): MemberTag[] {
  const tags: MemberTag[] = []
  if (p.is_minor) {
    tags.push('minor')
  }
  if (p.is_elderly) {
    tags.push('elderly')
  }
  return tags
}

/** The server's NormalizeMobile: full-width to ASCII, spaces and hyphens out, +86 / 0086 off. */
export function normalizeMobile(input: string | null | undefined): string {
  const s = (input ?? '')
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000-]/g, '')
  if (s.startsWith('+86')) {
    return s.slice(3)
  }
  return s.startsWith('0086') ? s.slice(4) : s
}

/** A mainland mobile number (optional): `format` unless 11 digits starting 13–19. */
export function mobileProblem(input: string | null | undefined): 'format' | null {
  const n = normalizeMobile(input)
  return n === '' || /^1[3-9][0-9]{9}$/.test(n) ? null : 'format'
}

/** The household form as edited: an open-ended category has valid_to ''. */
export interface HouseholdForm {
  district_code: string
  street_code: string
  community: string
  address_detail: string
  categories: { category: Category | ''; certificate: string; valid_from: string; valid_to: string | null }[]
  notes: string
}

export function emptyHouseholdForm(): HouseholdForm {
  return { district_code: '', street_code: '', community: '', address_detail: '', categories: [], notes: '' }
}

/** What the form sends: trimmed text, an empty valid_to as null. */
export function householdPayload(form: HouseholdForm): HouseholdInput {
  return {
    district_code: form.district_code,
    street_code: form.street_code,
    community: form.community.trim(),
    address_detail: form.address_detail.trim(),
    categories: form.categories.map((c) => ({
      category: c.category as Category,
      certificate: c.certificate.trim(),
      valid_from: c.valid_from,
      valid_to: c.valid_to ? c.valid_to : null,
    })),
    notes: form.notes.trim(),
  }
}

/**
 * The form of an existing household. The detail address arrives masked, so it starts empty:
 * left empty it is not sent (unchanged), anything typed replaces it.
 */
export function householdForm(h: Household): HouseholdForm {
  return {
    district_code: h.district_code ?? '',
    street_code: h.street_code ?? '',
    community: h.community ?? '',
    address_detail: '',
    categories: (h.categories ?? []).map((c) => ({
      category: isCategory(c.category) ? c.category : '',
      certificate: c.certificate ?? '',
      valid_from: c.valid_from ?? '',
      valid_to: c.valid_to ?? null,
    })),
    notes: h.notes ?? '',
  }
}

/** PUT /households/{id}: the create body plus `version`, without an address left empty. */
export function householdUpdatePayload(form: HouseholdForm, version: number): HouseholdUpdate {
  const { address_detail, ...rest } = householdPayload(form)
  return address_detail ? { ...rest, address_detail, version } : { ...rest, version }
}

/** The conditions part of the member form. */
export interface ConditionsForm {
  illness: string
  disability_type: string
  disability_grade: number | null
  living_alone: boolean
  school_work_status: string
}

export function emptyConditionsForm(): ConditionsForm {
  return { illness: '', disability_type: '', disability_grade: null, living_alone: false, school_work_status: '' }
}

/**
 * The conditions to send: only what was filled in (living_alone only when ticked), or undefined
 * when nothing was, so a member without any stays `has_conditions: false`.
 */
export function conditionsPayload(form: ConditionsForm): PersonConditions | undefined {
  const out: PersonConditions = {}
  for (const key of ['illness', 'disability_type', 'school_work_status'] as const) {
    const v = form[key].trim()
    if (v) {
      out[key] = v
    }
  }
  if (form.disability_grade !== null && form.disability_grade !== undefined) {
    out.disability_grade = form.disability_grade
  }
  if (form.living_alone) {
    out.living_alone = true
  }
  return Object.keys(out).length > 0 ? out : undefined
}

/** The member form as edited. */
export interface PersonForm {
  relation: Relation | ''
  name: string
  gender: Gender | ''
  birth_date: string
  id_number: string
  phone: string
  conditions: ConditionsForm
}

export function emptyPersonForm(): PersonForm {
  return { relation: '', name: '', gender: '', birth_date: '', id_number: '', phone: '', conditions: emptyConditionsForm() }
}

/** What the member form sends: the ID and phone normalized, empty optional parts left out. */
export function personPayload(form: PersonForm): PersonInput {
  const out: PersonInput = {
    relation: form.relation as Relation,
    name: form.name.trim(),
    gender: form.gender as Gender,
    birth_date: form.birth_date,
  }
  const id = normalizeResidentId(form.id_number)
  if (id) {
    out.id_number = id
  }
  const phone = normalizeMobile(form.phone)
  if (phone) {
    out.phone = phone
  }
  const conditions = conditionsPayload(form.conditions)
  if (conditions) {
    out.conditions = conditions
  }
  return out
}

/**
 * The form of an existing member: relation, name, gender and birth date as they are; ID number,
 * phone and conditions (masked or not shown) start empty and stay unchanged unless filled in.
 */
export function personForm(p: Pick<Person, 'relation' | 'name' | 'gender' | 'birth_date'>): PersonForm {
  return {
    ...emptyPersonForm(),
    relation: isRelation(p.relation) ? p.relation : '',
    name: p.name ?? '',
    gender: p.gender === 'male' || p.gender === 'female' ? p.gender : '',
    birth_date: p.birth_date ?? '',
  }
}

/** PUT /persons/{id}: what personPayload sends (empty sensitive fields left out) plus `version`. */
export function personUpdatePayload(form: PersonForm, version: number): PersonUpdate {
  return { ...personPayload(form), version }
}
