import { describe, expect, it } from 'vitest'
import { changeLines, formatChangeValue } from './audit'

describe('changeLines', () => {
  it('renders each changed field as from → to, sorted by field', () => {
    expect(
      changeLines(
        {
          status: { from: 'active', to: 'suspended' },
          name: { from: '旧名', to: '新名' },
          districts_served: { from: ['310101'], to: ['310101', '310104'] },
          rating: { from: null, to: '3A' },
        },
        '(empty)',
      ),
    ).toEqual([
      { field: 'districts_served', from: '310101', to: '310101, 310104' },
      { field: 'name', from: '旧名', to: '新名' },
      { field: 'rating', from: '(empty)', to: '3A' },
      { field: 'status', from: 'active', to: 'suspended' },
    ])
  })

  it('is empty for no changes', () => {
    expect(changeLines(null, '-')).toEqual([])
    expect(changeLines({}, '-')).toEqual([])
  })
})

describe('formatChangeValue', () => {
  it('shows empties, numbers, booleans and objects readably', () => {
    expect(formatChangeValue('', '-')).toBe('-')
    expect(formatChangeValue(undefined, '-')).toBe('-')
    expect(formatChangeValue([], '-')).toBe('-')
    expect(formatChangeValue(3, '-')).toBe('3')
    expect(formatChangeValue(false, '-')).toBe('false')
    expect(formatChangeValue({ role: 'org_admin' }, '-')).toBe('{"role":"org_admin"}')
  })
})
