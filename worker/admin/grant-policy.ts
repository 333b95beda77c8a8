import type { Token } from '../../contract/api-tokens'
import { ApiError } from '../http/api-error'

/**
 * What an admin may put on tokens (SPEC §13): the JWT's `grantable` claim — action ids
 * and the words `read-only` and `full-access` — or `undefined` when the JWT has no such
 * claim, and everything is grantable.
 */
export type Grantable = ReadonlySet<string> | undefined

/**
 * Reads the `grantable` claim: absent is `undefined` (no limit); an array of strings is the
 * set; anything else is `null`, a claim the caller refuses.
 */
export function grantableOf(claim: unknown): Grantable | null {
  if (claim === undefined) return undefined
  if (!Array.isArray(claim) || !claim.every((entry) => typeof entry === 'string')) return null
  return new Set(claim)
}

/**
 * The rights of a token of `type` with `permissions` that `grantable` does not cover: the
 * type's word for `read-only` and `full-access`, each action not in the set for `custom`.
 * Empty when every right is grantable.
 *
 * @example
 * notGrantable('custom', ['a', 'b'], new Set(['a'])) // ['b']
 * notGrantable('full-access', [], new Set(['read-only'])) // ['full-access']
 */
export function notGrantable(
  type: Token['type'],
  permissions: readonly string[],
  grantable: Grantable,
): string[] {
  if (grantable === undefined) return []
  const rights = type === 'custom' ? permissions : [type]
  return rights.filter((right) => !grantable.has(right))
}

/**
 * Refuses a create or edit that would give a token rights beyond `grantable`: a 403
 * `ForbiddenError` whose details name what is not grantable.
 */
export function checkGrantable(
  type: Token['type'],
  permissions: readonly string[],
  grantable: Grantable,
): void {
  const refused = notGrantable(type, permissions, grantable)
  if (refused.length) {
    throw new ApiError(403, `Not grantable by this admin: ${refused.join(', ')}`, {
      notGrantable: refused,
    })
  }
}

/**
 * An edit's grant check: when it changes the token's rights (its type or permission set),
 * the rights it ends with must all be grantable. An edit that leaves them as they are
 * grants nothing and passes, whoever first gave them.
 */
export function checkEditGrantable(
  before: Pick<Token, 'type' | 'permissions'>,
  after: Pick<Token, 'type' | 'permissions'>,
  grantable: Grantable,
): void {
  const same =
    before.type === after.type &&
    [...before.permissions].sort().join('\n') === [...after.permissions].sort().join('\n')
  if (!same) checkGrantable(after.type, after.permissions, grantable)
}
