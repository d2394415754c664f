// Browser test of the outcomes dashboard (docs/outcomes.md) against a running Bangyi server
// (started by tests/e2e/run.sh) with demo data:
//   admin: opens /dashboard; the totals and charts draw (canvases), with no console error;
//          clicks a real bar of the district chart (its centre comes from echarts' convertToPixel,
//          published on the chart as data-points) and lands on the records of that district, with
//          rows; back on the dashboard, the district's link in the list under the chart goes to the
//          same records.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { BASE_URL, CREDENTIALS_FILE, demoLogin, logIn, useBrowser } from './support'

/** Console errors and page errors of `page` from now on (401/409 are the app's expected probes). */
function collectErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of (401|409)\b/.test(msg.text())) {
      errors.push(msg.text())
    }
  })
  return errors
}

/** Waits for the records list to show rows, and returns how many. */
async function recordRows(page: Page): Promise<number> {
  const rows = page.locator('[data-testid="kpi-records-table"] .el-table__body tr')
  await expect.poll(async () => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0)
  return rows.count()
}

describe('outcomes dashboard, end to end', () => {
  const session = useBrowser('dashboard-')
  const { step } = session

  it('shows the foundation dashboard and drills a district bar down to its records', async () => {
    const admin = demoLogin(CREDENTIALS_FILE, 'foundation_admin')
    await logIn(session, admin, { landing: /\/(organizations|change-password)/, afterPasswordChange: /\/organizations/ })
    const page = session.page
    const errors = collectErrors(page)
    let district = ''

    await step('open-dashboard', async () => {
      await page.goto(`${BASE_URL}/dashboard`)
      await page.getByTestId('dash-page').waitFor()
      expect(await page.getByTestId('dash-page').getAttribute('data-scope')).toBe('platform')
      await page.getByTestId('kpi-total-services').waitFor()
      // The district chart has drawn: a canvas, and the bar centres computed after rendering.
      await page.locator('[data-testid="kpi-district-chart"] canvas').first().waitFor()
      await expect.poll(async () => JSON.parse((await page.getByTestId('kpi-district-chart').getAttribute('data-points')) ?? '[]').length).toBeGreaterThan(0)
      await page.locator('[data-testid="kpi-trend-chart"] canvas').first().waitFor()
      await expect.poll(async () => page.locator('[data-testid="dash-page"] canvas').count()).toBeGreaterThanOrEqual(2)
      // Every chart card has a title, and exports of the same query.
      const xlsx = await page.getByTestId('kpi-district-export-xlsx').getAttribute('href')
      expect(xlsx).toContain('/api/v1/kpis/export?')
      expect(xlsx).toContain('dimension=district')
      expect(xlsx).toContain('format=xlsx')
      expect(await page.getByTestId('kpi-district-export-csv').getAttribute('href')).toContain('format=csv')
      expect(errors).toEqual([])
    })

    await step('click-district-bar', async () => {
      const chart = page.getByTestId('kpi-district-chart')
      const points = JSON.parse((await chart.getAttribute('data-points')) ?? '[]') as [number, number][]
      const keys = await page.locator('[data-testid="kpi-district-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-key') ?? ''))
      expect(points.length).toBe(keys.length)
      // Rows come sorted by services, most first: the first district has records.
      district = keys[0]
      expect(district).not.toBe('')
      const box = await chart.boundingBox()
      expect(box).not.toBeNull()
      await page.mouse.click(box!.x + points[0][0], box!.y + points[0][1])
      await page.waitForURL(/\/kpi-records\?/)
      const url = new URL(page.url())
      expect(url.searchParams.get('district')).toBe(district)
      expect((await page.getByTestId('kpi-records-filter').getAttribute('data-key')) ?? '').toBe(district)
      expect(await recordRows(page)).toBeGreaterThan(0)
      expect(errors).toEqual([])
    })

    await step('district-link', async () => {
      await page.getByTestId('kpi-records-back').click()
      await page.waitForURL(/\/dashboard/)
      const link = page.locator(`[data-testid="kpi-district-link"][data-key="${district}"]`)
      await link.waitFor()
      await link.click()
      await page.waitForURL(/\/kpi-records\?/)
      expect(new URL(page.url()).searchParams.get('district')).toBe(district)
      expect(await recordRows(page)).toBeGreaterThan(0)
      expect(errors).toEqual([])
    })
  })
})
