import { describe, expect, it } from 'vitest'
import {
  RESIDENT_ID_WEIGHTS,
  makeResidentId,
  normalizeResidentId,
  parseResidentId,
  readResidentId,
  residentIdCheckChar,
  residentIdProblem,
  todayShanghai,
} from './residentId'

const TODAY = '2026-11-29'
// The e2e member (male, born 1958-03-12) and the example printed with GB 11643-1999 (female, X).
const MALE = '310101195803120178'
const FEMALE_X = '11010519491231002X'

describe('residentIdCheckChar (GB 11643-1999)', () => {
  it('uses the weights 2^(17-i) mod 11', () => {
    expect(RESIDENT_ID_WEIGHTS).toEqual(Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11))
  })

  it('computes a hand-checked number', () => {
    // 3*7 + 1*9 + 0*10 + 1*5 + 0*8 + 1*4 + 1*2 + 9*1 + 5*6 + 8*3 + 0*7 + 3*9 + 1*10 + 2*5 + 0*8
    //   + 1*4 + 7*2 = 169; 169 % 11 = 4; "10X98765432"[4] = '8'
    expect(residentIdCheckChar(MALE.slice(0, 17))).toBe('8')
  })

  it('gives X for a remainder of 2', () => {
    expect(residentIdCheckChar(FEMALE_X.slice(0, 17))).toBe('X')
  })

  it('wants exactly 17 digits', () => {
    expect(residentIdCheckChar('3101011958031201')).toBeNull()
    expect(residentIdCheckChar('31010119580312017X')).toBeNull()
    expect(residentIdCheckChar('3101011958031201A')).toBeNull()
  })

  it('makeResidentId appends the check character', () => {
    expect(makeResidentId('310101', '19580312', '017')).toBe(MALE)
    expect(makeResidentId('110105', '19491231', '002')).toBe(FEMALE_X)
    expect(() => makeResidentId('3101', '19580312', '017')).toThrow()
  })
})

describe('normalizeResidentId', () => {
  it('drops spaces, turns full-width characters to ASCII and x to X, as the server does', () => {
    expect(normalizeResidentId(' 310101 19580312 0178 ')).toBe(MALE)
    expect(normalizeResidentId('１１０１０５１９４９１２３１００２ｘ')).toBe(FEMALE_X)
    expect(normalizeResidentId('11010519491231002x')).toBe(FEMALE_X)
    expect(normalizeResidentId(undefined)).toBe('')
  })
})

describe('parseResidentId', () => {
  it('reads the birth date and gender (odd 17th digit: male, even: female)', () => {
    expect(parseResidentId(MALE, TODAY)).toEqual({ normalized: MALE, birthDate: '1958-03-12', gender: 'male' })
    expect(parseResidentId('11010519491231002x', TODAY)).toEqual({
      normalized: FEMALE_X,
      birthDate: '1949-12-31',
      gender: 'female',
    })
  })

  it('gives null for anything invalid', () => {
    expect(parseResidentId('', TODAY)).toBeNull()
    expect(parseResidentId('310101195803120179', TODAY)).toBeNull()
  })
})

describe('residentIdProblem', () => {
  it.each([
    ['', 'required'],
    ['   ', 'required'],
    ['31010119580312017', 'format'], // 17 characters
    ['3101011958031201788', 'format'], // 19
    ['31010119580312017A', 'format'], // last not a digit or X
    ['3101011958031X0178', 'format'], // X elsewhere
    ['310101195803120179', 'checksum'],
    ['310101195803120170', 'checksum'],
    [makeResidentId('990101', '19580312', '017'), 'invalid'], // no province 99
    [makeResidentId('310101', '19580230', '017'), 'invalid'], // 30 February
    [makeResidentId('310101', '18991231', '017'), 'invalid'], // before 1900
    [makeResidentId('310101', '20261130', '017'), 'invalid'], // tomorrow
    [MALE, null],
    [FEMALE_X, null],
    [makeResidentId('310101', '20000229', '021'), null], // a leap day
    [makeResidentId('310101', '20261129', '021'), null], // born today
    [makeResidentId('830000', '19900101', '001'), null], // a residence permit (83)
  ])('%s → %s', (input, problem) => {
    expect(residentIdProblem(input, TODAY)).toBe(problem)
  })

  it('names the problem and leaves the id out, or the reverse', () => {
    expect(readResidentId('310101195803120179', TODAY)).toEqual({ id: null, problem: 'checksum' })
    expect(readResidentId(MALE, TODAY).problem).toBeNull()
  })
})

describe('todayShanghai', () => {
  it('is the date in UTC+8', () => {
    expect(todayShanghai(new Date('2026-11-29T15:59:59Z'))).toBe('2026-11-29')
    expect(todayShanghai(new Date('2026-11-29T16:00:00Z'))).toBe('2026-11-30')
  })
})
