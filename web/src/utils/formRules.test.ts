import { beforeEach, describe, expect, it } from 'vitest'
import type { FormItemRule, FormRules } from 'element-plus'
import { setLocale, t } from '@/locales'
import { makeCreditCode } from './creditCode'
import {
  categoryRowRules,
  householdRules,
  organizationRules,
  passwordRule,
  personRules,
  problemMessage,
  revealRules,
  userRules,
} from './formRules'

/** Runs the validators of a field's rules the way the form does; the first error message, or null. */
function check(rules: FormRules, field: string, value: unknown): string | null {
  const list = ([] as FormItemRule[]).concat((rules[field] ?? []) as FormItemRule | FormItemRule[])
  expect(list.length, `rules for ${field}`).toBeGreaterThan(0)
  for (const rule of list) {
    if (typeof rule.validator !== 'function') {
      if (rule.required && (value === '' || value === null || value === undefined)) {
        return String(rule.message)
      }
      continue
    }
    let error: string | null = null
    const callback = (e?: string | Error) => {
      error = e ? (e instanceof Error ? e.message : e) : null
    }
    void rule.validator(rule, value, callback, {}, {})
    if (error) {
      return error
    }
  }
  return null
}

beforeEach(() => setLocale('en-US'))

describe('organizationRules', () => {
  // Built after the locale is set, as the forms rebuild them (a computed) when it changes.
  let rules: FormRules
  beforeEach(() => {
    rules = organizationRules(t)
  })
  // The documented server limits; the rules must let exactly this many characters through.
  const limits: [string, number][] = [
    ['name', 100],
    ['contact_name', 50],
    ['contact_phone', 32],
    ['contact_email', 254],
    ['address', 200],
  ]

  it.each(limits)('%s takes at most %i characters', (field, max) => {
    expect(check(rules, field, '中'.repeat(max))).toBeNull()
    expect(check(rules, field, '𠮷'.repeat(max))).toBeNull()
    expect(check(rules, field, ` ${'a'.repeat(max)} `)).toBeNull()
    expect(check(rules, field, 'a'.repeat(max + 1))).toBe(`At most ${max} characters`)
  })

  it('requires the name, credit code, type and district; the contact fields are optional', () => {
    for (const field of ['name', 'credit_code', 'org_type', 'registered_district']) {
      expect(check(rules, field, ''), field).toBe('Required')
    }
    for (const field of ['contact_name', 'contact_phone', 'contact_email', 'address']) {
      expect(check(rules, field, ''), field).toBeNull()
    }
  })

  it('wants a credit code of exactly 18 characters once spaces are removed', () => {
    const code = makeCreditCode('52', '310101', '12345678')
    expect(check(rules, 'credit_code', code)).toBeNull()
    expect(check(rules, 'credit_code', `${code.slice(0, 6)} ${code.slice(6, 12)} ${code.slice(12)}`)).toBeNull()
    expect(check(rules, 'credit_code', code.slice(0, 17))).toBe('Wrong format')
    expect(check(rules, 'credit_code', `${code}0`)).toBe('Wrong format')
  })
})

describe('userRules', () => {
  const form = { username: '' }
  let create: FormRules
  let edit: FormRules
  beforeEach(() => {
    create = userRules(t, true, () => form.username)
    edit = userRules(t, false, () => form.username)
  })

  it('username: 3–64 characters of a-z 0-9 . _ -', () => {
    expect(check(create, 'username', 'abc')).toBeNull()
    expect(check(create, 'username', 'a'.repeat(64))).toBeNull()
    expect(check(create, 'username', 'ab')).toBe('At least 3 characters')
    expect(check(create, 'username', 'a'.repeat(65))).toBe('At most 64 characters')
    expect(check(create, 'username', 'zhang san')).toMatch(/^3–64 characters/)
  })

  it('display name: at most 64 characters, required, on create and on edit', () => {
    for (const rules of [create, edit]) {
      expect(check(rules, 'display_name', '张'.repeat(64))).toBeNull()
      expect(check(rules, 'display_name', '张'.repeat(65))).toBe('At most 64 characters')
      expect(check(rules, 'display_name', ' ')).toBe('Required')
    }
    expect(edit.username).toBeUndefined()
    expect(edit.password).toBeUndefined()
  })

  it('initial password: 10–256 characters and not the username typed on the form', () => {
    form.username = 'Zhang.San-01'
    expect(check(create, 'password', 'p'.repeat(10))).toBeNull()
    expect(check(create, 'password', 'p'.repeat(256))).toBeNull()
    expect(check(create, 'password', 'p'.repeat(9))).toBe('At least 10 characters')
    expect(check(create, 'password', 'p'.repeat(257))).toBe('At most 256 characters')
    expect(check(create, 'password', 'zhang.san-01')).toBe('The password must differ from the username')
  })
})

describe('passwordRule', () => {
  it('with the current password, refuses it as the new one', () => {
    const rules = { new_password: [passwordRule(t, () => 'bob', () => 'old password 1')] }
    expect(check(rules, 'new_password', 'old password 1')).toBe('The new password must differ from the current one')
    expect(check(rules, 'new_password', 'new password 2')).toBeNull()
    expect(check(rules, 'new_password', '')).toBe('Required')
  })

  it('names the limits in Chinese too', () => {
    setLocale('zh-CN')
    expect(problemMessage(t, 'too_long', { max: 100 })).toBe('不能超过 100 个字符')
    expect(problemMessage(t, 'too_short', { min: 10 })).toBe('至少需要 10 个字符')
    expect(problemMessage(t, 'same_as_current')).toBe('新密码不能与当前密码相同')
  })
})

describe('password rule hint', () => {
  it('states the policy in both languages', () => {
    setLocale('zh-CN')
    expect(t('auth.passwordRule', { min: 10, max: 256 })).toBe('密码长度为 10–256 个字符，且不能与用户名相同（不区分大小写）。')
    setLocale('en-US')
    expect(t('auth.passwordRule', { min: 10, max: 256 })).toBe(
      '10–256 characters, and not the same as the username (ignoring case).',
    )
  })
})

describe('householdRules', () => {
  let rules: FormRules
  beforeEach(() => {
    rules = householdRules(t)
  })

  it('requires district and street; the text fields are optional within their limits', () => {
    expect(check(rules, 'district_code', '')).toBe('Required')
    expect(check(rules, 'street_code', '')).toBe('Required')
    for (const [field, max] of [
      ['community', 100],
      ['address_detail', 200],
      ['notes', 2000],
    ] as const) {
      expect(check(rules, field, ''), field).toBeNull()
      expect(check(rules, field, '中'.repeat(max)), field).toBeNull()
      expect(check(rules, field, '中'.repeat(max + 1)), field).toBe(`At most ${max} characters`)
    }
  })

  it('a category row needs a category and a start; the end may be open but not before the start', () => {
    const row = { valid_from: '2024-06-01' }
    const rowRules = categoryRowRules(t, () => row.valid_from) as unknown as FormRules
    expect(check(rowRules, 'category', '')).toBe('Required')
    expect(check(rowRules, 'valid_from', '')).toBe('Required')
    expect(check(rowRules, 'valid_to', null)).toBeNull()
    expect(check(rowRules, 'valid_to', '2024-06-01')).toBeNull()
    expect(check(rowRules, 'valid_to', '2024-05-31')).toBe('Cannot be before the start date')
  })
})

describe('personRules', () => {
  const form = { id_number: '' }
  let rules: FormRules
  beforeEach(() => {
    form.id_number = ''
    rules = personRules(t, () => form.id_number)
  })

  it('requires relation, name, gender and birth date; ID number and mobile are optional', () => {
    for (const field of ['relation', 'name', 'gender', 'birth_date']) {
      expect(check(rules, field, ''), field).toBe('Required')
    }
    expect(check(rules, 'id_number', '')).toBeNull()
    expect(check(rules, 'phone', '')).toBeNull()
    expect(check(rules, 'name', '中'.repeat(51))).toBe('At most 50 characters')
  })

  it('checks the ID number: 18 characters, then the GB 11643 check character', () => {
    expect(check(rules, 'id_number', '310101195803120178')).toBeNull()
    expect(check(rules, 'id_number', '31010119580312017')).toBe('Wrong format')
    expect(check(rules, 'id_number', '310101195803120179')).toBe('Wrong check character')
    expect(check(rules, 'phone', '1234')).toBe('Wrong format')
  })

  it('wants birth date and gender to agree with a valid ID number', () => {
    form.id_number = '310101195803120178'
    expect(check(rules, 'birth_date', '1958-03-12')).toBeNull()
    expect(check(rules, 'gender', 'male')).toBeNull()
    expect(check(rules, 'birth_date', '1958-03-13')).toBe('Does not match the ID number')
    expect(check(rules, 'gender', 'female')).toBe('Does not match the ID number')
    // Without a (valid) ID number there is nothing to agree with.
    form.id_number = '310101195803120179'
    expect(check(rules, 'gender', 'female')).toBeNull()
  })

  it('limits the text of the conditions', () => {
    expect(check(rules, 'conditions.illness', '中'.repeat(200))).toBeNull()
    expect(check(rules, 'conditions.illness', '中'.repeat(201))).toBe('At most 200 characters')
    expect(check(rules, 'conditions.disability_type', '中'.repeat(51))).toBe('At most 50 characters')
    expect(check(rules, 'conditions.school_work_status', '中'.repeat(51))).toBe('At most 50 characters')
  })
})

describe('revealRules', () => {
  it('wants a reason of 2–200 characters', () => {
    const rules = revealRules(t)
    expect(check(rules, 'reason', '')).toBe('Required')
    expect(check(rules, 'reason', '  ')).toBe('Required')
    expect(check(rules, 'reason', '查')).toBe('At least 2 characters')
    expect(check(rules, 'reason', '核查')).toBeNull()
    expect(check(rules, 'reason', '中'.repeat(200))).toBeNull()
    expect(check(rules, 'reason', '中'.repeat(201))).toBe('At most 200 characters')
  })
})
