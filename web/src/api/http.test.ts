import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  ApiError,
  ERROR_CODES,
  ERROR_STATUSES,
  FIELD_ERROR_CODES,
  buildUrl,
  configureHttp,
  errorMessageKey,
  fieldErrorMessages,
  fieldMessageKey,
  http,
  resetHttp,
  type Method,
} from './http'
import { messages, setLocale, t } from '@/locales'

function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })
}

function errorBody(code: string, fields?: { field: string; code: string }[]) {
  return { error: { code, message: `server says ${code}`, fields, request_id: 'req-1' } }
}

/** Follows a dotted key through a locale's messages. */
function lookup(locale: 'zh-CN' | 'en-US', key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages[locale])
}

describe('errorMessageKey', () => {
  // Every status/code pair of the contract's error table.
  const table: [number, string, string][] = [
    [400, 'invalid_json', 'errors.code.invalid_json'],
    [400, 'bad_request', 'errors.code.bad_request'],
    [401, 'unauthenticated', 'errors.code.unauthenticated'],
    [401, 'invalid_credentials', 'errors.code.invalid_credentials'],
    [403, 'account_disabled', 'errors.code.account_disabled'],
    [403, 'forbidden', 'errors.code.forbidden'],
    [403, 'csrf_failed', 'errors.code.csrf_failed'],
    [403, 'password_change_required', 'errors.code.password_change_required'],
    [404, 'not_found', 'errors.code.not_found'],
    [405, 'method_not_allowed', 'errors.code.method_not_allowed'],
    [409, 'conflict', 'errors.code.conflict'],
    [409, 'duplicate', 'errors.code.duplicate'],
    [409, 'version_conflict', 'errors.code.version_conflict'],
    [413, 'payload_too_large', 'errors.code.payload_too_large'],
    [422, 'validation_failed', 'errors.code.validation_failed'],
    [429, 'account_locked', 'errors.code.account_locked'],
    [500, 'internal', 'errors.code.internal'],
  ]
  it.each(table)('%i %s → %s', (status, code, key) => {
    expect(errorMessageKey(status, code)).toBe(key)
  })

  it.each(ERROR_STATUSES.map((s) => [s]))('status %i without a known code falls back to errors.status.%i', (status) => {
    expect(errorMessageKey(status, 'something_new')).toBe(`errors.status.${status}`)
    expect(errorMessageKey(status)).toBe(`errors.status.${status}`)
  })

  it('maps other 5xx to the 500 message, other 4xx to the generic one, and 0 to network', () => {
    expect(errorMessageKey(507)).toBe('errors.status.500')
    expect(errorMessageKey(418)).toBe('errors.unknown')
    expect(errorMessageKey(0)).toBe('errors.network')
  })

  it('has a message for every key it can return, in both locales', () => {
    const keys = [
      ...ERROR_CODES.map((c) => errorMessageKey(400, c)),
      ...ERROR_STATUSES.map((s) => errorMessageKey(s)),
      ...FIELD_ERROR_CODES.map((c) => fieldMessageKey(c)),
      'errors.network',
      'errors.unknown',
      'errors.requestId',
    ]
    for (const locale of ['zh-CN', 'en-US'] as const) {
      for (const key of keys) {
        expect(typeof lookup(locale, key), `${locale} ${key}`).toBe('string')
      }
    }
  })
})

describe('codes of docs/api-contract.md', () => {
  const contract = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../docs/api-contract.md'), 'utf8')

  /** Every `code` in backticks in the lines of `section`, from its first line up to `until`. */
  function codesIn(from: string, until: string): string[] {
    const start = contract.indexOf(from)
    const end = contract.indexOf(until, start + from.length)
    expect(start, from).toBeGreaterThanOrEqual(0)
    expect(end, until).toBeGreaterThan(start)
    return [...contract.slice(start, end).matchAll(/`([a-z_]+)`/g)].map((m) => m[1])
  }

  it('every error code of the error table is known and translated', () => {
    const codes = codesIn('| status | code(s) |', 'Field error codes')
    expect(codes.length).toBeGreaterThan(10)
    for (const code of codes) {
      expect(ERROR_CODES, code).toContain(code)
    }
  })

  it('every field error code is known and translated', () => {
    const codes = codesIn('Field error codes', '## Lists').filter((c) => c !== 'fields')
    expect(codes.length).toBeGreaterThan(10)
    for (const code of codes) {
      expect(FIELD_ERROR_CODES, code).toContain(code)
    }
  })

  it('also the codes the server sends beyond the contract', () => {
    expect(ERROR_CODES).toContain('account_disabled')
    expect(ERROR_CODES).toContain('method_not_allowed')
    expect(FIELD_ERROR_CODES).toContain('same_as_current')
    expect(FIELD_ERROR_CODES).toContain('out_of_range')
    expect(FIELD_ERROR_CODES).toContain('mismatch')
    for (const locale of ['zh-CN', 'en-US'] as const) {
      for (const key of ['errors.code.account_disabled', 'errors.code.method_not_allowed', 'errors.status.405',
        'errors.field.same_as_current', 'errors.field.out_of_range', 'errors.field.mismatch']) {
        expect(typeof lookup(locale, key), `${locale} ${key}`).toBe('string')
      }
    }
  })
})

describe('field errors', () => {
  beforeEach(() => setLocale('zh-CN'))

  it('translates each contract field code and reads unknown ones as invalid', () => {
    for (const code of FIELD_ERROR_CODES) {
      expect(fieldMessageKey(code)).toBe(`errors.field.${code}`)
    }
    expect(fieldMessageKey('brand_new_code')).toBe('errors.field.invalid')
    // A case-work error code on a field reads as that error.
    expect(fieldMessageKey('open_case_exists')).toBe('errors.code.open_case_exists')
  })

  it('maps fields to messages, nested ones also under their top-level name, first error wins', () => {
    const out = fieldErrorMessages(
      [
        { field: 'credit_code', code: 'checksum' },
        { field: 'credit_code', code: 'required' },
        { field: 'roles[1].scope_id', code: 'unknown' },
      ],
      t,
    )
    expect(out).toEqual({
      credit_code: '校验位错误',
      'roles[1].scope_id': '不存在的选项',
      roles: '不存在的选项',
    })
  })

  it('follows the UI language', () => {
    setLocale('en-US')
    expect(fieldErrorMessages([{ field: 'credit_code', code: 'checksum' }], t)).toEqual({
      credit_code: 'Wrong check character',
    })
  })
})

describe('buildUrl', () => {
  it('prefixes the API base and leaves out empty values', () => {
    expect(buildUrl('/organizations', { q: '阳光', district: '', status: undefined, page: 2, per: null })).toBe(
      '/api/v1/organizations?q=%E9%98%B3%E5%85%89&page=2',
    )
    expect(buildUrl('/auth/me')).toBe('/api/v1/auth/me')
  })
})

describe('request', () => {
  const fetchMock = vi.fn<typeof fetch>()
  const onUnauthenticated = vi.fn()
  const onPasswordChangeRequired = vi.fn()

  beforeEach(() => {
    setLocale('zh-CN')
    fetchMock.mockReset()
    onUnauthenticated.mockReset()
    onPasswordChangeRequired.mockReset()
    vi.stubGlobal('fetch', fetchMock)
    configureHttp({ csrfToken: () => 'tok-123', onUnauthenticated, onPasswordChangeRequired, translate: t })
  })

  afterEach(() => {
    vi.unstubAllGlobals()
    resetHttp()
  })

  function lastInit(): RequestInit {
    const call = fetchMock.mock.calls.at(-1)
    expect(call).toBeDefined()
    return call![1] ?? {}
  }

  function headersOf(init: RequestInit): Record<string, string> {
    return init.headers as Record<string, string>
  }

  it.each<[Method, boolean]>([
    ['GET', false],
    ['POST', true],
    ['PUT', true],
    ['PATCH', true],
    ['DELETE', true],
  ])('%s sends X-CSRF-Token: %s', async (method, expected) => {
    fetchMock.mockResolvedValue(jsonResponse(200, { ok: true }))
    const { request } = await import('./http')
    await request(method, '/things', method === 'GET' || method === 'DELETE' ? {} : { body: { a: 1 } })
    const init = lastInit()
    expect(init.method).toBe(method)
    expect(init.credentials).toBe('same-origin')
    expect('X-CSRF-Token' in headersOf(init)).toBe(expected)
    if (expected) {
      expect(headersOf(init)['X-CSRF-Token']).toBe('tok-123')
    }
  })

  it('sends no CSRF header when there is no session token', async () => {
    configureHttp({ csrfToken: () => null })
    fetchMock.mockResolvedValue(jsonResponse(200, {}))
    await http.post('/auth/login', { username: 'a', password: 'b' })
    expect('X-CSRF-Token' in headersOf(lastInit())).toBe(false)
    expect(lastInit().body).toBe(JSON.stringify({ username: 'a', password: 'b' }))
  })

  it('posts raw bytes with their own Content-Type and the CSRF header, and reads JSON back', async () => {
    fetchMock.mockResolvedValue(jsonResponse(201, { id: 1 }))
    const bytes = new Uint8Array([1, 2, 3]).buffer
    await expect(http.postRaw('/cases/5/attachments', { data: bytes, contentType: 'application/pdf' }, { query: { filename: 'a.pdf' } })).resolves.toEqual({ id: 1 })
    const [url, init] = fetchMock.mock.calls.at(-1)!
    expect(url).toBe('/api/v1/cases/5/attachments?filename=a.pdf')
    expect(init?.method).toBe('POST')
    expect(init?.body).toBe(bytes)
    expect(headersOf(init!)['Content-Type']).toBe('application/pdf')
    expect(headersOf(init!)['X-CSRF-Token']).toBe('tok-123')
    expect(init?.credentials).toBe('same-origin')
  })

  it('sends raw bytes without a type as application/octet-stream; a 413 becomes an ApiError', async () => {
    fetchMock.mockResolvedValue(jsonResponse(413, errorBody('payload_too_large')))
    const err = await http.postRaw('/x', { data: new Blob(['x']), contentType: '' }).catch((e: unknown) => e)
    expect(headersOf(lastInit())['Content-Type']).toBe('application/octet-stream')
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).status).toBe(413)
    expect((err as ApiError).message).toBe('提交的内容过大')
  })

  it('returns parsed JSON, and undefined for 204', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { data: [1], metadata: { total: 1, page: 1, per: 20 } }))
    await expect(http.get('/organizations')).resolves.toEqual({ data: [1], metadata: { total: 1, page: 1, per: 20 } })
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }))
    await expect(http.post('/auth/logout')).resolves.toBeUndefined()
  })

  it('turns 422 into an ApiError whose fields the form can show', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(422, errorBody('validation_failed', [{ field: 'credit_code', code: 'checksum' }])),
    )
    const err = await http.post('/organizations', {}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    const apiErr = err as ApiError
    expect(apiErr.status).toBe(422)
    expect(apiErr.code).toBe('validation_failed')
    expect(apiErr.messageKey).toBe('errors.code.validation_failed')
    expect(apiErr.message).toBe('提交的内容有误，请检查表单')
    expect(apiErr.requestId).toBe('req-1')
    expect(apiErr.serverMessage).toBe('server says validation_failed')
    expect(apiErr.fields).toEqual([{ field: 'credit_code', code: 'checksum' }])
    expect(apiErr.fieldMessages()).toEqual({ credit_code: '校验位错误' })
    expect(onUnauthenticated).not.toHaveBeenCalled()
  })

  it('translates in the current language', async () => {
    setLocale('en-US')
    fetchMock.mockResolvedValue(jsonResponse(409, errorBody('version_conflict')))
    const err = (await http.put('/organizations/1', {}).catch((e: unknown) => e)) as ApiError
    expect(err.message).toBe('Someone else changed this record. Reload it and try again.')
  })

  it('401 unauthenticated clears the session through the hook', async () => {
    fetchMock.mockResolvedValue(jsonResponse(401, errorBody('unauthenticated')))
    await expect(http.get('/organizations')).rejects.toMatchObject({ status: 401, code: 'unauthenticated' })
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
  })

  it('401 invalid_credentials (wrong password) does not count as a lost session', async () => {
    fetchMock.mockResolvedValue(jsonResponse(401, errorBody('invalid_credentials')))
    const err = (await http.post('/auth/login', {}).catch((e: unknown) => e)) as ApiError
    expect(err.message).toBe('用户名或密码错误')
    expect(onUnauthenticated).not.toHaveBeenCalled()
  })

  it('silent requests skip the hooks', async () => {
    fetchMock.mockResolvedValue(jsonResponse(401, errorBody('unauthenticated')))
    await expect(http.get('/auth/me', undefined, { silent: true })).rejects.toBeInstanceOf(ApiError)
    expect(onUnauthenticated).not.toHaveBeenCalled()
  })

  it('403 password_change_required sends the user to change the password; other 403s do not', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(403, errorBody('password_change_required')))
    await expect(http.get('/organizations')).rejects.toMatchObject({ code: 'password_change_required' })
    expect(onPasswordChangeRequired).toHaveBeenCalledTimes(1)

    fetchMock.mockResolvedValueOnce(jsonResponse(403, errorBody('forbidden')))
    await expect(http.get('/users')).rejects.toMatchObject({ messageKey: 'errors.code.forbidden' })
    expect(onPasswordChangeRequired).toHaveBeenCalledTimes(1)
    expect(onUnauthenticated).not.toHaveBeenCalled()
  })

  it('429 account_locked reads as locked', async () => {
    fetchMock.mockResolvedValue(jsonResponse(429, errorBody('account_locked')))
    const err = (await http.post('/auth/login', {}).catch((e: unknown) => e)) as ApiError
    expect(err.messageKey).toBe('errors.code.account_locked')
    expect(err.message).toContain('锁定')
  })

  it('a non-JSON error page is classified by status', async () => {
    fetchMock.mockResolvedValue(new Response('<html>Bad Gateway</html>', { status: 502 }))
    const err = (await http.get('/organizations').catch((e: unknown) => e)) as ApiError
    expect(err.status).toBe(502)
    expect(err.code).toBe('')
    expect(err.messageKey).toBe('errors.status.502')
    expect(err.fields).toEqual([])
  })

  it('a failed connection is a network error', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const err = (await http.get('/organizations').catch((e: unknown) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(0)
    expect(err.messageKey).toBe('errors.network')
    expect(err.message).toBe(t('errors.network'))
  })
})
