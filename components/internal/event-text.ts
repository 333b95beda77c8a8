// An audit event in words (SPEC §7): who made it, what it was, and each changed field as
// "Name: old → new", in the caller's language. Pure: the Activity part renders these.
import type { Strings } from '../i18n/strings-en'
import { exactTime } from './relative-time'
import type { Credits, LeakedChanges } from '../../contract/api-tokens'
import { formatNumber } from '../i18n/locale'
import type { EventChanges, RateLimitTier, TokenEvent, TokenEventAction } from '../types'
import '../i18n/english-views'

type Translate = (key: keyof Strings, values?: Record<string, string | number>) => string

/** The label of each action. */
export const ACTION_LABELS: Record<TokenEventAction, keyof Strings> = {
  created: 'eventCreated',
  updated: 'eventUpdated',
  regenerated: 'eventRegenerated',
  deleted: 'eventDeleted',
  enabled: 'eventEnabled',
  disabled: 'eventDisabled',
  expiring: 'eventExpiring',
  expired: 'eventExpired',
  leaked: 'eventLeaked',
}

/** The form's label of each field an event may change; others show their API name. */
const FIELD_LABELS: Record<string, keyof Strings> = {
  name: 'name',
  description: 'description',
  type: 'type',
  lifespan: 'duration',
  expiresAt: 'columnExpiry',
  enabled: 'enabled',
  permissions: 'permissions',
  allowedIps: 'allowedIps',
  rateLimit: 'rateLimit',
  keyHint: 'keyHint',
  gracePeriod: 'graceLabel',
  credits: 'credits',
  meta: 'meta',
}

const TYPE_LABELS: Record<string, keyof Strings> = {
  'read-only': 'typeReadOnly',
  'full-access': 'typeFullAccess',
  custom: 'typeCustom',
}

const LIFESPAN_LABELS: Record<number, keyof Strings> = {
  604_800_000: 'days7',
  2_592_000_000: 'days30',
  7_776_000_000: 'days90',
}

/** The Regenerate dialog's grace choices, by their seconds, as its buttons name them. */
const GRACE_LABELS: Record<number, keyof Strings> = {
  0: 'graceNone',
  3_600: 'grace1h',
  86_400: 'grace24h',
  604_800: 'grace7d',
}

/** What a field's value is read against: the event's other changes, the tiers, the language. */
interface ValueContext {
  t: Translate
  locale: string
  tiers: readonly RateLimitTier[]
  /** The event's `expiresAt` before and after, when it changed too. */
  expiresAt?: [unknown, unknown]
}

const isDate = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value))

/** "3 March 2027": a custom expiry date, the way the form previews one. */
const dateOf = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso))

/**
 * Who made the change: the admin's name, else email, else `sub` ("Operator" for a staff
 * change a scoped admin reads); the job or Tollgate itself.
 */
export function actorOf(event: TokenEvent, t: Translate): string {
  const { actor } = event
  if (actor && !('sub' in actor)) return actor.name
  if (actor) return actor.name || actor.email || actor.sub
  return t(
    event.action === 'expiring' || event.action === 'expired' ? 'actorScheduledJob' : 'actorSystem',
  )
}

/**
 * One value of a changed field, readable. `side` is 0 for the value before, 1 after: a
 * `lifespan` of `null` is a custom date when that side's `expiresAt` is one, shown as
 * the date (never "Unlimited"); a rate limit is its tier's label.
 */
function valueOf(field: string, value: unknown, side: 0 | 1, context: ValueContext): string {
  const { t, locale } = context
  if (field === 'lifespan') {
    const expiresAt = context.expiresAt?.[side]
    if (value === null && isDate(expiresAt))
      return t('expiresOn', { date: dateOf(expiresAt, locale) })
    if (value === null) return t('unlimited')
    const label = typeof value === 'number' ? LIFESPAN_LABELS[value] : undefined
    if (label) return t(label)
  }
  if (field === 'expiresAt') {
    if (value === null) return t('neverExpires')
    if (isDate(value)) return exactTime(value, locale)
  }
  if (field === 'type' && typeof value === 'string' && TYPE_LABELS[value]) {
    return t(TYPE_LABELS[value])
  }
  if (field === 'rateLimit') {
    if (value === null) return t('noRateLimit')
    const tier = context.tiers.find((known) => known.name === value)
    if (tier) return tier.label
  }
  if (field === 'gracePeriod' && typeof value === 'number' && GRACE_LABELS[value]) {
    return t(GRACE_LABELS[value])
  }
  if (field === 'credits') return creditsText(value, context)
  if (typeof value === 'boolean') return t(value ? 'yes' : 'no')
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : t('none')
  if (value === null || value === undefined || value === '') return '—'
  return typeof value === 'object' ? JSON.stringify(value) : String(value as string | number)
}

/** Credits as words: "1,250 left, Monthly 5,000"; none, "Unlimited" (SPEC §13). */
function creditsText(value: unknown, { t, locale }: ValueContext): string {
  if (!isCredits(value)) return t('unlimited')
  const left = t('creditsLeft', { count: formatNumber(value.remaining, locale) })
  if (!value.refill) return left
  const every = t(value.refill.interval === 'day' ? 'refillDay' : 'refillMonth')
  return `${left}, ${every} ${formatNumber(value.refill.amount, locale)}`
}

function isCredits(value: unknown): value is Credits {
  return typeof value === 'object' && value !== null && 'remaining' in value
}

/**
 * "Name: old → new" for each changed field, in the order the event lists them; a field
 * with no value before (a regenerate's grace period) as "Name: value". `tiers` name the
 * rate limits.
 */
export function changeLines(
  event: TokenEvent,
  t: Translate,
  locale: string,
  tiers: readonly RateLimitTier[] = [],
): string[] {
  // A leak report names where the key was found, not fields that changed (SPEC §12).
  if (event.action === 'leaked') {
    const { source, url } = (event.changes ?? {}) as Partial<LeakedChanges>
    return [source === 'github' ? 'GitHub secret scanning' : '', url ?? ''].filter(Boolean)
  }
  const changes = (event.changes ?? {}) as EventChanges
  const context: ValueContext = { t, locale, tiers, expiresAt: changes['expiresAt'] }
  return Object.entries(changes).map(([field, [before, after]]) => {
    const label = FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : field
    const now = valueOf(field, after, 1, context)
    if (field === 'gracePeriod') return t('changeValue', { field: label, value: now })
    return t('changeLine', { field: label, before: valueOf(field, before, 0, context), after: now })
  })
}
