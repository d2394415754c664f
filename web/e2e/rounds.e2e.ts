// Browser test of a funding round from terms to the first payment (docs/rounds.md,
// docs/projects.md) against a running Bangyi server (started by tests/e2e/run.sh). Demo logins
// (src/app/demo_seed.cpp): the program officer, the organization admin of 上海申爱社会工作发展中心,
// the reviewer 吴教授 and finance; a second reviewer is created through the API by the admin.
//   officer:   creates a round (2 reviewers an application) and opens it;
//   org admin: drafts an application in the form (autosaved) and submits it;
//   officer:   screens it as eligible, closes the round, assigns both reviewers;
//   reviewers: each scores every criterion and submits; 我的评审 shows it submitted with the total;
//   officer:   proposes funding and moves the round to 公示 (notice);
//   anyone:    the public notice shows the project without a login;
//   (the notice period is moved into the past in the database, as the API tests do);
//   officer:   decides the round, records the project's agreement, requests the first tranche;
//   finance:   approves and pays it in the queue; the project page shows indicators and the payment;
//   org admin: opens the project from the funded application.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { todayShanghai } from '../src/utils/residentId'
import { BASE_URL, CREDENTIALS_FILE, choose, demoLogin, inputOf, logIn, openSelect, useBrowser, type Login } from './support'

const LANDING = /\/(workbench|reviews|disbursements|organizations|rounds|change-password)/
const AFTER_CHANGE = /\/(workbench|reviews|disbursements|organizations|rounds)/
/** The default rubric's criteria (round editor, utils/rounds DEFAULT_RUBRIC). */
const CRITERIA = ['need', 'design', 'innovation', 'budget', 'capacity', 'sustainability'] as const

/** `YYYY-MM-DD` plus `days` calendar days. */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** The server's SQLite database: run.sh seeds and serves `--data-dir` = the credentials' folder. */
const DATABASE = join(dirname(CREDENTIALS_FILE), 'bangyi.db')

/** A session of the JSON API outside the browser (cookie and CSRF token), for set-up steps. */
interface ApiSession {
  cookie: string
  csrf: string
}

async function apiLogin(who: Login): Promise<ApiSession> {
  const res = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(who),
  })
  expect(res.status, 'API login').toBe(200)
  const me = (await res.json()) as { csrf_token: string }
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  return { cookie, csrf: me.csrf_token }
}

async function apiPost(session: ApiSession, path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${BASE_URL}/api/v1${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: session.cookie, 'X-CSRF-Token': session.csrf },
    body: JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} }
}

/** Runs one SQL statement on the server's database with the sqlite3 CLI (waiting out a busy lock). */
function execSql(sql: string): void {
  execFileSync('sqlite3', ['-cmd', '.timeout 10000', DATABASE, sql], { stdio: ['ignore', 'pipe', 'pipe'] })
}

/** Types a date (or date and time, or month) into a picker whose wrapper carries the test id. */
async function pickDate(page: Page, testId: string, value: string): Promise<void> {
  const input = inputOf(page, testId)
  await input.fill(value)
  await input.press('Enter')
}

/** Confirms the open Element Plus message box (confirm or prompt). */
async function confirmBox(page: Page): Promise<void> {
  const box = page.locator('.el-message-box')
  await box.locator('.el-message-box__btns .el-button--primary').click()
  await box.waitFor({ state: 'hidden' })
}

/** Waits until the element's `data-state` (the state tags carry it) reads `state`. */
async function expectDataState(page: Page, testId: string, state: string): Promise<void> {
  await expect
    .poll(async () => page.getByTestId(testId).first().getAttribute('data-state'), { timeout: 15_000 })
    .toBe(state)
}

describe('a funding round, end to end', () => {
  const session = useBrowser('rounds-')
  const { step } = session

  it('takes a round from its terms through review, 公示 and decision to the first payment', async () => {
    const officer = demoLogin(CREDENTIALS_FILE, 'program_officer')
    const orgAdmin = demoLogin(CREDENTIALS_FILE, 'org_admin')
    const reviewer1 = demoLogin(CREDENTIALS_FILE, 'reviewer')
    const finance = demoLogin(CREDENTIALS_FILE, 'finance')
    const admin = demoLogin(CREDENTIALS_FILE, 'foundation_admin')
    const stamp = `${Date.now() % 1_000_000}`.padStart(6, '0')
    const roundTitle = `E2E 项目创投 ${stamp}`
    const projectName = `E2E 困境儿童成长陪伴 ${stamp}`
    const reviewer2Name = `评审专家 E2E${stamp}`
    const reviewer2: Login = { username: `e2e.reviewer${stamp}`, password: `Rv-${stamp}-Initial!` }
    const today = todayShanghai()
    const reference = `BK-${stamp}`
    let roundId = ''
    let applicationId = ''

    expect(existsSync(DATABASE), `the e2e server's database at ${DATABASE}`).toBe(true)

    await step('second-reviewer', async () => {
      // Set-up through the API: the demo seed has one reviewer, the round wants two.
      const api = await apiLogin(admin)
      const created = await apiPost(api, '/users', {
        username: reviewer2.username,
        display_name: reviewer2Name,
        password: reviewer2.password,
        organization_id: null,
        roles: [{ role: 'reviewer', scope_type: 'platform', scope_id: null }],
      })
      expect(created.status, JSON.stringify(created.json)).toBe(201)
      // A new account must change its password first; do it here so the browser logs straight in.
      const own = await apiLogin(reviewer2)
      const next = `${reviewer2.password}-2`
      const changed = await apiPost(own, '/auth/password', { current_password: reviewer2.password, new_password: next })
      expect(changed.status, JSON.stringify(changed.json)).toBeLessThan(300)
      reviewer2.password = next
    })

    /** Signs in; a forced password change (support.logIn) gives the account a new password. */
    async function signIn(who: Login): Promise<void> {
      const page = session.page
      let changed = false
      const onNavigate = (frame: { url(): string }) => {
        if (frame === page.mainFrame() && frame.url().includes('/change-password')) {
          changed = true
        }
      }
      page.on('framenavigated', onNavigate)
      try {
        await logIn(session, who, { landing: LANDING, afterPasswordChange: AFTER_CHANGE })
      } finally {
        page.off('framenavigated', onNavigate)
      }
      if (changed) {
        who.password = `${who.password}-E2e9!`
      }
    }

    async function signOut(): Promise<void> {
      const page = session.page
      await step('logout', async () => {
        await page.getByTestId('user-menu').click()
        await page.getByTestId('logout').click()
        await page.waitForURL(/\/login/)
      })
    }

    async function openRound(): Promise<void> {
      const page = session.page
      await page.goto(`${BASE_URL}/rounds/${roundId}`)
      await page.getByTestId('round-title').waitFor()
    }

    /** Moves the round one state on through the page's button and its reason dialog. */
    async function moveRound(to: string): Promise<void> {
      const page = session.page
      await page.getByTestId(`round-transition-${to}`).click()
      await page.getByTestId('round-transition-submit').click()
      await page.getByTestId('round-transition-dialog').waitFor({ state: 'hidden' })
      await expectDataState(page, 'round-state', to)
    }

    function appRow(page: Page) {
      return page.locator('[data-testid="apps-table"] .el-table__body tr', { hasText: projectName }).first()
    }

    // ---- Program officer: the round ------------------------------------------------------------

    await signIn(officer)
    const page = session.page

    await step('create-round', async () => {
      await page.getByTestId('menu-rounds').click()
      await page.waitForURL(/\/rounds$/)
      await page.getByTestId('rounds-create').click()
      await inputOf(page, 'round-title').fill(roundTitle)
      await inputOf(page, 'round-theme').fill('困境儿童与家庭支持')
      await inputOf(page, 'round-total_budget_yuan').fill('1000000')
      await inputOf(page, 'round-min_grant_yuan').fill('10000')
      await inputOf(page, 'round-max_grant_yuan').fill('200000')
      await pickDate(page, 'round-opens_at', `${addDays(today, -1)} 09:00`)
      await pickDate(page, 'round-closes_at', `${addDays(today, 30)} 17:00`)
      // Out of the picker (Escape would close the dialog).
      await inputOf(page, 'round-theme').click()
      const minReviewers = inputOf(page, 'round-min-reviewers')
      await minReviewers.fill('2')
      await minReviewers.press('Tab')
      await page.getByTestId('round-submit').click()
      await page.waitForURL(/\/rounds\/\d+$/)
      roundId = /\/rounds\/(\d+)$/.exec(page.url())![1]
      await expect.poll(async () => (await page.getByTestId('round-title').innerText()).trim()).toBe(roundTitle)
      await expectDataState(page, 'round-state', 'draft')
    })

    await step('open-round', async () => {
      await moveRound('open')
    })

    await signOut()

    // ---- Organization admin: the application ---------------------------------------------------

    await signIn(orgAdmin)

    await step('apply', async () => {
      await openRound()
      await page.getByTestId('round-apply').click()
      await page.waitForURL(/\/applications\/\d+$/)
      applicationId = /\/applications\/(\d+)$/.exec(page.url())![1]
      await page.getByTestId('application-form').waitFor()

      await inputOf(page, 'app-project-name').fill(projectName)
      await inputOf(page, 'app-sub-brand').fill('向阳计划')
      await choose(page, 'app-target-groups', '儿童')
      await page.keyboard.press('Escape')
      const districts = await openSelect(page, 'app-districts')
      await districts.first().click()
      await page.keyboard.press('Escape')
      await inputOf(page, 'app-summary').fill('为低保、低收入及政策边缘家庭的儿童提供学业与心理支持')
      await inputOf(page, 'app-need_analysis').fill('片区内困境儿童学业落后、家庭照料不足')
      await inputOf(page, 'app-objectives').fill('一年内服务 60 名儿童，学业提升率 70%')
      await inputOf(page, 'app-risks').fill('志愿者流失：与高校签订长期协议')

      await page.getByTestId('activity-add').click()
      await pickDate(page, 'activity-month-0', addDays(today, 40).slice(0, 7))
      await inputOf(page, 'activity-text-0').fill('入户评估与建档')

      await page.getByTestId('team-add').click()
      await choose(page, 'team-role-0', '社工')
      await inputOf(page, 'team-name-0').fill('王社工')

      await page.getByTestId('budget-add').click()
      await choose(page, 'budget-category-0', '人员费')
      await inputOf(page, 'budget-item-0').fill('社工补贴')
      await inputOf(page, 'budget-unit-0').fill('人月')
      await inputOf(page, 'budget-quantity-0').fill('10')
      await inputOf(page, 'budget-price-0').fill('5000')
      await inputOf(page, 'budget-price-0').press('Tab')
      await expect.poll(async () => page.getByTestId('budget-total').innerText()).toContain('50,000.00')

      await page.getByTestId('indicator-add').click()
      await choose(page, 'indicator-key-0', '服务人数')
      await inputOf(page, 'indicator-target-0').fill('60')
      await page.getByTestId('indicator-add').click()
      await choose(page, 'indicator-key-1', '服务人次')
      await inputOf(page, 'indicator-target-1').fill('1200')
      await inputOf(page, 'indicator-target-1').press('Tab')

      await page.getByTestId('app-submit').click()
      await confirmBox(page)
      await expectDataState(page, 'app-state', 'submitted')
    })

    await signOut()

    // ---- Program officer: screening, closing, reviewers ----------------------------------------

    await signIn(officer)

    await step('screen-eligible', async () => {
      await openRound()
      await appRow(page).getByTestId('app-screen').click()
      await page.getByTestId('screening-pass').click()
      await page.getByTestId('screening-submit').click()
      await page.getByTestId('screening-dialog').waitFor({ state: 'hidden' })
      await expect.poll(async () => appRow(page).getByTestId('app-screening').innerText()).toContain('通过')
    })

    await step('close-round', async () => {
      await moveRound('closed')
    })

    await step('assign-reviewers', async () => {
      await appRow(page).getByTestId('app-reviewers').click()
      const options = await openSelect(page, 'reviewers-pick')
      await options.filter({ hasText: '吴教授' }).first().click()
      await options.filter({ hasText: reviewer2Name }).first().click()
      await page.getByTestId('reviewers-assign').click()
      const current = page.getByTestId('reviewers-current')
      await current.locator('.el-table__body tr', { hasText: '吴教授' }).first().waitFor()
      await current.locator('.el-table__body tr', { hasText: reviewer2Name }).first().waitFor()
      await page.getByTestId('reviewers-close').click()
      await expect.poll(async () => appRow(page).getByTestId('app-progress').innerText()).toContain('已分配 2')
    })

    await signOut()

    // ---- Two reviewers score ------------------------------------------------------------------

    for (const [who, score, label] of [
      [reviewer1, 8, 'reviewer-1'],
      [reviewer2, 9, 'reviewer-2'],
    ] as const) {
      await signIn(who)
      await step(`score-${label}`, async () => {
        await page.waitForURL(/\/reviews$/)
        const row = page.locator('[data-testid="my-reviews-round"] .el-table__body tr', { hasText: projectName }).first()
        await expect.poll(async () => row.getByTestId('my-review-status').innerText()).toContain('待评审')
        await row.getByTestId('my-review-score').click()
        await page.waitForURL(/\/applications\/\d+\/review$/)
        await page.getByTestId('scoring-form').waitFor()
        for (const key of CRITERIA) {
          const input = inputOf(page, `scoring-score-${key}`)
          await input.fill(String(score))
          await input.press('Tab')
        }
        await inputOf(page, 'scoring-comment-need').fill('需求分析扎实')
        await expect.poll(async () => page.getByTestId('scoring-total').innerText()).toContain(String(score * 10))
        await page.getByTestId('scoring-submit').click()
        await confirmBox(page)
        await page.getByTestId('scoring-aggregate').waitFor()
        // 我的评审 reads the state and total from the list rows.
        await page.getByTestId('menu-reviews').click()
        await page.waitForURL(/\/reviews$/)
        await expect.poll(async () => row.getByTestId('my-review-status').innerText()).toContain('已提交')
        expect(await row.innerText()).toContain(String(score * 10))
      })
      await signOut()
    }

    // ---- Program officer: decision and 公示 ----------------------------------------------------

    await signIn(officer)

    await step('propose-funding', async () => {
      await openRound()
      await page.getByTestId('round-tab-results').click()
      const row = page.locator('[data-testid="results-table"] .el-table__body tr', { hasText: projectName }).first()
      await row.getByTestId('results-decide').click()
      await page.getByTestId('decision-dialog').waitFor()
      await expect.poll(async () => inputOf(page, 'decision-amount').inputValue()).toBe('50000.00')
      await page.getByTestId('decision-submit').click()
      await page.getByTestId('decision-dialog').waitFor({ state: 'hidden' })
      await expect.poll(async () => row.getByTestId('results-proposed').innerText()).toContain('50,000.00')
    })

    await step('to-notice', async () => {
      await moveRound('notice')
    })

    await step('public-notice', async () => {
      // A fresh context: no session cookie.
      const context = await page.context().browser()!.newContext({ locale: 'zh-CN' })
      try {
        const anonymous = await context.newPage()
        await anonymous.goto(`${BASE_URL}/public/notice/${roundId}`)
        await anonymous.getByTestId('notice-table').waitFor()
        expect(await anonymous.getByTestId('notice-round').innerText()).toContain(roundTitle)
        const notice = await anonymous.getByTestId('notice-table').innerText()
        expect(notice).toContain(projectName)
        expect(notice).toContain('上海申爱社会工作发展中心')
        expect(notice).toContain('50,000.00')
        expect(anonymous.url()).not.toContain('/login')
      } finally {
        await context.close()
      }
    })

    await step('notice-period-over', async () => {
      // The 公示 lasts notice_days from today; move its start into the past as the API tests do.
      await openRound()
      await page.getByTestId('round-transition-decided').click()
      await page.getByTestId('round-transition-submit').click()
      // Refused while the notice runs (409 notice_running): the dialog stays, the state too.
      await page.locator('.el-message--error').first().waitFor()
      await page.getByTestId('round-transition-cancel').click()
      expect(Number(roundId)).toBeGreaterThan(0)
      execSql(`UPDATE rounds SET notice_started_on = '2026-01-01' WHERE id = ${Number(roundId)}`)
    })

    await step('decide', async () => {
      await openRound()
      await moveRound('decided')
    })

    await step('record-agreement', async () => {
      await page.getByTestId('round-tab-projects').click()
      const link = page.locator('[data-testid="round-projects-table"] .el-table__body tr', { hasText: projectName }).getByTestId('round-project-link')
      await link.click()
      await page.waitForURL(/\/projects\/\d+$/)
      await expectDataState(page, 'project-state', 'agreement_pending')
      await page.getByTestId('project-agreement').click()
      await page.getByTestId('agreement-dialog').waitFor()
      await expect.poll(async () => inputOf(page, 'agreement-signed_on').inputValue()).toBe(today)
      await page.getByTestId('agreement-submit').click()
      await page.getByTestId('agreement-dialog').waitFor({ state: 'hidden' })
      await expectDataState(page, 'project-state', 'active')
      expect(await page.getByTestId('project-agreement-signed').innerText()).toContain(today)
    })

    await step('request-first-tranche', async () => {
      await page.getByTestId('project-tab-disbursements').click()
      const first = page.locator('[data-testid="tranches-table"] .el-table__body tr').first()
      await expect.poll(async () => first.getByTestId('tranche-gate').innerText()).toContain('已满足')
      await first.getByTestId('tranche-request').click()
      await expect.poll(async () => page.locator('.el-message-box__input input').inputValue()).toBe('25000.00')
      await confirmBox(page)
      await expect.poll(async () => first.getByTestId('tranche-state').getAttribute('data-state')).toBe('requested')
    })

    await signOut()

    // ---- Finance: approve and pay ------------------------------------------------------------

    await signIn(finance)

    await step('approve', async () => {
      await page.waitForURL(/\/disbursements$/)
      const row = page.locator('[data-testid="queue-table"] .el-table__body tr', { hasText: projectName }).first()
      expect(await row.innerText()).toContain('25,000.00')
      await row.getByTestId('disbursement-approve').click()
      // Approved requests leave the queue of requests.
      await row.waitFor({ state: 'detached' })
    })

    await step('pay', async () => {
      await page.getByTestId('queue-state-approved').click()
      const row = page.locator('[data-testid="queue-table"] .el-table__body tr', { hasText: projectName }).first()
      await row.getByTestId('disbursement-pay').click()
      await page.getByTestId('pay-dialog').waitFor()
      await expect.poll(async () => inputOf(page, 'pay-paid-on').inputValue()).toBe(today)
      await inputOf(page, 'pay-reference').fill(reference)
      await page.getByTestId('pay-submit').click()
      await page.getByTestId('pay-dialog').waitFor({ state: 'hidden' })
      await page.getByTestId('queue-state-paid').click()
      const paid = page.locator('[data-testid="queue-table"] .el-table__body tr', { hasText: reference }).first()
      await paid.waitFor()
      expect(await paid.innerText()).toContain(projectName)
    })

    await step('project-page', async () => {
      await page.locator('[data-testid="queue-table"] .el-table__body tr', { hasText: reference }).first().getByTestId('queue-project').click()
      await page.waitForURL(/\/projects\/\d+$/)
      // Indicators: the application's targets against what case work counted (nothing yet).
      await page.getByTestId('indicator-totals').waitFor()
      const targets = page.getByTestId('indicator-targets')
      await targets.locator('.el-table__body tr', { hasText: '服务人数' }).first().waitFor()
      expect(await targets.innerText()).toContain('60')
      expect(await targets.innerText()).toContain('1200')
      // The payment on the ledger.
      await page.getByTestId('project-tab-disbursements').click()
      await expect.poll(async () => page.getByTestId('ledger-paid_yuan').innerText()).toContain('25,000.00')
      const first = page.locator('[data-testid="tranches-table"] .el-table__body tr').first()
      await expect.poll(async () => first.getByTestId('tranche-state').getAttribute('data-state')).toBe('paid')
      expect(await first.innerText()).toContain(reference)
    })

    await step('portfolio', async () => {
      await page.getByTestId('menu-projects').click()
      await page.waitForURL(/\/projects$/)
      const row = page.locator('[data-testid="projects-table"] .el-table__body tr', { hasText: projectName }).first()
      await expect.poll(async () => row.getByTestId('project-tranches').innerText()).toContain('已拨付')
      expect(await row.getByTestId('project-state').getAttribute('data-state')).toBe('active')
      await row.getByTestId('target-persons').waitFor()
    })

    await signOut()

    // ---- Organization admin: from the funded application to its project ------------------------

    await signIn(orgAdmin)

    await step('org-sees-project', async () => {
      await page.goto(`${BASE_URL}/applications/${applicationId}`)
      await expectDataState(page, 'app-state', 'funded')
      await page.getByTestId('app-project').click()
      await page.waitForURL(/\/projects\/\d+$/)
      await page.getByTestId('indicator-targets').locator('.el-table__body tr', { hasText: '服务人次' }).first().waitFor()
      // The organization reports and records expenses; it does not move money.
      await page.getByTestId('project-tab-disbursements').click()
      await page.getByTestId('tranches-table').waitFor()
      expect(await page.getByTestId('tranche-request').count()).toBe(0)
      expect(await page.getByTestId('disbursement-approve').count()).toBe(0)
    })

    await signOut()
  })
})
