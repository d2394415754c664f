import { describe, expect, it } from 'vitest'
import { MENU, homeRoute, safeRedirect, visibleMenu, volunteerOnly } from './menu'

describe('visibleMenu', () => {
  it('shows nothing without permissions', () => {
    expect(visibleMenu([])).toEqual([])
  })

  it('shows each item only with its read permission', () => {
    expect(visibleMenu(['organizations.read']).map((i) => i.route)).toEqual(['organizations'])
    expect(visibleMenu(['users.read']).map((i) => i.route)).toEqual(['users'])
    expect(visibleMenu(['audit.read']).map((i) => i.route)).toEqual(['audit'])
    expect(visibleMenu(['households.read']).map((i) => i.route)).toEqual(['households'])
    expect(visibleMenu(['cases.read']).map((i) => i.route)).toEqual(['workbench', 'cases'])
    expect(visibleMenu(['rounds.read']).map((i) => i.route)).toEqual(['rounds'])
    expect(visibleMenu(['projects.read']).map((i) => i.route)).toEqual(['projects'])
  })

  it('lands finance on the disbursement queue, with the rounds and projects after it', () => {
    const finance = ['organizations.read', 'divisions.read', 'rounds.read', 'projects.read', 'disbursements.approve']
    expect(visibleMenu(finance).map((i) => i.route)).toEqual(['disbursements', 'organizations', 'rounds', 'projects'])
    expect(homeRoute(finance)).toBe('disbursements')
  })

  it('shows a reviewer their assignments first, then the rounds', () => {
    const reviewer = ['divisions.read', 'rounds.read', 'reviews.score']
    expect(visibleMenu(reviewer).map((i) => i.route)).toEqual(['reviews', 'rounds'])
    expect(homeRoute(reviewer)).toBe('reviews')
  })

  it('write permissions alone do not open a page', () => {
    expect(
      visibleMenu([
        'organizations.create',
        'organizations.update',
        'users.manage',
        'api_tokens.manage',
        'households.write',
        'persons.reveal',
        'cases.write',
        'cases.approve',
        'cases.inspect',
        'alerts.acknowledge',
        'referrals.decide',
        'rounds.manage',
        'applications.write',
        'projects.report',
      ]),
    ).toEqual([])
  })

  it('keeps the menu order for a foundation admin', () => {
    const all = ['audit.read', 'users.read', 'users.manage', 'organizations.read', 'divisions.read', 'rounds.read', 'rounds.manage', 'projects.read']
    expect(visibleMenu(all).map((i) => i.route)).toEqual(['organizations', 'rounds', 'projects', 'users', 'audit'])
  })

  it('every item is guarded by a read permission of the contract, or by reviews.score or disbursements.approve (queues)', () => {
    for (const item of MENU) {
      expect([
        'organizations.read',
        'households.read',
        'users.read',
        'audit.read',
        'cases.read',
        'rounds.read',
        'projects.read',
        'reviews.score',
        'disbursements.approve',
        'pairings.manage',
        'volunteers.read',
        'volunteering.self',
        'kpis.read',
      ]).toContain(
        item.permission,
      )
    }
  })

  it('shows households after organizations to a social worker', () => {
    const worker = ['divisions.read', 'households.read', 'households.write', 'organizations.read', 'persons.reveal']
    expect(visibleMenu(worker).map((i) => i.route)).toEqual(['organizations', 'households'])
  })
})

describe('volunteering', () => {
  const worker = ['cases.read', 'cases.write', 'divisions.read', 'households.read', 'organizations.read', 'volunteers.read', 'pairings.manage']
  const volunteer = ['organizations.read', 'divisions.read', 'volunteering.self']

  it('shows a social worker the pairing board after the cases, the volunteers after the households', () => {
    expect(visibleMenu(worker).map((i) => i.route)).toEqual(['workbench', 'cases', 'pairings', 'organizations', 'households', 'volunteers'])
    expect(homeRoute(worker)).toBe('workbench')
  })

  it('shows a user whose only role is volunteer their own home, and nothing else', () => {
    expect(volunteerOnly(['volunteer'])).toBe(true)
    expect(volunteerOnly(['volunteer', 'volunteer'])).toBe(true)
    expect(visibleMenu(volunteer, undefined, ['volunteer']).map((i) => i.route)).toEqual(['my-volunteering'])
    expect(homeRoute(volunteer, undefined, ['volunteer'])).toBe('my-volunteering')
  })

  it('keeps staff who also volunteer on their work, with their volunteering last', () => {
    const both = [...worker, 'volunteering.self']
    expect(volunteerOnly(['social_worker', 'volunteer'])).toBe(false)
    expect(volunteerOnly([])).toBe(false)
    expect(volunteerOnly(null)).toBe(false)
    expect(homeRoute(both, undefined, ['social_worker', 'volunteer'])).toBe('workbench')
    expect(visibleMenu(both, undefined, ['social_worker', 'volunteer']).map((i) => i.route).at(-1)).toBe('my-volunteering')
  })
})

describe('dashboard', () => {
  it('shows the dashboard to holders of kpis.read, after their day-to-day work', () => {
    const donor = ['divisions.read', 'rounds.read', 'projects.read', 'kpis.read']
    expect(visibleMenu(donor).map((i) => i.route)).toEqual(['rounds', 'projects', 'dashboard'])
    expect(homeRoute(donor)).toBe('rounds')
    const worker = ['cases.read', 'cases.write', 'households.read', 'organizations.read', 'kpis.read']
    expect(homeRoute(worker)).toBe('workbench')
    expect(visibleMenu(worker).map((i) => i.route)).toContain('dashboard')
    expect(visibleMenu(['kpis.read']).map((i) => i.route)).toEqual(['dashboard'])
    expect(visibleMenu(['projects.read']).map((i) => i.route)).not.toContain('dashboard')
    // gov_viewer: district figures only.
    expect(visibleMenu(['organizations.read', 'projects.read', 'kpis.read_suppressed']).map((i) => i.route)).toEqual(['organizations', 'projects', 'dashboard'])
  })
})

describe('homeRoute', () => {
  it('lands a social worker or supervisor on the workbench', () => {
    const worker = ['cases.read', 'cases.write', 'divisions.read', 'households.read', 'households.write', 'organizations.read']
    expect(homeRoute(worker)).toBe('workbench')
    expect(visibleMenu(worker).map((i) => i.route)).toEqual(['workbench', 'cases', 'organizations', 'households'])
    expect(homeRoute([...worker, 'cases.approve', 'alerts.acknowledge'])).toBe('workbench')
  })

  it('is the first allowed item, or null', () => {
    expect(homeRoute(['audit.read', 'users.read'])).toBe('users')
    expect(homeRoute(['divisions.read'])).toBeNull()
  })
})

describe('safeRedirect', () => {
  it.each([
    ['/organizations?q=x', '/organizations?q=x'],
    ['/users', '/users'],
    ['//evil.example/x', null],
    ['/\\evil.example', null],
    ['https://evil.example/', null],
    ['/login', null],
    ['/login?redirect=/x', null],
    ['/api/v1/auth/me', null],
    [undefined, null],
    [['/users'], null],
  ])('%s → %s', (input, expected) => {
    expect(safeRedirect(input)).toBe(expected)
  })
})
