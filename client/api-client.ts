import type {
  AdminAction,
  ApiErrorObject,
  FieldError,
  PermissionCatalog,
  RateLimitTier,
  RouteCatalog,
  SortDirection,
  SortField,
  PreviousKey,
  Token,
  TokenDraft,
  TokenEvent,
  TokenUsage,
} from '../components/types'

/**
 * Where the admin JWT comes from: a function of the host, returning it or a promise of it.
 * The signal is the one of the request it is asked for (a host may pass it on to `fetch`).
 */
export type AuthTokenSource = (
  signal?: AbortSignal,
) => string | null | undefined | Promise<string | null | undefined>

/** A failed admin API call, carrying the worker's error object. */
export class ApiRequestError extends Error {
  readonly error: ApiErrorObject

  constructor(error: ApiErrorObject) {
    super(error.message)
    this.name = 'ApiRequestError'
    this.error = error
  }

  get status(): number {
    return this.error.status
  }
}

/** The error object the section reports for anything that is not an {@link ApiRequestError}. */
export function errorObjectOf(error: unknown): ApiErrorObject {
  return error instanceof ApiRequestError
    ? error.error
    : { status: 0, name: 'ApplicationError', message: 'Something went wrong', details: {} }
}

/** The field errors of a failed save: `details.errors` of a 400 (or its message alone). */
export function fieldErrorsOf(error: unknown): FieldError[] {
  const object = errorObjectOf(error)
  if (object.status !== 400) return []
  return object.details.errors ?? [{ path: [], name: 'ValidationError', message: object.message }]
}

/** Whether `error` is the rejection of an aborted request (not a failure to report). */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

/** Per-call options: an `AbortSignal` cancels the request (and its retry). */
export interface CallOptions {
  signal?: AbortSignal
}

/** A page of tokens as the table asks for it. */
export interface TokenPage {
  tokens: Token[]
  total: number
}

export interface ListOptions {
  sort: SortField
  direction: SortDirection
  q: string
  page: number
  pageSize: number
  /** Operators only (SPEC §8): the owner's tokens, `''` = tokens without owner; absent = all. */
  owner?: string
}

/** `GET /admin/users/me/permissions`: the admin's actions, and whether it is an operator. */
export interface AdminPermissions {
  actions: Set<AdminAction>
  /**
   * `true` for an operator (a JWT without `owner` claim: `meta.owner` is `null`), who sees
   * every token and may filter and set owners (SPEC §8). A scoped admin, or a worker from
   * before §8 (no `meta`), is not.
   */
  operator: boolean
}

/** What `POST /admin/api-tokens/:id/regenerate` answers. */
export interface RegeneratedKey {
  id: number
  accessKey: string
  expiresAt: string | null
  /** The replaced key while it keeps working (a regenerate with a grace period), else `null`. */
  previousKey: PreviousKey | null
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

/**
 * The one place that knows the admin API's URLs, its auth and its error shape. It asks
 * the host for the admin JWT before every request and, on a 401, once more and retries
 * once (SPEC §5). Every call takes an `AbortSignal`; an aborted call rejects with the
 * `AbortError` itself, every other failure with an {@link ApiRequestError}.
 *
 * @example
 * const client = new AdminApiClient('https://gate.example.com', () => getJwt())
 * const page = await client.listTokens(
 *   { sort: 'name', direction: 'asc', q: '', page: 1, pageSize: 25 },
 *   { signal: controller.signal },
 * )
 */
export class AdminApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly authToken: AuthTokenSource,
  ) {}

  private async send<T>(
    method: string,
    path: string,
    { signal }: CallOptions = {},
    body?: unknown,
  ): Promise<T> {
    const attempt = async () => {
      const jwt = await this.authToken(signal)
      signal?.throwIfAborted()
      const headers: Record<string, string> = { Accept: 'application/json' }
      if (jwt) headers.Authorization = `Bearer ${jwt}`
      if (body !== undefined) headers['Content-Type'] = 'application/json'
      return fetch(new URL(path, this.baseUrl), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      })
    }
    let response: Response
    try {
      response = await attempt()
      // The host's JWT may have expired between asking and sending: ask again, once.
      if (response.status === 401) response = await attempt()
    } catch (error) {
      if (signal?.aborted) throw signal.reason
      if (isAbort(error)) throw error
      throw new ApiRequestError({
        status: 0,
        name: 'NetworkError',
        message: 'Could not reach the API Tokens service',
        details: {},
      })
    }
    const payload = (await response.json().catch(() => null)) as {
      data?: T
      error?: ApiErrorObject
    } | null
    signal?.throwIfAborted()
    if (!response.ok) {
      throw new ApiRequestError(
        payload?.error ?? {
          status: response.status,
          name: 'ApplicationError',
          message: `The API Tokens service answered ${response.status}`,
          details: {},
        },
      )
    }
    return payload as T
  }

  async permissions(options?: CallOptions): Promise<AdminPermissions> {
    const { data, meta } = await this.send<{
      data: { action: AdminAction }[]
      meta?: { owner?: string | null }
    }>('GET', '/admin/users/me/permissions', options)
    return {
      actions: new Set(data.map((permission) => permission.action)),
      operator: meta?.owner === null,
    }
  }

  async listTokens(list: ListOptions, options?: CallOptions): Promise<TokenPage> {
    const query = new URLSearchParams({
      sort: `${list.sort}:${list.direction}`,
      page: String(list.page),
      pageSize: String(list.pageSize),
    })
    if (list.q) query.set('q', list.q)
    if (list.owner !== undefined) query.set('owner', list.owner)
    const { data, meta } = await this.send<{
      data: Token[]
      meta: { pagination: { total: number } }
    }>('GET', `/admin/api-tokens?${query}`, options)
    return { tokens: data, total: meta.pagination.total }
  }

  async getToken(id: number, options?: CallOptions): Promise<Token> {
    return (await this.send<{ data: Token }>('GET', `/admin/api-tokens/${id}`, options)).data
  }

  async createToken(
    draft: TokenDraft,
    options?: CallOptions,
  ): Promise<Token & { accessKey: string }> {
    return (
      await this.send<{ data: Token & { accessKey: string } }>(
        'POST',
        '/admin/api-tokens',
        options,
        bodyOf(draft),
      )
    ).data
  }

  async updateToken(id: number, draft: TokenDraft, options?: CallOptions): Promise<Token> {
    // The owner is set once, on create (SPEC §8).
    const { owner: _owner, ...fields } = draft
    return (
      await this.send<{ data: Token }>('PUT', `/admin/api-tokens/${id}`, options, bodyOf(fields))
    ).data
  }

  async regenerateToken(
    id: number,
    regenerate: RegenerateOptions = {},
    options?: CallOptions,
  ): Promise<RegeneratedKey> {
    const { data } = await this.send<{ data: RegeneratedKey }>(
      'POST',
      `/admin/api-tokens/${id}/regenerate`,
      options,
      regenerate,
    )
    return { ...data, previousKey: data.previousKey ?? null }
  }

  /** A page of a token's audit events (`GET /admin/api-tokens/:id/events`), newest first. */
  async tokenEvents(
    id: number,
    page: number,
    pageSize: number,
    options?: CallOptions,
  ): Promise<EventPage> {
    const { data, meta } = await this.send<{
      data: TokenEvent[]
      meta: { pagination: { page: number; pageCount: number; total: number } }
    }>('GET', `/admin/api-tokens/${id}/events?page=${page}&pageSize=${pageSize}`, options)
    const { pagination } = meta
    return { events: data, ...pagination }
  }

  async deleteToken(id: number, options?: CallOptions): Promise<Token | null> {
    return (await this.send<{ data: Token | null }>('DELETE', `/admin/api-tokens/${id}`, options))
      .data
  }

  async catalog(options?: CallOptions): Promise<{
    permissions: PermissionCatalog
    routes: RouteCatalog
  }> {
    const [permissions, routes] = await Promise.all([
      this.send<{ data: PermissionCatalog }>('GET', '/admin/content-api/permissions', options),
      this.send<{ data: RouteCatalog }>('GET', '/admin/content-api/routes', options),
    ])
    return { permissions: permissions.data, routes: routes.data }
  }

  /** The rate-limit tiers a token may be put in (`[]` when the worker declares none). */
  async rateLimitTiers(options?: CallOptions): Promise<RateLimitTier[]> {
    return (await this.send<{ data: RateLimitTier[] }>('GET', '/admin/rate-limit-tiers', options))
      .data
  }

  /** A token's requests passed and refused per UTC day over the last `days` days, oldest first. */
  async tokenUsage(id: number, days: number, options?: CallOptions): Promise<TokenUsage> {
    return (
      await this.send<{ data: TokenUsage }>(
        'GET',
        `/admin/api-tokens/${id}/usage?days=${days}`,
        options,
      )
    ).data
  }
}
