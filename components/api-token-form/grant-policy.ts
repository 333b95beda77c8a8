// What the form offers under the admin's grant policy (SPEC §13): the token types and
// durations it may choose, the defaults of a new token, and the rights a save would give
// beyond the `grantable` list — the worker's rule, checked before the round trip.
import { LIFESPANS } from '../../contract/api-tokens'
import type { LocaleController } from '../i18n/locale-controller'
import type { StringOverrides } from '../i18n/strings-en'
import { localDateOf } from '../internal/token-draft'
import type { FieldError, Lifespan, Token, TokenDraft, TokenType } from '../types'
import { formString } from './field-error-text'

const DAY_MS = 86_400_000

/** The token types, in the order the form offers them. */
export const TOKEN_TYPES: readonly TokenType[] = ['read-only', 'full-access', 'custom']

/**
 * Whether `type` may be put on a token: `read-only` and `full-access` when the list names
 * them, `custom` when it holds at least one action; everything when there is no list.
 */
export function typeGrantable(type: TokenType, grantable: readonly string[] | null): boolean {
  if (grantable === null) return true
  if (type !== 'custom') return grantable.includes(type)
  return grantable.some((right) => right !== 'read-only' && right !== 'full-access')
}

/** Whether a duration fits within `maxLifespanDays` (`null`: no cap; Unlimited never fits a cap). */
export function lifespanAllowed(lifespan: Lifespan, maxLifespanDays: number | null): boolean {
  if (maxLifespanDays === null) return true
  return lifespan !== null && lifespan <= maxLifespanDays * DAY_MS
}

/**
 * The last whole local day (`YYYY-MM-DD`) whose end is still within `maxLifespanDays` of
 * `now`, as the worker counts the cap; `undefined` without a cap.
 */
export function capDate(maxLifespanDays: number | null, now = Date.now()): string | undefined {
  if (maxLifespanDays === null) return undefined
  return localDateOf(new Date(now + (maxLifespanDays - 1) * DAY_MS).toISOString())
}

/** Whether a custom date (ISO-8601) ends past the cap, counted from `now` as the worker does. */
export function dateBeyondCap(
  expiresAt: string,
  maxLifespanDays: number | null,
  now = Date.now(),
): boolean {
  return maxLifespanDays !== null && Date.parse(expiresAt) > now + maxLifespanDays * DAY_MS
}

/**
 * The errors of a custom date past the cap, as the worker's `beyond_max_lifespan`; none for
 * a date the edited token already had (the worker checks only a new lifetime).
 */
export function capProblems(
  draft: TokenDraft,
  token: Token | null,
  maxLifespanDays: number | null,
): FieldError[] {
  const { expiresAt } = draft
  if (!expiresAt || expiresAt === token?.expiresAt) return []
  if (!dateBeyondCap(expiresAt, maxLifespanDays)) return []
  const message = `expiresAt must be at most ${maxLifespanDays} days ahead`
  return [{ path: ['expiresAt'], name: 'ValidationError', message, code: 'beyond_max_lifespan' }]
}

/** The actions of `actions` the admin may grant (all of them without a list). */
export function grantableOnly(actions: string[], grantable: readonly string[] | null): string[] {
  return grantable ? actions.filter((action) => grantable.includes(action)) : actions
}

/** "Not yours to grant: …", naming the types by their labels and the actions by their ids. */
export function refusalText(
  refused: readonly string[],
  { t, locale }: LocaleController,
  strings?: StringOverrides,
): string {
  const names = refused.map((right) =>
    right === 'read-only'
      ? t('typeReadOnly')
      : right === 'full-access'
        ? t('typeFullAccess')
        : right,
  )
  return formString(locale, 'notGrantable', { rights: names.join(', ') }, strings)
}

/**
 * A new token's draft under the policy: the longest duration the cap allows (a custom date
 * still to choose when none fits), and the first grantable type when the default is not.
 * An existing token's draft is left as it is: an edit that keeps its lifetime and rights
 * passes the worker, whatever the policy.
 *
 * @example
 * policyDraft(NEW_TOKEN_DRAFT, null, ['custom-only.action'], 10) // {type: 'custom', lifespan: 604800000, …}
 */
export function policyDraft(
  draft: TokenDraft,
  token: Token | null,
  grantable: readonly string[] | null,
  maxLifespanDays: number | null,
): TokenDraft {
  if (token) return draft
  const next = { ...draft }
  if (!lifespanAllowed(draft.lifespan, maxLifespanDays)) {
    const longest = LIFESPANS.filter((value) => lifespanAllowed(value, maxLifespanDays)).at(-1)
    if (longest === undefined) next.expiresAt = ''
    else next.lifespan = longest
  }
  if (!typeGrantable(draft.type, grantable)) {
    next.type = TOKEN_TYPES.find((type) => typeGrantable(type, grantable)) ?? draft.type
  }
  return next
}

/**
 * The rights a save of `draft` would give beyond `grantable`, as the worker judges them:
 * the type's word for Read-only and Full access, each action not listed for Custom; none
 * when there is no list, or when an edit leaves the token's type and permissions as they
 * are (it grants nothing, whoever first gave them).
 */
export function rightsBeyondGrant(
  draft: Pick<TokenDraft, 'type' | 'permissions'>,
  token: Pick<Token, 'type' | 'permissions'> | null,
  grantable: readonly string[] | null,
): string[] {
  if (grantable === null) return []
  const sorted = (list: readonly string[]) => [...list].sort().join('\n')
  const permissions = draft.type === 'custom' ? draft.permissions : []
  if (token && token.type === draft.type && sorted(token.permissions) === sorted(permissions)) {
    return []
  }
  const rights = draft.type === 'custom' ? permissions : [draft.type]
  return rights.filter((right) => !grantable.includes(right))
}
