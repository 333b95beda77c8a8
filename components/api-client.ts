import type {
  AdminAction,
  ApiErrorObject,
  PermissionCatalog,
  RouteCatalog,
  SortDirection,
  SortField,
  Token,
  TokenDraft,
} from './types'

/** Where the admin JWT comes from: a function of the host, returning it or a promise of it. */
export type AuthTokenSource = () => string | null | undefined | Promise<string | null | undefined>

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
}

/**
 * The one place that knows the admin API's URLs, its auth and its error shape. It asks
 * the host for the admin JWT before every request and, on a 401, once more and retries
 * once (SPEC §5).
 *
 * @example
 * const client = new AdminApiClient('https://gate.example.com', () => getJwt())
 * const { tokens } = await client.listTokens({ sort: 'name', direction: 'asc', q: '', page: 1, pageSize: 25 })
 */
export class AdminApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly authToken: AuthTokenSource,
  ) {}

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const attempt = async () => {
      const jwt = await this.authToken()
      const headers: Record<string, string> = { Accept: 'application/json' }
      if (jwt) headers.Authorization = `Bearer ${jwt}`
      if (body !== undefined) headers['Content-Type'] = 'application/json'
      return fetch(new URL(path, this.baseUrl), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    }
    let response: Response
    try {
      response = await attempt()
      if (response.status === 401) response = await attempt()
    } catch {
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

  async permissions(): Promise<Set<AdminAction>> {
    const { data } = await this.send<{ data: { action: AdminAction }[] }>(
      'GET',
      '/admin/users/me/permissions',
    )
    return new Set(data.map((permission) => permission.action))
  }

  async listTokens(options: ListOptions): Promise<TokenPage> {
    const query = new URLSearchParams({
      sort: `${options.sort}:${options.direction}`,
      page: String(options.page),
      pageSize: String(options.pageSize),
    })
    if (options.q) query.set('q', options.q)
    const { data, meta } = await this.send<{
      data: Token[]
      meta: { pagination: { total: number } }
    }>('GET', `/admin/api-tokens?${query}`)
    return { tokens: data, total: meta.pagination.total }
  }

  async getToken(id: number): Promise<Token> {
    return (await this.send<{ data: Token }>('GET', `/admin/api-tokens/${id}`)).data
  }

  async createToken(draft: TokenDraft): Promise<Token & { accessKey: string }> {
    const body = draft.type === 'custom' ? draft : { ...draft, permissions: [] }
    return (
      await this.send<{ data: Token & { accessKey: string } }>('POST', '/admin/api-tokens', body)
    ).data
  }

  async updateToken(id: number, draft: TokenDraft): Promise<Token> {
    const body = draft.type === 'custom' ? draft : { ...draft, permissions: [] }
    return (await this.send<{ data: Token }>('PUT', `/admin/api-tokens/${id}`, body)).data
  }

  async regenerateToken(
    id: number,
  ): Promise<{ id: number; accessKey: string; expiresAt: string | null }> {
    return (
      await this.send<{ data: { id: number; accessKey: string; expiresAt: string | null } }>(
        'POST',
        `/admin/api-tokens/${id}/regenerate`,
      )
    ).data
  }

  async deleteToken(id: number): Promise<Token | null> {
    return (await this.send<{ data: Token | null }>('DELETE', `/admin/api-tokens/${id}`)).data
  }

  async catalog(): Promise<{ permissions: PermissionCatalog; routes: RouteCatalog }> {
    const [permissions, routes] = await Promise.all([
      this.send<{ data: PermissionCatalog }>('GET', '/admin/content-api/permissions'),
      this.send<{ data: RouteCatalog }>('GET', '/admin/content-api/routes'),
    ])
    return { permissions: permissions.data, routes: routes.data }
  }
}
