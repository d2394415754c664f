import { describe, expect, it } from 'vitest'
import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  creditCodeProblem,
  isValidCreditCode,
  makeCreditCode,
  normalizeCreditCode,
  orgCodeCheckChar,
} from './creditCode'

// 91350100M000100Y43 is the example code commonly quoted with GB 32100-2015 (its check
// character and its inner GB 11714 check digit both verify).
const VALID = '91350100M000100Y43'

describe('creditCodeCheckChar', () => {
  it('computes the published example', () => {
    expect(creditCodeCheckChar(VALID.slice(0, 17))).toBe('3')
  })

  it('computes a hand-checked Shanghai code', () => {
    // 5*1 + 2*3 + 3*9 + 1*27 + 0*19 + 1*26 + 0*16 + 1*17 + 21(M)*20 + 18(J)*29 + 0*25 + 0*13 + 0*8
    //   + 0*24 + 0*10 + 0*30 + 1*28 = 1078; 1078 % 31 = 24; 31 - 24 = 7 → '7'
    expect(creditCodeCheckChar('52310101MJ0000001')).toBe('7')
    expect(isValidCreditCode('52310101MJ00000017')).toBe(true)
  })

  it('maps a remainder of 0 to "0", not to index 31', () => {
    // 1 at weight 1 (1st position) + 1 at weight 30 (16th position) = 31 ≡ 0 (mod 31) → '0'
    expect(creditCodeCheckChar('10000000000000010')).toBe('0')
  })

  it('rejects a wrong length or a character outside the charset', () => {
    expect(creditCodeCheckChar('1234')).toBeNull()
    expect(creditCodeCheckChar('91350100M000100YI')).toBeNull() // I is not in the charset
    expect(creditCodeCheckChar('91350100M000100YO')).toBeNull()
  })

  it('uses a 31-character charset without I, O, S, V, Z', () => {
    expect(CREDIT_CODE_CHARSET).toHaveLength(31)
    for (const c of 'IOSVZ') {
      expect(CREDIT_CODE_CHARSET).not.toContain(c)
    }
  })
})

describe('creditCodeProblem', () => {
  it('accepts valid codes, after normalising case, spaces and full-width characters', () => {
    expect(creditCodeProblem(VALID)).toBeNull()
    expect(creditCodeProblem(' 91350100m000100y43 ')).toBeNull()
    expect(creditCodeProblem('９１３５０１００Ｍ０００１００Ｙ４３')).toBeNull()
  })

  it('names the problem with the contract field codes', () => {
    expect(creditCodeProblem('')).toBe('required')
    expect(creditCodeProblem(null)).toBe('required')
    expect(creditCodeProblem('91350100M000100Y4')).toBe('format') // 17 characters
    expect(creditCodeProblem('91350100M000100Y4I')).toBe('format') // I not allowed
    expect(creditCodeProblem('91350100M000100Y44')).toBe('checksum')
    // The 3rd–8th characters (administrative division) must be digits, as the server requires,
    // even when the check character fits.
    const letterInDivision = `52A10101MJ000000`
    const withCheck = `${letterInDivision}1${creditCodeCheckChar(`${letterInDivision}1`)}`
    expect(withCheck).toHaveLength(18)
    expect(creditCodeProblem(withCheck)).toBe('format')
  })

  it('catches every single-character change of a valid code', () => {
    for (let i = 0; i < 18; i++) {
      for (const c of CREDIT_CODE_CHARSET) {
        if (c === VALID[i]) {
          continue
        }
        const changed = VALID.slice(0, i) + c + VALID.slice(i + 1)
        expect(isValidCreditCode(changed), changed).toBe(false)
      }
    }
  })
})

describe('normalizeCreditCode', () => {
  it('upper-cases and strips separators', () => {
    expect(normalizeCreditCode('9135 0100-m000 100y43')).toBe(VALID)
  })
})

describe('makeCreditCode', () => {
  it('builds codes that pass both check characters', () => {
    expect(orgCodeCheckChar('M000100Y')).toBe('4') // matches the published example
    const code = makeCreditCode('52', '310101', '12345678')
    expect(code).toHaveLength(18)
    expect(code.slice(16, 17)).toBe(orgCodeCheckChar('12345678'))
    expect(isValidCreditCode(code)).toBe(true)
  })

  it('refuses impossible parts', () => {
    expect(() => makeCreditCode('52', '310101', '1234567')).toThrow()
  })
})
