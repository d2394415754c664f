import type { Permission } from '@/api/types'

export type MenuIcon = 'office' | 'house' | 'user' | 'document' | 'monitor' | 'folder' | 'money' | 'edit' | 'chart' | 'wallet'

export interface MenuItem {
  /** Route name the item opens. */
  route: string
  /** Locale key of the label. */
  titleKey: string
  icon: MenuIcon
  /** Shown only to users holding this permission. */
  permission: Permission
}

/** The side menu, in display order. */
export const MENU: readonly MenuItem[] = [
  // First, so that a social worker lands on their workbench.
  { route: 'workbench', titleKey: 'menu.workbench', icon: 'monitor', permission: 'cases.read' },
  { route: 'cases', titleKey: 'menu.cases', icon: 'folder', permission: 'cases.read' },
  // Before the rounds, so that a reviewer lands on their assignments.
  { route: 'reviews', titleKey: 'menu.reviews', icon: 'edit', permission: 'reviews.score' },
  // Before the rest, so that finance lands on the tranches waiting for them.
  { route: 'disbursements', titleKey: 'menu.disbursements', icon: 'wallet', permission: 'disbursements.approve' },
  { route: 'organizations', titleKey: 'menu.organizations', icon: 'office', permission: 'organizations.read' },
  { route: 'households', titleKey: 'menu.households', icon: 'house', permission: 'households.read' },
  { route: 'rounds', titleKey: 'menu.rounds', icon: 'money', permission: 'rounds.read' },
  { route: 'projects', titleKey: 'menu.projects', icon: 'chart', permission: 'projects.read' },
  { route: 'users', titleKey: 'menu.users', icon: 'user', permission: 'users.read' },
  { route: 'audit', titleKey: 'menu.audit', icon: 'document', permission: 'audit.read' },
]

/** The items the holder of `permissions` may open. */
export function visibleMenu(permissions: readonly string[], items: readonly MenuItem[] = MENU): MenuItem[] {
  const held = new Set(permissions)
  return items.filter((item) => held.has(item.permission))
}

/** Where "/" goes after login: the first menu item allowed, or null (the welcome page). */
export function homeRoute(permissions: readonly string[], items: readonly MenuItem[] = MENU): string | null {
  return visibleMenu(permissions, items)[0]?.route ?? null
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
