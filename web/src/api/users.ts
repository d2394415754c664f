import { http } from './http'
import type { Id, ListResponse, Role, RoleName, User, UserStatus } from './types'

export interface UserQuery {
  organization_id?: Id | null
  q?: string
  role?: RoleName | ''
  status?: UserStatus | ''
  page?: number
  per?: number
}

export interface UserCreateInput {
  username: string
  display_name: string
  password: string
  organization_id: Id | null
  roles: Role[]
}

export interface UserUpdateInput {
  display_name: string
  roles: Role[]
  status: UserStatus
}

export function listUsers(query: UserQuery = {}): Promise<ListResponse<User>> {
  return http.get<ListResponse<User>>('/users', { ...query })
}

export function getUser(id: Id): Promise<User> {
  return http.get<User>(`/users/${encodeURIComponent(String(id))}`)
}

export function createUser(input: UserCreateInput): Promise<User> {
  return http.post<User>('/users', input)
}

export function updateUser(id: Id, input: UserUpdateInput): Promise<User> {
  return http.put<User>(`/users/${encodeURIComponent(String(id))}`, input)
}

/** The user must change this password at the next login. */
export function resetUserPassword(id: Id, newPassword: string): Promise<void> {
  return http.post<void>(`/users/${encodeURIComponent(String(id))}/reset-password`, { new_password: newPassword })
}
