// Browser test of the registry against a running Bangyi server (started by tests/e2e/run.sh):
// log in as the demo social worker (whose organization keeps the registry), register a household
// with an assistance category, add a member whose birth date and gender come from the ID number,
// see the ID masked, be refused a second member with the same ID, reveal the ID with a reason, and
// find the household again by exact ID-number search.
import { describe, expect, it } from 'vitest'
import { CREDENTIALS_FILE, choose, demoLogin, fieldError, inputOf, logIn, openSelect, useBrowser } from './support'

const ID_NUMBER = '310101195803120178'
const ID_MASKED = '310***********0178'

describe('registry, end to end', () => {
  const session = useBrowser('registry-')
  const { step } = session

  it('registers a household and a member, masks and reveals the ID, finds it by ID number', async () => {
    const worker = demoLogin(CREDENTIALS_FILE, 'social_worker')
    const stamp = `${Date.now() % 1_000_000}`.padStart(6, '0')
    const community = `E2E 测试居委 ${stamp}`
    const memberName = `测试户主${stamp}`
    let householdUrl = ''

    await logIn(session, worker, {
      // A social worker (cases.read) lands on the workbench.
      landing: /\/(workbench|organizations|households|change-password)/,
      afterPasswordChange: /\/(workbench|organizations|households)/,
    })
    const page = session.page

    await step('open-households', async () => {
      const item = page.getByTestId('menu-households')
      await item.waitFor()
      expect(await item.innerText()).toContain('困难家庭')
      await item.click()
      await page.waitForURL(/\/households$/)
      await page.getByTestId('hh-table').waitFor()
      await page.locator('th', { hasText: '救助类别' }).first().waitFor()
    })

    await step('create-household', async () => {
      await page.getByTestId('hh-create').click()
      await page.getByTestId('hh-form-community').waitFor()
      await choose(page, 'hh-form-district', '黄浦区')
      const streets = await openSelect(page, 'hh-form-street')
      await streets.first().click()
      await page.getByTestId('hh-form-community').fill(community)
      await page.getByTestId('hh-form-address').fill('南京东路 100 弄 5 号 302 室')
      await page.getByTestId('hh-form-category-add').click()
      await choose(page, 'hh-form-category-0', '低保')
      await page.getByTestId('hh-form-certificate-0').fill(`DB-${stamp}`)
      const from = inputOf(page, 'hh-form-valid-from-0')
      await from.fill('2024-01-01')
      await from.press('Enter')
      await page.getByTestId('hh-form-submit').click()
      // The dialog closes only when the server accepted the household.
      await page.getByTestId('hh-form-community').waitFor({ state: 'detached' })
    })

    await step('household-in-list', async () => {
      const row = page.locator('[data-testid="hh-table"] .el-table__body tr', { hasText: community })
      await row.first().waitFor()
      const text = await row.first().innerText()
      expect(text).toContain('黄浦区')
      expect(text).toContain('低保')
      // The detail address is masked: its first two characters only.
      expect(text).toContain('南京****')
      expect(text).not.toContain('100 弄')
      await row.first().getByTestId('hh-view').click()
      await page.waitForURL(/\/households\/\d+$/)
      householdUrl = page.url()
      await page.getByTestId('hh-detail').waitFor()
      expect(await page.getByTestId('hh-detail').innerText()).toContain(community)
      expect(await page.getByTestId('hh-detail-categories').innerText()).toContain(`DB-${stamp}`)
    })

    await step('add-member', async () => {
      await page.getByTestId('member-add').click()
      await page.getByTestId('person-form-name').waitFor()
      await choose(page, 'person-form-relation', '户主')
      await page.getByTestId('person-form-name').fill(memberName)
      await page.getByTestId('person-form-id-number').fill(ID_NUMBER)
      // Birth date and gender come from the ID number.
      await page.getByTestId('person-form-filled').waitFor()
      await expect.poll(() => inputOf(page, 'person-form-birth-date').inputValue()).toBe('1958-03-12')
      expect(await page.getByTestId('person-form-gender-male').locator('input').isChecked()).toBe(true)
      await page.getByTestId('person-form-phone').fill('13912345678')
      await page.getByTestId('person-form-illness').fill('高血压')
      await page.getByTestId('person-form-submit').click()
      await page.getByTestId('person-form-name').waitFor({ state: 'detached' })
    })

    await step('member-masked', async () => {
      const row = page.locator('[data-testid="hh-members"] .el-table__body tr', { hasText: memberName })
      await row.first().waitFor()
      expect((await row.first().getByTestId('member-id-number').innerText()).trim()).toBe(ID_MASKED)
      expect((await row.first().getByTestId('member-phone').innerText()).trim()).toBe('139****5678')
      const text = await row.first().innerText()
      expect(text).toContain('户主')
      expect(text).toContain('男')
      expect(text).toContain('老年')
      expect(await page.locator('body').innerText()).not.toContain(ID_NUMBER)
    })

    await step('duplicate-id-number', async () => {
      // 409 duplicate names id_number; the form shows it on that field and stays open.
      await page.getByTestId('member-add').click()
      await page.getByTestId('person-form-name').waitFor()
      await choose(page, 'person-form-relation', '配偶')
      await page.getByTestId('person-form-name').fill(`${memberName}2`)
      await page.getByTestId('person-form-id-number').fill(ID_NUMBER)
      await page.getByTestId('person-form-filled').waitFor()
      await page.getByTestId('person-form-submit').click()
      await fieldError(page, 'person-form-id-number').filter({ hasText: '已被使用' }).waitFor()
      await page.getByTestId('person-form-cancel').click()
      await page.getByTestId('person-form-name').waitFor({ state: 'detached' })
    })

    await step('reveal', async () => {
      const row = page.locator('[data-testid="hh-members"] .el-table__body tr', { hasText: memberName })
      await row.first().getByTestId('member-reveal').click()
      await page.getByTestId('reveal-reason').waitFor()
      expect(await page.getByTestId('reveal-audit-note').innerText()).toContain('记录')
      // A reason is required.
      await page.getByTestId('reveal-submit').click()
      await fieldError(page, 'reveal-reason').filter({ hasText: '必填' }).waitFor()
      expect(await page.getByTestId('reveal-id-number').count()).toBe(0)
      await inputOf(page, 'reveal-reason').fill('入户核查，核对身份证号')
      await page.getByTestId('reveal-submit').click()
      await page.getByTestId('reveal-id-number').waitFor()
      expect((await page.getByTestId('reveal-id-number').innerText()).trim()).toBe(ID_NUMBER)
      expect((await page.getByTestId('reveal-phone').innerText()).trim()).toBe('13912345678')
      expect((await page.getByTestId('reveal-illness').innerText()).trim()).toBe('高血压')
      await page.getByTestId('reveal-recorded').waitFor()
      await page.getByTestId('reveal-close').click()
      await page.getByTestId('reveal-id-number').waitFor({ state: 'detached' })
      // The table still shows the masked number only.
      expect((await row.first().getByTestId('member-id-number').innerText()).trim()).toBe(ID_MASKED)
    })

    await step('find-by-id-number', async () => {
      await page.getByTestId('hh-detail-back').click()
      await page.waitForURL(/\/households$/)
      const search = inputOf(page, 'hh-id-search')
      // A wrong check digit is caught before asking the server.
      await search.fill('310101195803120179')
      await page.getByTestId('hh-id-search-submit').click()
      await fieldError(page, 'hh-id-search').filter({ hasText: '校验位' }).waitFor()
      await search.fill(ID_NUMBER)
      await page.getByTestId('hh-id-search-submit').click()
      await page.waitForURL((url) => url.pathname === new URL(householdUrl).pathname && url.searchParams.has('person'))
      await page.locator('[data-testid="hh-members"] .found-row', { hasText: memberName }).waitFor()
    })

    await step('logout', async () => {
      await page.getByTestId('user-menu').click()
      await page.getByTestId('logout').click()
      await page.waitForURL(/\/login/)
    })
  })
})
