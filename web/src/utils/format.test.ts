import { describe, expect, it } from 'vitest'
import { dayRangeToUtc, formatDateTime, toIsoUtc } from './format'

describe('toIsoUtc', () => {
  it('drops milliseconds', () => {
    expect(toIsoUtc(new Date(Date.UTC(2026, 10, 29, 2, 47, 31, 456)))).toBe('2026-11-29T02:47:31Z')
  })
})

describe('dayRangeToUtc', () => {
  it('covers the whole of both local days, with an exclusive upper bound', () => {
    const { from, to } = dayRangeToUtc([new Date(2026, 0, 5, 15, 0), new Date(2026, 0, 7, 1, 0)])
    expect(new Date(from!).getTime()).toBe(new Date(2026, 0, 5, 0, 0, 0).getTime())
    expect(new Date(to!).getTime()).toBe(new Date(2026, 0, 8, 0, 0, 0).getTime())
  })

  it('rolls over month ends', () => {
    const { to } = dayRangeToUtc([new Date(2026, 0, 31), new Date(2026, 0, 31)])
    expect(new Date(to!).getTime()).toBe(new Date(2026, 1, 1).getTime())
    expect(to).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
  })

  it('is empty without a range', () => {
    expect(dayRangeToUtc(null)).toEqual({})
  })
})

describe('formatDateTime', () => {
  it('formats in local time and passes through junk', () => {
    const iso = new Date(2026, 10, 29, 10, 47, 31).toISOString()
    expect(formatDateTime(iso)).toBe('2026-11-29 10:47')
    expect(formatDateTime(iso, true)).toBe('2026-11-29 10:47:31')
    expect(formatDateTime(null)).toBe('')
    expect(formatDateTime('not a date')).toBe('not a date')
  })
})
