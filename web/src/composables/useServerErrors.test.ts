import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { dottedPath, placeFieldErrors, useServerErrors } from './useServerErrors'

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

describe('list rows', () => {
  it('turns bracket indexes into the dotted prop paths of form items', () => {
    expect(dottedPath('goals[0].title')).toBe('goals.0.title')
    expect(dottedPath('scores[10].score')).toBe('scores.10.score')
    expect(dottedPath('reason')).toBe('reason')
  })

  it('places renamed fields on items named by a function (rows come and go)', () => {
    const rows = ['goals.0.title']
    const server = useServerErrors(() => rows, { rename: dottedPath })
    const err = new ApiError(422, { code: 'validation_failed', fields: [{ field: 'goals[1].title', code: 'required' }] }, echo)
    expect(server.apply(err)).toBe(false)
    rows.push('goals.1.title')
    expect(server.apply(err)).toBe(true)
    expect(server.errors['goals.1.title']).toBeTruthy()
  })
})
