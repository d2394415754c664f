// Households and persons of the caller's organization (openapi.yaml, tag `registry`).
import { http } from './http'
import type {
  Household,
  HouseholdDetail,
  HouseholdInput,
  Id,
  ListResponse,
  Person,
  PersonInput,
  RevealRequest,
  Revealed,
} from './types'

const enc = (id: Id) => encodeURIComponent(String(id))

export interface HouseholdQuery {
  /** Street / town code. */
  street?: string
  page?: number
  per?: number
}

export function listHouseholds(query: HouseholdQuery = {}): Promise<ListResponse<Household>> {
  return http.get<ListResponse<Household>>('/households', { ...query })
}

/** The household with its members (sensitive fields masked). */
export function getHousehold(id: Id): Promise<HouseholdDetail> {
  return http.get<HouseholdDetail>(`/households/${enc(id)}`)
}

export function createHousehold(input: HouseholdInput): Promise<Household> {
  return http.post<Household>('/households', input)
}

/** 422 `mismatch` when birth date or gender disagree with the ID; 409 `duplicate` on id_number. */
export function addPerson(householdId: Id, input: PersonInput): Promise<Person> {
  return http.post<Person>(`/households/${enc(householdId)}/persons`, input)
}

/** Exact match on the resident ID number (through the server's blind index). */
export function findPersonsByIdNumber(idNumber: string): Promise<ListResponse<Person>> {
  return http.get<ListResponse<Person>>('/persons', { id_number: idNumber })
}

export function getPerson(id: Id): Promise<Person> {
  return http.get<Person>(`/persons/${enc(id)}`)
}

/** The clear values; the server records who looked, at what and why. */
export function revealPerson(id: Id, request: RevealRequest): Promise<Revealed> {
  return http.post<Revealed>(`/persons/${enc(id)}/reveal`, request)
}
