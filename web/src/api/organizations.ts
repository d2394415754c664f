import { http } from './http'
import type { Id, ListResponse, Organization, OrganizationInput, OrgStatus, OrgType } from './types'

export interface OrganizationQuery {
  q?: string
  district?: string
  status?: OrgStatus | ''
  org_type?: OrgType | ''
  page?: number
  per?: number
}

export function listOrganizations(query: OrganizationQuery = {}): Promise<ListResponse<Organization>> {
  return http.get<ListResponse<Organization>>('/organizations', { ...query })
}

export function getOrganization(id: Id): Promise<Organization> {
  return http.get<Organization>(`/organizations/${encodeURIComponent(String(id))}`)
}

export function createOrganization(input: OrganizationInput): Promise<Organization> {
  return http.post<Organization>('/organizations', input)
}

/** `version` is the one last read; a stale one is refused with 409 version_conflict. */
export function updateOrganization(id: Id, input: OrganizationInput, version: number): Promise<Organization> {
  return http.put<Organization>(`/organizations/${encodeURIComponent(String(id))}`, { ...input, version })
}
