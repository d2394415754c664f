// Element Plus rules of the case-work forms. The server is authoritative (it answers 422 with the
// field); the text maxima here are this app's, pending the server's own (CASE_MAX).
import type { FormItemRule, FormRules } from 'element-plus'
import { DOMAINS } from '@/api/caseTypes'
import { requiredRule, textRule, type Translate } from './formRules'
import { textLength } from './limits'

type Callback = (error?: Error) => void

/** Maximum characters of the case forms' text fields. */
export const CASE_MAX = {
  presenting_problem: 2000,
  referral_note: 500,
  reason: 500,
  evidence: 500,
  strengths: 500,
  assessment_summary: 2000,
  goal_title: 200,
  indicator: 500,
  intervention: 500,
  responsible_name: 50,
  resource_name: 100,
  resource_note: 500,
  content: 4000,
  outcome: 2000,
  next_step: 1000,
  external_resource: 200,
  closing_summary: 4000,
  follow_up_note: 2000,
  consent_note: 500,
  decision_comment: 1000,
} as const

/** Service duration in minutes: 1–1440. */
export const DURATION_MIN = 1
export const DURATION_MAX = 1440

/** A whole number within [min, max]; required. */
export function rangeRule(t: Translate, min: number, max: number): FormItemRule {
  return {
    required: true,
    trigger: 'change',
    validator: (_rule: unknown, value: unknown, callback: Callback) => {
      if (value === null || value === undefined || value === '') {
        callback(new Error(t('errors.field.required')))
        return
      }
      const n = Number(value)
      callback(
        Number.isInteger(n) && n >= min && n <= max ? undefined : new Error(t('errors.rule.range', { min, max })),
      )
    },
  }
}

/** A non-empty list (checkboxes, multi-selects). */
export function nonEmptyRule(t: Translate, messageKey = 'errors.field.required'): FormItemRule {
  return {
    required: true,
    trigger: 'change',
    validator: (_rule: unknown, value: unknown, callback: Callback) => {
      callback(Array.isArray(value) && value.length > 0 ? undefined : new Error(t(messageKey)))
    },
  }
}

/** A date (YYYY-MM-DD) not after `today()`. */
export function pastDateRule(t: Translate, today: () => string): FormItemRule {
  return {
    required: true,
    trigger: 'change',
    validator: (_rule: unknown, value: string, callback: Callback) => {
      if (!value) {
        callback(new Error(t('errors.field.required')))
      } else {
        callback(value > today() ? new Error(t('cases.rules.notFuture')) : undefined)
      }
    },
  }
}

export function intakeRules(t: Translate, today: () => string): FormRules {
  return {
    household_id: [requiredRule(t, 'change')],
    referral_source: [requiredRule(t, 'change')],
    referral_note: [textRule(t, CASE_MAX.referral_note)],
    presenting_problem: [textRule(t, CASE_MAX.presenting_problem, true)],
    urgency: [requiredRule(t, 'change')],
    social_worker_id: [requiredRule(t, 'change')],
    supervisor_id: [requiredRule(t, 'change')],
    consent_given_on: [
      {
        trigger: 'change',
        validator: (_rule: unknown, value: string, callback: Callback) => {
          callback(value && value > today() ? new Error(t('cases.rules.notFuture')) : undefined)
        },
      },
    ],
  }
}

/** A reason that must be given (moves to rejected/suspended/back to service, declines, returns). */
export function reasonRules(t: Translate, required: boolean, max: number = CASE_MAX.reason): FormRules {
  return { reason: [textRule(t, max, required)] }
}

/** The assessment form: every domain scored (`scores.<i>.score`), kind, date, risk level. */
export function assessmentRules(t: Translate, today: () => string): FormRules {
  const rules: FormRules = {
    kind: [requiredRule(t, 'change')],
    assessed_on: [pastDateRule(t, today)],
    risk_level: [requiredRule(t, 'change')],
    summary: [textRule(t, CASE_MAX.assessment_summary)],
  }
  DOMAINS.forEach((_d, i) => {
    rules[`scores.${i}.score`] = [rangeRule(t, 1, 5)]
    rules[`scores.${i}.evidence`] = [textRule(t, CASE_MAX.evidence)]
    rules[`scores.${i}.strengths`] = [textRule(t, CASE_MAX.strengths)]
  })
  return rules
}

/** Rules of one goal row of the plan editor. */
export function goalRowRules(t: Translate): Record<'title' | 'indicator' | 'target_date', FormItemRule[]> {
  return {
    title: [textRule(t, CASE_MAX.goal_title, true)],
    indicator: [textRule(t, CASE_MAX.indicator, true)],
    target_date: [requiredRule(t, 'change')],
  }
}

export function interventionRowRules(t: Translate): Record<'description' | 'responsible_name', FormItemRule[]> {
  return {
    description: [textRule(t, CASE_MAX.intervention, true)],
    responsible_name: [textRule(t, CASE_MAX.responsible_name)],
  }
}

export function resourceRowRules(t: Translate): Record<'name' | 'note', FormItemRule[]> {
  return {
    name: [textRule(t, CASE_MAX.resource_name, true)],
    note: [textRule(t, CASE_MAX.resource_note)],
  }
}

/** The plan needs at least one goal. */
export function planRules(t: Translate): FormRules {
  return { goals: [nonEmptyRule(t, 'cases.plan.needGoal')] }
}

export function planDecisionRules(t: Translate, returning: boolean): FormRules {
  return { comment: [textRule(t, CASE_MAX.decision_comment, returning)] }
}

export function serviceRecordRules(t: Translate, today: () => string): FormRules {
  return {
    served_on: [pastDateRule(t, today)],
    duration_minutes: [rangeRule(t, DURATION_MIN, DURATION_MAX)],
    mode: [requiredRule(t, 'change')],
    service_type: [requiredRule(t, 'change')],
    participant_ids: [nonEmptyRule(t, 'cases.service.needParticipant')],
    content: [textRule(t, CASE_MAX.content, true)],
    outcome: [textRule(t, CASE_MAX.outcome)],
    next_step: [textRule(t, CASE_MAX.next_step)],
  }
}

/** Referral: to an organization (with a mode) or to an external resource; a reason always. */
export function referralRules(t: Translate, external: () => boolean): FormRules {
  const whenTarget = (isExternal: boolean): FormItemRule => ({
    trigger: 'change',
    validator: (_rule: unknown, value: unknown, callback: Callback) => {
      const needed = external() === isExternal
      const empty = value === null || value === undefined || (typeof value === 'string' && textLength(value) === 0)
      callback(needed && empty ? new Error(t('errors.field.required')) : undefined)
    },
  })
  return {
    to_organization_id: [whenTarget(false)],
    mode: [whenTarget(false)],
    external_resource: [whenTarget(true), textRule(t, CASE_MAX.external_resource)],
    reason: [textRule(t, CASE_MAX.reason, true)],
  }
}

export function closingRules(t: Translate): FormRules {
  return {
    reason: [requiredRule(t, 'change')],
    summary: [textRule(t, CASE_MAX.closing_summary, true)],
  }
}

export function followUpRules(t: Translate, today: () => string): FormRules {
  return {
    done_on: [pastDateRule(t, today)],
    note: [textRule(t, CASE_MAX.follow_up_note, true)],
  }
}

export function consentRules(t: Translate, today: () => string): FormRules {
  return {
    person_id: [requiredRule(t, 'change')],
    type: [requiredRule(t, 'change')],
    given_on: [pastDateRule(t, today)],
    note: [textRule(t, CASE_MAX.consent_note)],
  }
}

export function withdrawRules(t: Translate, today: () => string): FormRules {
  return {
    withdrawn_on: [pastDateRule(t, today)],
    reason: [textRule(t, CASE_MAX.reason, true)],
  }
}
