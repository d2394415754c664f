import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { placeFieldErrors, useServerErrors } from './useServerErrors'

const echo = (key: string) => key

function conflict(fields?: { field: string; code: string }[]): ApiError {
  return new ApiError(409, { code: 'duplicate', message: 'exists', fields }, echo)
}

describe('placeFieldErrors', () => {
  it('places a 409 duplicate on the field it names', () => {
    const r = placeFieldErrors([{ field: 'credit_code', code: 'duplicate' }], ['name', 'credit_code'], echo)
    expect(r).toEqual({ messages: { credit_code: 'errors.field.duplicate' }, complete: true })
  })

  it('shows a nested error on its top-level item', () => {
    const r = placeFieldErrors([{ field: 'roles[0].scope_id', code: 'required' }], ['username', 'roles'], echo)
    expect(r).toEqual({ messages: { roles: 'errors.field.required' }, complete: true })
  })

  it('is incomplete when a field has no item on the form', () => {
    const r = placeFieldErrors(
      [
        { field: 'credit_code', code: 'duplicate' },
        { field: 'staff_count', code: 'invalid' },
      ],
      ['credit_code'],
      echo,
    )
    expect(r).toEqual({ messages: { credit_code: 'errors.field.duplicate' }, complete: false })
  })

  it('without a list of items places everything', () => {
    const r = placeFieldErrors([{ field: 'username', code: 'duplicate' }], undefined, echo)
    expect(r).toEqual({ messages: { username: 'errors.field.duplicate' }, complete: true })
  })
})

describe('useServerErrors', () => {
  it('applies a 409 duplicate with fields generically, whatever the error code', () => {
    const server = useServerErrors(['username', 'display_name'])
    expect(server.apply(conflict([{ field: 'username', code: 'duplicate' }]))).toBe(true)
    expect(Object.keys(server.errors)).toEqual(['username'])
    expect(server.errors.username).toBeTruthy()
    server.clear()
    expect(server.errors).toEqual({})
  })

  it('leaves a 409 without fields to the caller (toast or its own fallback)', () => {
    const server = useServerErrors(['credit_code'])
    expect(server.apply(conflict())).toBe(false)
    expect(server.apply(new Error('boom'))).toBe(false)
    expect(server.errors).toEqual({})
  })

  it('reports a field the form cannot show, so the caller can fall back', () => {
    const server = useServerErrors(['credit_code'])
    expect(server.apply(conflict([{ field: 'version', code: 'invalid' }]))).toBe(false)
    expect(server.errors).toEqual({})
  })
})
