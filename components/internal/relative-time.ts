// Dates as the table shows them: relative ("3 days ago"), exact on hover, and the expiry
// status of a token. Formatting goes through Intl in the caller's language.

const DAY = 86_400_000
const HOUR = 3_600_000

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['day', DAY],
  ['hour', HOUR],
  ['minute', 60_000],
]

/** Tokens whose expiry is this close show it in the warning colour. */
export const EXPIRY_WARNING_MS = 7 * DAY

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>()
const exactFormats = new Map<string, Intl.DateTimeFormat>()

/** A language Intl accepts: `locale` when it names one, else English. */
function supported(locale: string | undefined): string {
  if (!locale) return 'en'
  try {
    return Intl.DateTimeFormat.supportedLocalesOf(locale).length > 0 ? locale : 'en'
  } catch {
    return 'en'
  }
}

function relativeFormat(locale: string | undefined): Intl.RelativeTimeFormat {
  const tag = supported(locale)
  let format = relativeFormats.get(tag)
  if (!format) {
    format = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' })
    relativeFormats.set(tag, format)
  }
  return format
}

function exactFormat(locale: string | undefined): Intl.DateTimeFormat {
  const tag = supported(locale)
  let format = exactFormats.get(tag)
  if (!format) {
    format = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short' })
    exactFormats.set(tag, format)
  }
  return format
}

/** "3 days ago", "in 6 days", "now": the largest unit that fits, in `locale`. */
export function relativeTime(iso: string, now = Date.now(), locale?: string): string {
  const diff = Date.parse(iso) - now
  const format = relativeFormat(locale)
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return format.format(Math.round(diff / ms), unit)
  }
  return format.format(0, 'second')
}

/** The exact date shown on hover, e.g. "March 3, 2026 at 2:05 PM", in `locale`. */
export function exactTime(iso: string, locale?: string): string {
  return exactFormat(locale).format(new Date(iso))
}

/** Where a token stands: `danger` once expired, `warning` within 7 days, else `neutral`. */
export type ExpiryTone = 'danger' | 'warning' | 'neutral'

/** The words of {@link expiryStatus}, in the caller's language. */
export interface ExpiryLabels {
  unlimited: string
  expired: string
  /** With `{relative}`: "in 6 days" in the locale. */
  expiresRelative: string
}

const ENGLISH_EXPIRY: ExpiryLabels = {
  unlimited: 'Unlimited',
  expired: 'Expired',
  expiresRelative: 'Expires {relative}',
}

/** "Expires in 6 days", "Expired", "Unlimited" — in `locale` with its `labels`. */
export function expiryStatus(
  expiresAt: string | null,
  now = Date.now(),
  locale?: string,
  labels: ExpiryLabels = ENGLISH_EXPIRY,
): string {
  if (expiresAt === null) return labels.unlimited
  const left = Date.parse(expiresAt) - now
  if (left <= 0) return labels.expired
  const days = Math.round(left / DAY)
  const words = new Intl.RelativeTimeFormat(supported(locale), { numeric: 'always' })
  const relative =
    days >= 1
      ? words.format(days, 'day')
      : words.format(Math.max(1, Math.round(left / HOUR)), 'hour')
  return labels.expiresRelative.replace('{relative}', relative)
}

/** The colour of the expiry badge: expired is danger, within 7 days a warning. */
export function expiryTone(expiresAt: string | null, now = Date.now()): ExpiryTone {
  if (expiresAt === null) return 'neutral'
  const left = Date.parse(expiresAt) - now
  if (left <= 0) return 'danger'
  return left <= EXPIRY_WARNING_MS ? 'warning' : 'neutral'
}
