// Browser test of case work (docs/case-work.md) against a running Bangyi server (started by
// tests/e2e/run.sh). The demo social worker and the demo supervisor work in the same organization
// (上海申爱社会工作发展中心, see src/app/demo_seed.cpp):
//   worker:     registers a household with two members, opens a case from it (intake, with the
//               duplicate check), moves it to assessing, records an initial assessment with a high
//               risk (an alert), moves to planning, writes a plan with two goals and submits it;
//   supervisor: finds the plan on the workbench, approves it, acknowledges the alert;
//   worker:     records three service records (one with both members), uploads a photo (and is
//               refused a text file before any upload), the primary person's
//               data-sharing consent, a share referral to another organization, moves to closing,
//               records a closing assessment and fills in the closing;
//   supervisor: signs the closing off;
//   worker:     records the 1-month follow-up and reads the events on the timeline.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DOMAINS } from '../src/api/caseTypes'
import { makeResidentId, todayShanghai } from '../src/utils/residentId'
import { BASE_URL, CREDENTIALS_FILE, choose, demoLogin, inputOf, logIn, openSelect, useBrowser, type Login } from './support'

/** A 1×1 PNG: the smallest valid image the server's content check accepts. */
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

const LANDING = /\/(workbench|cases|organizations|households|change-password)/
const AFTER_CHANGE = /\/(workbench|cases|organizations|households)/

/** Fills a date picker (its wrapper carries the test id) and closes its panel. */
async function pickDate(page: Page, testId: string, date: string): Promise<void> {
  const input = inputOf(page, testId)
  await input.fill(date)
  await input.press('Enter')
}

/** Waits until the case's state tag reads `label`. */
async function expectState(page: Page, label: string): Promise<void> {
  await expect.poll(async () => (await page.getByTestId('case-state').innerText()).trim(), { timeout: 15_000 }).toBe(label)
}

describe('case work, end to end', () => {
  const session = useBrowser('cases-')
  const { step } = session

  it('takes a household from intake to follow-up, with a supervisor approving and signing off', async () => {
    const worker = demoLogin(CREDENTIALS_FILE, 'social_worker')
    const supervisor = demoLogin(CREDENTIALS_FILE, 'supervisor')
    const stamp = `${Date.now() % 1_000_000}`.padStart(6, '0')
    const community = `E2E 个案居委 ${stamp}`
    const headName = `个案户主${stamp}`
    const spouseName = `个案配偶${stamp}`
    // Valid ID numbers (check character) unique to this run: sequence odd for a man, even for a woman.
    const seq = Number(stamp.slice(-2))
    const headId = makeResidentId('310104', '19620514', `${String(seq).padStart(2, '0')}1`)
    const spouseId = makeResidentId('310104', '19650820', `${String(seq).padStart(2, '0')}2`)
    const today = todayShanghai()
    let caseUrl = ''
    let caseNumber = ''
    let streetName = ''

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

    async function openCase(): Promise<void> {
      const page = session.page
      await page.goto(caseUrl)
      await page.getByTestId('case-state').waitFor()
    }

    /** Records an assessment: every domain scored by `score`, with the risk level given. */
    async function recordAssessment(kind: string, score: (domain: string) => number, risk: string, summary: string): Promise<void> {
      const page = session.page
      await page.getByTestId('asmt-new').click()
      await page.getByTestId('asmt-summary').waitFor()
      await page.getByTestId(`asmt-kind-${kind}`).click()
      for (const domain of DOMAINS) {
        await page.getByTestId(`asmt-score-${domain}-${score(domain)}`).click()
      }
      await page.getByTestId('asmt-evidence-economy').fill('家庭收入仅靠低保，医疗支出大')
      await page.getByTestId('asmt-strengths-family_relations').fill('夫妻关系和睦，互相扶持')
      await page.getByTestId(`asmt-risk-${risk}`).click()
      await inputOf(page, 'asmt-summary').fill(summary)
      await page.getByTestId('asmt-submit').click()
      await page.getByTestId('asmt-summary').waitFor({ state: 'detached' })
    }

    // ---- Social worker: household, intake, assessment, plan -----------------------------------

    await signIn(worker)
    const page = session.page

    await step('workbench', async () => {
      // The workbench is the first menu item, so a social worker lands there.
      await page.getByTestId('menu-workbench').waitFor()
      expect(await page.getByTestId('menu-workbench').innerText()).toContain('我的工作台')
      expect(await page.getByTestId('menu-cases').innerText()).toContain('个案')
      await page.getByTestId('menu-workbench').click()
      await page.waitForURL(/\/workbench$/)
      await page.getByTestId('wb-counts').waitFor()
      await page.getByTestId('wb-count-in_service').waitFor()
    })

    await step('create-household', async () => {
      await page.getByTestId('menu-households').click()
      await page.waitForURL(/\/households$/)
      await page.getByTestId('hh-create').click()
      await page.getByTestId('hh-form-community').waitFor()
      await choose(page, 'hh-form-district', '徐汇区')
      const streets = await openSelect(page, 'hh-form-street')
      streetName = (await streets.first().innerText()).trim()
      await streets.first().click()
      await page.getByTestId('hh-form-community').fill(community)
      await page.getByTestId('hh-form-address').fill('漕溪北路 200 弄 3 号 101 室')
      await page.getByTestId('hh-form-category-add').click()
      await choose(page, 'hh-form-category-0', '低保')
      await page.getByTestId('hh-form-certificate-0').fill(`DB-C-${stamp}`)
      await pickDate(page, 'hh-form-valid-from-0', '2025-01-01')
      await page.getByTestId('hh-form-submit').click()
      await page.getByTestId('hh-form-community').waitFor({ state: 'detached' })
      const row = page.locator('[data-testid="hh-table"] .el-table__body tr', { hasText: community })
      await row.first().getByTestId('hh-view').click()
      await page.waitForURL(/\/households\/[^/]+$/)
      await page.getByTestId('hh-detail').waitFor()
    })

    for (const [relation, name, id] of [
      ['户主', headName, headId],
      ['配偶', spouseName, spouseId],
    ] as const) {
      await step(`add-member-${relation}`, async () => {
        await page.getByTestId('member-add').click()
        await page.getByTestId('person-form-name').waitFor()
        await choose(page, 'person-form-relation', relation)
        await page.getByTestId('person-form-name').fill(name)
        await page.getByTestId('person-form-id-number').fill(id)
        await page.getByTestId('person-form-filled').waitFor()
        await page.getByTestId('person-form-submit').click()
        await page.getByTestId('person-form-name').waitFor({ state: 'detached' })
        await page.locator('[data-testid="hh-members"] .el-table__body tr', { hasText: name }).first().waitFor()
      })
    }

    await step('intake', async () => {
      // 接案 from the household page: the household is chosen already, its head the primary person.
      await page.getByTestId('hh-intake').click()
      await page.getByTestId('intake-presenting-problem').waitFor()
      await expect.poll(async () => page.getByTestId('intake-primary-person').innerText()).toContain(headName)
      await choose(page, 'intake-referral-source', '居委')
      await page.getByTestId('intake-referral-note').fill('居委干部反映户主病后失业')
      await inputOf(page, 'intake-presenting-problem').fill('户主患病失业，配偶照顾压力大，家庭收入仅靠低保')
      await page.getByTestId('intake-urgency-urgent').click()
      await choose(page, 'intake-social-worker', '贾老师')
      await choose(page, 'intake-supervisor', '毛老师')
      await pickDate(page, 'intake-consent-date', today)

      // The duplicate check by ID number: organization names and case states only.
      await inputOf(page, 'intake-dup-id').fill(headId)
      await page.getByTestId('intake-dup-check').click()
      await page.getByTestId('intake-dup-result').waitFor()
      expect(await page.getByTestId('intake-dup-result').innerText()).toContain('上海申爱社会工作发展中心')
      expect(await page.getByTestId('intake-dup-result').innerText()).not.toContain(headId)

      // Without the ID: name (typed with a space, which the match ignores), birth date and street.
      await page.getByTestId('dup-mode-name').click()
      await inputOf(page, 'dup-name').fill(`个案 户主${stamp}`)
      await pickDate(page, 'dup-birth', '1962-05-14')
      await choose(page, 'dup-street', streetName)
      await page.getByTestId('dup-name-check').click()
      await page.getByTestId('intake-dup-result').waitFor()  // the mode switch cleared the first result
      expect(await page.getByTestId('intake-dup-result').innerText()).toContain('上海申爱社会工作发展中心')

      await page.getByTestId('intake-submit').click()
      await page.waitForURL(/\/cases\/[^/]+$/)
      caseUrl = page.url()
      await page.getByTestId('case-number').waitFor()
      caseNumber = (await page.getByTestId('case-number').innerText()).trim()
      expect(caseNumber).not.toBe('')
      await expectState(page, '接案')
      expect(await page.getByTestId('case-urgency').innerText()).toContain('紧急')
      expect(await page.getByTestId('case-team-supervisor').innerText()).toContain('毛老师')
    })

    await step('to-assessing', async () => {
      // Planning needs an initial assessment: no such button yet.
      expect(await page.getByTestId('case-transition-planning').count()).toBe(0)
      await page.getByTestId('case-transition-assessing').click()
      await expectState(page, '预估中')
    })

    await step('initial-assessment', async () => {
      await page.getByTestId('case-tab-assessment').click()
      await recordAssessment('initial', (d) => (d === 'economy' ? 1 : d === 'health' || d === 'employment' ? 2 : 3), 'high', '经济困难突出，户主健康风险高')
      await page.locator('[data-testid="asmt-list"] .el-table__body tr', { hasText: '初始评估' }).first().waitFor()
      // A high risk raises an alert, shown on the case.
      await page.getByTestId('case-alerts').getByTestId('alert-item').first().waitFor()
      // The change table and chart show the first assessment.
      await page.getByTestId('asmt-change').waitFor()
      await page.getByTestId('asmt-chart').waitFor()
    })

    await step('to-planning', async () => {
      await page.getByTestId('case-transition-planning').click()
      await expectState(page, '计划制定中')
    })

    await step('plan', async () => {
      await page.getByTestId('case-tab-plan').click()
      await page.getByTestId('plan-edit').click()
      await page.getByTestId('plan-goal-title-0').waitFor()
      // Client-side check: an empty goal is refused.
      await page.getByTestId('plan-save').click()
      await page.locator('.el-form-item.is-error', { has: page.getByTestId('plan-goal-title-0') }).first().waitFor()

      await page.getByTestId('plan-goal-title-0').fill('户主规律就医，病情稳定')
      await page.getByTestId('plan-goal-indicator-0').fill('每月按时复诊，3 个月内无急诊')
      await pickDate(page, 'plan-goal-date-0', '2027-03-31')
      await page.getByTestId('plan-goal-add').click()
      await page.getByTestId('plan-goal-title-1').fill('配偶照护压力减轻')
      await page.getByTestId('plan-goal-indicator-1').fill('照护压力自评由 2 分提高到 4 分')
      await pickDate(page, 'plan-goal-date-1', '2027-05-31')
      await page.getByTestId('plan-int-add').click()
      await page.getByTestId('plan-int-desc-0').fill('链接社区医院家庭医生，陪同复诊')
      await choose(page, 'plan-int-goal-0', '1.')
      await page.getByTestId('plan-int-add').click()
      await page.getByTestId('plan-int-desc-1').fill('志愿者每周两次上门喘息服务')
      await choose(page, 'plan-int-goal-1', '2.')
      await page.getByTestId('plan-int-responsible-name-1').fill('志愿者小王')
      await page.getByTestId('plan-res-add').click()
      await page.getByTestId('plan-res-name-0').fill('街道医疗救助')
      await page.getByTestId('plan-save').click()
      await page.getByTestId('plan-goal-title-0').waitFor({ state: 'detached' })
      await expect.poll(async () => (await page.getByTestId('plan-status').innerText()).trim()).toBe('草稿')
      expect(await page.getByTestId('plan-goals').innerText()).toContain('配偶照护压力减轻')

      await page.getByTestId('plan-submit').click()
      await expectState(page, '计划待审批')
    })

    await signOut()

    // ---- Supervisor: approve the plan, acknowledge the alert ---------------------------------

    await signIn(supervisor)

    await step('supervisor-workbench', async () => {
      await page.getByTestId('menu-workbench').click()
      await page.waitForURL(/\/workbench$/)
      const item = page.locator('[data-testid="wb-plans-item"]', { hasText: caseNumber })
      await item.first().waitFor()
      // The alert of the case is on the supervisor's workbench too.
      await page.locator('[data-testid="wb-alerts"] [data-testid="alert-item"]', { hasText: caseNumber }).first().waitFor()
      await item.first().getByTestId('wb-plans-link').click()
      await page.waitForURL((url) => url.pathname === new URL(caseUrl).pathname)
      await expectState(page, '计划待审批')
    })

    await step('approve-plan', async () => {
      await page.getByTestId('case-tab-plan').click()
      await page.getByTestId('plan-approve').click()
      await inputOf(page, 'plan-decision-reason').fill('目标具体可衡量，同意实施')
      await page.getByTestId('plan-decision-submit').click()
      await expectState(page, '服务中')
      await expect.poll(async () => (await page.getByTestId('plan-status').innerText()).trim()).toBe('已批准')
    })

    await step('acknowledge-alert', async () => {
      const alerts = page.getByTestId('case-alerts')
      await alerts.getByTestId('alert-ack').first().click()
      await inputOf(page, 'alert-ack-reason').fill('已电话联系户主，安排本周入户')
      await page.getByTestId('alert-ack-submit').click()
      await alerts.waitFor({ state: 'detached' })
    })

    await signOut()

    // ---- Social worker: services, consent, referral, closing ---------------------------------

    await signIn(worker)

    const services: { mode: string; type: string; minutes: string; who: string[]; content: string }[] = [
      { mode: 'home_visit', type: '生活照料', minutes: '90', who: [headName, spouseName], content: '入户探访，了解夫妻二人的照护安排' },
      { mode: 'phone', type: '心理疏导', minutes: '30', who: [spouseName], content: '电话疏导配偶的照护压力' },
      { mode: 'centre', type: '资源链接', minutes: '60', who: [headName], content: '中心面谈，协助申请医疗救助' },
    ]
    for (const [i, s] of services.entries()) {
      await step(`service-record-${i + 1}`, async () => {
        if (i === 0) {
          await openCase()
          await expectState(page, '服务中')
        }
        await page.getByTestId('case-tab-services').click()
        await page.getByTestId('sr-new').click()
        await page.getByTestId('sr-content').waitFor()
        const duration = inputOf(page, 'sr-duration')
        await duration.fill(s.minutes)
        await duration.press('Tab')
        await page.getByTestId(`sr-mode-${s.mode}`).click()
        await choose(page, 'sr-type', s.type)
        for (const name of s.who) {
          await page.getByTestId('sr-participants').locator('label', { hasText: name }).click()
        }
        await page.getByTestId('sr-content').fill(s.content)
        await page.getByTestId('sr-outcome').fill('服务对象情绪稳定')
        await page.getByTestId('sr-submit').click()
        await page.getByTestId('sr-content').waitFor({ state: 'detached' })
        await expect.poll(async () => (await page.getByTestId('sr-total-count').innerText()).trim()).toBe(String(i + 1))
      })
    }

    await step('service-totals', async () => {
      // 人次: 2 + 1 + 1; hours: (90 + 30 + 60) / 60.
      await expect.poll(async () => (await page.getByTestId('sr-total-person-times').innerText()).trim()).toBe('4')
      expect((await page.getByTestId('sr-total-hours').innerText()).trim()).toBe('3')
    })

    await step('attachment', async () => {
      await page.getByTestId('case-tab-attachments').click()
      await page.getByTestId('att-list').waitFor()
      const input = page.locator('[data-testid="att-upload"] input[type="file"]')
      // A type the contract does not accept is refused here, before any upload.
      await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') })
      expect(await page.getByTestId('att-error').first().innerText()).toContain('notes.txt')
      const png = Buffer.from(TINY_PNG, 'base64')
      const filename = `入户照片-${stamp}.png`
      await input.setInputFiles({ name: filename, mimeType: 'image/png', buffer: png })
      const row = page.locator('[data-testid="att-list"] .el-table__body tr', { hasText: filename })
      await row.first().waitFor()
      const text = await row.first().innerText()
      expect(text).toContain('图片')
      expect(text).toContain(`${png.length} B`)
      expect(await page.getByTestId('att-error').count()).toBe(0)
      // The download link serves the same bytes to the signed-in worker.
      const href = await row.first().getByTestId('att-download').getAttribute('href')
      expect(href).toMatch(/^\/api\/v1\/attachments\/[^/]+$/)
      const res = await page.request.get(`${BASE_URL}${href}`)
      expect(res.status()).toBe(200)
      expect(Buffer.compare(await res.body(), png)).toBe(0)
    })

    await step('consent', async () => {
      await page.getByTestId('case-tab-consents').click()
      await page.getByTestId('consent-add').click()
      await expect.poll(async () => page.getByTestId('consent-person').innerText()).toContain(headName)
      await page.getByTestId('consent-type-data_sharing').click()
      await pickDate(page, 'consent-date', today)
      await page.getByTestId('consent-note').fill('书面签署信息共享同意书')
      await page.getByTestId('consent-submit').click()
      await page.getByTestId('consent-note').waitFor({ state: 'detached' })
      await page
        .locator('[data-testid="consent-list"] .el-table__body tr', { hasText: '信息共享同意' })
        .filter({ hasText: headName })
        .first()
        .waitFor()
    })

    await step('referral', async () => {
      await page.getByTestId('case-tab-referrals').click()
      await page.getByTestId('ref-new').click()
      await page.getByTestId('ref-reason').waitFor()
      await page.getByTestId('ref-target-organization').click()
      // Another social organization, from the referral directory (never the worker's own).
      const select = page.getByTestId('ref-org')
      await select.click()
      const listId = await select.locator('[aria-controls]').first().getAttribute('aria-controls')
      const orgs = page.locator(`[id="${listId}"] [role="option"]`)
      await orgs.first().waitFor()
      const target = (await orgs.first().innerText()).trim()
      expect(target).not.toContain('申爱')
      await orgs.first().click()
      await page.getByTestId('ref-mode-share').click()
      await page.getByTestId('ref-reason').fill('配偶需要专业的心理支持小组')
      await page.getByTestId('ref-submit').click()
      await page.getByTestId('ref-reason').waitFor({ state: 'detached' })
      const row = page.locator('[data-testid="ref-list"] .el-table__body tr', { hasText: '配偶需要专业的心理支持小组' })
      await row.first().waitFor()
      expect(await row.first().getByTestId('ref-row-target').innerText()).toContain(target)
      expect(await row.first().getByTestId('ref-row-status').innerText()).toContain('待回复')
    })

    await step('to-closing', async () => {
      await page.getByTestId('case-transition-closing').click()
      await expectState(page, '结案中')
    })

    await step('closing-assessment', async () => {
      await page.getByTestId('case-tab-assessment').click()
      await recordAssessment('closing', (d) => (d === 'economy' ? 3 : 4), 'low', '病情稳定，照护压力明显减轻')
      await page.locator('[data-testid="asmt-list"] .el-table__body tr', { hasText: '结案评估' }).first().waitFor()
      // Before and after: economy from 1 to 3.
      await expect.poll(async () => (await page.getByTestId('asmt-delta-economy').innerText()).trim()).toBe('+2')
    })

    await step('closing-form', async () => {
      await page.getByTestId('case-tab-closing').click()
      await choose(page, 'close-reason', '目标达成')
      await inputOf(page, 'close-summary').fill('户主病情稳定并规律复诊，配偶照护压力减轻，链接医疗救助成功')
      await page.getByTestId('close-goal-0-achieved').click()
      await page.getByTestId('close-goal-1-partly').click()
      await page.getByTestId('close-save').click()
      await expect.poll(async () => (await page.getByTestId('close-status').innerText()).trim()).toBe('待督导签字')
    })

    await signOut()

    // ---- Supervisor: sign off ------------------------------------------------------------------

    await signIn(supervisor)

    await step('sign-off', async () => {
      await page.getByTestId('menu-workbench').click()
      await page.waitForURL(/\/workbench$/)
      await page.locator('[data-testid="wb-closings-item"]', { hasText: caseNumber }).first().waitFor()
      await openCase()
      await page.getByTestId('case-tab-closing').click()
      await page.getByTestId('close-sign-off').click()
      await expectState(page, '已结案')
      // Follow-ups at 1 and 3 months.
      await expect.poll(async () => page.locator('[data-testid="fu-list"] .el-table__body tr').count()).toBe(2)
    })

    await signOut()

    // ---- Social worker: follow-up, timeline ----------------------------------------------------

    await signIn(worker)

    await step('follow-up', async () => {
      await openCase()
      await page.getByTestId('case-tab-closing').click()
      await page.getByTestId('fu-record-0').click()
      await page.getByTestId('fu-note').waitFor()
      await pickDate(page, 'fu-date', today)
      await page.getByTestId('fu-note').fill('电话回访：户主按时复诊，家庭生活平稳')
      await page.getByTestId('fu-submit').click()
      await page.getByTestId('fu-note').waitFor({ state: 'detached' })
      await expectState(page, '回访中')
      await page.locator('[data-testid="fu-list"] [data-testid="fu-done"]').first().waitFor()
    })

    await step('timeline', async () => {
      await page.getByTestId('case-tab-timeline').click()
      const timeline = page.getByTestId('case-timeline')
      await timeline.locator('[data-testid="timeline-item"]').first().waitFor()
      for (const kind of [
        'state_change',
        'assessment',
        'plan_version',
        'plan_decision',
        'service_record',
        'referral',
        'alert',
        'alert_ack',
        'closing',
        'follow_up',
        'attachment',
      ]) {
        expect(await timeline.locator(`[data-kind="${kind}"]`).count(), kind).toBeGreaterThan(0)
      }
      expect(await timeline.locator('[data-kind="service_record"]').count()).toBe(3)
      const text = await timeline.innerText()
      for (const label of ['接案', '预估中', '计划制定中', '计划待审批', '服务中', '结案中', '已结案', '回访中']) {
        expect(text, label).toContain(label)
      }
      expect(text).toContain('毛老师')
    })

    await step('in-case-list', async () => {
      await page.getByTestId('menu-cases').click()
      await page.waitForURL(/\/cases$/)
      await page.locator('[data-testid="cases-table"] .el-table__body tr', { hasText: caseNumber }).first().waitFor()
      expect(page.url().startsWith(BASE_URL)).toBe(true)
    })

    await signOut()
  }, 600_000)
})
