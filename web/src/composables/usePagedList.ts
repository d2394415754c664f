import { ref, shallowRef } from 'vue'
import type { ListResponse } from '@/api/types'
import { showError } from '@/utils/notify'

/**
 * State of a RuoYi-style list page: the rows of the current page, the total, page / per, and a
 * loading flag. `fetch` gets the page and per to ask for; a newer load supersedes an older one.
 */
export function usePagedList<T>(fetch: (page: number, per: number) => Promise<ListResponse<T>>, defaultPer = 20) {
  const rows = shallowRef<T[]>([])
  const total = ref(0)
  const page = ref(1)
  const per = ref(defaultPer)
  const loading = ref(false)
  let generation = 0

  async function load(): Promise<void> {
    const mine = ++generation
    loading.value = true
    try {
      const res = await fetch(page.value, per.value)
      if (mine !== generation) {
        return
      }
      rows.value = res.data ?? []
      total.value = res.metadata?.total ?? rows.value.length
    } catch (e) {
      if (mine === generation) {
        showError(e)
      }
    } finally {
      if (mine === generation) {
        loading.value = false
      }
    }
  }

  /** New search criteria: back to page 1. */
  function search(): Promise<void> {
    page.value = 1
    return load()
  }

  function onPageChange(p: number): void {
    page.value = p
    void load()
  }

  function onPerChange(p: number): void {
    per.value = p
    page.value = 1
    void load()
  }

  return { rows, total, page, per, loading, load, search, onPageChange, onPerChange }
}
