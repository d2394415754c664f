import { ElMessage } from 'element-plus'
import { ApiError } from '@/api/http'
import { t } from '@/locales'

/** Shows an error toast; errors that already led to a navigation (401, password change) stay quiet. */
export function showError(e: unknown): void {
  if (e instanceof ApiError) {
    if (e.code === 'unauthenticated' || e.code === 'password_change_required') {
      return
    }
    const withId = e.requestId && e.status >= 500 ? `${e.message} ${t('errors.requestId', { id: e.requestId })}` : e.message
    ElMessage.error({ message: withId, grouping: true })
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
