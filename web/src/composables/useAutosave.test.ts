import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useAutosave } from './useAutosave'

describe('useAutosave', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('saves once, the delay after the last of several changes', async () => {
    const save = vi.fn(async () => {})
    const at = new Date('2026-12-01T01:02:03Z')
    const a = useAutosave(save, { delay: 1000, now: () => at })
    a.schedule()
    await vi.advanceTimersByTimeAsync(600)
    a.schedule()
    await vi.advanceTimersByTimeAsync(600)
    expect(save).not.toHaveBeenCalled()
    expect(a.pending.value).toBe(true)
    await vi.advanceTimersByTimeAsync(400)
    expect(save).toHaveBeenCalledOnce()
    expect(a.pending.value).toBe(false)
    expect(a.savedAt.value).toBe(at)
  })

  it('saves changes made during a save right after it, one save at a time', async () => {
    let release!: () => void
    let running = 0
    let most = 0
    const save = vi.fn(async () => {
      running++
      most = Math.max(most, running)
      await new Promise<void>((r) => (release = r))
      running--
    })
    const a = useAutosave(save, { delay: 100 })
    a.schedule()
    await vi.advanceTimersByTimeAsync(100)
    expect(a.saving.value).toBe(true)
    a.schedule()
    const done = a.flush()
    release()
    await vi.waitFor(() => expect(save).toHaveBeenCalledTimes(2))
    release()
    expect(await done).toBe(true)
    expect(most).toBe(1)
    expect(a.pending.value).toBe(false)
  })

  it('flush saves now and says whether everything is saved', async () => {
    const save = vi.fn(async () => {})
    const a = useAutosave(save, { delay: 5000 })
    expect(await a.flush()).toBe(true)
    expect(save).not.toHaveBeenCalled()
    a.schedule()
    expect(await a.flush()).toBe(true)
    expect(save).toHaveBeenCalledOnce()
    await vi.advanceTimersByTimeAsync(6000)
    expect(save).toHaveBeenCalledOnce()
  })

  it('keeps the changes pending after a failed save and reports it', async () => {
    const boom = new Error('boom')
    const onError = vi.fn()
    const save = vi.fn().mockRejectedValueOnce(boom).mockResolvedValue(undefined)
    const a = useAutosave(save, { delay: 10, onError })
    a.schedule()
    expect(await a.flush()).toBe(false)
    expect(onError).toHaveBeenCalledWith(boom)
    expect(a.error.value).toBe(boom)
    expect(a.pending.value).toBe(true)
    expect(await a.flush()).toBe(true)
    expect(a.error.value).toBeNull()
  })

  it('stops saving once stopped, until reset', async () => {
    const save = vi.fn(async () => {})
    const a = useAutosave(save, { delay: 10 })
    a.schedule()
    a.stop()
    await vi.advanceTimersByTimeAsync(50)
    a.schedule()
    await vi.advanceTimersByTimeAsync(50)
    expect(save).not.toHaveBeenCalled()
    a.reset()
    a.schedule()
    await vi.advanceTimersByTimeAsync(50)
    expect(save).toHaveBeenCalledOnce()
  })
})
