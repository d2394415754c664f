import { describe, expect, it } from 'vitest'
import type { FormItemRule } from 'element-plus'
import { DOMAINS } from '@/api/caseTypes'
import {
  CASE_MAX,
  DURATION_MAX,
  assessmentRules,
  intakeRules,
  nonEmptyRule,
  pastDateRule,
  rangeRule,
  referralRules,
  serviceRecordRules,
} from './caseRules'

const echo = (key: string, params?: Record<string, unknown>) => (params ? `${key} ${JSON.stringify(params)}` : key)
const today = () => '2026-11-29'

/** Runs the validators of `rules` on `value`: the first error message, or null. */
async function check(rules: FormItemRule | FormItemRule[] | undefined, value: unknown): Promise<string | null> {
  for (const rule of ([] as FormItemRule[]).concat(rules ?? [])) {
    if (rule.validator) {
      const message = await new Promise<string | null>((resolve) => {
        ;(rule.validator as (r: unknown, v: unknown, cb: (e?: Error) => void) => void)(rule, value, (e) => resolve(e ? e.message : null))
      })
      if (message) {
        return message
      }
    } else if (rule.required && (value === '' || value === null || value === undefined)) {
      return String(rule.message)
    }
  }
  return null
}

describe('case form rules', () => {
  it('range: whole numbers within bounds, required', async () => {
    const r = rangeRule(echo, 1, 5)
    expect(await check(r, 3)).toBeNull()
    expect(await check(r, undefined)).toBe('errors.field.required')
    expect(await check(r, 6)).toBe('errors.rule.range {"min":1,"max":5}')
    expect(await check(r, 2.5)).toContain('errors.rule.range')
  })

  it('non-empty lists and dates not in the future', async () => {
    expect(await check(nonEmptyRule(echo, 'x.need'), [])).toBe('x.need')
    expect(await check(nonEmptyRule(echo), [1])).toBeNull()
    const d = pastDateRule(echo, today)
    expect(await check(d, '2026-11-29')).toBeNull()
    expect(await check(d, '2026-11-30')).toBe('cases.rules.notFuture')
    expect(await check(d, '')).toBe('errors.field.required')
  })

  it('intake: required choices, problem text, consent not in the future', async () => {
    const rules = intakeRules(echo, today)
    expect(await check(rules.presenting_problem, '  ')).toBe('errors.field.required')
    expect(await check(rules.presenting_problem, 'x'.repeat(CASE_MAX.presenting_problem + 1))).toContain('errors.rule.maxChars')
    expect(await check(rules.social_worker_id, null)).toBe('errors.field.required')
    expect(await check(rules.consent_given_on, null)).toBeNull()
    expect(await check(rules.consent_given_on, '2027-01-01')).toBe('cases.rules.notFuture')
  })

  it('assessment: a 1–5 score on each of the 11 domains', async () => {
    const rules = assessmentRules(echo, today)
    for (let i = 0; i < DOMAINS.length; i++) {
      expect(await check(rules[`scores.${i}.score`], undefined), `domain ${i}`).toBe('errors.field.required')
      expect(await check(rules[`scores.${i}.score`], 5)).toBeNull()
    }
    expect(rules[`scores.${DOMAINS.length}.score`]).toBeUndefined()
  })

  it('service record: duration 1–1440, a participant, content', async () => {
    const rules = serviceRecordRules(echo, today)
    expect(await check(rules.duration_minutes, 0)).toContain('errors.rule.range')
    expect(await check(rules.duration_minutes, DURATION_MAX)).toBeNull()
    expect(await check(rules.duration_minutes, DURATION_MAX + 1)).toContain('errors.rule.range')
    expect(await check(rules.participant_ids, [])).toBe('cases.service.needParticipant')
    expect(await check(rules.content, '')).toBe('errors.field.required')
  })

  it('referral: an organization and mode, or an external resource, as chosen', async () => {
    let external = false
    const rules = referralRules(echo, () => external)
    expect(await check(rules.to_organization_id, null)).toBe('errors.field.required')
    expect(await check(rules.external_resource, '')).toBeNull()
    external = true
    expect(await check(rules.to_organization_id, null)).toBeNull()
    expect(await check(rules.external_resource, ' ')).toBe('errors.field.required')
    expect(await check(rules.reason, '')).toBe('errors.field.required')
  })
})
