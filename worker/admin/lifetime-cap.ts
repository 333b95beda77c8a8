import { LIFESPANS, type Lifespan } from '../../contract/api-tokens'
import type { Settings } from '../config/settings'
import { fieldError } from '../http/api-error'

const DAY_MS = 86_400_000

/** A key's lifetime as a create, edit or regenerate gives it: a duration, or a date (epoch ms). */
export interface Lifetime {
  lifespan: Lifespan
  expiresAt: number | null
}

/** `MAX_LIFESPAN_DAYS` in ms, or `null` when there is no cap. */
function capMsOf(settings: Settings): number | null {
  return settings.maxLifespanDays === null ? null : settings.maxLifespanDays * DAY_MS
}

/**
 * The lifetime a key gets when none is asked for and `MAX_LIFESPAN_DAYS` is set (SPEC §13):
 * the longest of the form's durations within the cap, else a date `cap` days ahead;
 * `undefined` without a cap (the usual default, unlimited, stands).
 *
 * @example
 * // MAX_LIFESPAN_DAYS=60
 * cappedDefault(settings, now) // { lifespan: 2_592_000_000, expiresAt: now + 30 days }
 */
export function cappedDefault(settings: Settings, now: number): Lifetime | undefined {
  const cap = capMsOf(settings)
  if (cap === null) return undefined
  const durations = LIFESPANS.filter(
    (value): value is NonNullable<Lifespan> => value !== null && value <= cap,
  )
  const longest = durations.at(-1) // LIFESPANS lists them shortest first
  return longest === undefined
    ? { lifespan: null, expiresAt: now + cap }
    : { lifespan: longest, expiresAt: now + longest }
}

/** Whether `lifetime` goes beyond `MAX_LIFESPAN_DAYS` (never without a cap). */
export function isBeyondCap(lifetime: Lifetime, settings: Settings, now: number): boolean {
  const cap = capMsOf(settings)
  if (cap === null) return false
  return lifetime.lifespan !== null
    ? lifetime.lifespan > cap
    : lifetime.expiresAt === null || lifetime.expiresAt > now + cap
}

/**
 * Refuses a lifetime beyond `MAX_LIFESPAN_DAYS` (SPEC §13) with a 400 on `field`, code
 * `beyond_max_lifespan`: a duration longer than the cap, a date past `now` + cap, or no
 * expiry at all (unlimited).
 */
export function checkLifetimeCap(
  field: 'lifespan' | 'expiresAt',
  lifetime: Lifetime,
  settings: Settings,
  now: number,
): void {
  if (!isBeyondCap(lifetime, settings, now)) return
  const days = settings.maxLifespanDays
  throw fieldError(
    field,
    lifetime.lifespan === null && lifetime.expiresAt === null
      ? `lifespan must not be unlimited: keys live at most ${days} days (MAX_LIFESPAN_DAYS)`
      : `${field} must be at most ${days} days ahead (MAX_LIFESPAN_DAYS)`,
    'beyond_max_lifespan',
  )
}

/** Which field a lifetime came from, for the error that refuses it. */
export const fieldOf = (body: { expiresAt?: unknown }): 'lifespan' | 'expiresAt' =>
  body.expiresAt !== undefined ? 'expiresAt' : 'lifespan'
