import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setLocale, t } from '@/locales'
import { login, loginErrorKey } from './auth'
import { ApiError, configureHttp, resetHttp } from './http'

describe('login errors', () => {
  const fetchMock = vi.fn<typeof fetch>()
  const onUnauthenticated = vi.fn()
  const onPasswordChangeRequired = vi.fn()

  beforeEach(() => {
    setLocale('zh-CN')
    fetchMock.mockReset()
    vi.stubGlobal('fetch', fetchMock)
    configureHttp({ onUnauthenticated, onPasswordChangeRequired, translate: t })
  })

  afterEach(() => {
    vi.unstubAllGlobals()
    resetHttp()
  })

  function fail(status: number, code: string): void {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ error: { code, message: code, request_id: 'r' } }), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
    )
  }

  it('403 account_disabled shows its own translated message, in either language', async () => {
    fail(403, 'account_disabled')
    const err = await login('bob', 'secret-password').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).code).toBe('account_disabled')
    expect(loginErrorKey(err)).toBe('errors.code.account_disabled')
    expect(t(loginErrorKey(err))).toBe('该账号已停用，请联系管理员')
    setLocale('en-US')
    expect(t(loginErrorKey(err))).toBe('This account is disabled. Contact an administrator.')
    expect(onPasswordChangeRequired).not.toHaveBeenCalled()
    expect(onUnauthenticated).not.toHaveBeenCalled()
  })

  it.each([
    [401, 'invalid_credentials', 'errors.code.invalid_credentials'],
    [429, 'account_locked', 'errors.code.account_locked'],
    [403, 'something_new', 'errors.status.403'],
  ])('%i %s → %s', async (status, code, key) => {
    fail(status, code)
    expect(loginErrorKey(await login('bob', 'secret-password').catch((e: unknown) => e))).toBe(key)
  })

  it('anything else reads as an unknown error', () => {
    expect(loginErrorKey(new Error('boom'))).toBe('errors.unknown')
  })
})
