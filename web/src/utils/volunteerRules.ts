// Element Plus rules of the volunteer forms. The server is authoritative (422 names the field);
// these catch the obvious before a round trip.
import type { FormItemRule, FormRules } from 'element-plus'
import { nonEmptyRule, pastDateRule } from './caseRules'
import { passwordRule, requiredRule, textRule, usernameRule, type Translate } from './formRules'
import { mobileProblem } from './registry'
import { parseResidentId, residentIdProblem } from './residentId'
import { VISIT_MAX, VISIT_MINUTES_MAX, VISIT_MINUTES_MIN, durationMinutes, latestBirthDateAt16, type DurationUnit } from './volunteers'

type Callback = (error?: Error) => void

/** Maximum characters of the volunteer forms' text fields (the server's, src/modules/volunteers). */
export const VOLUNTEER_MAX = {
  name: 50,
  motivation: 500,
  qualification: 100,
  qualification_number: 50,
  employer: 100,
  role: 50,
  reason: 500,
} as const

/** The public sign-up: every field but the motivation; ID number, birth date and gender agree. */
export function signupRules(
  t: Translate,
  today: () => string,
  form: () => { id_number: string; username: string; password: string },
): FormRules {
  const fromId = () => parseResidentId(form().id_number)
  const agrees = (part: 'birthDate' | 'gender'): FormItemRule => ({
    trigger: 'change',
    validator: (_rule: unknown, value: string, callback: Callback) => {
      const id = fromId()
      callback(id && value && id[part] !== value ? new Error(t('volunteers.rules.mismatchId')) : undefined)
    },
  })
  return {
    name: [textRule(t, VOLUNTEER_MAX.name, true)],
    gender: [requiredRule(t, 'change'), agrees('gender')],
    birth_date: [
      requiredRule(t, 'change'),
      agrees('birthDate'),
      {
        trigger: 'change',
        validator: (_rule: unknown, value: string, callback: Callback) => {
          callback(value && value > latestBirthDateAt16(today()) ? new Error(t('errors.field.too_young')) : undefined)
        },
      },
    ],
    id_number: [
      {
        required: true,
        trigger: 'blur',
        validator: (_rule: unknown, value: string, callback: Callback) => {
          const problem = residentIdProblem(value)
          callback(problem ? new Error(t(`errors.field.${problem}`)) : undefined)
        },
      },
    ],
    phone: [
      {
        required: true,
        trigger: 'blur',
        validator: (_rule: unknown, value: string, callback: Callback) => {
          const problem = value ? mobileProblem(value) : 'required'
          callback(problem ? new Error(t(`errors.field.${problem}`)) : undefined)
        },
      },
    ],
    district_code: [requiredRule(t, 'change')],
    street_code: [requiredRule(t, 'change')],
    languages: [nonEmptyRule(t)],
    organization_ids: [
      nonEmptyRule(t),
      {
        trigger: 'change',
        validator: (_rule: unknown, value: unknown[], callback: Callback) => {
          callback(Array.isArray(value) && value.length > 3 ? new Error(t('volunteers.rules.orgsMax', { max: 3 })) : undefined)
        },
      },
    ],
    motivation: [textRule(t, VOLUNTEER_MAX.motivation)],
    username: [usernameRule(t)],
    password: [passwordRule(t, () => form().username)],
    password_confirm: [
      {
        required: true,
        trigger: 'blur',
        validator: (_rule: unknown, value: string, callback: Callback) => {
          callback(value !== form().password ? new Error(t('volunteers.rules.passwordMismatch')) : undefined)
        },
      },
    ],
  }
}

/** A visit: a date between the pairing's start and today, 1–720 minutes, what was done. */
export function visitRules(t: Translate, today: () => string, startedOn: () => string | null | undefined, unit: () => DurationUnit): FormRules {
  return {
    visited_on: [
      pastDateRule(t, today),
      {
        trigger: 'change',
        validator: (_rule: unknown, value: string, callback: Callback) => {
          const start = startedOn()
          callback(value && start && value < start ? new Error(t('volunteers.rules.beforeStart', { date: start })) : undefined)
        },
      },
    ],
    duration: [
      {
        required: true,
        trigger: 'change',
        validator: (_rule: unknown, value: number | null, callback: Callback) => {
          const m = durationMinutes(value, unit())
          if (m === null) {
            callback(new Error(t('errors.field.required')))
          } else {
            callback(m < VISIT_MINUTES_MIN || m > VISIT_MINUTES_MAX ? new Error(t('volunteers.rules.duration', { max: VISIT_MINUTES_MAX / 60 })) : undefined)
          }
        },
      },
    ],
    activities: [textRule(t, VISIT_MAX.activities, true)],
  }
}

export function professionalRules(t: Translate): FormRules {
  return {
    name: [textRule(t, VOLUNTEER_MAX.name, true)],
    profession: [requiredRule(t, 'change')],
    qualification: [textRule(t, VOLUNTEER_MAX.qualification, true)],
    qualification_number: [textRule(t, VOLUNTEER_MAX.qualification_number)],
    employer: [textRule(t, VOLUNTEER_MAX.employer)],
    phone: [
      {
        trigger: 'blur',
        validator: (_rule: unknown, value: string, callback: Callback) => {
          const problem = mobileProblem(value)
          callback(problem ? new Error(t(`errors.field.${problem}`)) : undefined)
        },
      },
    ],
  }
}

/** Proposing a pairing: a volunteer, purpose, cadence, start; the planned end after the start. */
export function pairingRules(t: Translate, startedOn: () => string): FormRules {
  return {
    volunteer_id: [requiredRule(t, 'change')],
    purpose: [textRule(t, VISIT_MAX.purpose, true)],
    cadence: [requiredRule(t, 'change')],
    started_on: [requiredRule(t, 'change')],
    planned_end_on: [
      {
        trigger: 'change',
        validator: (_rule: unknown, value: string, callback: Callback) => {
          callback(value && startedOn() && value <= startedOn() ? new Error(t('errors.field.before_start')) : undefined)
        },
      },
    ],
  }
}

/** Adding a team member: the kind, who, from when. */
export function teamMemberRules(t: Translate): FormRules {
  return {
    kind: [requiredRule(t, 'change')],
    who: [requiredRule(t, 'change')],
    role: [textRule(t, VOLUNTEER_MAX.role)],
    started_on: [requiredRule(t, 'change')],
  }
}

/** A certificate period: both dates, `to` not before `from`, not in the future. */
export function certificateRules(t: Translate, today: () => string, from: () => string): FormRules {
  return {
    from: [pastDateRule(t, today)],
    to: [
      pastDateRule(t, today),
      {
        trigger: 'change',
        validator: (_rule: unknown, value: string, callback: Callback) => {
          callback(value && from() && value < from() ? new Error(t('errors.field.before_start')) : undefined)
        },
      },
    ],
  }
}

/** A reason (reject, status change, reveal, end, grants): required, at most 500 characters. */
export function volunteerReasonRules(t: Translate, required = true): FormRules {
  return { reason: [textRule(t, VOLUNTEER_MAX.reason, required)] }
}

/** The duration range of a visit as the number input shows it. */
export function durationBounds(unit: DurationUnit): { min: number; max: number; step: number; precision: number } {
  return unit === 'hours'
    ? { min: 0.5, max: VISIT_MINUTES_MAX / 60, step: 0.5, precision: 1 }
    : { min: VISIT_MINUTES_MIN, max: VISIT_MINUTES_MAX, step: 15, precision: 0 }
}
