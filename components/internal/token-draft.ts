// A token's editable fields as the form holds them: the defaults of a new token, the
// values of an existing one, what Save sends, and whether anything changed (how the form
// and the section know that Back or Regenerate would drop edits not saved yet).
import type { TokenCreateBody } from '../../contract/admin-wire'
import type { Token, TokenSettings } from '../../contract/api-tokens'

/**
 * The fields an admin edits in the form: a token's settings, with `allowedIps` one per
 * line as typed (the form keeps blank lines and spaces while editing; Save trims them and
 * drops the blanks).
 */
export interface TokenDraft extends TokenSettings {
  /**
   * A custom expiry date instead of `lifespan` (ISO-8601; `''` while none is chosen). When
   * present, Save sends it and no `lifespan`; absent, Save sends `lifespan`.
   */
  expiresAt?: string
  /**
   * Create only, operators only (SPEC §8): the customer the token belongs to. Absent = no
   * owner; an update never sends it.
   */
  owner?: string
}

/** A new token's form before anything is typed (the form's defaults, SPEC §5). */
export const NEW_TOKEN_DRAFT: TokenDraft = {
  name: '',
  description: '',
  lifespan: 2_592_000_000,
  type: 'read-only',
  permissions: [],
  allowedIps: [],
  rateLimit: null,
  enabled: true,
}

/** The form's values for an existing token. */
export function draftOf(token: Token | null): TokenDraft {
  if (!token) return { ...NEW_TOKEN_DRAFT, permissions: [], allowedIps: [] }
  const { name, description, lifespan, type, permissions, allowedIps, rateLimit } = token
  const draft: TokenDraft = {
    name,
    description,
    lifespan,
    type,
    permissions: [...permissions],
    // A worker from before SPEC §9 sends neither field: no restriction, no limit.
    allowedIps: [...((allowedIps as string[] | undefined) ?? [])],
    rateLimit: rateLimit ?? null,
    // Nor one from before SPEC §7 `enabled`: every token is enabled.
    enabled: (token.enabled as boolean | undefined) ?? true,
  }
  // No lifespan but an end: a custom date (SPEC §7).
  if (lifespan === null && token.expiresAt !== null) draft.expiresAt = token.expiresAt
  return draft
}

/** `YYYY-MM-DD` of an instant, in the user's time zone (what `<input type="date">` holds). */
export function localDateOf(iso: string): string {
  const date = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/**
 * The instant a custom date ends: its last millisecond in the user's time zone, so the
 * key works through the whole day the admin picked (as they would read "expires on …").
 */
export function endOfLocalDay(date: string): string {
  const [year, month, day] = date.split('-').map(Number)
  return new Date(year!, month! - 1, day!, 23, 59, 59, 999).toISOString()
}

/** The entries of the allowed-IP field: each line trimmed, blank lines dropped. */
export function allowedIpsOf(lines: readonly string[]): string[] {
  return lines.map((line) => line.trim()).filter((line) => line !== '')
}

/** The draft as Save sends it: trimmed, permissions only for custom, in order. */
export function savedDraft(draft: TokenDraft): TokenDraft {
  const saved: TokenDraft = {
    name: draft.name.trim(),
    description: draft.description.trim(),
    lifespan: draft.lifespan,
    type: draft.type,
    permissions: draft.type === 'custom' ? [...draft.permissions].sort() : [],
    allowedIps: allowedIpsOf(draft.allowedIps),
    rateLimit: draft.rateLimit,
    enabled: draft.enabled,
  }
  if (draft.expiresAt !== undefined) saved.expiresAt = draft.expiresAt
  const owner = draft.owner?.trim()
  if (owner) saved.owner = owner
  return saved
}

/** Whether saving `draft` would change nothing in `original`. */
export function sameDraft(draft: TokenDraft, original: TokenDraft): boolean {
  return JSON.stringify(savedDraft(draft)) === JSON.stringify(savedDraft(original))
}

/**
 * The body of a create (or, without `owner`, an update): non-custom tokens carry no
 * permissions (the worker refuses them otherwise), and a custom date goes as `expiresAt`
 * instead of `lifespan`.
 */
export function bodyOf(draft: TokenDraft): TokenCreateBody {
  const { expiresAt, lifespan, ...rest } = draft
  const body = draft.type === 'custom' ? rest : { ...rest, permissions: [] }
  return expiresAt === undefined ? { ...body, lifespan } : { ...body, expiresAt }
}
