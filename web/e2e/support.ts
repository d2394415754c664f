// Shared pieces of the browser tests (*.e2e.ts) run against a Bangyi server by tests/e2e/run.sh.
// Not a test file itself: vitest.e2e.config.ts collects only e2e/**/*.e2e.ts.
import { mkdtempSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect } from 'vitest'
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core'

/** Root URL of the server under test, without a trailing slash (BANGYI_E2E_URL). */
export const BASE_URL = (process.env.BANGYI_E2E_URL ?? '').replace(/\/$/, '')
/** Path of the demo-credentials.txt written by `bangyi seed-demo` (BANGYI_E2E_CREDENTIALS). */
export const CREDENTIALS_FILE = process.env.BANGYI_E2E_CREDENTIALS ?? ''
/** Chromium executable to drive (BANGYI_E2E_CHROMIUM, default /usr/bin/chromium). */
export const CHROMIUM = process.env.BANGYI_E2E_CHROMIUM ?? '/usr/bin/chromium'
/** Default timeout of every Playwright action and wait, in milliseconds. */
export const TIMEOUT = 15_000

if (!BASE_URL || !CREDENTIALS_FILE) {
  throw new Error('set BANGYI_E2E_URL and BANGYI_E2E_CREDENTIALS (tests/e2e/run.sh does)')
}

/** A demo account's username and password. */
export interface Login {
  username: string
  password: string
}

/** The `<role> <username> <password>` line of demo-credentials.txt. */
export function demoLogin(file: string, role: string): Login {
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const [r, username, ...rest] = line.trim().split(/\s+/)
    if (r === role && username && rest.length > 0) {
      return { username, password: rest.join(' ') }
    }
  }
  throw new Error(`no ${role} line in ${file}`)
}

/**
 * Opens an Element Plus select and returns its options. The select's input names its own
 * listbox in aria-controls, so options of other (closing) dropdowns are never picked.
 */
export async function openSelect(page: Page, selectTestId: string): Promise<Locator> {
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
export async function choose(page: Page, selectTestId: string, optionText: string): Promise<void> {
  const options = await openSelect(page, selectTestId)
  await options.filter({ hasText: optionText }).first().click()
}

/** The text input inside an element marked with `testId` (or the element itself if it is one). */
export function inputOf(page: Page, testId: string): Locator {
  const el = page.getByTestId(testId)
  return el.locator('xpath=self::input | self::textarea | .//input | .//textarea').first()
}

/** The error message of the form item holding `testId`. */
export function fieldError(page: Page, testId: string): Locator {
  return page.locator('.el-form-item', { has: page.getByTestId(testId) }).last().locator('.el-form-item__error')
}

/** Runs a named step of a test; on failure saves a screenshot and the page's HTML, then fails. */
export type Step = (name: string, body: () => Promise<void>) => Promise<void>

/** The browser page of a describe block, valid once its beforeAll has run, and its step runner. */
export interface BrowserSession {
  readonly page: Page
  readonly step: Step
}

/** Options of useBrowser: the viewport (a desktop 1440×900 by default; 390×844 for a phone). */
export interface BrowserOptions {
  viewport?: { width: number; height: number }
}

/**
 * Registers beforeAll/afterAll hooks in the calling describe block that launch headless Chromium
 * with a fresh zh-CN profile and close it again; failure screenshots are named `<prefix><step>`.
 */
export function useBrowser(screenshotPrefix = '', options: BrowserOptions = {}): BrowserSession {
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
    context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 }, locale: 'zh-CN' })
    context.setDefaultTimeout(TIMEOUT)
    page = await context.newPage()
    page.on('pageerror', (err) => console.error(`[browser] page error: ${err.message}`))
    page.on('console', (msg) => {
      // 401s are the app probing /auth/me while logged out, 409s are the duplicate steps: expected.
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

  const step: Step = async (name, body) => {
    try {
      await body()
    } catch (err) {
      const base = join(artifacts, `${screenshotPrefix}${name.replace(/[^a-z0-9]+/gi, '-')}`)
      await page.screenshot({ path: `${base}.png`, fullPage: true }).catch(() => {})
      const html = await page.content().catch(() => '')
      if (html) {
        writeFileSync(`${base}.html`, html)
      }
      console.error(`e2e step "${name}" failed at ${page.url()}; screenshot: ${base}.png`)
      throw err
    }
  }

  return {
    get page() {
      return page
    },
    step,
  }
}

/** Where logIn expects to land: after signing in, and after a forced password change. */
export interface LogInOptions {
  landing: RegExp
  afterPasswordChange: RegExp
  /** Also assert that the app first redirected to /login. */
  expectLoginUrl?: boolean
}

/**
 * Steps `login` and, when the account must change its password first, `change-password`
 * (to `<password>-E2e9!`): opens the app, signs in as `login`, waits for the landing page.
 */
export async function logIn(session: BrowserSession, login: Login, options: LogInOptions): Promise<void> {
  const { page, step } = session

  await step('login', async () => {
    await page.goto(`${BASE_URL}/`)
    await page.getByTestId('login-username').waitFor()
    if (options.expectLoginUrl) {
      expect(page.url()).toContain('/login')
    }
    await page.getByTestId('login-username').fill(login.username)
    await page.getByTestId('login-password').fill(login.password)
    await page.getByTestId('login-submit').click()
    await page.waitForURL(options.landing)
  })

  if (page.url().includes('/change-password')) {
    // A demo account that must change its password first: give it a new one.
    await step('change-password', async () => {
      const next = `${login.password}-E2e9!`
      await page.getByTestId('cp-current').fill(login.password)
      await page.getByTestId('cp-new').fill(next)
      await page.getByTestId('cp-confirm').fill(next)
      await page.getByTestId('cp-submit').click()
      await page.waitForURL(options.afterPasswordChange)
    })
  }
}
