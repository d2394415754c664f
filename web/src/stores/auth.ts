import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as authApi from '@/api/auth'
import { ApiError } from '@/api/http'
import type { Me, Permission, User } from '@/api/types'

export const useAuthStore = defineStore('auth', () => {
  const user = ref<User | null>(null)
  const permissions = ref<Permission[]>([])
  const csrfToken = ref<string | null>(null)
  /** Whether the start-up /auth/me probe has run. */
  const loaded = ref(false)

  const isLoggedIn = computed(() => user.value !== null)

  function setMe(me: Me): void {
    user.value = me.user
    permissions.value = Array.isArray(me.permissions) ? me.permissions : []
    csrfToken.value = me.csrf_token ?? null
    loaded.value = true
  }

  function clear(): void {
    user.value = null
    permissions.value = []
    csrfToken.value = null
    loaded.value = true
  }

  function can(permission: Permission): boolean {
    return permissions.value.includes(permission)
  }

  /** Loads the session; false when there is none (401). Other errors propagate. */
  async function fetchMe(): Promise<boolean> {
    try {
      setMe(await authApi.me())
      return true
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        clear()
        return false
      }
      throw e
    } finally {
      loaded.value = true
    }
  }

  async function login(username: string, password: string): Promise<void> {
    setMe(await authApi.login(username, password))
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } finally {
      clear()
    }
  }

  function markPasswordChangeRequired(): void {
    if (user.value) {
      user.value = { ...user.value, must_change_password: true }
    }
  }

  return { user, permissions, csrfToken, loaded, isLoggedIn, setMe, clear, can, fetchMe, login, logout, markPasswordChangeRequired }
})
