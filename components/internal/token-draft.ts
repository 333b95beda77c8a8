// A token's editable fields as the form holds them: the defaults of a new token, the
// values of an existing one, what Save sends, and whether anything changed (how the form
// and the section know that Back or Regenerate would drop edits not saved yet).
import type { TokenCreateBody, TokenUpdateBody } from '../../contract/admin-wire'
import type { Credits, Token, TokenMeta, TokenSettings } from '../../contract/api-tokens'

/**
 * One metadata row as the form holds it (SPEC §13): the key as typed, and the value — the
 * text typed, or a stored value that is not a string (a number, a boolean, an object),
 * kept as it was until the admin edits it (then it is the text typed, read as JSON).
 */
export interface MetaRow {
  key: string
  value: unknown
  /** A stored row's key as stored: kept as is (never trimmed) while the key reads the same. */
  storedKey?: string
  /** The stored value was not a string: the text typed in its place is read as JSON. */
  json?: boolean
}

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
  /** The metadata as rows (SPEC §13), blank rows included while editing; Save drops them. */
  meta: MetaRow[]
  /**
   * The credits (SPEC §13), `null` = unmetered. Absent = leave them as they are: an edit
   * that did not change them does not send them, since sending replaces the live balance;
   * without `remaining` (the balance not edited), the edit keeps the live balance.
   */
  credits?: CreditsSent | null
}

/** Credits as Save sends them (SPEC §13): without `remaining`, an edit keeps the live balance. */
export type CreditsSent = NonNullable<TokenUpdateBody['credits']>

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
  meta: [],
  credits: null,
}

/** The form's values for an existing token. */
export function draftOf(token: Token | null): TokenDraft {
  if (!token) return { ...NEW_TOKEN_DRAFT, permissions: [], allowedIps: [], meta: [] }
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
    // Nor one from before SPEC §13 `meta` and `credits`: no metadata, unmetered.
    meta: Object.entries((token.meta as TokenMeta | undefined) ?? {}).map(([key, value]) => ({
      key,
      value,
      storedKey: key,
      ...(typeof value === 'string' ? {} : { json: true }),
    })),
    credits: (token.credits as Credits | null | undefined) ?? null,
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

/** Whether a metadata row holds nothing (no key, no value): Save ignores it. */
export function blankRow(row: MetaRow): boolean {
  return row.key.trim() === '' && row.value === ''
}

/** A row's key as saved: a stored key as it was, a typed one trimmed. */
export function keyOf(row: MetaRow): string {
  return row.storedKey !== undefined && row.key === row.storedKey ? row.key : row.key.trim()
}

/** The JSON value of `text`, or `undefined` when it does not parse. */
function parsed(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown }
  } catch {
    return undefined
  }
}

/**
 * A row's value as saved: as held, except the text typed over a stored value that was not
 * a string, read as JSON (`5` stays a number, `false` a boolean); text that does not parse
 * stays text, and {@link jsonRefused} says so.
 */
export function valueOf(row: MetaRow): unknown {
  if (!row.json || typeof row.value !== 'string') return row.value
  return (parsed(row.value) ?? { value: row.value }).value
}

/** Whether a row holds text typed over a stored non-string value that is not JSON. */
export function jsonRefused(row: MetaRow): boolean {
  return !!row.json && typeof row.value === 'string' && parsed(row.value) === undefined
}

/** The metadata object of the rows: blank rows dropped, typed keys trimmed, values as saved. */
export function metaOf(rows: readonly MetaRow[]): TokenMeta {
  return Object.fromEntries(rows.filter((row) => !blankRow(row)).map((r) => [keyOf(r), valueOf(r)]))
}

/**
 * The draft as Save sends it: trimmed, permissions only for custom, in order. Metadata
 * rows keep their places (blank ones too, so an error names the row the admin sees);
 * {@link bodyOf} drops the blank ones.
 */
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
    meta: draft.meta.map((row) => ({ ...row, key: keyOf(row) })),
  }
  if (draft.credits !== undefined) saved.credits = draft.credits
  if (draft.expiresAt !== undefined) saved.expiresAt = draft.expiresAt
  const owner = draft.owner?.trim()
  if (owner) saved.owner = owner
  return saved
}

/** Whether saving `draft` would change nothing in `original`. */
export function sameDraft(draft: TokenDraft, original: TokenDraft): boolean {
  const sent = (d: TokenDraft) =>
    JSON.stringify({ ...savedDraft(d), meta: metaOf(d.meta), credits: undefined })
  return sent(draft) === sent(original) && sameCredits(draft.credits, original.credits)
}

type Refill = Credits['refill']

/** Whether two refills are the same, field by field (never, or the same amount and interval). */
function sameRefill(a: Refill | undefined, b: Refill | undefined): boolean {
  if (!a || !b) return (a ?? null) === (b ?? null)
  return Object.is(a.amount, b.amount) && a.interval === b.interval
}

/** Whether two credits are the same (both unmetered, or the same balance and refill). */
export function sameCredits(
  a: CreditsSent | null | undefined,
  b: CreditsSent | null | undefined,
): boolean {
  if (!a || !b) return (a ?? null) === (b ?? null)
  return Object.is(a.remaining, b.remaining) && sameRefill(a.refill, b.refill)
}

/**
 * What Save sends of the credits `now` against those `loaded` (SPEC §13): nothing
 * (`undefined`) when they are the same; `null` when switched to unmetered; all of them
 * when switched to metered; else the refill, with `remaining` only when the admin changed
 * the balance (left out, the worker keeps the live one, credits spent meanwhile included).
 */
export function creditsEdit(
  now: CreditsSent | null | undefined,
  loaded: CreditsSent | null,
): CreditsSent | null | undefined {
  if (now === undefined || sameCredits(now, loaded)) return undefined
  if (!now || !loaded) return now
  const refill = now.refill && { amount: now.refill.amount, interval: now.refill.interval }
  return Object.is(now.remaining, loaded.remaining)
    ? { refill }
    : { remaining: now.remaining ?? NaN, refill }
}

/**
 * The body of a create (or, without `owner`, an update): non-custom tokens carry no
 * permissions (the worker refuses them otherwise), a custom date goes as `expiresAt`
 * instead of `lifespan`, the metadata rows as one object, and `credits` only when the
 * draft holds them.
 */
export function bodyOf(draft: TokenDraft): TokenCreateBody {
  const { expiresAt, lifespan, meta: rows, ...fields } = draft
  const rest = { ...fields, meta: metaOf(rows) }
  const body = draft.type === 'custom' ? rest : { ...rest, permissions: [] }
  return expiresAt === undefined ? { ...body, lifespan } : { ...body, expiresAt }
}
