// Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from the charset
// below; the 18th is a check character over the first 17 (weights 3^i mod 31). Positions 9–17
// hold the organization code of GB 11714-1997, whose own 9th character is a mod-11 check digit.

export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const

// 18 characters of the charset; the 3rd–8th (the registering authority's administrative
// division code) are digits only, as the server's CheckCreditCode requires.
const FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/

/** Upper-case, drop spaces and hyphens, turn full-width letters and digits into ASCII. */
export function normalizeCreditCode(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000-]/g, '')
    .toUpperCase()
}

/** The check character for the first 17 characters, or null if they are not 17 valid ones. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) {
    return null
  }
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i])
    if (value < 0) {
      return null
    }
    sum += value * CREDIT_CODE_WEIGHTS[i]
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]
}

export type CreditCodeProblem = 'required' | 'format' | 'checksum'

/**
 * Why `input` is not a valid credit code (after normalizeCreditCode), or null if it is.
 * The problems are the contract's field error codes, so they share its messages.
 */
export function creditCodeProblem(input: string | null | undefined): CreditCodeProblem | null {
  const code = normalizeCreditCode(input ?? '')
  if (code === '') {
    return 'required'
  }
  if (!FORMAT.test(code)) {
    return 'format'
  }
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'checksum'
}

export function isValidCreditCode(input: string): boolean {
  return creditCodeProblem(input) === null
}

const ORG_CODE_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const

/** GB 11714 check character of an 8-character organization code body, or null. */
export function orgCodeCheckChar(body8: string): string | null {
  if (body8.length !== 8) {
    return null
  }
  let sum = 0
  for (let i = 0; i < 8; i++) {
    const value = ORG_CODE_CHARSET.indexOf(body8[i])
    if (value < 0) {
      return null
    }
    sum += value * ORG_CODE_WEIGHTS[i]
  }
  const check = 11 - (sum % 11)
  return check === 10 ? 'X' : check === 11 ? '0' : String(check)
}

/**
 * A valid credit code from its parts: 2-character registration authority and kind (e.g. "52",
 * 民政 / 民办非企业单位), a 6-digit administrative division, an 8-character organization code body.
 * Used by tests to make unique valid codes.
 */
export function makeCreditCode(authorityAndKind: string, division: string, orgBody8: string): string {
  const orgCheck = orgCodeCheckChar(orgBody8)
  const first17 = `${authorityAndKind}${division}${orgBody8}${orgCheck ?? ''}`
  const check = creditCodeCheckChar(first17)
  if (orgCheck === null || check === null) {
    throw new Error(`cannot build a credit code from ${authorityAndKind}/${division}/${orgBody8}`)
  }
  return first17 + check
}
