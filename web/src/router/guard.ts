import type { RouteLocationRaw } from 'vue-router'
import type { Permission } from '@/api/types'
import { homeRoute, safeRedirect } from './menu'

export interface GuardTarget {
  name?: string | symbol | null
  fullPath: string
  query: Record<string, unknown>
  meta: { public?: boolean; permission?: Permission; anyPermission?: Permission[] }
}

export interface GuardSession {
  loggedIn: boolean
  mustChangePassword: boolean
  permissions: readonly string[]
  /** The role names held (a volunteer-only user lands on their own home). */
  roles?: readonly string[]
}

/**
 * Where a navigation to `to` may go, given the session: `true` to proceed, or the place to go
 * instead. Pure, so the rules are tested without a router.
 */
export function decideNavigation(to: GuardTarget, session: GuardSession): true | RouteLocationRaw {
  if (to.meta.public) {
    if (to.name === 'login' && session.loggedIn) {
      return safeRedirect(to.query.redirect) ?? { name: 'home' }
    }
    return true
  }
  if (!session.loggedIn) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  }
  if (session.mustChangePassword && to.name !== 'change-password') {
    return { name: 'change-password' }
  }
  if (to.meta.permission && !session.permissions.includes(to.meta.permission)) {
    return { name: 'forbidden' }
  }
  if (to.meta.anyPermission && !to.meta.anyPermission.some((p) => session.permissions.includes(p))) {
    return { name: 'forbidden' }
  }
  if (to.name === 'home') {
    const first = homeRoute(session.permissions, undefined, session.roles)
    return first ? { name: first } : true
  }
  return true
}
