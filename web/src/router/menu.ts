import type { Permission } from '@/api/types'

export type MenuIcon =
  | 'office'
  | 'house'
  | 'user'
  | 'document'
  | 'monitor'
  | 'folder'
  | 'money'
  | 'edit'
  | 'chart'
  | 'wallet'
  | 'connection'
  | 'avatar'
  | 'star'
  | 'dataBoard'

export interface MenuItem {
  /** Route name the item opens. */
  route: string
  /** Locale key of the label. */
  titleKey: string
  icon: MenuIcon
  /** Shown only to users holding this permission … */
  permission: Permission
  /** … or any one of these. */
  orPermissions?: readonly Permission[]
}

/** The side menu, in display order. */
export const MENU: readonly MenuItem[] = [
  // First, so that a social worker lands on their workbench.
  { route: 'workbench', titleKey: 'menu.workbench', icon: 'monitor', permission: 'cases.read' },
  { route: 'cases', titleKey: 'menu.cases', icon: 'folder', permission: 'cases.read' },
  { route: 'pairings', titleKey: 'menu.pairings', icon: 'connection', permission: 'pairings.manage' },
  // Before the rounds, so that a reviewer lands on their assignments.
  { route: 'reviews', titleKey: 'menu.reviews', icon: 'edit', permission: 'reviews.score' },
  // Before the rest, so that finance lands on the tranches waiting for them.
  { route: 'disbursements', titleKey: 'menu.disbursements', icon: 'wallet', permission: 'disbursements.approve' },
  { route: 'organizations', titleKey: 'menu.organizations', icon: 'office', permission: 'organizations.read' },
  { route: 'households', titleKey: 'menu.households', icon: 'house', permission: 'households.read' },
  { route: 'volunteers', titleKey: 'menu.volunteers', icon: 'avatar', permission: 'volunteers.read' },
  { route: 'rounds', titleKey: 'menu.rounds', icon: 'money', permission: 'rounds.read' },
  { route: 'projects', titleKey: 'menu.projects', icon: 'chart', permission: 'projects.read' },
  // After the day-to-day work, so that nobody's landing page moves.
  // kpis.read_suppressed: district figures only, small cells suppressed (gov_viewer).
  { route: 'dashboard', titleKey: 'menu.dashboard', icon: 'dataBoard', permission: 'kpis.read', orPermissions: ['kpis.read_suppressed'] },
  { route: 'users', titleKey: 'menu.users', icon: 'user', permission: 'users.read' },
  { route: 'audit', titleKey: 'menu.audit', icon: 'document', permission: 'audit.read' },
  // Last, so that staff who also volunteer still land on their work; a volunteer sees only this.
  { route: 'my-volunteering', titleKey: 'menu.myVolunteering', icon: 'star', permission: 'volunteering.self' },
]

/** Whether every role held is `volunteer`: the nav then shows the volunteer's own home only. */
export function volunteerOnly(roles: readonly string[] | null | undefined): boolean {
  return !!roles && roles.length > 0 && roles.every((r) => r === 'volunteer')
}

/**
 * The items the holder of `permissions` may open; a user whose only role is `volunteer` (`roles`)
 * sees only the items of `volunteering.self`.
 */
export function visibleMenu(permissions: readonly string[], items: readonly MenuItem[] = MENU, roles?: readonly string[] | null): MenuItem[] {
  const held = new Set(permissions)
  const only = volunteerOnly(roles)
  const allowed = (item: MenuItem) => held.has(item.permission) || (item.orPermissions ?? []).some((p) => held.has(p))
  return items.filter((item) => allowed(item) && (!only || item.permission === 'volunteering.self'))
}

/** Where "/" goes after login: the first menu item allowed, or null (the welcome page). */
export function homeRoute(permissions: readonly string[], items: readonly MenuItem[] = MENU, roles?: readonly string[] | null): string | null {
  return visibleMenu(permissions, items, roles)[0]?.route ?? null
}

/**
 * A login `redirect` query value if it is a path inside this app, else null — never an
 * absolute or protocol-relative URL (open redirect) and never back to the login page.
 */
export function safeRedirect(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return null
  }
  if (value === '/login' || value.startsWith('/login?') || value.startsWith('/api/')) {
    return null
  }
  return value
}
