// Browser test against a running Bangyi server (started by tests/e2e/run.sh):
// log in as the demo foundation admin, see the organizations list in Chinese, switch to
// English, create an organization with a fresh valid credit code, find it by search, see a
// second one with the same credit code refused on that field, log out.
import { mkdtempSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { makeCreditCode } from '../src/utils/creditCode'

const BASE_URL = (process.env.BANGYI_E2E_URL ?? '').replace(/\/$/, '')
const CREDENTIALS_FILE = process.env.BANGYI_E2E_CREDENTIALS ?? ''
const CHROMIUM = process.env.BANGYI_E2E_CHROMIUM ?? '/usr/bin/chromium'
const TIMEOUT = 15_000

interface Login {
  username: string
  password: string
}

/** The `foundation_admin <username> <password>` line of demo-credentials.txt. */
function foundationAdmin(file: string): Login {
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const [role, username, ...rest] = line.trim().split(/\s+/)
    if (role === 'foundation_admin' && username && rest.length > 0) {
      return { username, password: rest.join(' ') }
    }
  }
  throw new Error(`no foundation_admin line in ${file}`)
}

/** A credit code nobody has used: 民政 / 民办非企业单位 (52), 黄浦区, 8 digits from time + randomness. */
function uniqueCreditCode(): string {
  const digits = `${Date.now() % 1_000_000}`.padStart(6, '0') + `${Math.floor(Math.random() * 100)}`.padStart(2, '0')
  return makeCreditCode('52', '310101', digits)
}

/**
 * Opens an Element Plus select and returns its options. The select's input names its own
 * listbox in aria-controls, so options of other (closing) dropdowns are never picked.
 */
async function openSelect(page: Page, selectTestId: string) {
  const select = page.getByTestId(selectTestId)
  await select.click()
  const listId = await select.locator('[aria-controls]').first().getAttribute('aria-controls')
  if (!listId) {
    throw new Error(`select ${selectTestId} has no aria-controls`)
  }
  const options = page.locator(`[id="${listId}"] [role="option"]`)
  await options.first().waitFor()
  return options
}

/** Picks the option of an Element Plus select whose text contains `optionText`. */
async function choose(page: Page, selectTestId: string, optionText: string): Promise<void> {
  const options = await openSelect(page, selectTestId)
  await options.filter({ hasText: optionText }).first().click()
}

if (!BASE_URL || !CREDENTIALS_FILE) {
  throw new Error('set BANGYI_E2E_URL and BANGYI_E2E_CREDENTIALS (tests/e2e/run.sh does)')
}

describe('organizations, end to end', () => {
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let artifacts: string

  beforeAll(async () => {
    artifacts = mkdtempSync(join(tmpdir(), 'bangyi-e2e-'))
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-quic',
        '--disable-sync',
      ],
    })
    // A new context is a fresh profile: no cookies, no localStorage (so the UI starts in zh-CN).
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
    context.setDefaultTimeout(TIMEOUT)
    page = await context.newPage()
    page.on('pageerror', (err) => console.error(`[browser] page error: ${err.message}`))
    page.on('console', (msg) => {
      // 401s are the app probing /auth/me while logged out, the 409 is the duplicate step: expected.
      if (msg.type() === 'error' && !/status of (401|409)\b/.test(msg.text())) {
        console.error(`[browser] ${msg.text()}`)
      }
    })
  })

  afterAll(async () => {
    await context?.close()
    await browser?.close()
    if (artifacts && process.env.BANGYI_E2E_KEEP !== '1') {
      // Screenshots of failures are kept; an empty folder is not.
      try {
        rmdirSync(artifacts)
      } catch {
        console.error(`e2e artifacts kept in ${artifacts}`)
      }
    }
  })

  /** Runs a step; on failure saves a screenshot and the page's HTML, then fails. */
  async function step(name: string, body: () => Promise<void>): Promise<void> {
    try {
      await body()
    } catch (err) {
      const base = join(artifacts, name.replace(/[^a-z0-9]+/gi, '-'))
      await page.screenshot({ path: `${base}.png`, fullPage: true }).catch(() => {})
      const html = await page.content().catch(() => '')
      if (html) {
        writeFileSync(`${base}.html`, html)
      }
      console.error(`e2e step "${name}" failed at ${page.url()}; screenshot: ${base}.png`)
      throw err
    }
  }

  it('logs in, switches language, creates and finds an organization, logs out', async () => {
    const admin = foundationAdmin(CREDENTIALS_FILE)
    const creditCode = uniqueCreditCode()
    const orgName = `E2E 测试社工服务中心 ${creditCode.slice(8, 16)}`

    await step('login', async () => {
      await page.goto(`${BASE_URL}/`)
      await page.getByTestId('login-username').waitFor()
      expect(page.url()).toContain('/login')
      await page.getByTestId('login-username').fill(admin.username)
      await page.getByTestId('login-password').fill(admin.password)
      await page.getByTestId('login-submit').click()
      await page.waitForURL(/\/(organizations|change-password)/)
    })

    if (page.url().includes('/change-password')) {
      // A demo account that must change its password first: give it a new one.
      await step('change-password', async () => {
        const next = `${admin.password}-E2e9!`
        await page.getByTestId('cp-current').fill(admin.password)
        await page.getByTestId('cp-new').fill(next)
        await page.getByTestId('cp-confirm').fill(next)
        await page.getByTestId('cp-submit').click()
        await page.waitForURL(/\/organizations/)
      })
    }

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
