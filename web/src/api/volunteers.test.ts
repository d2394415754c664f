import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, configureHttp, resetHttp } from './http'
import * as api from './volunteers'
import volunteersSource from './volunteers.ts?raw'
import { SLOTS } from './volunteerTypes'

describe('volunteers API', () => {
  const fetchMock = vi.fn<typeof fetch>()
  const onUnauthenticated = vi.fn()

  beforeEach(() => {
    fetchMock.mockReset()
    onUnauthenticated.mockReset()
    fetchMock.mockImplementation(async () => new Response(JSON.stringify({ data: [] }), { status: 200 }))
    vi.stubGlobal('fetch', fetchMock)
    configureHttp({ csrfToken: () => 'tok', onUnauthenticated })
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

  function answer(status: number, body: unknown): void {
    fetchMock.mockImplementationOnce(async () => new Response(JSON.stringify(body), { status }))
  }

  it('has the 21 weekly slots, Monday morning first', () => {
    expect(SLOTS).toHaveLength(21)
    expect(SLOTS.slice(0, 4)).toEqual(['mon_am', 'mon_pm', 'mon_eve', 'tue_am'])
    expect(SLOTS[SLOTS.length - 1]).toBe('sun_eve')
  })

  it.each([
    ['listVolunteerOrganizations', () => api.listVolunteerOrganizations('310104'), '/api/v1/public/volunteer-organizations?district=310104'],
    ['listVolunteerOrganizations, every district', () => api.listVolunteerOrganizations(), '/api/v1/public/volunteer-organizations'],
    ['verifyCertificate', () => api.verifyCertificate('AB-12'), '/api/v1/certificates/AB-12'],
    [
      'listVolunteers',
      () => api.listVolunteers({ status: 'active', membership: 'pending', q: ' 王 ', skill: 'it', district: '310104', page: 2, per: 50 }),
      `/api/v1/volunteers?status=active&membership=pending&q=${encodeURIComponent('王')}&skill=it&district=310104&page=2&per=50`,
    ],
    ['listVolunteers, no filter', () => api.listVolunteers({ status: '', q: '' }), '/api/v1/volunteers'],
    ['getVolunteer', () => api.getVolunteer(7), '/api/v1/volunteers/7'],
    ['listProfessionals', () => api.listProfessionals(), '/api/v1/professionals'],
    ['getTeam', () => api.getTeam(5), '/api/v1/cases/5/team'],
    ['getVolunteerView', () => api.getVolunteerView(5), '/api/v1/cases/5/volunteer-view'],
    ['getPairingSuggestions', () => api.getPairingSuggestions(5), '/api/v1/cases/5/pairing-suggestions'],
    [
      'getPairingSuggestions with needs',
      () => api.getPairingSuggestions(5, { limit: 10, languages: ['shanghainese'], slots: ['sat_am', 'sun_pm'] }),
      `/api/v1/cases/5/pairing-suggestions?limit=10&languages=shanghainese&slots=${encodeURIComponent('sat_am,sun_pm')}`,
    ],
    ['listPairings', () => api.listPairings({ status: 'active', overdue: true, mine: true, page: 1, per: 20 }), '/api/v1/pairings?status=active&overdue=true&mine=true&page=1&per=20'],
    ['listPairings, not overdue nor mine', () => api.listPairings({ overdue: false, mine: false }), '/api/v1/pairings'],
    ['getPairing', () => api.getPairing(3), '/api/v1/pairings/3'],
    ['getMyVolunteer', () => api.getMyVolunteer(), '/api/v1/me/volunteer'],
    ['listPairingVisits', () => api.listPairingVisits(3), '/api/v1/pairings/3/visits'],
    ['listVisits', () => api.listVisits({ status: 'logged', mine: true }), '/api/v1/visits?status=logged&mine=true'],
    ['getVolunteerHours', () => api.getVolunteerHours(7, { from: '2026-01-01', to: '2026-06-30' }), '/api/v1/volunteers/7/hours?from=2026-01-01&to=2026-06-30'],
    ['getVolunteerHours, all time', () => api.getVolunteerHours(7), '/api/v1/volunteers/7/hours'],
    ['getOrganizationHours', () => api.getOrganizationHours('month', { from: '2026-01-01' }), '/api/v1/volunteer-hours?from=2026-01-01&group=month'],
    ['listCertificates', () => api.listCertificates(7), '/api/v1/volunteers/7/certificates'],
  ])('%s → GET %s', async (_name, call, url) => {
    await call()
    expect(last().method).toBe('GET')
    expect(last().url).toBe(url)
  })

  const profile = {
    name: '王小明',
    gender: 'male' as const,
    birth_date: '1998-05-14',
    id_number: '310104199805140011',
    phone: '13912345678',
    district_code: '310104',
    street_code: '310104003',
    skills: ['tutoring_math' as const],
    languages: ['mandarin' as const, 'shanghainese' as const],
    availability: ['sat_am' as const],
    works_with_minors: true,
    motivation: '',
  }
  const signup = { ...profile, organization_ids: [1, 2], username: 'xiaoming', password: 'Secret-pass-1' }

  it.each([
    ['createVolunteer', () => api.createVolunteer(profile), '/api/v1/volunteers', profile],
    ['approveVolunteer', () => api.approveVolunteer(7), '/api/v1/volunteers/7/approve', {}],
    ['rejectVolunteer', () => api.rejectVolunteer(7, '名额已满'), '/api/v1/volunteers/7/reject', { reason: '名额已满' }],
    ['setVolunteerStatus', () => api.setVolunteerStatus(7, 'paused', '出国'), '/api/v1/volunteers/7/status', { status: 'paused', reason: '出国' }],
    ['revealVolunteer', () => api.revealVolunteer(7, '核实身份'), '/api/v1/volunteers/7/reveal', { reason: '核实身份' }],
    ['revealVolunteer, one field', () => api.revealVolunteer(7, '电话联系', ['phone']), '/api/v1/volunteers/7/reveal', { reason: '电话联系', fields: ['phone'] }],
    [
      'createProfessional',
      () => api.createProfessional({ name: '李医生', profession: 'doctor', qualification: '执业医师', employer: ' ', phone: '13800001111' }),
      '/api/v1/professionals',
      { name: '李医生', profession: 'doctor', qualification: '执业医师', phone: '13800001111' },
    ],
    [
      'addTeamMember',
      () => api.addTeamMember(5, { kind: 'volunteer', volunteer_id: 7, role: '学业辅导', started_on: '2026-03-01' }),
      '/api/v1/cases/5/team',
      { kind: 'volunteer', volunteer_id: 7, role: '学业辅导', started_on: '2026-03-01' },
    ],
    ['endTeamMember', () => api.endTeamMember(5, 9, '2026-06-30', '服务结束'), '/api/v1/cases/5/team/9/end', { ended_on: '2026-06-30', reason: '服务结束' }],
    [
      'proposePairing',
      () => api.proposePairing(5, { volunteer_id: 7, purpose: '学业辅导', cadence: 'weekly', started_on: '2026-03-01', planned_end_on: '', person_ids: [] }),
      '/api/v1/cases/5/pairings',
      { volunteer_id: 7, purpose: '学业辅导', cadence: 'weekly', started_on: '2026-03-01' },
    ],
    [
      'proposePairing with persons and an end',
      () => api.proposePairing(5, { volunteer_id: 7, purpose: 'p', cadence: 'monthly', started_on: '2026-03-01', planned_end_on: '2026-12-31', person_ids: [31] }),
      '/api/v1/cases/5/pairings',
      { volunteer_id: 7, purpose: 'p', cadence: 'monthly', started_on: '2026-03-01', planned_end_on: '2026-12-31', person_ids: [31] },
    ],
    ['acceptPairing', () => api.acceptPairing(3), '/api/v1/pairings/3/accept', {}],
    ['declinePairing', () => api.declinePairing(3, '时间不合适'), '/api/v1/pairings/3/decline', { reason: '时间不合适' }],
    ['pausePairing', () => api.pausePairing(3, '住院'), '/api/v1/pairings/3/pause', { reason: '住院' }],
    ['resumePairing', () => api.resumePairing(3), '/api/v1/pairings/3/resume', {}],
    ['endPairing', () => api.endPairing(3, '目标达成'), '/api/v1/pairings/3/end', { reason: '目标达成' }],
    [
      'logVisit',
      () => api.logVisit(3, { visited_on: '2026-03-07', duration_minutes: 90, activities: '数学辅导', service_type: '', concerns: [] }),
      '/api/v1/pairings/3/visits',
      { visited_on: '2026-03-07', duration_minutes: 90, activities: '数学辅导' },
    ],
    [
      'logVisit with a concern',
      () => api.logVisit(3, { visited_on: '2026-03-07', duration_minutes: 60, activities: 'a', service_type: 'tutoring', concerns: [{ type: 'safety', note: '门锁坏了' }] }),
      '/api/v1/pairings/3/visits',
      { visited_on: '2026-03-07', duration_minutes: 60, activities: 'a', service_type: 'tutoring', concerns: [{ type: 'safety', note: '门锁坏了' }] },
    ],
    ['confirmVisit', () => api.confirmVisit(11), '/api/v1/visits/11/confirm', {}],
    ['queryVisit', () => api.queryVisit(11, '时长有误'), '/api/v1/visits/11/query', { comment: '时长有误' }],
    ['issueCertificate', () => api.issueCertificate(7, { from: '2026-01-01', to: '2026-06-30' }), '/api/v1/volunteers/7/certificates', { from: '2026-01-01', to: '2026-06-30' }],
    [
      'issueCertificate by the volunteer',
      () => api.issueCertificate(7, { from: '2026-01-01', to: '2026-06-30', organization_id: 2 }),
      '/api/v1/volunteers/7/certificates',
      { from: '2026-01-01', to: '2026-06-30', organization_id: 2 },
    ],
  ])('%s posts to %s with the CSRF token', async (_name, call, url, body) => {
    await call()
    expect(last()).toEqual({ url, method: 'POST', body, csrf: 'tok' })
  })

  it('signs up without a session, quietly on 401', async () => {
    configureHttp({ csrfToken: () => null })
    answer(201, { id: 12, status: 'applicant' })
    expect(await api.signUpVolunteer(signup)).toEqual({ id: 12, status: 'applicant' })
    expect(last()).toEqual({ url: '/api/v1/public/volunteer-signups', method: 'POST', body: signup, csrf: undefined })
    answer(401, { error: { code: 'unauthenticated' } })
    await expect(api.listVolunteerOrganizations()).rejects.toBeInstanceOf(ApiError)
    expect(onUnauthenticated).not.toHaveBeenCalled()
  })

  it('reports the sign-up field errors', async () => {
    answer(422, { error: { code: 'validation_failed', fields: [{ field: 'id_number', code: 'checksum' }, { field: 'birth_date', code: 'too_young' }] } })
    const err = await api.signUpVolunteer(signup).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).fields.map((f) => f.field)).toEqual(['id_number', 'birth_date'])
  })

  it('PUTs a profile, safeguarding, grants and a visit', async () => {
    await api.updateVolunteer(7, { version: 3, phone: '13900000000' })
    expect(last()).toEqual({ url: '/api/v1/volunteers/7', method: 'PUT', body: { version: 3, phone: '13900000000' }, csrf: 'tok' })
    await api.setSafeguarding(7, { background_check_status: 'passed', background_check_on: '2026-01-05', training_completed_on: '', agreement_signed_on: '2026-01-06' })
    expect(last()).toEqual({
      url: '/api/v1/volunteers/7/safeguarding',
      method: 'PUT',
      body: { background_check_status: 'passed', background_check_on: '2026-01-05', agreement_signed_on: '2026-01-06' },
      csrf: 'tok',
    })
    await api.setTeamGrants(5, 9, ['id_number', 'health'], '就医陪同')
    expect(last()).toEqual({ url: '/api/v1/cases/5/team/9/grants', method: 'PUT', body: { grants: ['id_number', 'health'], reason: '就医陪同' }, csrf: 'tok' })
    await api.updateVisit('a/b', { visited_on: '2026-03-07', duration_minutes: 45, activities: '陪伴' })
    expect(last()).toEqual({ url: '/api/v1/visits/a%2Fb', method: 'PUT', body: { visited_on: '2026-03-07', duration_minutes: 45, activities: '陪伴' }, csrf: 'tok' })
  })

  it('never PATCHes: every write of the module is a POST or a PUT', () => {
    expect(volunteersSource).not.toMatch(/patch\s*[(<]|'PATCH'/i)
  })

  it('reads pairing suggestions with what was left out and why, the needs and the time taken', async () => {
    const body = {
      data: [
        {
          volunteer_id: 7,
          name: '王晓燕',
          district_code: '310104',
          street_code: '310104003',
          skills: ['tutoring_math'],
          languages: ['mandarin'],
          open_pairings: 1,
          score: 81,
          parts: [{ factor: 'skills', points: 25, max: 25, reason: 'all_matched', matched: ['tutoring_math'] }],
        },
      ],
      considered: 120,
      excluded: { background_check: 4, at_capacity: 2, already_paired: 1 },
      needs: {
        skills: ['tutoring_chinese', 'tutoring_math'],
        skill_groups: [['tutoring_chinese', 'tutoring_math']],
        languages: ['shanghainese'],
        slots: [],
        has_minor: true,
        capacity: 3,
      },
      took_ms: 1.25,
    }
    answer(200, body)
    const res = await api.getPairingSuggestions(5, { limit: 10 })
    expect(last().url).toBe('/api/v1/cases/5/pairing-suggestions?limit=10')
    expect(res).toEqual(body)
    expect(res.excluded.already_paired).toBe(1)
    expect(res.needs.skill_groups).toEqual([['tutoring_chinese', 'tutoring_math']])
    expect(res.needs.capacity).toBe(3)
    expect(res.took_ms).toBe(1.25)
  })

  it('unwraps the data of list answers, empty when missing', async () => {
    const row = { id: 1, name: '李医生' }
    answer(200, { data: [row] })
    expect(await api.listProfessionals()).toEqual([row])
    answer(200, {})
    expect(await api.listVisits({ status: 'logged' })).toEqual([])
    answer(200, {})
    expect(await api.listCertificates(7)).toEqual([])
    answer(200, { data: [{ id: 1 }] })
    expect(await api.listPairings()).toEqual({ data: [{ id: 1 }], metadata: { total: 1, page: 1, per: 1 } })
  })

  it('finds the divisions for the sign-up: the public list, else the signed-in one, else none', async () => {
    const tree = [{ code: '310104', name: '徐汇区', streets: [] }]
    answer(200, { data: tree })
    expect(await api.listSignupDivisions()).toEqual(tree)
    expect(last().url).toBe('/api/v1/public/divisions')
    answer(404, { error: { code: 'not_found' } })
    answer(200, { data: tree })
    expect(await api.listSignupDivisions()).toEqual(tree)
    expect(last().url).toBe('/api/v1/divisions')
    answer(404, { error: { code: 'not_found' } })
    answer(401, { error: { code: 'unauthenticated' } })
    expect(await api.listSignupDivisions()).toBeNull()
    expect(onUnauthenticated).not.toHaveBeenCalled()
  })

  it('links a certificate PDF by its escaped code', () => {
    expect(api.certificatePdfUrl('BY-2026-0001')).toBe('/api/v1/certificates/BY-2026-0001/pdf')
    expect(api.certificatePdfUrl('a/b')).toBe('/api/v1/certificates/a%2Fb/pdf')
  })
})
