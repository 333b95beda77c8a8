import type { z } from 'zod'
import type { Lifespan, Token } from '../../contract/api-tokens'
import type { Settings } from '../config/settings'
import type { TokenDb } from '../db/token-db'
import { ApiError, fieldError } from '../http/api-error'
import type { TokenChanges } from '../store/api-token-changes'
import { isNameTaken, nameInUse, type OwnerScope } from '../store/api-tokens'
import { expiryFrom, isoOrNull } from '../tokens/token'
import { expiryProblem, type updateTokenBody } from './token-input'

/** The token asked for does not exist (or belongs to another owner): 404. */
export const notFound = () => new ApiError(404, 'API Token not found')

/**
 * Runs a write that gives a token `name` (or keeps its name, when `undefined`): a name
 * another token holds is a 400 "Name already taken" — checked first for a clear answer,
 * and on the unique index too, so that of two racing writes exactly one wins.
 */
export async function withUniqueName<T>(
  db: TokenDb,
  name: string | undefined,
  owner: string | null,
  exceptId: number | undefined,
  write: () => Promise<T>,
): Promise<T> {
  const nameTaken = () => fieldError('name', 'Name already taken', 'name_taken')
  if (name !== undefined && (await nameInUse(db, name, owner, exceptId))) throw nameTaken()
  try {
    return await write()
  } catch (error) {
    if (isNameTaken(error)) throw nameTaken()
    throw error
  }
}

/**
 * The permission rules of SPEC §2 for a token's final type and permission set:
 * custom tokens need catalogued actions, the others none.
 */
export function checkPermissions(
  type: Token['type'],
  permissions: string[] | undefined,
  settings: Settings,
): void {
  if (type !== 'custom') {
    if (permissions?.length) {
      throw fieldError(
        'permissions',
        'Non-custom tokens should not reference permissions',
        'permissions_not_allowed',
      )
    }
    return
  }
  if (!permissions?.length) {
    throw fieldError(
      'permissions',
      'Missing permissions attribute for custom token',
      'permissions_missing',
    )
  }
  const unknown = permissions.filter((action) => !settings.catalog.actions.has(action))
  if (unknown.length) {
    throw fieldError(
      'permissions',
      `Unknown permissions provided: ${unknown.join(', ')}`,
      'unknown_permissions',
    )
  }
}

/**
 * A token's `rateLimit` must name one of `RATE_LIMIT_TIERS` (or be `null`); a tier the
 * token already has passes even if no longer declared, so a form that saves every
 * field can still save it.
 */
export function checkRateLimit(
  rateLimit: string | null | undefined,
  settings: Settings,
  stored?: string | null,
): void {
  if (rateLimit === null || rateLimit === undefined || rateLimit === stored) return
  if (settings.rateLimitTiers.has(rateLimit)) return
  const tiers = [...settings.rateLimitTiers.keys()]
  throw fieldError(
    'rateLimit',
    tiers.length
      ? `rateLimit must be null or one of the following values: ${tiers.join(', ')}`
      : 'rateLimit must be null: no rate-limit tiers are declared',
    'unknown_tier',
  )
}

/**
 * The lifetime of a regenerated key (SPEC §7): the `lifespan` or `expiresAt` asked for;
 * else a lifespan restarts, unlimited stays unlimited, and a custom date is kept while it
 * lies ahead.
 */
export function newLifetime(
  current: Token,
  body: { lifespan?: Lifespan; expiresAt?: number },
  now: number,
): { lifespan: Lifespan; expiresAt: number | null } {
  if (body.expiresAt !== undefined) return { lifespan: null, expiresAt: body.expiresAt }
  const lifespan = body.lifespan !== undefined ? body.lifespan : current.lifespan
  if (body.lifespan !== undefined || current.lifespan !== null || current.expiresAt === null) {
    return { lifespan, expiresAt: expiryFrom(now, lifespan) }
  }
  const customDate = Date.parse(current.expiresAt)
  if (customDate <= now) {
    throw fieldError(
      'expiresAt',
      'expiresAt has passed: choose a new lifespan or expiresAt',
      'expiry_passed',
    )
  }
  return { lifespan: null, expiresAt: customDate }
}

/**
 * The owner of a token being created (SPEC §8): a scoped admin's own owner (sending
 * `owner` is a 400), or what an operator gives (none by default).
 */
export function ownerOfNewToken(
  asked: string | null | undefined,
  scope: OwnerScope,
): string | null {
  if (scope === undefined) return asked ?? null
  if (asked !== undefined) {
    throw fieldError(
      'owner',
      'owner is not an allowed field: this admin is scoped to an owner',
      'owner_not_allowed',
    )
  }
  return scope
}

/** What an edit asks for (`PUT /admin/api-tokens/:id`'s body, validated). */
export type TokenEdit = z.output<typeof updateTokenBody>

/**
 * The changes an edit makes to `current`, and the token as it will be (SPEC §2, §7):
 * the permission rules for the final type, a rate-limit tier that must be declared (or
 * already the token's), and expiry — a custom date sent back unchanged changes nothing,
 * a new date must lie ahead, a new duration restarts the lifetime.
 */
export function editOf(
  current: Token,
  body: TokenEdit,
  settings: Settings,
  now: number,
): { changes: TokenChanges; after: Token } {
  checkRateLimit(body.rateLimit, settings, current.rateLimit)

  const type = body.type ?? current.type
  // Credits are the route's: they depend on the live balance (credits-edit.ts).
  const { credits: _credits, ...fields } = body
  const changes: TokenChanges = { ...fields }
  if (type !== 'custom') {
    checkPermissions(type, body.permissions, settings)
    if (current.permissions.length) changes.permissions = []
  } else {
    checkPermissions(type, body.permissions ?? current.permissions, settings)
  }
  const customDate = current.lifespan === null && current.expiresAt !== null
  const storedDate = current.expiresAt === null ? null : Date.parse(current.expiresAt)
  if (body.expiresAt !== undefined && body.expiresAt === storedDate && customDate) {
    delete changes.expiresAt // the stored custom date, sent back unchanged
  } else if (body.expiresAt !== undefined) {
    const problem = expiryProblem(body.expiresAt, now)
    if (problem) throw fieldError('expiresAt', problem.message, problem.code)
    changes.lifespan = null
  } else if (body.lifespan !== undefined && (body.lifespan !== current.lifespan || customDate)) {
    // A new duration restarts the lifetime; `lifespan: null` on a custom date makes
    // the token unlimited (the one case where the stored value changes something).
    changes.expiresAt = expiryFrom(now, body.lifespan)
  }
  const after: Token = {
    ...current,
    ...changes,
    credits: current.credits,
    expiresAt: changes.expiresAt === undefined ? current.expiresAt : isoOrNull(changes.expiresAt),
    permissions: [...(changes.permissions ?? current.permissions)].sort(),
  }

  return { changes, after }
}
