import { TOKEN_CREATE_FIELDS, TOKEN_UPDATE_FIELDS } from '../../contract/admin-wire'
import {
  ADMIN_ACTIONS,
  MAX_ALLOWED_IPS,
  MAX_EXPIRY_AHEAD_MS,
  MAX_CREDITS,
  MAX_META_BYTES,
  TOKEN_TYPES,
  type EventActor,
  type EventChanges,
  type FieldErrorCode,
  type TokenEvent,
  type TokenEventAction,
  type TokenMeta,
} from '../../contract/api-tokens'
import type {
  AdminAction,
  PermissionCatalog,
  RateLimitTier,
  RouteCatalog,
  Token,
  TokenDraft,
  UsageDay,
} from '../../components/types'

export const ALL_ACTIONS: AdminAction[] = [...ADMIN_ACTIONS]

/** A create or edit body as the worker reads it: the draft's fields, `meta` as one object. */
type TokenBody = Omit<TokenDraft, 'meta'> & { meta?: TokenMeta }

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

/** `count` UTC days ending today, oldest first, each with the counts `fill` gives it. */
export function usageDays(
  count: number,
  fill: (index: number) => { requests: number; refused: number } = () => ({
    requests: 0,
    refused: 0,
  }),
  today = Date.now(),
): UsageDay[] {
  return Array.from({ length: count }, (_, index) => ({
    date: new Date(today - (count - 1 - index) * DAY).toISOString().slice(0, 10),
    ...fill(index),
  }))
}

/** An IPv4 or IPv6 address or CIDR range, roughly as the worker checks it. */
function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/')
  if (rest.length) return false
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address)
  if (v4) {
    return (
      v4.slice(1).every((part) => Number(part) <= 255) &&
      (prefix === undefined || (/^\d{1,2}$/.test(prefix) && Number(prefix) <= 32))
    )
  }
  return (
    /^[0-9a-f:]+$/i.test(address) &&
    address.includes(':') &&
    (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= 128))
  )
}

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
    enabled: true,
    previousKey: null,
    owner: null,
    disabledReason: null,
    legacy: null,
    meta: {},
    credits: null,
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
  /** What `GET /admin/rate-limit-tiers` lists (none by default, as a worker without tiers). */
  tiers: RateLimitTier[] = []
  /** Each token's days, by id; a token without an entry has 30 days of zeros. */
  usage = new Map<number, UsageDay[]>()
  /** Audit events, oldest first (the routes list them newest first). */
  events: TokenEvent[] = []
  /** Who the admin JWT says makes the changes. */
  actor: EventActor = { sub: 'demo-admin', name: 'Demo admin' }
  /**
   * The admin JWT's `owner` claim, answered as `meta.owner` of the permissions (SPEC §8):
   * `null` = an operator, a string = an admin scoped to that owner; `undefined` = a worker
   * from before §8 (no `meta`, no owners).
   */
  adminOwner: string | null | undefined = undefined
  /**
   * The grant policy answered beside `owner` (SPEC §13): the admin JWT's `grantable`
   * (`null` = everything) and the worker's `MAX_LIFESPAN_DAYS` (`null` = no cap). Sent once
   * `adminOwner` is set, as a worker from §13 on answers them.
   */
  policy: { grantable: string[] | null; maxLifespanDays: number | null } = {
    grantable: null,
    maxLifespanDays: null,
  }
  /** JWTs the API accepts; an empty list accepts any. */
  validJwts: string[] = []
  /** Makes the next matching call fail with this response. */
  failNext: { method: string; path: RegExp; response: () => Response } | undefined
  /** Held responses: matching calls wait until their release function is called. */
  private held: { method: string | undefined; path: RegExp; gate: Promise<void> }[] = []
  private nextId = 1
  private nextEventId = 1
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

  /** Records an event, as the worker does in the batch of each change (SPEC §7). */
  record(
    token: Token,
    action: TokenEventAction,
    fields: Partial<Pick<TokenEvent, 'at' | 'actor' | 'changes'>> = {},
  ): TokenEvent {
    const event: TokenEvent = {
      id: this.nextEventId++,
      at: new Date().toISOString(),
      action,
      tokenId: token.id,
      tokenName: token.name,
      owner: null,
      actor: action === 'expiring' || action === 'expired' ? null : this.actor,
      ip: '203.0.113.7',
      ...fields,
    }
    this.events.push(event)
    return event
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

  private validate(
    draft: Partial<TokenBody> & { lifespan?: unknown },
    exceptId?: number,
    allowed: readonly string[] = TOKEN_UPDATE_FIELDS,
  ): Response | undefined {
    const invalid = (path: string, message: string, code: FieldErrorCode) =>
      error(400, 'ValidationError', message, {
        errors: [{ path: [path], name: 'ValidationError', message, code }],
      })
    const unknown = Object.keys(draft).find((field) => !allowed.includes(field))
    if (unknown !== undefined) {
      return invalid(unknown, `${unknown} is not an allowed field`, 'unknown_field')
    }
    if (draft.name !== undefined && draft.name.trim().length > 100) {
      return invalid('name', 'name must be at most 100 characters', 'too_long')
    }
    if (draft.name !== undefined && !draft.name.trim()) {
      return invalid('name', 'name is a required field', 'required')
    }
    if (draft.description && draft.description.trim().length > 256) {
      return invalid('description', 'description must be at most 256 characters', 'too_long')
    }
    const current = this.tokens.find((t) => t.id === exceptId)
    const type = draft.type ?? current?.type
    const permissions = draft.permissions ?? (draft.type ? undefined : current?.permissions)
    if (type === 'custom' && !permissions?.length) {
      return invalid(
        'permissions',
        'Missing permissions attribute for custom token',
        'permissions_missing',
      )
    }
    if (type !== 'custom' && draft.permissions?.length) {
      return invalid(
        'permissions',
        'Non-custom tokens should not reference permissions',
        'permissions_not_allowed',
      )
    }
    if (draft.expiresAt !== undefined) {
      if (draft.lifespan !== undefined) {
        return invalid('expiresAt', 'Send either lifespan or expiresAt', 'lifespan_or_expiry')
      }
      const at = Date.parse(draft.expiresAt)
      if (Number.isNaN(at) || at <= Date.now()) {
        return invalid('expiresAt', 'expiresAt must be a date in the future', 'expiry_passed')
      }
      if (at > Date.now() + MAX_EXPIRY_AHEAD_MS) {
        return invalid('expiresAt', 'expiresAt must be at most 10 years ahead', 'expiry_too_far')
      }
    }
    const bad = draft.allowedIps?.find((entry) => !isAddressOrRange(entry))
    if (bad !== undefined) {
      const message = `allowedIps: "${bad}" is not an IP address or CIDR range`
      return invalid('allowedIps', message, 'ip_invalid')
    }
    if ((draft.allowedIps?.length ?? 0) > MAX_ALLOWED_IPS) {
      const message = `allowedIps may hold at most ${MAX_ALLOWED_IPS} entries`
      return invalid('allowedIps', message, 'too_many_ips')
    }
    if (draft.rateLimit && !this.tiers.some((tier) => tier.name === draft.rateLimit)) {
      return invalid('rateLimit', `rateLimit: unknown tier "${draft.rateLimit}"`, 'unknown_tier')
    }
    if (
      draft.name !== undefined &&
      this.tokens.some((t) => t.name === draft.name?.trim() && t.id !== exceptId)
    ) {
      return invalid('name', 'Name already taken', 'name_taken')
    }
    // Metadata and credits (SPEC §13): at most 1 KB serialised; whole counts from 0.
    const metaBytes = new TextEncoder().encode(JSON.stringify(draft.meta ?? {})).byteLength
    if (metaBytes > MAX_META_BYTES) {
      return invalid('meta', `meta must be at most ${MAX_META_BYTES} bytes serialised`, 'too_long')
    }
    const { credits } = draft
    // A create, or an edit of an unmetered token, sets a balance: `remaining` is required.
    if (credits && credits.remaining === undefined && !current?.credits) {
      return invalid('credits', 'credits.remaining is a required field', 'required')
    }
    const counts = credits ? [credits.remaining ?? 0, credits.refill?.amount ?? 0] : []
    if (counts.some((count) => !Number.isInteger(count) || count < 0 || count > MAX_CREDITS)) {
      return invalid('credits', 'credits must be whole numbers of credits', 'invalid_value')
    }
    return undefined
  }

  /** A page of the events `keep` lets through, newest first, with `meta.pagination`. */
  private eventPage(call: Call, keep: (event: TokenEvent) => boolean): Response {
    const page = Number(call.search.get('page') ?? 1)
    const pageSize = Number(call.search.get('pageSize') ?? 25)
    const matching = this.events
      .filter(keep)
      .sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id)
    return Response.json({
      data: matching.slice((page - 1) * pageSize, page * pageSize),
      meta: {
        pagination: {
          page,
          pageSize,
          pageCount: Math.max(1, Math.ceil(matching.length / pageSize)),
          total: matching.length,
        },
      },
    })
  }

  private route(call: Call): Response {
    const { method, path } = call
    const id = Number(path.split('/')[3])
    const token = this.tokens.find((t) => t.id === id)
    if (method === 'GET' && path === '/admin/users/me/permissions') {
      const data = this.actions.map((action) => ({ action }))
      if (this.adminOwner === undefined) return Response.json({ data })
      return Response.json({ data, meta: { owner: this.adminOwner, ...this.policy } })
    }
    if (method === 'GET' && path === '/admin/content-api/permissions')
      return Response.json({ data: CATALOG })
    if (method === 'GET' && path === '/admin/content-api/routes')
      return Response.json({ data: ROUTES })
    if (method === 'GET' && path === '/admin/rate-limit-tiers') {
      return Response.json({ data: this.tiers })
    }
    if (method === 'GET' && path === '/admin/api-tokens') {
      const [field = 'name', direction = 'asc'] = (call.search.get('sort') ?? 'name:asc').split(':')
      const q = (call.search.get('q') ?? '').toLowerCase()
      const page = Number(call.search.get('page') ?? 1)
      const pageSize = Number(call.search.get('pageSize') ?? 25)
      const key = field as 'name' | 'createdAt' | 'lastUsedAt' | 'expiresAt'
      const enabled = call.search.get('enabled')
      const type = call.search.get('type')
      if (type !== null && !(TOKEN_TYPES as readonly string[]).includes(type)) {
        const message = `type must be one of the following values: ${TOKEN_TYPES.join(', ')}`
        return error(400, 'ValidationError', message, {
          errors: [{ path: ['type'], name: 'ValidationError', message }],
        })
      }
      // Names as SQLite's NOCASE compares them (ASCII capitals folded), ties by id.
      const sortValue = (t: Token) => {
        const value = String(t[key] ?? '')
        return key === 'name' ? value.replace(/[A-Z]/g, (c) => c.toLowerCase()) : value
      }
      const compare = (a: Token, b: Token) => {
        const [x, y] = [sortValue(a), sortValue(b)]
        return x < y ? -1 : x > y ? 1 : a.id - b.id
      }
      // A scoped admin sees its owner's tokens; an operator may filter (`''` = no owner).
      const owner = typeof this.adminOwner === 'string' ? this.adminOwner : call.search.get('owner')
      const matching = this.tokens
        .filter((t) => owner === null || t.owner === (owner === '' ? null : owner))
        .filter((t) => enabled === null || String(t.enabled) === enabled)
        .filter((t) => type === null || t.type === type)
        .filter(
          (t) => !q || t.name.toLowerCase().includes(q) || t.description.toLowerCase().includes(q),
        )
        .sort((a, b) => compare(a, b) * (direction === 'desc' ? -1 : 1))
      return Response.json({
        data: matching.slice((page - 1) * pageSize, page * pageSize),
        meta: { pagination: { page, pageSize, total: matching.length } },
      })
    }
    if (method === 'POST' && path === '/admin/api-tokens') {
      const draft = call.body as TokenBody & { owner?: string | null }
      const scoped = typeof this.adminOwner === 'string'
      if (draft.owner !== undefined && (scoped || this.adminOwner === undefined)) {
        const message = 'owner: not allowed'
        return error(400, 'ValidationError', message, {
          errors: [
            { path: ['owner'], name: 'ValidationError', message, code: 'owner_not_allowed' },
          ],
        })
      }
      const invalid = this.validate(draft, undefined, TOKEN_CREATE_FIELDS)
      if (invalid) return invalid
      const now = Date.now()
      const { expiresAt, credits, ...fields } = draft
      const lifespan = expiresAt === undefined ? (draft.lifespan ?? null) : null
      const created = this.add({
        ...fields,
        name: draft.name.trim(),
        lifespan,
        enabled: draft.enabled ?? true,
        owner: scoped ? (this.adminOwner as string) : (draft.owner ?? null),
        meta: draft.meta ?? {},
        // Checked above: a create's credits carry `remaining`.
        credits: credits
          ? { remaining: credits.remaining ?? 0, refill: credits.refill ?? null }
          : null,
        expiresAt: expiresAt ?? (lifespan === null ? null : new Date(now + lifespan).toISOString()),
        createdAt: new Date(now).toISOString(),
      })
      this.record(created, 'created')
      return Response.json(
        { data: { ...created, accessKey: `tg_created${created.id}key` } },
        { status: 201 },
      )
    }
    if (method === 'GET' && path === '/admin/api-token-events') {
      const action = call.search.get('action')
      const tokenId = call.search.get('tokenId')
      return this.eventPage(
        call,
        (event) =>
          (!action || event.action === action) && (!tokenId || event.tokenId === Number(tokenId)),
      )
    }
    if (method === 'GET' && path.endsWith('/events')) {
      // A deleted token's history stays readable.
      if (!token && !this.events.some((event) => event.tokenId === id)) {
        return error(404, 'NotFoundError', 'API Token not found')
      }
      return this.eventPage(call, (event) => event.tokenId === id)
    }
    // A token that is not there is deleted already: nothing changes, `{data: null}`.
    if (!token && method === 'DELETE') return Response.json({ data: null })
    if (!token) return error(404, 'NotFoundError', 'API Token not found')
    if (method === 'GET' && path.endsWith('/usage')) {
      const days = this.usage.get(id) ?? usageDays(Number(call.search.get('days') ?? 30))
      const total = (key: 'requests' | 'refused') => days.reduce((sum, day) => sum + day[key], 0)
      return Response.json({
        data: { days, total: { requests: total('requests'), refused: total('refused') } },
      })
    }
    if (method === 'GET') return Response.json({ data: token })
    if (method === 'PUT') {
      // Credits sent replace the balance (SPEC §13), as the worker's do; the answer, like
      // every answer with a token, carries the live (current) balance.
      const draft = call.body as Partial<TokenBody>
      const invalid = this.validate(draft, id)
      if (invalid) return invalid
      const before = { ...token }
      const { expiresAt, lifespan, credits, ...fields } = draft
      Object.assign(token, fields, { updatedAt: new Date().toISOString() })
      // What credits leave out stays the token's own: without `remaining` the live balance.
      if (credits !== undefined) {
        token.credits = credits && {
          remaining: credits.remaining ?? before.credits?.remaining ?? 0,
          refill: credits.refill === undefined ? (before.credits?.refill ?? null) : credits.refill,
        }
      }
      if (token.type !== 'custom') token.permissions = []
      const customDate = before.lifespan === null && before.expiresAt !== null
      if (expiresAt !== undefined) {
        Object.assign(token, { lifespan: null, expiresAt })
      } else if (lifespan !== undefined && (lifespan !== before.lifespan || customDate)) {
        // A new duration restarts the lifetime; `null` on a custom date makes it unlimited.
        Object.assign(token, {
          lifespan,
          expiresAt: lifespan === null ? null : new Date(Date.now() + lifespan).toISOString(),
        })
      }
      const changes: EventChanges = {}
      for (const key of Object.keys(before) as (keyof Token)[]) {
        if (key === 'updatedAt') continue
        if (JSON.stringify(before[key]) !== JSON.stringify(token[key])) {
          changes[key] = [before[key], token[key]]
        }
      }
      // Enabling a token clears why it was disabled (SPEC §12); not a change of its own.
      if (token.enabled) token.disabledReason = null
      const keys = Object.keys(changes)
      if (keys.length === 1 && keys[0] === 'enabled') {
        this.record(token, token.enabled ? 'enabled' : 'disabled')
      } else if (keys.length) {
        this.record(token, 'updated', { changes })
      }
      return Response.json({ data: token })
    }
    if (method === 'DELETE') {
      this.tokens = this.tokens.filter((t) => t.id !== id)
      this.record(token, 'deleted')
      return Response.json({ data: token })
    }
    if (method === 'POST' && path.endsWith('/regenerate')) {
      const body = (call.body ?? {}) as { gracePeriod?: number }
      const grace = body.gracePeriod ?? 0
      if (!Number.isInteger(grace) || grace < 0 || grace > 604_800) {
        const message = 'gracePeriod must be a whole number of seconds from 0 to 604800'
        return error(400, 'ValidationError', message, {
          errors: [
            {
              path: ['gracePeriod'],
              name: 'ValidationError',
              message,
              code: 'invalid_grace_period',
            },
          ],
        })
      }
      token.previousKey =
        grace > 0
          ? { keyHint: token.keyHint, expiresAt: new Date(Date.now() + grace * 1000).toISOString() }
          : null
      const replacedHint = token.keyHint
      token.keyHint = `tg_rege…n${id}`
      // A regenerated key is Tollgate's, and no longer the one reported (SPEC §12).
      Object.assign(token, { disabledReason: null, legacy: null })
      this.record(token, 'regenerated', {
        changes: { keyHint: [replacedHint, token.keyHint], gracePeriod: [null, grace] },
      })
      const { expiresAt, previousKey } = token
      return Response.json(
        { data: { id, accessKey: `tg_regenerated${id}key`, expiresAt, previousKey } },
        { status: 201 },
      )
    }
    return error(404, 'NotFoundError', 'Not Found')
  }
}
