// Field limits the server enforces; the server is authoritative and these mirror its source:
//   organizations  src/modules/organizations/organization.cpp (ParseOrganizationInput)
//   users          src/modules/accounts/user_service.cpp, password.{hpp,cpp}
//   registry       src/modules/registry/registry.cpp (ParseHouseholdInput, ParsePersonInput),
//                  registry_service.cpp (Reveal)
//   strings        src/core/json_input.cpp (JsonReader::String: trimmed, then counted in UTF-8
//                  code points — `Utf8Length` — against the maximum)
// limits.test.ts pins every number: change one only together with the server.

/** Maximum length, in characters (code points) of the trimmed value, of organization text fields. */
export const ORGANIZATION_MAX = {
  name: 100,
  contact_name: 50,
  contact_phone: 32,
  contact_email: 254,
  address: 200,
} as const

/** A credit code is exactly this many characters once spaces are removed. */
export const CREDIT_CODE_LENGTH = 18

/** Usernames: 3–64 characters of a-z 0-9 . _ - ; the server lower-cases (ASCII) before checking. */
export const USERNAME_MIN = 3
export const USERNAME_MAX = 64
export const USERNAME_PATTERN = /^[a-z0-9._-]+$/

export const DISPLAY_NAME_MAX = 64

/** Passwords (not trimmed): 10–256 characters, and not the username (ignoring case). */
export const PASSWORD_MIN = 10
export const PASSWORD_MAX = 256

/** Maximum length (characters of the trimmed value) of household text fields; at most 10 categories. */
export const HOUSEHOLD_MAX = {
  community: 100,
  address_detail: 200,
  notes: 2000,
} as const
export const HOUSEHOLD_CATEGORIES_MAX = 10

/** Maximum length of a member's name and of the text fields of their conditions. */
export const PERSON_MAX = {
  name: 50,
  illness: 200,
  disability_type: 50,
  school_work_status: 50,
} as const

/** The reason given to see a person's sensitive fields: 2–200 characters. */
export const REVEAL_REASON_MIN = 2
export const REVEAL_REASON_MAX = 200

/** Number of characters as the server counts them: Unicode code points, not UTF-16 units. */
export function charCount(value: string): number {
  return Array.from(value).length
}

/**
 * Length of a text field as the server measures it. The forms send `value.trim()`, and the server
 * trims again (ASCII whitespace only, a no-op after JavaScript's wider trim) before counting.
 */
export function textLength(value: string | null | undefined): number {
  return charCount((value ?? '').trim())
}

/** The server's `Trim`: ASCII whitespace only (`std::isspace` in the C locale). */
export function asciiTrim(value: string): string {
  return value.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, '')
}

/** The server's `NormalizeUsername`: ASCII trim, then ASCII lower-case (other letters stay as they are). */
export function normalizeUsername(value: string): string {
  return asciiTrim(value).replace(/[A-Z]/g, (c) => c.toLowerCase())
}

/** Problems a client-side check can find; the names are the contract's field error codes. */
export type LimitProblem = 'required' | 'too_long' | 'too_short' | 'format' | 'same_as_username' | 'same_as_current'

/** A text field of at most `max` characters (after trimming); `required` rejects a blank one. */
export function textProblem(value: string | null | undefined, max: number, required = false): LimitProblem | null {
  const n = textLength(value)
  if (n === 0) {
    return required ? 'required' : null
  }
  return n > max ? 'too_long' : null
}

/** A new username, as the form sends it (`trim()`), checked as the server checks it. */
export function usernameProblem(value: string | null | undefined): LimitProblem | null {
  const sent = (value ?? '').trim()
  if (sent === '') {
    return 'required'
  }
  if (charCount(sent) > USERNAME_MAX) {
    return 'too_long'
  }
  const name = normalizeUsername(sent)
  if (name.length < USERNAME_MIN) {
    return 'too_short'
  }
  return USERNAME_PATTERN.test(name) ? null : 'format'
}

/**
 * A new password for `username`: the server's `CheckPasswordPolicy` (length in code points of
 * the untrimmed password; equal to the username after trimming and lower-casing is refused).
 * With `current`, a new password equal to the current one is refused too (`same_as_current`).
 */
export function passwordProblem(
  password: string | null | undefined,
  username: string | null | undefined,
  current?: string | null,
): LimitProblem | null {
  const pw = password ?? ''
  if (pw === '') {
    return 'required'
  }
  const n = charCount(pw)
  if (n < PASSWORD_MIN) {
    return 'too_short'
  }
  if (n > PASSWORD_MAX) {
    return 'too_long'
  }
  if (normalizeUsername(pw) === normalizeUsername(username ?? '')) {
    return 'same_as_username'
  }
  if (current !== undefined && current !== null && current !== '' && pw === current) {
    return 'same_as_current'
  }
  return null
}
