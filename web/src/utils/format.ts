const pad = (n: number) => String(n).padStart(2, '0')

/** `2026-11-29T02:47:31Z` → `2026-11-29 10:47` in the browser's time zone; '' for null. */
export function formatDateTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) {
    return ''
  }
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) {
    return iso
  }
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}${withSeconds ? `:${pad(d.getSeconds())}` : ''}`
  return `${date} ${time}`
}

/** ISO 8601 UTC without milliseconds, the contract's timestamp form. */
export function toIsoUtc(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/**
 * A picked local-date range → the audit filter's UTC bounds: `from` (inclusive) is the start of
 * the first day, `to` (exclusive, per the API) the start of the day after the last one, both
 * in the browser's time zone.
 */
export function dayRangeToUtc(range: readonly [Date, Date] | null | undefined): { from?: string; to?: string } {
  if (!range || !range[0] || !range[1]) {
    return {}
  }
  const start = new Date(range[0].getFullYear(), range[0].getMonth(), range[0].getDate(), 0, 0, 0)
  const end = new Date(range[1].getFullYear(), range[1].getMonth(), range[1].getDate() + 1, 0, 0, 0)
  return { from: toIsoUtc(start), to: toIsoUtc(end) }
}
