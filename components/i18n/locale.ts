import { de } from './strings-de'
import { en, type Strings } from './strings-en'
import { es } from './strings-es'
import { fr } from './strings-fr'

/** The languages the section speaks out of the box; a host adds more through `strings`. */
export const LOCALES: Record<string, Strings> = { en, fr, de, es }

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

/** The built-in table for a BCP 47 tag: exact (`fr`), then its language (`fr-CA` → `fr`), else English. */
export function builtInStrings(locale: string): Strings {
  const tag = locale.toLowerCase()
  return LOCALES[tag] ?? LOCALES[tag.split('-')[0]!] ?? en
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
