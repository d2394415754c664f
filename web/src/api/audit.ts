import { http } from './http'
import type { AuditEvent, Id, ListResponse } from './types'

export interface AuditQuery {
  action?: string
  entity_type?: string
  entity_id?: Id
  actor?: string
  /** ISO 8601 UTC; `from` is inclusive, `to` exclusive */
  from?: string
  to?: string
  page?: number
  per?: number
}

export function listAuditEvents(query: AuditQuery = {}): Promise<ListResponse<AuditEvent>> {
  return http.get<ListResponse<AuditEvent>>('/audit-events', { ...query })
}
