import { ADMIN_ACTIONS } from '../../contract/api-tokens'
import type {
  AdminAction,
  PermissionCatalog,
  RouteCatalog,
  Token,
  TokenDraft,
} from '../../components/types'

export const ALL_ACTIONS: AdminAction[] = [...ADMIN_ACTIONS]

export const CATALOG: PermissionCatalog = {
  'api::article': {
    displayName: 'Article',
    controllers: { article: ['find', 'findOne', 'create', 'update', 'delete'] },
  },
  'api::category': {
    displayName: 'Category',
    controllers: { category: ['find', 'findOne'] },
  },
}

export const ROUTES: RouteCatalog = {
  'api::article': [
    { method: 'GET', path: '/api/articles', action: 'api::article.article.find' },
    { method: 'GET', path: '/api/articles/:id', action: 'api::article.article.findOne' },
    { method: 'POST', path: '/api/articles', action: 'api::article.article.create' },
  ],
  'api::category': [
    { method: 'GET', path: '/api/categories', action: 'api::category.category.find' },
  ],
}

const DAY = 86_400_000

/** A token as the worker would return it. */
export function makeToken(fields: Partial<Token> & { name: string }): Token {
  const now = Date.now()
  return {
    id: Math.floor(Math.random() * 1e9),
    description: '',
    type: 'read-only',
    lifespan: null,
    expiresAt: null,
    lastUsedAt: null,
    createdAt: new Date(now - 3 * DAY).toISOString(),
    updatedAt: new Date(now - 3 * DAY).toISOString(),
    permissions: [],
    keyHint: 'tg_abcd…wxyz',
    allowedIps: [],
    rateLimit: null,
    ...fields,
  }
}

interface Call {
  method: string
  path: string
  search: URLSearchParams
  body: unknown
  authorization: string | null
}

function error(status: number, name: string, message: string, details: object = {}) {
  return Response.json({ data: null, error: { status, name, message, details } }, { status })
}

/**
 * An in-browser stand-in for the worker's admin API, answering the component's fetches
 * with the worker's shapes and rules (names unique, custom needs permissions, …).
 */
export class FakeAdminApi {
  tokens: Token[] = []
  actions: AdminAction[] = [...ALL_ACTIONS]
  calls: Call[] = []
  /** JWTs the API accepts; an empty list accepts any. */
  validJwts: string[] = []
  /** Makes the next matching call fail with this response. */
  failNext: { method: string; path: RegExp; response: () => Response } | undefined
  /** Held responses: matching calls wait until their release function is called. */
  private held: { method: string | undefined; path: RegExp; gate: Promise<void> }[] = []
  private nextId = 1
  private original = window.fetch

  readonly base = 'https://gate.test'

  install(): this {
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) =>
      this.handle(new Request(input, init))
    return this
  }

  restore(): void {
    window.fetch = this.original
  }

  add(fields: Partial<Token> & { name: string }): Token {
    const token = makeToken({ id: this.nextId++, ...fields })
    this.tokens.push(token)
    return token
  }

  /**
   * Holds the answers to calls matching `path` (and `method`, when given) until the
   * returned function is called: to make responses late, or arrive in another order.
   */
  hold(path: RegExp, method?: string): () => void {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const held = { method, path, gate }
    this.held.push(held)
    return () => {
      this.held = this.held.filter((other) => other !== held)
      release()
    }
  }

  callsTo(method: string, path: RegExp): Call[] {
    return this.calls.filter((call) => call.method === method && path.test(call.path))
  }

  private async handle(request: Request): Promise<Response> {
    const url = new URL(request.url)
    if (url.origin !== this.base) return this.original(request)
    const text = await request.text()
    const call: Call = {
      method: request.method,
      path: url.pathname,
      search: url.searchParams,
      body: text ? JSON.parse(text) : undefined,
      authorization: request.headers.get('Authorization'),
    }
    this.calls.push(call)
    const held = this.held.find(
      (h) => h.path.test(url.pathname) && (!h.method || h.method === request.method),
    )
    if (held) await held.gate
    const jwt = call.authorization?.replace(/^Bearer /, '')
    if (this.validJwts.length && (!jwt || !this.validJwts.includes(jwt))) {
      return error(401, 'UnauthorizedError', 'Missing or invalid credentials')
    }
    if (
      this.failNext &&
      this.failNext.method === call.method &&
      this.failNext.path.test(call.path)
    ) {
      const { response } = this.failNext
      this.failNext = undefined
      return response()
    }
    return this.route(call)
  }

  private validate(draft: Partial<TokenDraft>, exceptId?: number): Response | undefined {
    if (
      draft.name !== undefined &&
      this.tokens.some((t) => t.name === draft.name?.trim() && t.id !== exceptId)
    ) {
      const message = 'Name already taken'
      return error(400, 'ValidationError', message, {
        errors: [{ path: ['name'], name: 'ValidationError', message }],
      })
    }
    return undefined
  }

  private route(call: Call): Response {
    const { method, path } = call
    const id = Number(path.split('/')[3])
    const token = this.tokens.find((t) => t.id === id)
    if (method === 'GET' && path === '/admin/users/me/permissions') {
      return Response.json({ data: this.actions.map((action) => ({ action })) })
    }
    if (method === 'GET' && path === '/admin/content-api/permissions')
      return Response.json({ data: CATALOG })
    if (method === 'GET' && path === '/admin/content-api/routes')
      return Response.json({ data: ROUTES })
    if (method === 'GET' && path === '/admin/api-tokens') {
      const [field = 'name', direction = 'asc'] = (call.search.get('sort') ?? 'name:asc').split(':')
      const q = (call.search.get('q') ?? '').toLowerCase()
      const page = Number(call.search.get('page') ?? 1)
      const pageSize = Number(call.search.get('pageSize') ?? 25)
      const key = field as 'name' | 'createdAt' | 'lastUsedAt'
      const matching = this.tokens
        .filter(
          (t) => !q || t.name.toLowerCase().includes(q) || t.description.toLowerCase().includes(q),
        )
        .sort(
          (a, b) =>
            String(a[key] ?? '').localeCompare(String(b[key] ?? '')) *
            (direction === 'desc' ? -1 : 1),
        )
      return Response.json({
        data: matching.slice((page - 1) * pageSize, page * pageSize),
        meta: { pagination: { page, pageSize, total: matching.length } },
      })
    }
    if (method === 'POST' && path === '/admin/api-tokens') {
      const draft = call.body as TokenDraft
      const invalid = this.validate(draft)
      if (invalid) return invalid
      const now = Date.now()
      const created = this.add({
        ...draft,
        name: draft.name.trim(),
        expiresAt: draft.lifespan === null ? null : new Date(now + draft.lifespan).toISOString(),
        createdAt: new Date(now).toISOString(),
      })
      return Response.json(
        { data: { ...created, accessKey: `tg_created${created.id}key` } },
        { status: 201 },
      )
    }
    if (!token) return error(404, 'NotFoundError', 'API Token not found')
    if (method === 'GET') return Response.json({ data: token })
    if (method === 'PUT') {
      const draft = call.body as TokenDraft
      const invalid = this.validate(draft, id)
      if (invalid) return invalid
      Object.assign(token, draft, { updatedAt: new Date().toISOString() })
      return Response.json({ data: token })
    }
    if (method === 'DELETE') {
      this.tokens = this.tokens.filter((t) => t.id !== id)
      return Response.json({ data: token })
    }
    if (method === 'POST' && path.endsWith('/regenerate')) {
      token.keyHint = `tg_rege…n${id}`
      return Response.json(
        { data: { id, accessKey: `tg_regenerated${id}key`, expiresAt: token.expiresAt } },
        { status: 201 },
      )
    }
    return error(404, 'NotFoundError', 'Not Found')
  }
}
