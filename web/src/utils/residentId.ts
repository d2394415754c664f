// Resident identity card number (居民身份证号码), GB 11643-1999: 17 digits — a 6-digit
// administrative division code, the birth date YYYYMMDD, a 3-digit sequence whose last digit is
// odd for men and even for women — and a check character: with weights 2^(17-i) mod 11,
// "10X98765432"[sum mod 11]. The checks mirror the server's ParseResidentId
// (src/core/validation.cpp); the server stays authoritative.

export const RESIDENT_ID_LENGTH = 18
export const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const CHECK_CHARS = '10X98765432'

/** Province-level codes of GB/T 2260 the server accepts (71 Taiwan, 81/82 HK/Macau, 83 permits). */
const PROVINCES: ReadonlySet<number> = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64,
  65, 71, 81, 82, 83,
])

/** Full-width letters and digits to ASCII, spaces out, a trailing `x` as `X` — as the server normalizes. */
export function normalizeResidentId(input: string | null | undefined): string {
  return (input ?? '')
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .replace(/x/g, 'X')
}

/** The check character for the first 17 digits, or null if they are not 17 digits. */
export function residentIdCheckChar(first17: string): string | null {
  if (!/^[0-9]{17}$/.test(first17)) {
    return null
  }
  let sum = 0
  for (let i = 0; i < 17; i++) {
    sum += Number(first17[i]) * RESIDENT_ID_WEIGHTS[i]
  }
  return CHECK_CHARS[sum % 11]
}

/** Today's date (`YYYY-MM-DD`) in Shanghai, the server's calendar. */
export function todayShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

function isCalendarDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || m < 1 || m > 12 || d < 1) {
    return false
  }
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
  return d <= days
}

export type ResidentIdProblem = 'required' | 'format' | 'invalid' | 'checksum'

export interface ResidentId {
  /** The 18 characters as sent to the server. */
  normalized: string
  /** `YYYY-MM-DD`. */
  birthDate: string
  gender: 'male' | 'female'
}

/**
 * Reads an ID number: its parts, or why it is not valid. The problems are the server's field
 * error codes: `format` (not 17 digits and a digit or X), `invalid` (no such province, or an
 * impossible or future birth date), `checksum` (wrong check character).
 */
export function readResidentId(
  input: string | null | undefined,
  today: string = todayShanghai(),
): { id: ResidentId; problem: null } | { id: null; problem: ResidentIdProblem } {
  const id = normalizeResidentId(input)
  const fail = (problem: ResidentIdProblem) => ({ id: null, problem }) as const
  if (id === '') {
    return fail('required')
  }
  if (!/^[0-9]{17}[0-9X]$/.test(id)) {
    return fail('format')
  }
  if (!PROVINCES.has(Number(id.slice(0, 2)))) {
    return fail('invalid')
  }
  const y = Number(id.slice(6, 10))
  const m = Number(id.slice(10, 12))
  const d = Number(id.slice(12, 14))
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  if (!isCalendarDate(y, m, d) || birthDate > today) {
    return fail('invalid')
  }
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) {
    return fail('checksum')
  }
  return { id: { normalized: id, birthDate, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female' }, problem: null }
}

/** Why `input` is not a valid ID number, or null if it is. */
export function residentIdProblem(input: string | null | undefined, today?: string): ResidentIdProblem | null {
  return readResidentId(input, today).problem
}

/** The parts of a valid ID number, or null. */
export function parseResidentId(input: string | null | undefined, today?: string): ResidentId | null {
  return readResidentId(input, today).id
}

/** An ID number with the right check character: division (6 digits), birth YYYYMMDD, sequence (3 digits). */
export function makeResidentId(division: string, birth: string, sequence: string): string {
  const first17 = `${division}${birth}${sequence}`
  const check = residentIdCheckChar(first17)
  if (check === null) {
    throw new Error(`not 17 digits: ${first17}`)
  }
  return first17 + check
}
