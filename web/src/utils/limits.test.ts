import { describe, expect, it } from 'vitest'
import {
  CREDIT_CODE_LENGTH,
  DISPLAY_NAME_MAX,
  HOUSEHOLD_CATEGORIES_MAX,
  HOUSEHOLD_MAX,
  ORGANIZATION_MAX,
  PERSON_MAX,
  REVEAL_REASON_MAX,
  REVEAL_REASON_MIN,
  PASSWORD_MAX,
  PASSWORD_MIN,
  USERNAME_MAX,
  USERNAME_MIN,
  charCount,
  normalizeUsername,
  passwordProblem,
  textLength,
  textProblem,
  usernameProblem,
} from './limits'

// The server's limits, copied from its source (the server is authoritative). A failure here means
// the web app and the server disagree: change the number on both sides or on neither.
//   src/modules/organizations/organization.cpp  name 100, contact_name 50, contact_phone 32,
//                                               contact_email 254, address 200; credit code 18
//   src/modules/accounts/user_service.cpp       username 64, display_name 64
//   src/modules/accounts/password.{hpp,cpp}     password 10–256, username 3–64 of [a-z0-9._-]
//   src/modules/registry/registry.cpp           community 100, address_detail 200, notes 2000,
//                                               10 categories; name 50, illness 200,
//                                               disability_type 50, school_work_status 50
//   src/modules/registry/registry_service.cpp   reveal reason 2–200
describe('server limits', () => {
  it('match the documented values', () => {
    expect(ORGANIZATION_MAX).toEqual({ name: 100, contact_name: 50, contact_phone: 32, contact_email: 254, address: 200 })
    expect(CREDIT_CODE_LENGTH).toBe(18)
    expect([USERNAME_MIN, USERNAME_MAX]).toEqual([3, 64])
    expect(DISPLAY_NAME_MAX).toBe(64)
    expect([PASSWORD_MIN, PASSWORD_MAX]).toEqual([10, 256])
    expect(HOUSEHOLD_MAX).toEqual({ community: 100, address_detail: 200, notes: 2000 })
    expect(HOUSEHOLD_CATEGORIES_MAX).toBe(10)
    expect(PERSON_MAX).toEqual({ name: 50, illness: 200, disability_type: 50, school_work_status: 50 })
    expect([REVEAL_REASON_MIN, REVEAL_REASON_MAX]).toEqual([2, 200])
  })
})

describe('charCount and textLength', () => {
  it('count code points, as the server does (UTF-8 characters, not UTF-16 units)', () => {
    expect(charCount('abc')).toBe(3)
    expect(charCount('阳光社工')).toBe(4)
    expect(charCount('𠮷野家')).toBe(3) // U+20BB7 is two UTF-16 units, one character
    expect('𠮷'.length).toBe(2)
  })

  it('measure the trimmed value, as it is sent', () => {
    expect(textLength('  阳光 社工 ')).toBe(5)
    expect(textLength(null)).toBe(0)
  })
})

describe('textProblem', () => {
  it.each(Object.entries(ORGANIZATION_MAX))('%s: %i characters pass, one more is too long', (_field, max) => {
    expect(textProblem('中'.repeat(max), max)).toBeNull()
    expect(textProblem('𠮷'.repeat(max), max)).toBeNull()
    expect(textProblem(`  ${'a'.repeat(max)}  `, max)).toBeNull()
    expect(textProblem('中'.repeat(max + 1), max)).toBe('too_long')
  })

  it('requires a non-blank value only when asked', () => {
    expect(textProblem('   ', 10, true)).toBe('required')
    expect(textProblem('', 10)).toBeNull()
  })
})

describe('usernameProblem', () => {
  it('accepts 3–64 characters of a-z 0-9 . _ -, upper-case letters included (the server lower-cases)', () => {
    expect(usernameProblem('abc')).toBeNull()
    expect(usernameProblem('a'.repeat(64))).toBeNull()
    expect(usernameProblem('Zhang.San_01-x')).toBeNull()
    expect(usernameProblem('  bob  ')).toBeNull()
  })

  it('refuses what the server refuses', () => {
    expect(usernameProblem('')).toBe('required')
    expect(usernameProblem('ab')).toBe('too_short')
    expect(usernameProblem('a'.repeat(65))).toBe('too_long')
    expect(usernameProblem('张三丰')).toBe('format')
    expect(usernameProblem('a b c')).toBe('format')
    expect(usernameProblem('bob@x')).toBe('format')
    expect(usernameProblem('\u212Aelvin')).toBe('format') // KELVIN SIGN: JS lower-cases it to k, the server does not
  })

  it('normalizes as the server does: ASCII trim and ASCII lower-case only', () => {
    expect(normalizeUsername('  Zhang.SAN ')).toBe('zhang.san')
    expect(normalizeUsername('\u212A')).toBe('\u212A')
  })
})

describe('passwordProblem', () => {
  it('accepts 10–256 characters, counted as code points and not trimmed', () => {
    expect(passwordProblem('a'.repeat(10), 'bob')).toBeNull()
    expect(passwordProblem('a'.repeat(256), 'bob')).toBeNull()
    expect(passwordProblem('𠮷'.repeat(256), 'bob')).toBeNull()
    expect(passwordProblem(' '.repeat(5) + 'abcde', 'bob')).toBeNull()
  })

  it('refuses a password that is too short, too long, or the username in any case', () => {
    expect(passwordProblem('', 'bob')).toBe('required')
    expect(passwordProblem('a'.repeat(9), 'bob')).toBe('too_short')
    expect(passwordProblem('a'.repeat(257), 'bob')).toBe('too_long')
    expect(passwordProblem('Zhang.San-01', 'zhang.san-01')).toBe('same_as_username')
    expect(passwordProblem(' zhang.san-01 ', 'ZHANG.SAN-01')).toBe('same_as_username')
  })

  it('refuses the current password when it is given', () => {
    expect(passwordProblem('correct horse', 'bob', 'correct horse')).toBe('same_as_current')
    expect(passwordProblem('correct horse', 'bob', 'Correct horse')).toBeNull()
    expect(passwordProblem('correct horse', 'bob', '')).toBeNull()
  })
})
