import { describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { useFormSubmit } from './useFormSubmit'

function setup(valid: boolean, action: () => Promise<void>, applies = true) {
  const formRef = ref({ validate: vi.fn(() => (valid ? Promise.resolve(true) : Promise.reject(new Error('invalid')))) })
  const server = { clear: vi.fn(), apply: vi.fn(() => applies) }
  const onError = vi.fn()
  return { formRef, server, onError, ...useFormSubmit(formRef, server, action, { onError }) }
}

describe('useFormSubmit', () => {
  it('does nothing when the form does not validate', async () => {
    const action = vi.fn(async () => {})
    const s = setup(false, action)
    await s.submit()
    expect(action).not.toHaveBeenCalled()
    expect(s.server.clear).not.toHaveBeenCalled()
  })

  it('clears server errors, runs the action while submitting, then resets', async () => {
    let during = false
    const s = setup(true, async () => {
      during = s.submitting.value
    })
    await s.submit()
    expect(s.server.clear).toHaveBeenCalledOnce()
    expect(during).toBe(true)
    expect(s.submitting.value).toBe(false)
    expect(s.onError).not.toHaveBeenCalled()
  })

  it('hands an error to onError and resets submitting', async () => {
    const boom = new Error('boom')
    const s = setup(true, () => Promise.reject(boom))
    await s.submit()
    expect(s.onError).toHaveBeenCalledWith(boom)
    expect(s.submitting.value).toBe(false)
  })

  it('ignores a second submit while one is running, and respects ready', async () => {
    let release!: () => void
    const action = vi.fn(() => new Promise<void>((r) => (release = r)))
    const s = setup(true, action)
    const first = s.submit()
    await vi.waitFor(() => expect(action).toHaveBeenCalledOnce())
    await s.submit()
    release()
    await first
    expect(action).toHaveBeenCalledOnce()

    const blocked = vi.fn(async () => {})
    const formRef = ref({ validate: () => Promise.resolve(true) })
    const { submit } = useFormSubmit(formRef, { clear() {}, apply: () => true }, blocked, { ready: () => false })
    await submit()
    expect(blocked).not.toHaveBeenCalled()
  })

  it('by default leaves placed field errors on the form', async () => {
    const formRef = ref({ validate: () => Promise.resolve(true) })
    const server = { clear: vi.fn(), apply: vi.fn(() => true) }
    const { submit } = useFormSubmit(formRef, server, () => Promise.reject(new Error('x')))
    await submit()
    expect(server.apply).toHaveBeenCalledOnce()
  })
})
