import { reactive } from 'vue'
import { ApiError, fieldErrorMessages, type Translate } from '@/api/http'
import type { FieldError } from '@/api/types'
import { t } from '@/locales'

/** Top-level form field of a field error: `roles[1].scope_id` → `roles`. */
function topLevel(field: string): string {
  return field.split(/[.[]/)[0] ?? field
}

/**
 * Of `fields`, the messages to show on a form that has the items `shown` (all when undefined),
 * and whether every field error found a place on it.
 */
export function placeFieldErrors(
  fields: readonly FieldError[],
  shown: readonly string[] | undefined,
  translate: Translate,
): { messages: Record<string, string>; complete: boolean } {
  const all = fieldErrorMessages(fields, translate)
  if (!shown) {
    return { messages: all, complete: Object.keys(all).length > 0 }
  }
  const names = new Set(shown)
  const messages: Record<string, string> = {}
  for (const [name, message] of Object.entries(all)) {
    if (names.has(name)) {
      messages[name] = message
    }
  }
  const valid = fields.filter((f) => f && typeof f.field === 'string')
  const complete = valid.length > 0 && valid.every((f) => names.has(f.field) || names.has(topLevel(f.field)))
  return { messages, complete }
}

/** `goals[0].title` → `goals.0.title`: the path an `<el-form-item prop>` of a list row uses. */
export function dottedPath(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1')
}

export interface ServerErrorsOptions {
  /** Renames the server's field names before placing them (e.g. `dottedPath` for list rows). */
  rename?: (field: string) => string
}

/**
 * Server-side field errors for one form: bind `errors.<field>` to `<el-form-item :error>`.
 *
 * Any error carrying `fields[]` is placed generically — 422 `validation_failed`, but also 409
 * `duplicate` (`[{field: "credit_code", code: "duplicate"}]`) — whatever the error code.
 * `shown` names the form items that can show an error (a function when they change, as rows of a
 * list do); errors for other fields are not set.
 * `apply` takes an error and returns true when every field error is now shown on the form (so it
 * needs no toast); otherwise the caller falls back (a toast, or a field of its own choosing).
 */
export function useServerErrors(shown?: readonly string[] | (() => readonly string[]), options: ServerErrorsOptions = {}) {
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
    const rename = options.rename ?? ((f: string) => f)
    const fields = e.fields.map((f) => (f && typeof f.field === 'string' ? { ...f, field: rename(f.field) } : f))
    const names = typeof shown === 'function' ? shown() : shown
    const { messages, complete } = placeFieldErrors(fields, names, t)
    Object.assign(errors, messages)
    return complete
  }

  return { errors, clear, set, apply }
}
