import { reactive } from 'vue'
import { ApiError } from '@/api/http'
import { t } from '@/locales'

/**
 * Server-side field errors for one form: bind `errors.<field>` to `<el-form-item :error>`.
 * `apply` takes an ApiError and returns true when it carried field errors (they are then shown
 * on the fields and need no toast).
 */
export function useServerErrors() {
  const errors = reactive<Record<string, string>>({})

  function clear(): void {
    for (const k of Object.keys(errors)) {
      delete errors[k]
    }
  }

  function set(field: string, messageKey: string): void {
    errors[field] = t(messageKey)
  }

  function apply(e: unknown): boolean {
    if (!(e instanceof ApiError) || e.fields.length === 0) {
      return false
    }
    Object.assign(errors, e.fieldMessages(t))
    return true
  }

  return { errors, clear, set, apply }
}
