import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_LOCALE, LOCALE_STORAGE_KEY, SUPPORTED_LOCALES, collectMessages, currentLocale, messages, setLocale, t } from './index'

const here = dirname(fileURLToPath(import.meta.url))

/** Every leaf key path of a message tree, e.g. `errors.field.checksum`. */
function leafKeys(node: unknown, prefix = ''): string[] {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) {
    return [prefix]
  }
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k))
}

function leaves(node: unknown, prefix = ''): [string, unknown][] {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) {
    return [[prefix, node]]
  }
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k))
}

const MODULES = ['common', 'auth', 'organizations', 'households', 'users', 'audit', 'errors', 'roles', 'menu', 'cases', 'workbench', 'rounds', 'applications', 'projects', 'volunteers', 'outcomes']

describe('locale files', () => {
  it('exist for every module in both languages, and no others', () => {
    for (const locale of SUPPORTED_LOCALES) {
      const files = readdirSync(join(here, locale)).filter((f) => f.endsWith('.json')).sort()
      expect(files).toEqual(MODULES.map((m) => `${m}.json`).sort())
    }
  })

  it('zh-CN and en-US have identical key sets', () => {
    for (const module of MODULES) {
      const zh = leafKeys(JSON.parse(readFileSync(join(here, 'zh-CN', `${module}.json`), 'utf8'))).sort()
      const en = leafKeys(JSON.parse(readFileSync(join(here, 'en-US', `${module}.json`), 'utf8'))).sort()
      expect(en, module).toEqual(zh)
    }
  })

  it('every message is a non-empty string that vue-i18n can compile', () => {
    for (const locale of SUPPORTED_LOCALES) {
      for (const [key, value] of leaves(messages[locale])) {
        expect(typeof value, `${locale} ${key}`).toBe('string')
        expect((value as string).trim(), `${locale} ${key}`).not.toBe('')
        // '@' starts a linked message and '|' a plural form; none of ours uses either.
        expect(value as string, `${locale} ${key}`).not.toMatch(/[@|]/)
      }
    }
  })

  it('collects files into one tree per language, keyed by module', () => {
    const tree = collectMessages({
      './zh-CN/common.json': { a: '甲' },
      './en-US/common.json': { a: 'A' },
      './fr-FR/common.json': { a: 'Un' },
    })
    expect(tree).toEqual({ 'zh-CN': { common: { a: '甲' } }, 'en-US': { common: { a: 'A' } } })
  })
})

describe('setLocale', () => {
  it('defaults to zh-CN, switches language and remembers the choice', () => {
    expect(DEFAULT_LOCALE).toBe('zh-CN')
    setLocale('zh-CN')
    expect(t('organizations.fields.name')).toBe('组织名称')
    setLocale('en-US')
    expect(currentLocale()).toBe('en-US')
    expect(t('organizations.fields.name')).toBe('Organization name')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en-US')
    expect(document.documentElement.lang).toBe('en-US')
    setLocale('zh-CN')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('zh-CN')
  })

  it('fills message parameters', () => {
    setLocale('en-US')
    expect(t('organizations.staff.more', { shown: 200, total: 250 })).toBe('Showing the first 200 of 250')
    setLocale('zh-CN')
  })
})
