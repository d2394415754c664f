// Browser test of the household additions (docs/case-work.md, "Registry additions") against a
// running Bangyi server (started by tests/e2e/run.sh): as the demo social worker, register a
// household with a member, edit the household's community (the masked address stays as it was)
// and the member's name (the masked ID stays), record one income and one medical expenditure for
// this month and read the monthly summary, find the household by member name and category, and
// merge a second household into it.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { makeResidentId, todayShanghai } from '../src/utils/residentId'
import { CREDENTIALS_FILE, choose, demoLogin, inputOf, logIn, openSelect, useBrowser } from './support'

/** Registers a household from the list page and opens it; returns its URL. */
async function createHousehold(page: Page, community: string, address: string): Promise<string> {
  await page.getByTestId('menu-households').click()
  await page.waitForURL(/\/households$/)
  await page.getByTestId('hh-create').click()
  await page.getByTestId('hh-form-community').waitFor()
  await choose(page, 'hh-form-district', '黄浦区')
  const streets = await openSelect(page, 'hh-form-street')
  await streets.first().click()
  await page.getByTestId('hh-form-community').fill(community)
  await page.getByTestId('hh-form-address').fill(address)
  await page.getByTestId('hh-form-category-add').click()
  await choose(page, 'hh-form-category-0', '低保')
  const from = inputOf(page, 'hh-form-valid-from-0')
  await from.fill('2024-01-01')
  await from.press('Enter')
  await page.getByTestId('hh-form-submit').click()
  await page.getByTestId('hh-form-community').waitFor({ state: 'detached' })
  const row = page.locator('[data-testid="hh-table"] .el-table__body tr', { hasText: community })
  await row.first().getByTestId('hh-view').click()
  await page.waitForURL(/\/households\/[^/]+$/)
  await page.getByTestId('hh-detail').waitFor()
  return page.url()
}

/** Adds a member whose birth date and gender come from the ID number. */
async function addMember(page: Page, relation: string, name: string, idNumber: string): Promise<void> {
  await page.getByTestId('member-add').click()
  await page.getByTestId('person-form-name').waitFor()
  await choose(page, 'person-form-relation', relation)
  await page.getByTestId('person-form-name').fill(name)
  await page.getByTestId('person-form-id-number').fill(idNumber)
  await page.getByTestId('person-form-filled').waitFor()
  await page.getByTestId('person-form-submit').click()
  await page.getByTestId('person-form-name').waitFor({ state: 'detached' })
  await page.locator('[data-testid="hh-members"] .el-table__body tr', { hasText: name }).first().waitFor()
}

/** Records one income or expenditure of this month (the dialog's default month). */
async function addFinance(page: Page, kind: 'income' | 'expenditure', category: string, amount: string, note: string): Promise<void> {
  await page.getByTestId('fin-add').click()
  await page.getByTestId('fin-amount').waitFor()
  await page.getByTestId(`fin-kind-${kind}`).click()
  await choose(page, 'fin-category', category)
  await inputOf(page, 'fin-amount').fill(amount)
  await inputOf(page, 'fin-note').fill(note)
  await page.getByTestId('fin-submit').click()
  await page.getByTestId('fin-amount').waitFor({ state: 'detached' })
}

describe('household additions, end to end', () => {
  const session = useBrowser('households-')
  const { step } = session

  it('edits a household and a member, records income and expenditure, searches, and merges', async () => {
    const worker = demoLogin(CREDENTIALS_FILE, 'social_worker')
    const stamp = `${Date.now() % 1_000_000}`.padStart(6, '0')
    const seq = String(Number(stamp.slice(-2))).padStart(2, '0')
    const community = `E2E 收支居委 ${stamp}`
    const newCommunity = `E2E 改名居委 ${stamp}`
    const headName = `收支户主${stamp}`
    const renamed = `收支户主改${stamp}`
    const otherName = `并入成员${stamp}`
    const headId = makeResidentId('310101', '19600705', `${seq}1`)
    const otherId = makeResidentId('310101', '19880214', `${seq}2`)
    const month = todayShanghai().slice(0, 7)
    let householdUrl = ''

    await logIn(session, worker, {
      landing: /\/(workbench|cases|organizations|households|change-password)/,
      afterPasswordChange: /\/(workbench|cases|organizations|households)/,
    })
    const page = session.page

    await step('create-household', async () => {
      householdUrl = await createHousehold(page, community, '南京东路 300 弄 8 号 501 室')
      await addMember(page, '户主', headName, headId)
    })

    await step('edit-household', async () => {
      const address = (await page.getByTestId('hh-detail-address').innerText()).trim()
      await page.getByTestId('hh-edit').click()
      await page.getByTestId('hh-form-community').waitFor()
      // The form starts from the household; the masked address is not in it.
      expect(await inputOf(page, 'hh-form-community').inputValue()).toBe(community)
      expect(await inputOf(page, 'hh-form-address').inputValue()).toBe('')
      expect(await page.getByTestId('hh-form-address-hint').innerText()).toContain('留空表示不修改')
      await inputOf(page, 'hh-form-community').fill(newCommunity)
      await page.getByTestId('hh-form-submit').click()
      await page.getByTestId('hh-form-community').waitFor({ state: 'detached' })
      await expect.poll(async () => (await page.getByTestId('hh-detail-community').innerText()).trim()).toBe(newCommunity)
      // The address was left empty: unchanged.
      expect((await page.getByTestId('hh-detail-address').innerText()).trim()).toBe(address)
      expect(await page.getByTestId('hh-detail-categories').innerText()).toContain('低保')
    })

    await step('edit-member', async () => {
      const row = page.locator('[data-testid="hh-members"] .el-table__body tr', { hasText: headName })
      const masked = (await row.first().getByTestId('member-id-number').innerText()).trim()
      await row.first().getByTestId('member-edit').click()
      await page.getByTestId('person-form-name').waitFor()
      expect(await inputOf(page, 'person-form-name').inputValue()).toBe(headName)
      expect(await inputOf(page, 'person-form-id-number').inputValue()).toBe('')
      expect(await page.getByTestId('person-form-hint').innerText()).toContain('留空表示不修改')
      await inputOf(page, 'person-form-name').fill(renamed)
      await page.getByTestId('person-form-submit').click()
      await page.getByTestId('person-form-name').waitFor({ state: 'detached' })
      const edited = page.locator('[data-testid="hh-members"] .el-table__body tr', { hasText: renamed })
      await edited.first().waitFor()
      // The ID number was left empty: unchanged.
      expect((await edited.first().getByTestId('member-id-number').innerText()).trim()).toBe(masked)
    })

    await step('finances', async () => {
      await page.getByTestId('fin-panel').waitFor()
      // Client-side check: at most two decimals.
      await page.getByTestId('fin-add').click()
      await page.getByTestId('fin-amount').waitFor()
      await choose(page, 'fin-category', '工资性收入')
      await inputOf(page, 'fin-amount').fill('12.345')
      await page.getByTestId('fin-submit').click()
      await page.locator('.el-form-item.is-error', { has: page.getByTestId('fin-amount') }).first().waitFor()
      await page.getByTestId('fin-cancel').click()
      await page.getByTestId('fin-amount').waitFor({ state: 'detached' })

      await addFinance(page, 'income', '工资性收入', '3000', '户主打零工收入')
      await addFinance(page, 'expenditure', '医疗', '1200.5', '住院自付部分')
      const rows = page.locator('[data-testid="fin-list"] .el-table__body tr')
      await expect.poll(() => rows.count()).toBe(2)
      const medical = rows.filter({ hasText: '医疗' }).first()
      expect(await medical.innerText()).toContain('1,200.50')
      expect(await medical.innerText()).toContain(month)
    })

    await step('monthly-summary', async () => {
      const row = page.locator('[data-testid="fin-summary"] .el-table__body tr', { hasText: month }).first()
      await row.waitFor()
      await expect.poll(async () => (await row.getByTestId('fin-sum-income').innerText()).trim()).toBe('3,000.00')
      expect((await row.getByTestId('fin-sum-expenditure').innerText()).trim()).toBe('1,200.50')
      expect((await row.getByTestId('fin-sum-members').innerText()).trim()).toBe('1')
      expect((await row.getByTestId('fin-sum-per-member').innerText()).trim()).toBe('3,000.00')
      await page.getByTestId('fin-chart').waitFor()
    })

    await step('search-by-name-and-category', async () => {
      await page.getByTestId('hh-detail-back').click()
      await page.waitForURL(/\/households$/)
      await inputOf(page, 'hh-search-q').fill(renamed)
      await page.getByTestId('hh-search-submit').click()
      const rows = page.locator('[data-testid="hh-table"] .el-table__body tr')
      await expect.poll(() => rows.count()).toBe(1)
      expect(await rows.first().innerText()).toContain(newCommunity)
      await choose(page, 'hh-search-category', '特困')
      await expect.poll(() => rows.filter({ hasText: newCommunity }).count()).toBe(0)
      await choose(page, 'hh-search-category', '低保')
      await rows.filter({ hasText: newCommunity }).first().waitFor()
      await page.getByTestId('hh-search-reset').click()
    })

    await step('merge', async () => {
      const otherUrl = await createHousehold(page, `E2E 并入居委 ${stamp}`, '南京东路 301 弄 1 号')
      const otherId_ = decodeURIComponent(new URL(otherUrl).pathname.split('/').pop() ?? '')
      await addMember(page, '户主', otherName, otherId)
      await page.goto(householdUrl)
      await page.getByTestId('hh-detail').waitFor()
      await page.getByTestId('hh-merge').click()
      await page.getByTestId('merge-explain').waitFor()
      expect(await page.getByTestId('merge-explain').innerText()).toContain('成员、个案、收支记录和知情同意')
      const select = page.getByTestId('merge-pick')
      await select.click()
      await inputOf(page, 'merge-pick').fill(otherName)
      const listId = await select.locator('[aria-controls]').first().getAttribute('aria-controls')
      const option = page.locator(`[id="${listId}"] [role="option"]`, { hasText: `家庭 ${otherId_}` })
      await option.first().click()
      await page.getByTestId('merge-submit').click()
      await page.getByTestId('merge-explain').waitFor({ state: 'detached' })
      // The other household's member is now here; the merged household leaves the list.
      await page.locator('[data-testid="hh-members"] .el-table__body tr', { hasText: otherName }).first().waitFor()
      await page.getByTestId('hh-detail-back').click()
      await page.waitForURL(/\/households$/)
      await inputOf(page, 'hh-search-q').fill(otherName)
      await page.getByTestId('hh-search-submit').click()
      const rows = page.locator('[data-testid="hh-table"] .el-table__body tr')
      await rows.filter({ hasText: newCommunity }).first().waitFor()
      expect(await rows.filter({ hasText: `E2E 并入居委 ${stamp}` }).count()).toBe(0)
    })

    await step('logout', async () => {
      await page.getByTestId('user-menu').click()
      await page.getByTestId('logout').click()
      await page.waitForURL(/\/login/)
    })
  }, 300_000)
})
