// An audit event in words (SPEC §7): who made it, what it was, and each changed field as
// "Name: old → new", in the caller's language. Pure: the Activity part renders these.
import type { Strings } from '../i18n/strings-en'
import { exactTime } from './relative-time'
import type { TokenEvent, TokenEventAction } from '../types'

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

/** One value of a changed field, readable. */
function valueOf(field: string, value: unknown, t: Translate, locale: string): string {
  if (field === 'lifespan') {
    if (value === null) return t('unlimited')
    const label = typeof value === 'number' ? LIFESPAN_LABELS[value] : undefined
    if (label) return t(label)
  }
  if (field === 'expiresAt') {
    if (value === null) return t('neverExpires')
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
      return exactTime(value, locale)
    }
  }
  if (field === 'type' && typeof value === 'string' && TYPE_LABELS[value]) {
    return t(TYPE_LABELS[value])
  }
  if (field === 'rateLimit' && value === null) return t('noRateLimit')
  if (typeof value === 'boolean') return t(value ? 'yes' : 'no')
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : t('none')
  if (value === null || value === undefined || value === '') return '—'
  return typeof value === 'object' ? JSON.stringify(value) : String(value as string | number)
}

/** "Name: old → new" for each changed field, in the order the event lists them. */
export function changeLines(event: TokenEvent, t: Translate, locale: string): string[] {
  return Object.entries(event.changes ?? {}).map(([field, [before, after]]) =>
    t('changeLine', {
      field: FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : field,
      before: valueOf(field, before, t, locale),
      after: valueOf(field, after, t, locale),
    }),
  )
}
