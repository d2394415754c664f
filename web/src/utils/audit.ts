import type { AuditChange } from '@/api/types'

export interface ChangeLine {
  field: string
  from: string
  to: string
}

/** How a changed value reads in the audit log; `empty` is the text for null / missing / ''. */
export function formatChangeValue(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') {
    return empty
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? empty : value.map((v) => formatChangeValue(v, empty)).join(', ')
  }
  if (typeof value === 'object') {
    return JSON.stringify(value)
  }
  return String(value)
}

/** `{field: {from, to}}` → one line a field, sorted by field name for a stable display. */
export function changeLines(changes: Record<string, AuditChange> | null | undefined, empty: string): ChangeLine[] {
  if (!changes || typeof changes !== 'object') {
    return []
  }
  return Object.keys(changes)
    .sort()
    .map((field) => {
      const c = changes[field] ?? { from: null, to: null }
      return { field, from: formatChangeValue(c.from, empty), to: formatChangeValue(c.to, empty) }
    })
}
