import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { listStaff } from '@/api/cases'
import type { StaffMember } from '@/api/caseTypes'
import type { Id } from '@/api/types'
import { useAuthStore } from './auth'

/** Staff of the caller's organization (`GET /staff`), loaded once per signed-in user. */
export const useStaffStore = defineStore('staff', () => {
  const staff = shallowRef<StaffMember[]>([])
  const loadedFor = ref<string | null>(null)
  let pending: Promise<void> | null = null

  async function load(force = false): Promise<void> {
    const auth = useAuthStore()
    const who = auth.user ? String(auth.user.id) : null
    if (!force && who !== null && loadedFor.value === who) {
      return
    }
    if (!pending) {
      pending = listStaff()
        .then((res) => {
          staff.value = res?.data ?? []
          loadedFor.value = who
        })
        .finally(() => {
          pending = null
        })
    }
    return pending
  }

  /** Staff holding `role` (all staff when none is given). */
  function withRole(role?: string): StaffMember[] {
    return role ? staff.value.filter((s) => (s.roles ?? []).includes(role)) : staff.value
  }

  function nameOf(id: Id | null | undefined): string {
    if (id === null || id === undefined) {
      return ''
    }
    return staff.value.find((s) => String(s.id) === String(id))?.name ?? String(id)
  }

  return { staff, load, withRole, nameOf }
})
