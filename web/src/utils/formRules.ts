// Element Plus form rules built from the server's limits (limits.ts). Each form takes its rules
// from here, so formRules.test.ts can check the very rules the forms use against the limits.
import type { FormItemRule, FormRules } from 'element-plus'
import { creditCodeProblem } from './creditCode'
import { mobileProblem } from './registry'
import { parseResidentId, residentIdProblem } from './residentId'
import {
  DISPLAY_NAME_MAX,
  HOUSEHOLD_MAX,
  ORGANIZATION_MAX,
  PERSON_MAX,
  REVEAL_REASON_MAX,
  REVEAL_REASON_MIN,
  PASSWORD_MAX,
  PASSWORD_MIN,
  USERNAME_MAX,
  USERNAME_MIN,
  passwordProblem,
  textLength,
  textProblem,
  usernameProblem,
  type LimitProblem,
} from './limits'

export type Translate = (key: string, params?: Record<string, unknown>) => string
type Callback = (error?: Error) => void

/** The message for a problem found by a check of limits.ts, naming the limit where there is one. */
export function problemMessage(t: Translate, problem: LimitProblem, limits: { min?: number; max?: number } = {}): string {
  if (problem === 'too_long' && limits.max !== undefined) {
    return t('errors.rule.maxChars', { max: limits.max })
  }
  if (problem === 'too_short' && limits.min !== undefined) {
    return t('errors.rule.minChars', { min: limits.min })
  }
  if (problem === 'format' && limits.min !== undefined && limits.max !== undefined) {
    return t('errors.rule.username', { min: limits.min, max: limits.max })
  }
  return t(`errors.field.${problem}`)
}

function rule(
  t: Translate,
  trigger: 'blur' | 'change',
  required: boolean,
  check: (value: string) => LimitProblem | null,
  limits: { min?: number; max?: number } = {},
): FormItemRule {
  return {
    required,
    trigger,
    validator: (_rule: unknown, value: string, callback: Callback) => {
      const problem = check(value)
      callback(problem ? new Error(problemMessage(t, problem, limits)) : undefined)
    },
  }
}

/** A text field of at most `max` characters (trimmed, counted as the server counts). */
export function textRule(t: Translate, max: number, required = false): FormItemRule {
  return rule(t, 'blur', required, (v) => textProblem(v, max, required), { max })
}

export function requiredRule(t: Translate, trigger: 'blur' | 'change' = 'blur'): FormItemRule {
  return { required: true, message: t('errors.field.required'), trigger }
}

/** A new username: 3–64 characters of a-z 0-9 . _ - (upper-case letters are lower-cased). */
export function usernameRule(t: Translate): FormItemRule {
  return rule(t, 'blur', true, usernameProblem, { min: USERNAME_MIN, max: USERNAME_MAX })
}

/**
 * A new password: 10–256 characters, not the username; with `current`, not the current password.
 * The getters are read at validation time (the username may be typed on the same form).
 */
export function passwordRule(t: Translate, username: () => string | null | undefined, current?: () => string): FormItemRule {
  return rule(t, 'blur', true, (v) => passwordProblem(v, username(), current?.()), { min: PASSWORD_MIN, max: PASSWORD_MAX })
}

/** The organization form (create and edit). */
export function organizationRules(t: Translate): FormRules {
  return {
    name: [textRule(t, ORGANIZATION_MAX.name, true)],
    credit_code: [
      {
        required: true,
        trigger: 'blur',
        validator: (_rule: unknown, value: string, callback: Callback) => {
          const problem = creditCodeProblem(value)
          callback(problem ? new Error(t(`errors.field.${problem}`)) : undefined)
        },
      },
    ],
    org_type: [requiredRule(t, 'change')],
    registered_district: [requiredRule(t, 'change')],
    contact_name: [textRule(t, ORGANIZATION_MAX.contact_name)],
    contact_phone: [textRule(t, ORGANIZATION_MAX.contact_phone)],
    contact_email: [textRule(t, ORGANIZATION_MAX.contact_email)],
    address: [textRule(t, ORGANIZATION_MAX.address)],
  }
}

/**
 * The user form's text fields. Creating: username, display name and initial password (checked
 * against the username typed on the form). Editing: the display name only.
 */
export function userRules(t: Translate, creating: boolean, username: () => string): FormRules {
  return creating
    ? {
        username: [usernameRule(t)],
        display_name: [textRule(t, DISPLAY_NAME_MAX, true)],
        password: [passwordRule(t, username)],
      }
    : { display_name: [textRule(t, DISPLAY_NAME_MAX, true)] }
}

/** The household form. Each category row has its own rules (`categoryRowRules`). */
export function householdRules(t: Translate): FormRules {
  return {
    district_code: [requiredRule(t, 'change')],
    street_code: [requiredRule(t, 'change')],
    community: [textRule(t, HOUSEHOLD_MAX.community)],
    address_detail: [textRule(t, HOUSEHOLD_MAX.address_detail)],
    notes: [textRule(t, HOUSEHOLD_MAX.notes)],
  }
}

/**
 * Rules of one category row: a category, a start date, and an end date (optional) not before
 * the start. `validFrom` is read at validation time.
 */
export function categoryRowRules(t: Translate, validFrom: () => string): Record<'category' | 'valid_from' | 'valid_to', FormItemRule[]> {
  return {
    category: [requiredRule(t, 'change')],
    valid_from: [requiredRule(t, 'change')],
    valid_to: [
      {
        trigger: 'change',
        validator: (_rule: unknown, value: string | null, callback: Callback) => {
          const from = validFrom()
          callback(value && from && value < from ? new Error(t('households.form.validToBeforeFrom')) : undefined)
        },
      },
    ],
  }
}

/**
 * The member form. The ID number is optional, but when given it must be valid (format, province
 * and birth date, GB 11643 check character), and birth date and gender must agree with it (the
 * server answers 422 `mismatch` otherwise). `idNumber` is read at validation time.
 */
export function personRules(t: Translate, idNumber: () => string): FormRules {
  const fromId = () => parseResidentId(idNumber())
  const agrees = (part: 'birthDate' | 'gender'): FormItemRule => ({
    trigger: 'change',
    validator: (_rule: unknown, value: string, callback: Callback) => {
      const id = fromId()
      callback(id && value && id[part] !== value ? new Error(t('households.person.form.mismatchId')) : undefined)
    },
  })
  return {
    relation: [requiredRule(t, 'change')],
    name: [textRule(t, PERSON_MAX.name, true)],
    gender: [requiredRule(t, 'change'), agrees('gender')],
    birth_date: [requiredRule(t, 'change'), agrees('birthDate')],
    id_number: [
      {
        trigger: 'blur',
        validator: (_rule: unknown, value: string, callback: Callback) => {
          const problem = residentIdProblem(value)
          callback(problem && problem !== 'required' ? new Error(t(`errors.field.${problem}`)) : undefined)
        },
      },
    ],
    phone: [
      {
        trigger: 'blur',
        validator: (_rule: unknown, value: string, callback: Callback) => {
          const problem = mobileProblem(value)
          callback(problem ? new Error(t(`errors.field.${problem}`)) : undefined)
        },
      },
    ],
    'conditions.illness': [textRule(t, PERSON_MAX.illness)],
    'conditions.disability_type': [textRule(t, PERSON_MAX.disability_type)],
    'conditions.school_work_status': [textRule(t, PERSON_MAX.school_work_status)],
  }
}

/** The reason to see a person's sensitive fields: required, 2–200 characters. */
export function revealRules(t: Translate): FormRules {
  return {
    reason: [
      rule(
        t,
        'blur',
        true,
        (v) => {
          const problem = textProblem(v, REVEAL_REASON_MAX, true)
          return problem ?? (textLength(v) < REVEAL_REASON_MIN ? 'too_short' : null)
        },
        { min: REVEAL_REASON_MIN, max: REVEAL_REASON_MAX },
      ),
    ],
  }
}
