// The options of `tokens create` and `tokens update` as the admin API's body, and the
// durations people type (`30d`, `1h`) as the API's numbers.
import type { TokenCreateBody, TokenUpdateBody } from '../contract/admin-wire'
import { MAX_CREDITS, TOKEN_TYPES, type Lifespan, type TokenType } from '../contract/api-tokens'
import { UsageError } from './usage-error'

/** `--duration`: the lifespans an admin may choose (SPEC §2). */
const DURATIONS: Record<string, Lifespan> = {
  '7d': 604_800_000,
  '30d': 2_592_000_000,
  '90d': 7_776_000_000,
  unlimited: null,
}
export const DURATION_CHOICES = Object.keys(DURATIONS)

/** Seconds per unit of `--grace`. */
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 }

/** The options both commands take, as commander parses them. */
export interface TokenFieldOptions {
  name?: string
  type?: string
  description?: string
  duration?: string
  expiresAt?: string
  permission?: string[]
  ip?: string[]
  rateLimit?: string
  credits?: string
  refill?: string
  meta?: string
}

/** `--grace 1h` (or `90s`, `30m`, `7d`, `0`) as seconds. */
export function graceSeconds(text: string): number {
  const match = /^(\d{1,7})([smhd]?)$/.exec(text.trim())
  if (!match) throw new UsageError(`--grace must look like 0, 90s, 30m, 1h or 7d, not "${text}"`)
  return Number(match[1]) * UNIT_SECONDS[match[2] || 's']!
}

/** `--refill 100/day` (or `/month`, or `none`) as the API's refill. */
function refillOf(text: string): { amount: number; interval: 'day' | 'month' } | null {
  if (text === 'none') return null
  const match = /^(\d{1,13})\/(day|month)$/.exec(text.trim())
  if (!match)
    throw new UsageError(`--refill must look like 100/day, 5000/month or none, not "${text}"`)
  return { amount: Number(match[1]), interval: match[2] as 'day' | 'month' }
}

/**
 * `--credits 100 [--refill 100/day]`, `--credits none`, or (an edit) `--refill` alone,
 * which keeps the balance, as the API's credits.
 */
function creditsOf(credits: string | undefined, refill: string | undefined) {
  if (credits === 'none') {
    if (refill !== undefined) throw new UsageError('--refill needs credits, not "none"')
    return null
  }
  const refillPart = refill === undefined ? {} : { refill: refillOf(refill) }
  if (credits === undefined) return refill === undefined ? undefined : refillPart
  return { remaining: wholeNumber(credits, '--credits', 0, MAX_CREDITS), ...refillPart }
}

/** `--meta '{"plan":"pro"}'`: a JSON object. */
function metaOf(text: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new UsageError(`--meta must be a JSON object, such as '{"plan":"pro"}'`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`--meta must be a JSON object, such as '{"plan":"pro"}'`)
  }
  return value as Record<string, unknown>
}

/** The body fields the options set; an option not given is left out. */
export function tokenFields(options: TokenFieldOptions): TokenUpdateBody {
  const { name, type, description, duration, expiresAt, permission, ip, rateLimit } = options
  if (duration !== undefined && expiresAt !== undefined) {
    throw new UsageError('give --duration or --expires-at, not both')
  }
  if (type !== undefined && !TOKEN_TYPES.includes(type as TokenType)) {
    throw new UsageError(`--type must be one of ${TOKEN_TYPES.join(', ')}, not "${type}"`)
  }
  if (duration !== undefined && !(duration in DURATIONS)) {
    throw new UsageError(`--duration must be one of ${DURATION_CHOICES.join(', ')}`)
  }
  const body: TokenUpdateBody = {}
  if (name !== undefined) body.name = name
  if (type !== undefined) body.type = type as TokenType
  if (description !== undefined) body.description = description
  if (duration !== undefined) body.lifespan = DURATIONS[duration]!
  if (expiresAt !== undefined) body.expiresAt = expiresAt
  if (permission !== undefined) body.permissions = permission
  // `--ip none`: from any address again.
  if (ip !== undefined) body.allowedIps = ip.length === 1 && ip[0] === 'none' ? [] : ip
  // `--rate-limit none`: back to no tier.
  if (rateLimit !== undefined) body.rateLimit = rateLimit === 'none' ? null : rateLimit
  const credits = creditsOf(options.credits, options.refill)
  if (credits !== undefined) body.credits = credits
  if (options.meta !== undefined) body.meta = metaOf(options.meta)
  return body
}

/** The body of a create: `--name` and `--type` are required by the command itself. */
export function createBody(options: TokenFieldOptions & { owner?: string }): TokenCreateBody {
  const { name, type } = options
  if (name === undefined || type === undefined)
    throw new UsageError('--name and --type are required')
  const { credits, ...fields } = tokenFields(options)
  const body: TokenCreateBody = { ...fields, name, type: type as TokenType }
  if (credits) {
    if (credits.remaining === undefined) throw new UsageError('--refill needs --credits')
    body.credits = { remaining: credits.remaining, refill: credits.refill ?? null }
  } else if (credits === null) body.credits = null
  if (options.owner !== undefined) body.owner = options.owner
  return body
}

/** `--days`, `--page`: a whole number from `min` to `max`. */
export function wholeNumber(text: string, option: string, min = 1, max = 10_000_000): number {
  const value = /^\d{1,13}$/.test(text) ? Number(text) : NaN
  if (!(value >= min && value <= max)) {
    throw new UsageError(`${option} must be a whole number from ${min} to ${max}, not "${text}"`)
  }
  return value
}

/** `--duration` or `--expires-at` of a regenerate: the new key's lifetime, when given. */
export function lifetimeFields(options: Pick<TokenFieldOptions, 'duration' | 'expiresAt'>) {
  const { lifespan, expiresAt } = tokenFields(options)
  return {
    ...(lifespan !== undefined ? { lifespan } : {}),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  }
}

/** A token id argument: a positive integer. */
export function tokenId(text: string): number {
  if (!/^[1-9]\d{0,15}$/.test(text))
    throw new UsageError(`a token id is a positive integer, not "${text}"`)
  return Number(text)
}
