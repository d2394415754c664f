import { ElMessage } from 'element-plus'
import { ApiError } from '@/api/http'
import { t } from '@/locales'

/**
 * The toast text of an error. With `serverMessage`, a 409 also carries the server's own message
 * (it names, say, the state a case is in).
 */
export function errorText(e: ApiError, serverMessage = false): string {
  if (e.requestId && e.status >= 500) {
    return `${e.message} ${t('errors.requestId', { id: e.requestId })}`
  }
  if (serverMessage && e.status === 409 && e.serverMessage && e.serverMessage !== e.message) {
    return t('errors.withDetail', { message: e.message, detail: e.serverMessage })
  }
  return e.message
}

/** Shows an error toast; errors that already led to a navigation (401, password change) stay quiet. */
export function showError(e: unknown, options: { serverMessage?: boolean } = {}): void {
  if (e instanceof ApiError) {
    if (e.code === 'unauthenticated' || e.code === 'password_change_required') {
      return
    }
    ElMessage.error({ message: errorText(e, options.serverMessage), grouping: true })
    return
  }
  if (e instanceof DOMException && e.name === 'AbortError') {
    return
  }
  console.error(e)
  ElMessage.error({ message: t('errors.unknown'), grouping: true })
}

export function showSuccess(key: string): void {
  ElMessage.success({ message: t(key), grouping: true })
}

/** A toast for the case pages: a 409 shows the server's message too. */
export function showCaseError(e: unknown): void {
  showError(e, { serverMessage: true })
}

/**
 * The error handler of a case form: field errors on their fields; a toast when some are not on
 * the form, and for every 409 (with the server's message), so a conflict is never only a red field.
 */
export function caseFormError(server: { apply: (e: unknown) => boolean }): (e: unknown) => void {
  return (e) => {
    const placed = server.apply(e)
    if (!placed || (e instanceof ApiError && e.status === 409)) {
      showCaseError(e)
    }
  }
}
