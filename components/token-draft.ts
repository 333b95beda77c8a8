// A token's editable fields as the form holds them: the defaults of a new token, the
// values of an existing one, what Save sends, and whether anything changed (how the form
// and the section know that Back or Regenerate would drop edits not saved yet).
import type { Token, TokenDraft } from './types'

/** A new token's form before anything is typed (the form's defaults, SPEC §5). */
export const NEW_TOKEN_DRAFT: TokenDraft = {
  name: '',
  description: '',
  lifespan: 2_592_000_000,
  type: 'read-only',
  permissions: [],
  allowedIps: [],
  rateLimit: null,
}

/** The form's values for an existing token. */
export function draftOf(token: Token | null): TokenDraft {
  if (!token) return { ...NEW_TOKEN_DRAFT, permissions: [], allowedIps: [] }
  const { name, description, lifespan, type, permissions, allowedIps, rateLimit } = token
  return {
    name,
    description,
    lifespan,
    type,
    permissions: [...permissions],
    // A worker from before SPEC §9 sends neither field: no restriction, no limit.
    allowedIps: [...((allowedIps as string[] | undefined) ?? [])],
    rateLimit: rateLimit ?? null,
  }
}

/** The entries of the allowed-IP field: each line trimmed, blank lines dropped. */
export function allowedIpsOf(lines: readonly string[]): string[] {
  return lines.map((line) => line.trim()).filter((line) => line !== '')
}

/** The draft as Save sends it: trimmed, permissions only for custom, in order. */
export function savedDraft(draft: TokenDraft): TokenDraft {
  return {
    name: draft.name.trim(),
    description: draft.description.trim(),
    lifespan: draft.lifespan,
    type: draft.type,
    permissions: draft.type === 'custom' ? [...draft.permissions].sort() : [],
    allowedIps: allowedIpsOf(draft.allowedIps),
    rateLimit: draft.rateLimit,
  }
}

/** Whether saving `draft` would change nothing in `original`. */
export function sameDraft(draft: TokenDraft, original: TokenDraft): boolean {
  return JSON.stringify(savedDraft(draft)) === JSON.stringify(savedDraft(original))
}
