import type { RegeneratedKey } from '../contract/admin-wire'
import type { CreatedToken, EventPageBody, TokenPageBody } from '../contract/admin-wire'
import type {
  SortField,
  Token,
  TokenEvent,
  TokenSettings,
  TokenType,
  TokenUsage,
} from '../contract/api-tokens'
import type { CallOptions, Send } from './transport'

export type { RegeneratedKey }

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

/** A page of tokens as the table asks for it. */
export interface TokenPage {
  tokens: Token[]
  total: number
}

export interface ListOptions {
  sort: SortField
  direction: 'asc' | 'desc'
  q: string
  page: number
  pageSize: number
  /** Operators only (SPEC §8): the owner's tokens, `''` = tokens without owner; absent = all. */
  owner?: string
  /** `?enabled=`: only enabled (`true`) or disabled (`false`) tokens; absent = both. */
  enabled?: boolean
  /** `?type=`: only tokens of this type; absent = every type. */
  type?: TokenType
}

/** What a regenerate may ask for (SPEC §7). */
export interface RegenerateOptions {
  /** Seconds the replaced key keeps working (0 = it stops at once). */
  gracePeriod?: number
}

/** A page of a token's audit events, newest first. */
export interface EventPage {
  events: TokenEvent[]
  page: number
  pageCount: number
  total: number
}

/**
 * The body of a create or update: non-custom tokens carry no permissions (the worker
 * refuses them otherwise), and a custom date goes as `expiresAt` instead of `lifespan`.
 */
function bodyOf(draft: TokenDraft): Omit<TokenDraft, 'lifespan'> & { lifespan?: unknown } {
  const { expiresAt, lifespan, ...rest } = draft
  const body = draft.type === 'custom' ? rest : { ...rest, permissions: [] }
  return expiresAt === undefined ? { ...body, lifespan } : { ...body, expiresAt }
}

/** `GET /admin/api-tokens`: a page of tokens, sorted, searched, filtered by status and type and (operators) by owner. */
export async function listTokens(
  send: Send,
  list: ListOptions,
  options?: CallOptions,
): Promise<TokenPage> {
  const query = new URLSearchParams({
    sort: `${list.sort}:${list.direction}`,
    page: String(list.page),
    pageSize: String(list.pageSize),
  })
  if (list.q) query.set('q', list.q)
  if (list.owner !== undefined) query.set('owner', list.owner)
  if (list.enabled !== undefined) query.set('enabled', String(list.enabled))
  if (list.type) query.set('type', list.type)
  const { data, meta } = await send<TokenPageBody>('GET', `/admin/api-tokens?${query}`, options)
  return { tokens: data, total: meta.pagination.total }
}

/** `GET /admin/api-tokens/:id`. */
export async function getToken(send: Send, id: number, options?: CallOptions): Promise<Token> {
  return (await send<{ data: Token }>('GET', `/admin/api-tokens/${id}`, options)).data
}

/** `POST /admin/api-tokens`: the new token with its key, shown once. */
export async function createToken(
  send: Send,
  draft: TokenDraft,
  options?: CallOptions,
): Promise<CreatedToken> {
  const path = '/admin/api-tokens'
  return (await send<{ data: CreatedToken }>('POST', path, options, bodyOf(draft))).data
}

/** `PUT /admin/api-tokens/:id`; the owner is set once, on create (SPEC §8), so it is not sent. */
export async function updateToken(
  send: Send,
  id: number,
  draft: TokenDraft,
  options?: CallOptions,
): Promise<Token> {
  const { owner: _owner, ...fields } = draft
  const path = `/admin/api-tokens/${id}`
  return (await send<{ data: Token }>('PUT', path, options, bodyOf(fields))).data
}

/** `POST /admin/api-tokens/:id/regenerate`, with an optional grace period (SPEC §7). */
export async function regenerateToken(
  send: Send,
  id: number,
  regenerate: RegenerateOptions = {},
  options?: CallOptions,
): Promise<RegeneratedKey> {
  const path = `/admin/api-tokens/${id}/regenerate`
  const { data } = await send<{ data: RegeneratedKey }>('POST', path, options, regenerate)
  return { ...data, previousKey: data.previousKey ?? null }
}

/** `DELETE /admin/api-tokens/:id`: the deleted token (or `null`). */
export async function deleteToken(
  send: Send,
  id: number,
  options?: CallOptions,
): Promise<Token | null> {
  return (await send<{ data: Token | null }>('DELETE', `/admin/api-tokens/${id}`, options)).data
}

/** A page of a token's audit events (`GET /admin/api-tokens/:id/events`), newest first. */
export async function tokenEvents(
  send: Send,
  id: number,
  page: number,
  pageSize: number,
  options?: CallOptions,
): Promise<EventPage> {
  const path = `/admin/api-tokens/${id}/events?page=${page}&pageSize=${pageSize}`
  const { data, meta } = await send<EventPageBody>('GET', path, options)
  return { events: data, ...meta.pagination }
}

/** A token's requests passed and refused per UTC day over the last `days` days, oldest first. */
export async function tokenUsage(
  send: Send,
  id: number,
  days: number,
  options?: CallOptions,
): Promise<TokenUsage> {
  const path = `/admin/api-tokens/${id}/usage?days=${days}`
  return (await send<{ data: TokenUsage }>('GET', path, options)).data
}
