import { ref, type Ref } from 'vue'
import { showError } from '@/utils/notify'

/** What useFormSubmit needs of an `<el-form>`: its validate. */
interface Validatable {
  validate: () => Promise<unknown>
}

/** What useFormSubmit needs of useServerErrors: clear, and apply for the default error handling. */
interface ServerErrors {
  clear: () => void
  apply: (e: unknown) => boolean
}

export interface FormSubmitOptions {
  /** Extra precondition (e.g. the dialog has its subject); submit does nothing when it is false. */
  ready?: () => boolean
  /** The form's own handling of a failed action; by default, field errors on the form, else a toast. */
  onError?: (e: unknown) => void | Promise<void>
}

/**
 * The submit sequence of a form: once at a time, only when the form validates; then clear the
 * server field errors, run `action`, and hand an error to `onError` (by default the server-error
 * composable, falling back to a toast). `submitting` is true while the action runs.
 */
export function useFormSubmit(
  formRef: Ref<Validatable | undefined>,
  server: ServerErrors,
  action: () => Promise<void>,
  options: FormSubmitOptions = {},
) {
  const submitting = ref(false)
  const onError =
    options.onError ??
    ((e: unknown) => {
      if (!server.apply(e)) {
        showError(e)
      }
    })

  async function submit(): Promise<void> {
    if (submitting.value || !formRef.value || (options.ready && !options.ready())) {
      return
    }
    const valid = await formRef.value.validate().catch(() => false)
    if (!valid) {
      return
    }
    server.clear()
    submitting.value = true
    try {
      await action()
    } catch (e) {
      await onError(e)
    } finally {
      submitting.value = false
    }
  }

  return { submitting, submit }
}
