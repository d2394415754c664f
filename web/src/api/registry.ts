// Households and persons of the caller's organization (openapi.yaml, tag `registry`).
import { http } from './http'
import type {
  Category,
  FinanceInput,
  FinanceList,
  FinanceRecord,
  Household,
  HouseholdDetail,
  HouseholdInput,
  HouseholdUpdate,
  Id,
  ListResponse,
  Person,
  PersonInput,
  PersonUpdate,
  RevealRequest,
  Revealed,
} from './types'

const enc = (id: Id) => encodeURIComponent(String(id))

export interface HouseholdQuery {
  /** Street / town code. */
  street?: string
  /** Part of a member's name. */
  q?: string
  /** An assistance category the household holds. */
  category?: Category | ''
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

/** The create body plus `version`; 409 `version_conflict` when stale. */
export function updateHousehold(id: Id, input: HouseholdUpdate): Promise<Household> {
  return http.put<Household>(`/households/${enc(id)}`, input)
}

/**
 * Merges `fromId` (same organization) into `id`: its members, cases, finances and consents move
 * over; it stays on record (`merged_into_id`) but leaves the lists. 409 `open_cases_both`.
 */
export function mergeHousehold(id: Id, fromId: Id): Promise<HouseholdDetail> {
  return http.post<HouseholdDetail>(`/households/${enc(id)}/merge`, { from_household_id: fromId })
}

/** Income and expenditure records, and the summary of each month (newest first). */
export function listFinances(householdId: Id): Promise<FinanceList> {
  return http.get<FinanceList>(`/households/${enc(householdId)}/finances`)
}

export function addFinance(householdId: Id, input: FinanceInput): Promise<FinanceRecord> {
  return http.post<FinanceRecord>(`/households/${enc(householdId)}/finances`, input)
}

/** 422 `mismatch` when birth date or gender disagree with the ID; 409 `duplicate` on id_number. */
export function addPerson(householdId: Id, input: PersonInput): Promise<Person> {
  return http.post<Person>(`/households/${enc(householdId)}/persons`, input)
}

/** Omitted id_number, phone and conditions stay as they are; 409 `version_conflict` when stale. */
export function updatePerson(id: Id, input: PersonUpdate): Promise<Person> {
  return http.put<Person>(`/persons/${enc(id)}`, input)
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
