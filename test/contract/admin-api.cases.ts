// The admin API's contract, as one set of cases run against both implementations: the
// real worker (test/worker/admin-contract.test.ts, in workerd on D1) and the component
// tests' stand-in (test/components/fake-admin-api.contract.test.ts, in Chromium). A
// difference between the two fails one side, so the fake cannot drift from the worker.
import type { ErrorBody, FieldError, FieldErrorCode, Token } from '../../contract/api-tokens'

/** One call to an admin API: what came back. */
export interface ContractAnswer {
  status: number
  body: unknown
}

/** How a suite reaches its implementation: a signed-in admin with every action. */
export type ContractCall = (method: string, path: string, body?: unknown) => Promise<ContractAnswer>

/** A named case; it throws a descriptive Error on the first difference. */
export interface ContractCase {
  name: string
  run: (call: ContractCall) => Promise<void>
}

/** An action both implementations' catalogs hold. */
const FIND = 'api::article.article.find'
let unique = 0
const uniqueName = (label: string) => `contract ${label} ${Date.now()}-${unique++}`

function fail(message: string, received: unknown): never {
  throw new Error(`${message}; received ${JSON.stringify(received)}`)
}

function expectStatus(answer: ContractAnswer, status: number, what: string): void {
  if (answer.status !== status) fail(`${what}: expected status ${status}`, answer)
}

const TOKEN_FIELDS: Record<keyof Token, (value: unknown) => boolean> = {
  id: (v) => typeof v === 'number',
  name: (v) => typeof v === 'string',
  description: (v) => typeof v === 'string',
  type: (v) => v === 'read-only' || v === 'full-access' || v === 'custom',
  lifespan: (v) => v === null || typeof v === 'number',
  expiresAt: (v) => v === null || typeof v === 'string',
  lastUsedAt: (v) => v === null || typeof v === 'string',
  createdAt: (v) => typeof v === 'string',
  updatedAt: (v) => typeof v === 'string',
  permissions: (v) => Array.isArray(v) && v.every((p) => typeof p === 'string'),
  keyHint: (v) => typeof v === 'string',
  allowedIps: (v) => Array.isArray(v),
  rateLimit: (v) => v === null || typeof v === 'string',
  enabled: (v) => typeof v === 'boolean',
  previousKey: (v) => v === null || (typeof v === 'object' && v !== null && 'keyHint' in v),
  owner: (v) => v === null || typeof v === 'string',
  disabledReason: (v) => v === null || v === 'leaked',
  legacy: (v) => v === null || v === 'strapi',
  meta: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  credits: (v) => v === null || (typeof v === 'object' && 'remaining' in v && 'refill' in v),
}

/** A Token exactly as SPEC §1 shapes it: every field, of its type, and no other. */
function expectToken(value: unknown, what: string, extra: string[] = []): Token {
  if (typeof value !== 'object' || value === null) fail(`${what}: expected a token`, value)
  const record = value as Record<string, unknown>
  for (const [field, ok] of Object.entries(TOKEN_FIELDS)) {
    if (!ok(record[field])) fail(`${what}: field ${field}`, record[field])
  }
  const unexpected = Object.keys(record).filter(
    (field) => !(field in TOKEN_FIELDS) && !extra.includes(field),
  )
  if (unexpected.length) fail(`${what}: unexpected fields ${unexpected.join(', ')}`, record)
  return value as Token
}

function dataOf(answer: ContractAnswer): unknown {
  return (answer.body as { data?: unknown } | null)?.data
}

/** Strapi's error shape (SPEC §2) with this status, name and, when given, field path. */
function expectError(
  answer: ContractAnswer,
  status: number,
  name: string,
  what: string,
  field?: string,
  code?: FieldErrorCode,
): void {
  expectStatus(answer, status, what)
  const body = answer.body as ErrorBody
  if (body.data !== null || body.error?.status !== status || body.error.name !== name) {
    fail(`${what}: expected {data: null, error: {status: ${status}, name: ${name}}}`, body)
  }
  if (typeof body.error.message !== 'string' || !body.error.message) {
    fail(`${what}: expected an error message`, body)
  }
  if (field !== undefined) {
    const errors = (body.error.details?.errors ?? []) as FieldError[]
    const paths = errors.map((error) => error.path.join('.'))
    if (!paths.includes(field)) fail(`${what}: expected an error on ${field}`, body)
    const codes = errors.filter((error) => error.path.join('.') === field).map((e) => e.code)
    if (code !== undefined && !codes.includes(code)) {
      fail(`${what}: expected the code ${code} on ${field}`, body)
    }
  }
}

async function created(call: ContractCall, body: Record<string, unknown>): Promise<Token> {
  const answer = await call('POST', '/admin/api-tokens', body)
  expectStatus(answer, 201, 'create')
  return expectToken(dataOf(answer), 'create', ['accessKey'])
}

export const adminApiContract: ContractCase[] = [
  {
    name: 'creates a token and shows its key once: 201 with every Token field and accessKey',
    async run(call) {
      const name = uniqueName('create')
      const answer = await call('POST', '/admin/api-tokens', { name, type: 'read-only' })
      expectStatus(answer, 201, 'create')
      const token = expectToken(dataOf(answer), 'create', ['accessKey'])
      const { accessKey } = dataOf(answer) as { accessKey?: unknown }
      if (typeof accessKey !== 'string' || !accessKey.startsWith('tg_')) {
        fail('create: accessKey', accessKey)
      }
      if (token.name !== name || token.description !== '' || token.lifespan !== null) {
        fail('create: defaults', token)
      }
      const read = await call('GET', `/admin/api-tokens/${token.id}`)
      expectStatus(read, 200, 'read')
      const again = expectToken(dataOf(read), 'read')
      if ('accessKey' in again) fail('read: the key is never shown again', again)
    },
  },
  {
    name: 'lists tokens as {data: Token[]}, and pages with meta.pagination',
    async run(call) {
      await created(call, { name: uniqueName('list'), type: 'read-only' })
      const all = await call('GET', '/admin/api-tokens')
      expectStatus(all, 200, 'list')
      const tokens = dataOf(all)
      if (!Array.isArray(tokens) || tokens.length === 0) fail('list: expected tokens', all.body)
      tokens.forEach((token, i) => expectToken(token, `list[${i}]`))
      const page = await call('GET', '/admin/api-tokens?page=1&pageSize=1')
      expectStatus(page, 200, 'page')
      const { data, meta } = page.body as {
        data: unknown[]
        meta?: { pagination?: Record<string, unknown> }
      }
      const pagination = meta?.pagination
      if (
        data.length !== 1 ||
        pagination?.page !== 1 ||
        pagination.pageSize !== 1 ||
        typeof pagination.total !== 'number' ||
        pagination.total < 1
      ) {
        fail('page: expected one token and {page: 1, pageSize: 1, total}', page.body)
      }
    },
  },
  {
    name: 'filters the list by ?type= and ?enabled=, sorts names case-insensitively, refuses a bad ?type= with 400',
    async run(call) {
      const stem = uniqueName('filter').replace(/ /g, '-')
      const readOnly = await created(call, { name: `${stem}-beta`, type: 'read-only' })
      const custom = await created(call, {
        name: `${stem}-Alpha`,
        type: 'custom',
        permissions: [FIND],
      })
      const full = await created(call, {
        name: `${stem}-gamma`,
        type: 'full-access',
        enabled: false,
      })
      const ids = async (query: string) => {
        const answer = await call('GET', `/admin/api-tokens?q=${stem}&${query}`)
        expectStatus(answer, 200, query)
        return (dataOf(answer) as Token[]).map((token) => token.id).join(',')
      }
      const expect = async (query: string, tokens: Token[]) => {
        const got = await ids(query)
        if (got !== tokens.map((token) => token.id).join(',')) fail(`?${query}`, got)
      }
      await expect('sort=name', [custom, readOnly, full])
      await expect('sort=name:desc', [full, readOnly, custom])
      await expect('type=custom', [custom])
      await expect('type=read-only', [readOnly])
      await expect('type=full-access&enabled=false', [full])
      await expect('type=full-access&enabled=true', [])
      const bad = await call('GET', '/admin/api-tokens?type=admin')
      expectError(bad, 400, 'ValidationError', '?type=admin', 'type')
    },
  },
  {
    name: 'refuses a name already taken with 400 on name, and custom without permissions on permissions',
    async run(call) {
      const name = uniqueName('taken')
      await created(call, { name, type: 'read-only' })
      const taken = await call('POST', '/admin/api-tokens', { name, type: 'read-only' })
      expectError(taken, 400, 'ValidationError', 'name taken', 'name', 'name_taken')
      const custom = await call('POST', '/admin/api-tokens', {
        name: uniqueName('custom'),
        type: 'custom',
      })
      expectError(
        custom,
        400,
        'ValidationError',
        'custom without permissions',
        'permissions',
        'permissions_missing',
      )
      const unknownField = await call('POST', '/admin/api-tokens', {
        name: uniqueName('unknown field'),
        type: 'read-only',
        color: 'red',
      })
      expectError(
        unknownField,
        400,
        'ValidationError',
        'an unknown field',
        'color',
        'unknown_field',
      )
      const badIp = await call('POST', '/admin/api-tokens', {
        name: uniqueName('bad ip'),
        type: 'read-only',
        allowedIps: ['10.0.0.300'],
      })
      expectError(badIp, 400, 'ValidationError', 'a bad IP entry', 'allowedIps', 'ip_invalid')
      const long = await call('POST', '/admin/api-tokens', {
        name: 'n'.repeat(101),
        type: 'read-only',
      })
      expectError(long, 400, 'ValidationError', 'a long name', 'name', 'too_long')
    },
  },
  {
    name: 'edits a token: 200 with the token as it now is',
    async run(call) {
      const token = await created(call, {
        name: uniqueName('edit'),
        type: 'custom',
        permissions: [FIND],
      })
      const name = uniqueName('edited')
      const answer = await call('PUT', `/admin/api-tokens/${token.id}`, {
        name,
        description: 'changed',
        type: 'read-only',
      })
      expectStatus(answer, 200, 'edit')
      const edited = expectToken(dataOf(answer), 'edit')
      if (edited.name !== name || edited.description !== 'changed' || edited.permissions.length) {
        fail('edit: the new fields, read-only without permissions', edited)
      }
    },
  },
  {
    name: 'keeps meta and credits (SPEC §13): an edit’s remaining replaces the balance, a refill alone keeps it, meta over 1 KB is 400',
    async run(call) {
      const credits = { remaining: 5, refill: { amount: 10, interval: 'day' } }
      const token = await created(call, {
        name: uniqueName('metered'),
        type: 'read-only',
        meta: { plan: 'pro' },
        credits,
      })
      if (
        JSON.stringify([token.meta, token.credits]) !== JSON.stringify([{ plan: 'pro' }, credits])
      ) {
        fail('create: meta and credits as sent', token)
      }
      const replaced = { remaining: 42, refill: null }
      const edit = await call('PUT', `/admin/api-tokens/${token.id}`, { credits: replaced })
      expectStatus(edit, 200, 'edit credits')
      const read = expectToken(dataOf(await call('GET', `/admin/api-tokens/${token.id}`)), 'read')
      if (JSON.stringify(read.credits) !== JSON.stringify(replaced)) fail('read: replaced', read)
      // A refill alone keeps the balance.
      const monthly = { amount: 7, interval: 'month' }
      const refilled = await call('PUT', `/admin/api-tokens/${token.id}`, {
        credits: { refill: monthly },
      })
      const kept = expectToken(dataOf(refilled), 'refill only')
      if (JSON.stringify(kept.credits) !== JSON.stringify({ remaining: 42, refill: monthly })) {
        fail('refill only: the balance kept', kept)
      }
      const big = { notes: 'x'.repeat(1100) }
      const refused = await call('PUT', `/admin/api-tokens/${token.id}`, { meta: big })
      expectError(refused, 400, 'ValidationError', 'meta over 1 KB', 'meta', 'too_long')
    },
  },
  {
    name: 'regenerates: 201 with {id, accessKey, expiresAt, previousKey}',
    async run(call) {
      const token = await created(call, { name: uniqueName('regenerate'), type: 'read-only' })
      const answer = await call('POST', `/admin/api-tokens/${token.id}/regenerate`)
      expectStatus(answer, 201, 'regenerate')
      const data = dataOf(answer) as Record<string, unknown>
      const keys = Object.keys(data).sort().join(',')
      if (keys !== 'accessKey,expiresAt,id,previousKey' || data.id !== token.id) {
        fail('regenerate: expected exactly {id, accessKey, expiresAt, previousKey}', data)
      }
      if (typeof data.accessKey !== 'string' || data.previousKey !== null) {
        fail('regenerate: a new key and no previous key without a grace period', data)
      }
    },
  },
  {
    name: 'deletes a token: {data: Token}, then {data: null}; an unknown id is a 404',
    async run(call) {
      const token = await created(call, { name: uniqueName('delete'), type: 'read-only' })
      const first = await call('DELETE', `/admin/api-tokens/${token.id}`)
      expectStatus(first, 200, 'delete')
      expectToken(dataOf(first), 'delete')
      const second = await call('DELETE', `/admin/api-tokens/${token.id}`)
      expectStatus(second, 200, 'delete again')
      if (dataOf(second) !== null) fail('delete again: expected {data: null}', second.body)
      const missing = await call('GET', `/admin/api-tokens/${token.id}`)
      expectError(missing, 404, 'NotFoundError', 'read a deleted token')
    },
  },
  {
    name: 'answers the catalogs and the admin’s permissions in their shapes',
    async run(call) {
      const permissions = await call('GET', '/admin/content-api/permissions')
      expectStatus(permissions, 200, 'permissions')
      const catalog = dataOf(permissions) as Record<
        string,
        { controllers?: Record<string, unknown> }
      >
      const article = catalog['api::article']?.controllers?.article
      if (!Array.isArray(article) || !article.includes('find')) {
        fail('permissions: api::article with controller article and find', catalog)
      }
      const routes = await call('GET', '/admin/content-api/routes')
      expectStatus(routes, 200, 'routes')
      const routeList = (dataOf(routes) as Record<string, unknown[]>)['api::article'] ?? []
      const find = routeList.find((route) => (route as { action?: string }).action === FIND) as
        { method?: string; path?: string } | undefined
      if (find?.method !== 'GET' || find.path !== '/api/articles') {
        fail('routes: GET /api/articles for find', routeList)
      }
      const me = await call('GET', '/admin/users/me/permissions')
      expectStatus(me, 200, 'me')
      const actions = (dataOf(me) as { action: string }[]).map((entry) => entry.action)
      if (!actions.includes('admin::api-tokens.read')) fail('me: every admin action', me.body)
      const tiers = await call('GET', '/admin/rate-limit-tiers')
      expectStatus(tiers, 200, 'tiers')
      if (!Array.isArray(dataOf(tiers))) fail('tiers: an array', tiers.body)
    },
  },
  {
    name: 'answers usage as {days, total} and events with meta.pagination',
    async run(call) {
      const token = await created(call, { name: uniqueName('usage'), type: 'read-only' })
      const usage = await call('GET', `/admin/api-tokens/${token.id}/usage?days=7`)
      expectStatus(usage, 200, 'usage')
      const { days, total } = dataOf(usage) as {
        days: { date: string; requests: number; refused: number }[]
        total: { requests: number; refused: number }
      }
      if (days.length !== 7 || !/^\d{4}-\d{2}-\d{2}$/.test(days[6]!.date)) {
        fail('usage: seven UTC days, oldest first', days)
      }
      if (typeof total.requests !== 'number' || typeof total.refused !== 'number') {
        fail('usage: totals', total)
      }
      const events = await call('GET', `/admin/api-tokens/${token.id}/events`)
      expectStatus(events, 200, 'events')
      const { data, meta } = events.body as {
        data: { action: string; tokenId: number }[]
        meta: { pagination: { page: number; pageSize: number; total: number } }
      }
      if (data[0]?.action !== 'created' || data[0].tokenId !== token.id) {
        fail('events: the created event', data)
      }
      if (meta.pagination.page !== 1 || meta.pagination.total !== data.length) {
        fail('events: pagination', meta)
      }
    },
  },
]
