import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/http'
import { setLocale, t } from '@/locales'

const error = vi.fn()
vi.mock('element-plus', () => ({ ElMessage: { error: (o: unknown) => error(o), success: vi.fn() } }))

const { caseFormError, errorText } = await import('./notify')

beforeEach(() => {
  setLocale('zh-CN')
  error.mockReset()
})

function conflict(fields: { field: string; code: string }[] = []): ApiError {
  return new ApiError(409, { code: 'invalid_transition', message: 'case is in state planning', fields }, t)
}

describe('errorText', () => {
  it("adds the server's message to a 409 when asked", () => {
    expect(errorText(conflict())).toBe('当前状态下不能进行此操作')
    expect(errorText(conflict(), true)).toBe('当前状态下不能进行此操作：case is in state planning')
    const invalid = new ApiError(422, { code: 'validation_failed', message: 'bad' }, t)
    expect(errorText(invalid, true)).toBe(invalid.message)
  })
})

describe('caseFormError', () => {
  it('shows a 409 as a message even when its field is on the form', () => {
    const server = { apply: vi.fn(() => true) }
    caseFormError(server)(conflict([{ field: 'household_id', code: 'open_case_exists' }]))
    expect(server.apply).toHaveBeenCalledOnce()
    expect(error).toHaveBeenCalledOnce()
    expect(error.mock.calls[0][0]).toMatchObject({ message: expect.stringContaining('case is in state planning') })
  })

  it('leaves a placed 422 on the form, and toasts what the form cannot show', () => {
    const invalid = new ApiError(422, { code: 'validation_failed', fields: [{ field: 'reason', code: 'required' }] }, t)
    caseFormError({ apply: () => true })(invalid)
    expect(error).not.toHaveBeenCalled()
    caseFormError({ apply: () => false })(invalid)
    expect(error).toHaveBeenCalledOnce()
  })
})
