// Browser test of volunteer pairing (docs/volunteers.md) on a phone (390×844) against a running
// Bangyi server (started by tests/e2e/run.sh). The demo volunteer is linked to a volunteer profile
// with an active pairing on an in-service case of the demo social worker's organization
// (src/app/demo_seed.cpp):
//   volunteer: lands on their own home (the only item of the nav), opens their family, logs a
//              visit of 1.5 hours with a service type of the catalogue;
//   worker:    (another browser) finds the visit in the queue of their workbench and confirms it;
//   volunteer: reloads: the confirmed hours went up by exactly the visit's 90 minutes, the visit
//              reads as confirmed.
// None of the volunteer's pages may scroll sideways at this width.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { BASE_URL, CREDENTIALS_FILE, demoLogin, inputOf, logIn, openSelect, useBrowser, type BrowserSession, type Login } from './support'

const PHONE = { width: 390, height: 844 }
const VOLUNTEER_LANDING = /\/(my-volunteering|change-password)/
const WORKER_LANDING = /\/(workbench|change-password)/

/** Whether the page is wider than the viewport (a horizontal scroll bar). */
async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)
}

/** The confirmed minutes the volunteer's home shows. */
async function confirmedMinutes(page: Page): Promise<number> {
  const el = page.getByTestId('me-hours-confirmed')
  await el.waitFor()
  return Number(await el.getAttribute('data-minutes'))
}

/** Signs in; a forced password change (support.logIn) gives the account a new password. */
async function signIn(session: BrowserSession, who: Login, landing: RegExp, after: RegExp): Promise<void> {
  await logIn(session, who, { landing, afterPasswordChange: after })
  if (session.page.url().includes('/change-password')) {
    who.password = `${who.password}-E2e9!`
  }
}

describe('volunteer visit, end to end, on a phone', () => {
  const vol = useBrowser('volunteers-volunteer-', { viewport: PHONE })
  const wrk = useBrowser('volunteers-worker-', { viewport: PHONE })

  it('a volunteer logs a visit, the social worker confirms it, the volunteer has the hours', async () => {
    const volunteer = demoLogin(CREDENTIALS_FILE, 'volunteer')
    const worker = demoLogin(CREDENTIALS_FILE, 'social_worker')
    const stamp = `${Date.now() % 1_000_000}`.padStart(6, '0')
    const activities = `E2E 探访 ${stamp}：陪孩子做数学作业，和家长聊了近况`
    const durationMinutes = 90
    let before = 0

    // ---- Volunteer: home, family, visit ---------------------------------------------------------

    await signIn(vol, volunteer, VOLUNTEER_LANDING, /\/my-volunteering/)
    const page = vol.page

    await vol.step('home', async () => {
      if (!/\/my-volunteering/.test(page.url())) {
        await page.goto(`${BASE_URL}/`)
        await page.waitForURL(/\/my-volunteering$/)
      }
      before = await confirmedMinutes(page)
      await page.getByTestId('me-family').first().waitFor()
      expect(await scrollsSideways(page)).toBe(false)
      // The nav of a volunteer-only user holds their home and nothing else.
      await page.getByTestId('menu-toggle').click()
      await page.getByTestId('menu-my-volunteering').waitFor()
      expect(await page.locator('[data-testid="side-menu"] [data-testid^="menu-"]').count()).toBe(1)
      expect(await page.getByTestId('menu-workbench').count()).toBe(0)
      await page.keyboard.press('Escape')
      await page.getByTestId('nav-drawer').waitFor({ state: 'hidden' })
    })

    let pairingId = ''
    await vol.step('open-family', async () => {
      const family = page.locator('[data-testid="me-family"]', { has: page.getByTestId('me-log-visit') }).first()
      pairingId = (await family.getAttribute('data-pairing-id')) ?? ''
      expect(pairingId).not.toBe('')
      await family.getByTestId('me-family-open').click()
      await page.waitForURL(new RegExp(`/my-volunteering/pairings/${pairingId}$`))
      await page.getByTestId('pairing-family').waitFor()
      await page.getByTestId('pairing-view').waitFor()
      expect((await page.getByTestId('pairing-member').count()) > 0).toBe(true)
      expect(await scrollsSideways(page)).toBe(false)
    })

    await vol.step('log-visit', async () => {
      await page.getByTestId('pairing-log-visit').click()
      await page.getByTestId('visit-activities').waitFor()
      // The date defaults to today; 1.5 hours are 90 minutes.
      await page.getByTestId('visit-unit-hours').click()
      const duration = inputOf(page, 'visit-duration')
      await duration.fill('1.5')
      await duration.press('Tab')
      await inputOf(page, 'visit-activities').fill(activities)
      // The service types are the catalogue's (GET /service-types, which a volunteer may read), not
      // the built-in few the form falls back to: 物质帮扶 is only in the catalogue.
      const types = await openSelect(page, 'visit-service-type')
      await expect.poll(async () => types.filter({ hasText: '物质帮扶' }).count(), { timeout: 10_000 }).toBeGreaterThan(0)
      await types.filter({ hasText: '学业辅导' }).first().click()
      expect(await scrollsSideways(page)).toBe(false)
      await page.getByTestId('visit-submit').click()
      await page.getByTestId('visit-activities').waitFor({ state: 'detached' })
      const item = page.locator('[data-testid="pairing-visits-item"]', { hasText: stamp })
      await item.waitFor()
      expect(await item.getAttribute('data-status')).toBe('logged')
      expect(await item.innerText()).toContain('1 小时 30 分钟')
    })

    await vol.step('pending-hours', async () => {
      await page.getByTestId('pairing-back').click()
      await page.waitForURL(/\/my-volunteering$/)
      await page.locator('[data-testid="me-visits-item"]', { hasText: stamp }).waitFor()
      expect(await confirmedMinutes(page)).toBe(before)
      expect(Number(await page.getByTestId('me-hours-pending').getAttribute('data-minutes'))).toBeGreaterThanOrEqual(durationMinutes)
    })

    // ---- Social worker: confirm in the queue ----------------------------------------------------

    await signIn(wrk, worker, WORKER_LANDING, /\/workbench/)
    const wpage = wrk.page

    await wrk.step('confirm', async () => {
      if (!/\/workbench/.test(wpage.url())) {
        await wpage.goto(`${BASE_URL}/workbench`)
      }
      await wpage.getByTestId('wb-visits').waitFor()
      const row = wpage.locator('[data-testid="wb-visits"] .el-table__body tr', { hasText: stamp })
      await row.first().waitFor()
      expect(await row.first().innerText()).toContain('1 小时 30 分钟')
      await row.first().getByTestId('visit-confirm').click()
      await row.first().waitFor({ state: 'detached' })
    })

    // ---- Volunteer: the hours --------------------------------------------------------------------

    await vol.step('confirmed-hours', async () => {
      await page.reload()
      await expect.poll(async () => confirmedMinutes(page), { timeout: 15_000 }).toBe(before + durationMinutes)
      const item = page.locator('[data-testid="me-visits-item"]', { hasText: stamp })
      await item.waitFor()
      expect(await item.getAttribute('data-status')).toBe('confirmed')
      expect(await scrollsSideways(page)).toBe(false)
    })
  })
})
