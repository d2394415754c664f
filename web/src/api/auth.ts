import { ApiError, http } from './http'
import type { Me } from './types'

export function login(username: string, password: string): Promise<Me> {
  // silent: a 401 here is "wrong password", not "session expired".
  return http.post<Me>('/auth/login', { username, password }, { silent: true })
}

/**
 * The message key the login page shows for a failed login that no form field shows:
 * 401 invalid_credentials, 403 account_disabled, 429 account_locked, network errors, …
 */
export function loginErrorKey(e: unknown): string {
  return e instanceof ApiError ? e.messageKey : 'errors.unknown'
}

export function logout(): Promise<void> {
  return http.post<void>('/auth/logout', undefined, { silent: true })
}

/** The current session; rejects with ApiError 401 when there is none. */
export function me(): Promise<Me> {
  return http.get<Me>('/auth/me', undefined, { silent: true })
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return http.post<void>('/auth/password', { current_password: currentPassword, new_password: newPassword })
}
