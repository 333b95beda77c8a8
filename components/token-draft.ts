// What the form holds, compared with what it started from: how the section knows that
// Back or Regenerate would drop edits not saved yet.
import type { Token, TokenDraft } from './types'

/** A new token's form before anything is typed (the form's defaults, SPEC §5). */
export const NEW_TOKEN_DRAFT: TokenDraft = {
  name: '',
  description: '',
  lifespan: 2_592_000_000,
  type: 'read-only',
  permissions: [],
}

/** The form's values for an existing token. */
export function draftOf(token: Token | null): TokenDraft {
  if (!token) return { ...NEW_TOKEN_DRAFT, permissions: [] }
  const { name, description, lifespan, type, permissions } = token
  return { name, description, lifespan, type, permissions: [...permissions] }
}

/** The draft as it would be saved: trimmed, permissions only for custom, in order. */
function normalised(draft: TokenDraft): TokenDraft {
  return {
    name: draft.name.trim(),
    description: draft.description.trim(),
    lifespan: draft.lifespan,
    type: draft.type,
    permissions: draft.type === 'custom' ? [...draft.permissions].sort() : [],
  }
}

/** Whether saving `draft` would change nothing in `original`. */
export function sameDraft(draft: TokenDraft, original: TokenDraft): boolean {
  return JSON.stringify(normalised(draft)) === JSON.stringify(normalised(original))
}
