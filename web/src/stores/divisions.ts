import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { listDivisions } from '@/api/divisions'
import type { Division, Street } from '@/api/types'

/** Shanghai districts and streets, loaded once per session. */
export const useDivisionsStore = defineStore('divisions', () => {
  const divisions = ref<Division[]>([])
  let pending: Promise<void> | null = null

  const districtNames = computed(() => new Map(divisions.value.map((d) => [d.code, d.name])))
  const streetNames = computed(() => {
    const m = new Map<string, string>()
    for (const d of divisions.value) {
      for (const s of d.streets ?? []) {
        m.set(s.code, s.name)
      }
    }
    return m
  })

  function load(): Promise<void> {
    if (divisions.value.length > 0) {
      return Promise.resolve()
    }
    pending ??= listDivisions()
      .then((res) => {
        divisions.value = res.data ?? []
      })
      .finally(() => {
        pending = null
      })
    return pending
  }

  function districtName(code: string | null | undefined): string {
    return code ? (districtNames.value.get(code) ?? code) : ''
  }

  function streetName(code: string | null | undefined): string {
    return code ? (streetNames.value.get(code) ?? code) : ''
  }

  /** Streets of the given districts, grouped by district, in the order the server sent them. */
  function streetsOf(districtCodes: readonly string[]): { district: Division; streets: Street[] }[] {
    const wanted = new Set(districtCodes)
    return divisions.value.filter((d) => wanted.has(d.code)).map((d) => ({ district: d, streets: d.streets ?? [] }))
  }

  return { divisions, load, districtName, streetName, streetsOf }
})
