// Element Plus rules of the round editor, mirroring ParseRoundInput (src/modules/rounds/round.cpp):
// the server is authoritative, these catch the obvious before a round trip.
import type { FormItemRule, FormRules } from 'element-plus'
import { amountProblem, yuanToCents } from './finance'
import { requiredRule, textRule, type Translate } from './formRules'
import type { RoundForm } from './rounds'

type Callback = (error?: Error) => void

/** Maximum lengths of a round's texts; `reason` of a move, `note` of screening, decisions and conflicts. */
export const ROUND_MAX = { title: 100, theme: 200, guidelines: 20000, reason: 500, note: 1000 } as const

/** Which bound an amount breaks: min ≤ max ≤ total. Null while either side is no amount. */
export function grantBoundsProblem(form: Pick<RoundForm, 'total_budget_yuan' | 'min_grant_yuan' | 'max_grant_yuan'>): {
  min_grant_yuan?: 'above_max'
  max_grant_yuan?: 'above_total'
} {
  const total = yuanToCents(form.total_budget_yuan)
  const min = yuanToCents(form.min_grant_yuan)
  const max = yuanToCents(form.max_grant_yuan)
  const out: { min_grant_yuan?: 'above_max'; max_grant_yuan?: 'above_total' } = {}
  if (min !== null && max !== null && min > max) {
    out.min_grant_yuan = 'above_max'
  }
  if (max !== null && total !== null && max > total) {
    out.max_grant_yuan = 'above_total'
  }
  return out
}

function amountRule(t: Translate, field: 'total_budget_yuan' | 'min_grant_yuan' | 'max_grant_yuan', form: () => RoundForm): FormItemRule {
  return {
    required: true,
    trigger: 'blur',
    validator: (_r: unknown, value: string, cb: Callback) => {
      const problem = amountProblem(value) ?? (field === 'total_budget_yuan' ? undefined : grantBoundsProblem(form())[field])
      cb(problem ? new Error(t(problem === 'format' ? 'rounds.editor.amountHint' : `errors.field.${problem}`)) : undefined)
    },
  }
}

/** The round editor. `form` is read at validation time (cross-field checks). */
export function roundRules(t: Translate, form: () => RoundForm): FormRules {
  return {
    title: [textRule(t, ROUND_MAX.title, true)],
    theme: [textRule(t, ROUND_MAX.theme)],
    guidelines: [textRule(t, ROUND_MAX.guidelines)],
    total_budget_yuan: [amountRule(t, 'total_budget_yuan', form)],
    min_grant_yuan: [amountRule(t, 'min_grant_yuan', form)],
    max_grant_yuan: [amountRule(t, 'max_grant_yuan', form)],
    opens_at: [requiredRule(t, 'change')],
    closes_at: [
      requiredRule(t, 'change'),
      {
        trigger: 'change',
        validator: (_r: unknown, value: string, cb: Callback) => {
          const opens = form().opens_at
          cb(value && opens && value <= opens ? new Error(t('errors.field.before_opens')) : undefined)
        },
      },
    ],
    min_reviewers: [requiredRule(t, 'change')],
    notice_days: [requiredRule(t, 'change')],
  }
}

/** Limits of an objection and its resolution (src/modules/rounds/review_service.cpp). */
export const OBJECTION_MAX = { source: 200, content: 5000, resolution: 2000 } as const
