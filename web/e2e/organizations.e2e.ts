// Browser test against a running Bangyi server (started by tests/e2e/run.sh):
// log in as the demo foundation admin, see the organizations list in Chinese, switch to
// English, create an organization with a fresh valid credit code, find it by search, see a
// second one with the same credit code refused on that field, log out.
import { describe, expect, it } from 'vitest'
import { makeCreditCode } from '../src/utils/creditCode'
import { BASE_URL, CREDENTIALS_FILE, choose, demoLogin, logIn, openSelect, useBrowser } from './support'

/** A credit code nobody has used: 民政 / 民办非企业单位 (52), 黄浦区, 8 digits from time + randomness. */
function uniqueCreditCode(): string {
  const digits = `${Date.now() % 1_000_000}`.padStart(6, '0') + `${Math.floor(Math.random() * 100)}`.padStart(2, '0')
  return makeCreditCode('52', '310101', digits)
}

describe('organizations, end to end', () => {
  const session = useBrowser()
  const { step } = session

  it('logs in, switches language, creates and finds an organization, logs out', async () => {
    const admin = demoLogin(CREDENTIALS_FILE, 'foundation_admin')
    const creditCode = uniqueCreditCode()
    const orgName = `E2E 测试社工服务中心 ${creditCode.slice(8, 16)}`

    await logIn(session, admin, {
      landing: /\/(organizations|change-password)/,
      afterPasswordChange: /\/organizations/,
      expectLoginUrl: true,
    })
    const page = session.page

    await step('list-in-chinese', async () => {
      await page.getByTestId('org-table').waitFor()
      await expect.poll(() => page.locator('th', { hasText: '组织名称' }).count()).toBeGreaterThan(0)
      await page.getByText('统一社会信用代码').first().waitFor()
      expect(await page.title()).toContain('帮依一把')
    })

    await step('switch-to-english', async () => {
      await page.getByTestId('lang-switch').first().click()
      await page.getByTestId('lang-en-US').click()
      await page.locator('th', { hasText: 'Organization name' }).first().waitFor()
      await page.getByText('Unified social credit code').first().waitFor()
      expect(await page.locator('th', { hasText: '组织名称' }).count()).toBe(0)
      expect(await page.evaluate(() => localStorage.getItem('bangyi.locale'))).toBe('en-US')
    })

    await step('create-organization', async () => {
      await page.getByTestId('org-create').click()
      await page.getByTestId('org-form-name').waitFor()
      await page.getByTestId('org-form-name').fill(orgName)
      await page.getByTestId('org-form-credit-code').fill(creditCode)
      await choose(page, 'org-form-type', 'Social service agency')
      await choose(page, 'org-form-rating', '3A')
      const districts = await openSelect(page, 'org-form-district')
      const districtName = (await districts.first().innerText()).trim()
      await districts.first().click()
      await choose(page, 'org-form-districts-served', districtName)
      await page.keyboard.press('Escape')
      // Streets are offered only for the districts served.
      const streets = await openSelect(page, 'org-form-streets-served')
      await streets.first().click()
      await page.keyboard.press('Escape')
      await page.getByTestId('org-form-contact-name').fill('E2E Tester')
      await page.getByTestId('org-form-contact-phone').fill('13800138000')
      await page.getByTestId('org-form-contact-email').fill('e2e.tester@example.org')
      await page.getByTestId('org-form-address').fill('1 Test Road, Shanghai')
      await page.getByTestId('org-form-submit').click()
      // The dialog closes only when the server accepted the organization.
      await page.getByTestId('org-form-name').waitFor({ state: 'detached' })
    })

    await step('search-organization', async () => {
      await page.getByTestId('org-search-q').fill(creditCode)
      await page.getByTestId('org-search-submit').click()
      const row = page.locator('[data-testid="org-table"] .el-table__body tr', { hasText: orgName })
      await row.first().waitFor()
      expect(await row.count()).toBe(1)
      expect(await row.first().innerText()).toContain(creditCode)
      expect(await row.first().innerText()).toContain('Social service agency')
    })

    await step('duplicate-credit-code', async () => {
      // 409 duplicate names the field (`fields: [{field: "credit_code", code: "duplicate"}]`); the
      // form shows it on that field and stays open. staff_count is computed: no such input.
      await page.getByTestId('org-create').click()
      await page.getByTestId('org-form-name').waitFor()
      expect(await page.getByTestId('org-form-staff-count').count()).toBe(0)
      await page.getByTestId('org-form-name').fill(`${orgName} 2`)
      await page.getByTestId('org-form-credit-code').fill(creditCode)
      await choose(page, 'org-form-type', 'Social service agency')
      const districts = await openSelect(page, 'org-form-district')
      await districts.first().click()
      await page.getByTestId('org-form-submit').click()
      const creditCodeItem = page.locator('.el-form-item', { has: page.getByTestId('org-form-credit-code') })
      await creditCodeItem.locator('.el-form-item__error', { hasText: 'Already in use' }).waitFor()
      expect(await page.getByTestId('org-form-name').count()).toBe(1)
      await page.getByTestId('org-form-cancel').click()
      await page.getByTestId('org-form-name').waitFor({ state: 'detached' })
    })

    await step('logout', async () => {
      await page.getByTestId('user-menu').click()
      await page.getByTestId('logout').click()
      await page.waitForURL(/\/login/)
      await page.getByTestId('login-username').waitFor()
      await page.getByRole('button', { name: 'Sign in' }).waitFor()
    })

    await step('session-gone', async () => {
      // After logout the old session no longer opens the app.
      await page.goto(`${BASE_URL}/`)
      await page.waitForURL(/\/login/)
    })
  })
})
