import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { configureHttp, resetHttp } from './http'
import * as api from './registry'

describe('registry API', () => {
  const fetchMock = vi.fn<typeof fetch>()

  beforeEach(() => {
    fetchMock.mockReset()
    fetchMock.mockImplementation(async () => new Response(JSON.stringify({ data: [], months: [] }), { status: 200 }))
    vi.stubGlobal('fetch', fetchMock)
    configureHttp({ csrfToken: () => 'tok' })
  })

  afterEach(() => {
    vi.unstubAllGlobals()
    resetHttp()
  })

  function last(): { url: string; method: string; body: unknown; csrf: string | undefined } {
    const [url, init] = fetchMock.mock.calls[fetchMock.mock.calls.length - 1]
    const headers = (init?.headers ?? {}) as Record<string, string>
    return {
      url: String(url),
      method: init?.method ?? 'GET',
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      csrf: headers['X-CSRF-Token'],
    }
  }

  it('lists households by street, member name and category; empty filters left out', async () => {
    await api.listHouseholds({ street: '310101002', q: '王', category: 'dibao', page: 1, per: 20 })
    expect(last().url).toBe(`/api/v1/households?street=310101002&q=${encodeURIComponent('王')}&category=dibao&page=1&per=20`)
    await api.listHouseholds({ q: '', category: '' })
    expect(last().url).toBe('/api/v1/households')
  })

  it('reads the finances of a household', async () => {
    await api.listFinances(7)
    expect(last()).toEqual({ url: '/api/v1/households/7/finances', method: 'GET', body: undefined, csrf: undefined })
  })

  it.each([
    [
      'updateHousehold',
      () =>
        api.updateHousehold(7, { district_code: '310101', street_code: '310101002', community: 'c', categories: [], notes: '', version: 3 }),
      'PUT',
      '/api/v1/households/7',
      { district_code: '310101', street_code: '310101002', community: 'c', categories: [], notes: '', version: 3 },
    ],
    [
      'updatePerson',
      () => api.updatePerson(31, { relation: 'head', name: '王某', gender: 'male', birth_date: '1958-03-12', version: 2 }),
      'PUT',
      '/api/v1/persons/31',
      { relation: 'head', name: '王某', gender: 'male', birth_date: '1958-03-12', version: 2 },
    ],
    [
      'addFinance',
      () => api.addFinance(7, { kind: 'income', category: 'wages', amount_yuan: '3000.00', period_month: '2026-11' }),
      'POST',
      '/api/v1/households/7/finances',
      { kind: 'income', category: 'wages', amount_yuan: '3000.00', period_month: '2026-11' },
    ],
    ['mergeHousehold', () => api.mergeHousehold(7, 9), 'POST', '/api/v1/households/7/merge', { from_household_id: 9 }],
  ])('%s → %s %s with the CSRF token', async (_name, call, method, url, body) => {
    await call()
    expect(last()).toEqual({ url, method, body, csrf: 'tok' })
  })
})
