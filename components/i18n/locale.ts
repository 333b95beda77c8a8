import { en, type Strings } from './strings-en'

/** The keys that have a singular twin, `<key>One`: pass them to {@link pluralKey}. */
export type PluralKey = {
  [K in keyof Strings]: `${K}One` extends keyof Strings ? K : never
}[keyof Strings]

/**
 * The languages the section speaks out of the box; a host adds more through `strings`.
 * English ships in the bundle; the others load on first use (their own small chunks).
 */
export const LOCALE_LOADERS: Record<string, () => Promise<Strings>> = {
  en: () => Promise.resolve(en),
  fr: () => import('./strings-fr').then((module) => module.fr),
  de: () => import('./strings-de').then((module) => module.de),
  es: () => import('./strings-es').then((module) => module.es),
}

const loaded = new Map<string, Strings>([['en', en]])
const loading = new Map<string, Promise<Strings>>()

/** The built-in language a BCP 47 tag falls to: exact (`fr`), its language (`fr-CA` → `fr`), else `en`. */
export function builtInLanguage(locale: string): string {
  const tag = locale.toLowerCase()
  if (tag in LOCALE_LOADERS) return tag
  const language = tag.split('-')[0]!
  return language in LOCALE_LOADERS ? language : 'en'
}

/** Loads a built-in table (once); resolves to it. */
export function loadStrings(locale: string): Promise<Strings> {
  const language = builtInLanguage(locale)
  let table = loading.get(language)
  if (!table) {
    table = LOCALE_LOADERS[language]!().then((strings) => {
      loaded.set(language, strings)
      return strings
    })
    loading.set(language, table)
  }
  return table
}

/**
 * The element's language, as native controls find theirs: its own `lang`, else the
 * nearest ancestor's — across shadow roots — else the document's; `en` when none is set.
 */
export function languageOf(element: Element): string {
  for (let node: Node | null = element; node;) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang')!
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null)
  }
  return document.documentElement.lang || 'en'
}

/**
 * The built-in table for a BCP 47 tag if it has loaded (see {@link loadStrings}), else
 * `undefined`: the caller shows English meanwhile and renders again once it is there.
 */
export function builtInStrings(locale: string): Strings | undefined {
  return loaded.get(builtInLanguage(locale))
}

/**
 * Fills `{name}` placeholders: `format('Delete “{name}”?', { name: 'CI' })`.
 * A placeholder without a value stays as written, so a host's typo shows, not vanishes.
 */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  )
}

/** A date and time in the locale, e.g. "30 Nov 2026, 14:05" (for titles and the edit view). */
export function formatDateTime(value: string | number | Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(value),
  )
}

/** A date in the locale, e.g. "30 Nov 2026". */
export function formatDate(value: string | number | Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(value))
}

/**
 * The key of the form of `key` that `count` takes in the locale: `<key>One` where the
 * locale's plural rule says "one" (English 1; French 0 and 1), else `key`.
 *
 * @example
 * t(pluralKey('usagePassed', count, locale), { count })
 */
export function pluralKey(key: PluralKey, count: number, locale: string): keyof Strings {
  let rule: Intl.LDMLPluralRule
  try {
    rule = new Intl.PluralRules(locale).select(count)
  } catch {
    rule = count === 1 ? 'one' : 'other'
  }
  return rule === 'one' ? `${key}One` : key
}

/** A count in the locale, e.g. "1,234" or "1 234". */
export function formatNumber(value: number, locale: string): string {
  try {
    return new Intl.NumberFormat(locale).format(value)
  } catch {
    return new Intl.NumberFormat('en').format(value)
  }
}

/** A UTC calendar day (`YYYY-MM-DD`) in the locale, e.g. "Nov 30, 2026", whatever the user's time zone. */
export function formatDay(day: string, locale: string): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeZone: 'UTC' }
  const date = new Date(`${day}T00:00:00Z`)
  if (Number.isNaN(date.getTime())) return day
  try {
    return new Intl.DateTimeFormat(locale, options).format(date)
  } catch {
    return new Intl.DateTimeFormat('en', options).format(date)
  }
}
