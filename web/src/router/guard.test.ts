import { describe, expect, it } from 'vitest'
import { decideNavigation, type GuardSession, type GuardTarget } from './guard'

const admin: GuardSession = {
  loggedIn: true,
  mustChangePassword: false,
  permissions: ['organizations.read', 'organizations.create', 'users.read', 'audit.read'],
}
const anonymous: GuardSession = { loggedIn: false, mustChangePassword: false, permissions: [] }

function route(name: string, fullPath: string, meta: GuardTarget['meta'] = {}, query: Record<string, unknown> = {}): GuardTarget {
  return { name, fullPath, meta, query }
}

const orgs = route('organizations', '/organizations?q=x', { permission: 'organizations.read' })

describe('decideNavigation', () => {
  it('sends anonymous users to login, keeping where they wanted to go', () => {
    expect(decideNavigation(orgs, anonymous)).toEqual({ name: 'login', query: { redirect: '/organizations?q=x' } })
    expect(decideNavigation(route('home', '/'), anonymous)).toEqual({ name: 'login', query: {} })
  })

  it('lets anyone open public pages, but a logged-in user on /login goes on', () => {
    const login = route('login', '/login', { public: true }, { redirect: '/users' })
    expect(decideNavigation(login, anonymous)).toBe(true)
    expect(decideNavigation(login, admin)).toBe('/users')
    const evil = route('login', '/login', { public: true }, { redirect: '//evil.example' })
    expect(decideNavigation(evil, admin)).toEqual({ name: 'home' })
  })

  it('opens the 公示 of a round to anyone, signed in or not', () => {
    const notice = route('public-notice', '/public/notice/3', { public: true })
    expect(decideNavigation(notice, anonymous)).toBe(true)
    expect(decideNavigation(notice, admin)).toBe(true)
    expect(decideNavigation(notice, { ...admin, mustChangePassword: true })).toBe(true)
  })

  it('holds a user who must change the password on the change-password page', () => {
    const must = { ...admin, mustChangePassword: true }
    expect(decideNavigation(orgs, must)).toEqual({ name: 'change-password' })
    expect(decideNavigation(route('change-password', '/change-password'), must)).toBe(true)
  })

  it('refuses pages without their permission', () => {
    const orgOnly = { ...admin, permissions: ['organizations.read'] }
    expect(decideNavigation(route('users', '/users', { permission: 'users.read' }), orgOnly)).toEqual({ name: 'forbidden' })
    expect(decideNavigation(orgs, orgOnly)).toBe(true)
  })

  it('opens a page needing any one of several permissions to holders of one of them', () => {
    const caseDetail = route('case-detail', '/cases/7', { anyPermission: ['cases.read', 'cases.inspect'] })
    expect(decideNavigation(caseDetail, { ...admin, permissions: ['cases.read'] })).toBe(true)
    expect(decideNavigation(caseDetail, { ...admin, permissions: ['cases.inspect'] })).toBe(true)
    expect(decideNavigation(caseDetail, { ...admin, permissions: ['households.read'] })).toEqual({ name: 'forbidden' })
  })

  it('lands a user whose only role is volunteer on their own home; the sign-up is public', () => {
    const volunteer: GuardSession = { ...admin, permissions: ['organizations.read', 'divisions.read', 'volunteering.self'], roles: ['volunteer'] }
    expect(decideNavigation(route('home', '/'), volunteer)).toEqual({ name: 'my-volunteering' })
    expect(decideNavigation(route('home', '/'), { ...volunteer, roles: ['org_admin', 'volunteer'] })).toEqual({ name: 'organizations' })
    expect(decideNavigation(route('volunteer-signup', '/public/volunteer-signup', { public: true }), anonymous)).toBe(true)
  })

  it('sends home to the first page the user may open', () => {
    expect(decideNavigation(route('home', '/'), admin)).toEqual({ name: 'organizations' })
    expect(decideNavigation(route('home', '/'), { ...admin, permissions: ['audit.read'] })).toEqual({ name: 'audit' })
    expect(decideNavigation(route('home', '/'), { ...admin, permissions: [] })).toBe(true)
  })
})
