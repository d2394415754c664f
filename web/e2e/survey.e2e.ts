// Browser test of a satisfaction survey (docs/outcomes.md) against a running Bangyi server
// (started by tests/e2e/run.sh) with demo data:
//   social worker: opens one of their cases in service, 满意度 tab, creates one invitation and
//                  reads its link (and QR code) from the dialog;
//   the person served: (a fresh browser page, a phone 390×844, no login) opens the link, answers
//                  every item, submits, sees the thanks; reloading shows 已提交过 (409);
//   social worker: the invitation now reads as answered.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { BASE_URL, CREDENTIALS_FILE, choose, demoLogin, logIn, useBrowser, type BrowserSession, type Login } from './support'

const PHONE = { width: 390, height: 844 }
const WORKER_LANDING = /\/(workbench|change-password)/

/** Whether the page is wider than the viewport (a horizontal scroll bar). */
async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)
}

/** Signs in; a forced password change (support.logIn) gives the account a new password. */
async function signIn(session: BrowserSession, who: Login): Promise<void> {
  await logIn(session, who, { landing: WORKER_LANDING, afterPasswordChange: /\/workbench/ })
  if (session.page.url().includes('/change-password')) {
    who.password = `${who.password}-E2e9!`
  }
}

describe('satisfaction survey, end to end', () => {
  const wrk = useBrowser('survey-worker-')
  const pub = useBrowser('survey-public-', { viewport: PHONE })

  it('a social worker invites, the person served answers on a phone, once', async () => {
    const worker = demoLogin(CREDENTIALS_FILE, 'social_worker')
    let link = ''
    let caseUrl = ''

    // ---- Social worker: the invitation ----------------------------------------------------------

    await signIn(wrk, worker)
    const page = wrk.page

    await wrk.step('open-case', async () => {
      await page.goto(`${BASE_URL}/cases`)
      await page.getByTestId('cases-table').waitFor()
      await choose(page, 'cases-filter-state', '服务中')
      const first = page.locator('[data-testid="cases-table"] [data-testid="case-link"]').first()
      await first.waitFor()
      await first.click()
      await page.waitForURL(/\/cases\/[^/?]+/)
      caseUrl = page.url().split('?')[0]
      await page.getByTestId('case-state').waitFor()
    })

    await wrk.step('create-invitation', async () => {
      await page.getByTestId('case-tab-survey').click()
      await page.getByTestId('survey-panel').waitFor()
      await page.getByTestId('inv-new').click()
      await page.getByTestId('inv-submit').waitFor()
      await page.getByTestId('inv-submit').click()
      const url = page.getByTestId('inv-url')
      await url.first().waitFor()
      expect(await url.count()).toBe(1)
      link = (await url.first().innerText()).trim()
      expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{24}$/)
      expect(link.startsWith(BASE_URL)).toBe(true)
      const qr = page.getByTestId('inv-qr').first()
      expect(await qr.getAttribute('src')).toMatch(/\/api\/v1\/public\/surveys\/[A-Za-z0-9_-]{24}\/qr\.svg$/)
      await expect.poll(async () => qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0)
      await page.getByTestId('inv-done').click()
      await page.getByTestId('inv-url').first().waitFor({ state: 'detached' })
      await page.locator('[data-testid="inv-status"][data-status="open"]').first().waitFor()
    })

    // ---- The person served: a phone, no login ---------------------------------------------------

    const phone = pub.page
    const codes: string[] = []

    await pub.step('open-survey', async () => {
      await phone.goto(link)
      await phone.getByTestId('survey-form').waitFor()
      expect((await phone.getByTestId('survey-org').innerText()).trim()).not.toBe('')
      codes.push(
        ...(await phone.locator('[data-testid^="survey-item-"]').evaluateAll((els) => els.map((e) => (e.getAttribute('data-testid') ?? '').replace('survey-item-', '')))),
      )
      expect(codes).toContain('overall')
      // The page is in Chinese, with the 5-point scale.
      await phone.getByText('非常满意').first().waitFor()
      await phone.getByText('非常不满意').first().waitFor()
      expect(await scrollsSideways(phone)).toBe(false)
    })

    await pub.step('submit-needs-overall', async () => {
      await phone.getByTestId('survey-submit').click()
      await phone.getByTestId('survey-error-overall').waitFor()
    })

    await pub.step('answer-and-submit', async () => {
      for (const code of codes) {
        await phone.getByTestId(`survey-answer-${code}-${code === 'overall' ? 5 : 4}`).click()
      }
      await phone.locator('textarea#survey-comment').fill('社工很耐心，谢谢！')
      expect(await scrollsSideways(phone)).toBe(false)
      await phone.getByTestId('survey-submit').click()
      await phone.getByTestId('survey-thanks').waitFor()
    })

    await pub.step('reload-answered', async () => {
      await phone.reload()
      await phone.getByTestId('survey-state-answered').waitFor()
      expect(await phone.getByTestId('survey-state-answered').innerText()).toContain('已提交过')
      expect(await phone.getByTestId('survey-form').count()).toBe(0)
    })

    // ---- Social worker: answered ------------------------------------------------------------------

    await wrk.step('invitation-answered', async () => {
      await page.goto(`${caseUrl}?tab=survey`)
      await page.getByTestId('survey-panel').waitFor()
      await page.locator('[data-testid="inv-status"][data-status="answered"]').first().waitFor()
    })
  })
})
