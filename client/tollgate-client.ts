import type {
  AdminPermissionsBody,
  CreatedToken,
  CreditsChangeBody,
  EventPageBody,
  PermissionCatalog,
  RegenerateBody,
  RegeneratedKey,
  RouteCatalog,
  TokenCreateBody,
  TokenImportBody,
  TokenImportResult,
  TokenPageBody,
  TokenUpdateBody,
  VerifyBody,
  VerifyResult,
} from '../contract/admin-wire'
import type {
  RateLimitTier,
  SortField,
  Token,
  TokenEventAction,
  TokenType,
  TokenUsage,
} from '../contract/api-tokens'
import { createSend, type AuthTokenSource, type CallOptions, type Send } from './transport'

/** How a client reaches the worker. */
export interface TollgateClientOptions {
  /** The worker's URL: its origin, or the path it is mounted under (`https://x.com/gate`). */
  baseUrl: string | URL
  /** The admin JWT, asked before every request (and once more after a 401). */
  getAuthToken: AuthTokenSource
  /** A `fetch` of your own (a test double, a proxy's); the global one by default. */
  fetch?: typeof fetch
}

/** `GET /admin/api-tokens`: sort, search, filters and the page; all optional. */
export type TokenListQuery = {
  /** A field, optionally with its direction: `"name"`, `"expiresAt:desc"` … */
  sort?: SortField | `${SortField}:${'asc' | 'desc'}`
  /** Searches names and descriptions. */
  q?: string
  /** Only enabled (`true`) or disabled (`false`) tokens. */
  enabled?: boolean
  type?: TokenType
  /** Operators only (SPEC §8): this owner's tokens; `''` for those without owner. */
  owner?: string
  /** From 1 (default 1). */
  page?: number
  /** 1–100 (default 25). */
  pageSize?: number
}

/** A page of events, of one token or (`tokenId`, `action` as filters) of every token. */
export type EventListQuery = {
  page?: number
  pageSize?: number
  /** Every token's events only (`events(undefined, …)`): of this action, of this token. */
  action?: TokenEventAction
  tokenId?: number
}

/** The admin routes of tokens, one method each. */
export interface TokenRoutes {
  /** `GET /admin/api-tokens`: one page, with `meta.pagination`. */
  list(query?: TokenListQuery, options?: CallOptions): Promise<TokenPageBody>
  /** `GET /admin/api-tokens/:id`. */
  get(id: number, options?: CallOptions): Promise<Token>
  /** `POST /admin/api-tokens`: the token and its key, shown this once. */
  create(body: TokenCreateBody, options?: CallOptions): Promise<CreatedToken>
  /** `PUT /admin/api-tokens/:id`: any subset of the fields. */
  update(id: number, body: TokenUpdateBody, options?: CallOptions): Promise<Token>
  /** `DELETE /admin/api-tokens/:id`: the deleted token. */
  delete(id: number, options?: CallOptions): Promise<Token | null>
  /**
   * `POST /admin/api-tokens/:id/credits`: `{add: n}` or `{set: n}` on a metered token's
   * balance (SPEC §13); the token with its new balance.
   */
  credits(id: number, change: CreditsChangeBody, options?: CallOptions): Promise<Token>
  /** `POST /admin/api-tokens/:id/regenerate`: a new key, the old one kept `gracePeriod` seconds. */
  regenerate(id: number, body?: RegenerateBody, options?: CallOptions): Promise<RegeneratedKey>
  /**
   * `POST /admin/api-tokens/import`: Strapi v5 tokens with their keys (SPEC §12; an
   * operator's, 1–1000 a request); what was imported, and each row that was not, by index.
   */
  import(body: TokenImportBody, options?: CallOptions): Promise<TokenImportResult>
  /** `GET /admin/api-tokens/:id/usage?days=`: requests passed and refused per UTC day (1–90 days). */
  usage(id: number, query?: { days?: number }, options?: CallOptions): Promise<TokenUsage>
  /**
   * `GET /admin/api-tokens/:id/events`, newest first; with `id` `undefined`, every token's
   * (`GET /admin/api-token-events`).
   */
  events(
    id: number | undefined,
    query?: EventListQuery,
    options?: CallOptions,
  ): Promise<EventPageBody>
}

/** The admin API, one method per route (SPEC §11). */
export interface TollgateClient {
  tokens: TokenRoutes
  /** `GET /admin/content-api/permissions`: the actions a custom token may hold, grouped. */
  permissions(options?: CallOptions): Promise<PermissionCatalog>
  /** `GET /admin/content-api/routes`: the route bound to each action. */
  routes(options?: CallOptions): Promise<RouteCatalog>
  /** `GET /admin/rate-limit-tiers`: the tiers a token may be put in (`[]` when none). */
  rateLimitTiers(options?: CallOptions): Promise<RateLimitTier[]>
  /** `GET /admin/users/me/permissions`: the admin's actions; `meta.owner` `null` for an operator. */
  me(options?: CallOptions): Promise<AdminPermissionsBody>
  /**
   * `POST /auth/verify`: whether a key is valid and, given `method` and `path`, may call
   * that route (SPEC §3). Its answer has no `data` wrapper: it is answered whole.
   */
  verify(body: VerifyBody, options?: CallOptions): Promise<VerifyResult>
}

/** The `data` of a `{data}` answer. */
async function dataOf<T>(answer: Promise<{ data: T }>): Promise<T> {
  return (await answer).data
}

/**
 * A typed client of the admin API, for browsers and Node ≥ 20 (SPEC §11). Each method
 * answers the route's `data` — or, for the three routes with a `meta` (`tokens.list`,
 * `tokens.events`, `me`) and `verify`, the whole answer — and throws a `TollgateApiError`
 * carrying the §2 error. The elements use this client too.
 *
 * @example
 * const client = createTollgateClient({ baseUrl: 'https://gate.example.com', getAuthToken })
 * const { accessKey } = await client.tokens.create({ name: 'CI', type: 'read-only' })
 */
export function createTollgateClient({
  baseUrl,
  getAuthToken,
  fetch,
}: TollgateClientOptions): TollgateClient {
  const send: Send = createSend(baseUrl, getAuthToken, fetch)
  // A token's path, or the import's (`/admin/api-tokens/import`).
  const token = (id: number | 'import') => `/admin/api-tokens/${id}`
  const get = <T>(path: string, options?: CallOptions) =>
    dataOf(send<{ data: T }>('GET', path, options))
  return {
    tokens: {
      list: ({ page = 1, pageSize = 25, ...query } = {}, options) =>
        send('GET', '/admin/api-tokens', { ...options, query: { ...query, page, pageSize } }),
      get: (id, options) => get(token(id), options),
      create: (body, options) => dataOf(send('POST', '/admin/api-tokens', { ...options, body })),
      import: (body, options) => dataOf(send('POST', token('import'), { ...options, body })),
      update: (id, body, options) => dataOf(send('PUT', token(id), { ...options, body })),
      delete: (id, options) => dataOf(send('DELETE', token(id), options)),
      credits: (id, body, options) =>
        dataOf(send('POST', `${token(id)}/credits`, { ...options, body })),
      regenerate: async (id, body = {}, options) => {
        const path = `${token(id)}/regenerate`
        const key = await dataOf(send<{ data: RegeneratedKey }>('POST', path, { ...options, body }))
        // A worker from before SPEC §7 sends no `previousKey`.
        return { ...key, previousKey: key.previousKey ?? null }
      },
      usage: (id, query = {}, options) =>
        dataOf(send('GET', `${token(id)}/usage`, { ...options, query })),
      events: (id, query = {}, options) =>
        id === undefined
          ? send('GET', '/admin/api-token-events', { ...options, query })
          : send('GET', `${token(id)}/events`, { ...options, query }),
    },
    permissions: (options) => get('/admin/content-api/permissions', options),
    routes: (options) => get('/admin/content-api/routes', options),
    rateLimitTiers: (options) => get('/admin/rate-limit-tiers', options),
    me: (options) => send('GET', '/admin/users/me/permissions', options),
    verify: (body, options) => send('POST', '/auth/verify', { ...options, body, whole: true }),
  }
}
