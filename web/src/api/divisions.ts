import { http } from './http'
import type { Division } from './types'

export function listDivisions(): Promise<{ data: Division[] }> {
  return http.get<{ data: Division[] }>('/divisions')
}
