import type { RoleName, ScopeType } from '@/api/types'

/** The scope a role usually has, preselected when the role is picked in the role editor. */
export function defaultScopeType(role: RoleName): ScopeType {
  switch (role) {
    case 'org_admin':
    case 'social_worker':
    case 'supervisor':
    case 'volunteer':
      return 'organization'
    case 'community_adviser':
      return 'street'
    case 'gov_viewer':
      return 'district'
    default:
      return 'platform'
  }
}
