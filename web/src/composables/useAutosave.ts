import { onBeforeUnmount, getCurrentInstance, ref, shallowRef } from 'vue'

export interface AutosaveOptions {
  /** Quiet time after the last change before saving, in ms. */
  delay?: number
  /** A save failed; the changes stay pending until the next change or flush. */
  onError?: (e: unknown) => void
  now?: () => Date
}

/**
 * Debounced saving of a draft: `schedule()` after each change saves `delay` ms after the last
 * one; one save runs at a time and changes made meanwhile are saved right after it. `flush()`
 * saves now and resolves true once nothing is left unsaved. `stop()` ends autosaving (a version
 * conflict: the draft must be reloaded first).
 */
export function useAutosave(save: () => Promise<void>, options: AutosaveOptions = {}) {
  const delay = options.delay ?? 1500
  const now = options.now ?? (() => new Date())
  const pending = ref(false)
  const saving = ref(false)
  const stopped = ref(false)
  const savedAt = shallowRef<Date | null>(null)
  const error = shallowRef<unknown>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<void> | null = null

  function clearTimer(): void {
    if (timer !== undefined) {
      clearTimeout(timer)
      timer = undefined
    }
  }

  async function run(): Promise<void> {
    while (pending.value && !stopped.value) {
      pending.value = false
      saving.value = true
      try {
        await save()
        savedAt.value = now()
        error.value = null
      } catch (e) {
        pending.value = true
        error.value = e
        options.onError?.(e)
        return
      } finally {
        saving.value = false
      }
    }
  }

  async function flush(): Promise<boolean> {
    clearTimer()
    if (!running) {
      running = run().finally(() => {
        running = null
      })
    }
    await running
    // A change made during the last await of a save that already ended the loop.
    if (pending.value && !stopped.value && error.value === null) {
      return flush()
    }
    return !pending.value
  }

  function schedule(): void {
    if (stopped.value) {
      return
    }
    pending.value = true
    clearTimer()
    timer = setTimeout(() => {
      timer = undefined
      void flush()
    }, delay)
  }

  function stop(): void {
    clearTimer()
    stopped.value = true
  }

  /** Start again after a reload (nothing pending). */
  function reset(): void {
    clearTimer()
    stopped.value = false
    pending.value = false
    error.value = null
  }

  if (getCurrentInstance()) {
    onBeforeUnmount(clearTimer)
  }

  return { pending, saving, stopped, savedAt, error, schedule, flush, stop, reset }
}
