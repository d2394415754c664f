// Locale messages live in `locales/<locale>/<module>.json`; each file becomes the top-level key
// named after it (`organizations.json` → `t('organizations.…')`). zh-CN is the default.
import type { Ref } from 'vue'
import { createI18n } from 'vue-i18n'

export const SUPPORTED_LOCALES = ['zh-CN', 'en-US'] as const
export type AppLocale = (typeof SUPPORTED_LOCALES)[number]
export const DEFAULT_LOCALE: AppLocale = 'zh-CN'
export const LOCALE_STORAGE_KEY = 'bangyi.locale'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of any shape
type Messages = Record<string, any>

const files = import.meta.glob<Messages>('./*/*.json', { eager: true, import: 'default' })

/** `{ 'zh-CN': { common: {...}, auth: {...} }, 'en-US': {...} }` from the JSON files. */
export function collectMessages(modules: Record<string, Messages> = files): Record<AppLocale, Messages> {
  const out = Object.fromEntries(SUPPORTED_LOCALES.map((l) => [l, {}])) as Record<AppLocale, Messages>
  for (const [path, content] of Object.entries(modules)) {
    const m = /^\.\/([^/]+)\/([^/]+)\.json$/.exec(path)
    if (!m) {
      continue
    }
    const [, locale, module] = m
    if ((SUPPORTED_LOCALES as readonly string[]).includes(locale)) {
      out[locale as AppLocale][module] = content
    }
  }
  return out
}

export function isSupportedLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value)
}

function storedLocale(): AppLocale {
  try {
    const v = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY)
    return isSupportedLocale(v) ? v : DEFAULT_LOCALE
  } catch {
    return DEFAULT_LOCALE
  }
}

export const messages = collectMessages()

export const i18n = createI18n({
  legacy: false,
  globalInjection: true,
  locale: storedLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages,
  missingWarn: import.meta.env.DEV,
  fallbackWarn: false,
})

// The global composer, typed loosely: vue-i18n's inferred message-schema types are too deep for
// keys built at run time.
const composer = i18n.global as unknown as {
  locale: Ref<string>
  t: (key: string, params?: Record<string, unknown>) => string
  te: (key: string) => boolean
}

export function currentLocale(): AppLocale {
  return composer.locale.value as AppLocale
}

/** Switch the UI language and remember it in localStorage. */
export function setLocale(locale: AppLocale): void {
  composer.locale.value = locale
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale)
  } catch {
    // Private mode or storage full: the choice lasts for this page only.
  }
  if (typeof document !== 'undefined') {
    document.documentElement.lang = locale
  }
}

export const t = (key: string, params?: Record<string, unknown>): string =>
  params ? composer.t(key, params) : composer.t(key)

export const te = (key: string): boolean => composer.te(key)
