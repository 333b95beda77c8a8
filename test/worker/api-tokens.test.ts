import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { hashApiKey } from '../../worker/keys/key-hash'
import { admin, createToken, uniqueName, type JsonBody } from './helpers'

const DAY = 86_400_000
const FIND = 'api::article.article.find'
const CREATE = 'api::article.article.create'

/** A name as SQLite's NOCASE compares it: ASCII capitals folded, nothing else. */
const asciiLower = (name: string) => name.replace(/[A-Z]/g, (c) => c.toLowerCase())

const TOKEN_FIELDS = [
  'allowedIps',
  'createdAt',
  'credits',
  'description',
  'disabledReason',
  'enabled',
  'expiresAt',
  'id',
  'keyHint',
  'lastUsedAt',
  'legacy',
  'lifespan',
  'meta',
  'name',
  'owner',
  'permissions',
  'previousKey',
  'rateLimit',
  'type',
  'updatedAt',
]

function expectValidation(
  response: { status: number; body: JsonBody },
  message: string,
  path?: string[],
) {
  expect(response.status).toBe(400)
  expect(response.body.data).toBeNull()
  expect(response.body.error).toMatchObject({ status: 400, name: 'ValidationError', message })
  if (path) {
    expect(response.body.error.details.errors).toEqual([
      { path, name: 'ValidationError', message, code: expect.any(String) as string },
    ])
  }
}

describe('POST /admin/api-tokens', () => {
  it('creates a token and returns it once with its key (201)', async () => {
    const before = Date.now()
    const response = await admin('POST', '/admin/api-tokens', {
      name: '  Website  ',
      description: ' Public site ',
      type: 'custom',
      lifespan: 604_800_000,
      permissions: [FIND, CREATE, FIND],
    })
    expect(response.status).toBe(201)
    const token = response.body.data
    expect(Object.keys(token).sort()).toEqual([...TOKEN_FIELDS, 'accessKey'].sort())
    expect(token).toMatchObject({
      name: 'Website',
      description: 'Public site',
      type: 'custom',
      lifespan: 604_800_000,
      lastUsedAt: null,
      permissions: [CREATE, FIND],
    })
    expect(token.id).toBeTypeOf('number')
    expect(token.accessKey).toMatch(/^tg_[0-9A-Za-z]{49}$/)
    expect(token.keyHint).toBe(`tg_${token.accessKey.slice(3, 7)}…${token.accessKey.slice(-4)}`)
    const expires = Date.parse(token.expiresAt)
    expect(expires - Date.parse(token.createdAt)).toBe(7 * DAY)
    expect(Date.parse(token.createdAt)).toBeGreaterThanOrEqual(before - 1)
  })

  it('defaults to no description and an unlimited lifespan', async () => {
    const token = await createToken({ type: 'full-access' })
    expect(token).toMatchObject({
      description: '',
      lifespan: null,
      expiresAt: null,
      permissions: [],
    })
  })

  it('stores only the HMAC of the key, never the key', async () => {
    const token = await createToken({ type: 'full-access' })
    const row = await env.DB.prepare('select * from api_tokens where id = ?')
      .bind(token.id)
      .first<Record<string, unknown>>()
    expect(row!.access_key_hash).toBe(await hashApiKey(token.accessKey, env.TOKEN_PEPPER!))
    const everything = JSON.stringify(
      (await env.DB.prepare('select * from api_tokens').all()).results,
    )
    expect(everything).not.toContain(token.accessKey)
    expect(everything).not.toContain(token.accessKey.slice(3, 40))
  })

  it.each([
    [{ name: 'a' }, 'type is a required field', ['type']],
    [
      { name: 'a', type: 'admin' },
      'type must be one of the following values: read-only, full-access, custom',
      ['type'],
    ],
    [{ type: 'read-only' }, 'name is a required field', ['name']],
    [{ name: '   ', type: 'read-only' }, 'name is a required field', ['name']],
    [{ name: 'x'.repeat(101), type: 'read-only' }, 'name must be at most 100 characters', ['name']],
    [
      { name: 'a', type: 'read-only', description: 'd'.repeat(257) },
      'description must be at most 256 characters',
      ['description'],
    ],
    [
      { name: 'a', type: 'read-only', lifespan: 1000 },
      'lifespan must be one of the following values: 604800000, 2592000000, 7776000000, null',
      ['lifespan'],
    ],
    [
      { name: 'a', type: 'read-only', lifespan: '604800000' },
      'lifespan must be one of the following values: 604800000, 2592000000, 7776000000, null',
      ['lifespan'],
    ],
    [
      { name: 'a', type: 'read-only', permissions: [FIND] },
      'Non-custom tokens should not reference permissions',
      ['permissions'],
    ],
    [
      { name: 'a', type: 'custom' },
      'Missing permissions attribute for custom token',
      ['permissions'],
    ],
    [
      { name: 'a', type: 'custom', permissions: [] },
      'Missing permissions attribute for custom token',
      ['permissions'],
    ],
    [
      { name: 'a', type: 'custom', permissions: [FIND, 'api::nope.nope.find', 'bogus'] },
      'Unknown permissions provided: api::nope.nope.find, bogus',
      ['permissions'],
    ],
    [{ name: 'a', type: 'read-only', admin: true }, 'admin is not an allowed field', ['admin']],
  ])('refuses %j: %s', async (body, message, path) => {
    expectValidation(await admin('POST', '/admin/api-tokens', body), message, path)
  })

  it('lists every error when there are several', async () => {
    const response = await admin('POST', '/admin/api-tokens', { lifespan: 5 })
    expect(response.status).toBe(400)
    expect(response.body.error.message).toBe('3 errors occurred')
    expect(
      response.body.error.details.errors.map((e: { path: string[] }) => e.path[0]).sort(),
    ).toEqual(['lifespan', 'name', 'type'])
  })

  it('refuses a name already taken, after trimming', async () => {
    const token = await createToken()
    expectValidation(
      await admin('POST', '/admin/api-tokens', { name: ` ${token.name} `, type: 'read-only' }),
      'Name already taken',
      ['name'],
    )
  })

  it('lets exactly one of two racing creates with one name win', async () => {
    const name = uniqueName('race')
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        admin('POST', '/admin/api-tokens', { name, type: 'read-only' }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 400, 400, 400])
    for (const loser of results.filter((r) => r.status === 400)) {
      expect(loser.body.error.message).toBe('Name already taken')
    }
    const count = await env.DB.prepare('select count(*) as n from api_tokens where name = ?')
      .bind(name)
      .first<{ n: number }>()
    expect(count!.n).toBe(1)
  })

  it('refuses a body that is not JSON', async () => {
    const response = await admin('POST', '/admin/api-tokens', undefined)
    expect(response.status).toBe(400)
    expect(response.body.error.name).toBe('ValidationError')
  })
})

describe('GET /admin/api-tokens', () => {
  it('lists tokens by name without keys, and sorts, searches and pages', async () => {
    const stem = uniqueName('list')
    const made = []
    for (const suffix of ['c', 'a', 'b']) {
      made.push(
        await createToken({ name: `${stem}-${suffix}`, description: `about ${suffix}${stem}` }),
      )
    }
    const all = await admin('GET', '/admin/api-tokens')
    expect(all.status).toBe(200)
    expect(all.body.meta).toBeUndefined()
    // Case-insensitively, as SQLite's NOCASE folds: ASCII letters only.
    const names = all.body.data.map((t: { name: string }) => asciiLower(t.name))
    expect(names).toEqual([...names].sort())
    for (const token of all.body.data) {
      expect(Object.keys(token).sort()).toEqual(TOKEN_FIELDS)
    }

    const mine = await admin('GET', `/admin/api-tokens?q=${stem}&sort=name:desc`)
    expect(mine.body.data.map((t: { name: string }) => t.name)).toEqual(
      ['c', 'b', 'a'].map((s) => `${stem}-${s}`),
    )

    const byCreated = await admin('GET', `/admin/api-tokens?q=${stem}&sort=createdAt:desc`)
    expect(byCreated.body.data.map((t: { id: number }) => t.id)).toEqual(
      made.map((t) => t.id).reverse(),
    )

    const paged = await admin('GET', `/admin/api-tokens?q=${stem}&page=2&pageSize=2`)
    expect(paged.body.data.map((t: { name: string }) => t.name)).toEqual([`${stem}-c`])
    expect(paged.body.meta).toEqual({ pagination: { page: 2, pageSize: 2, total: 3 } })

    const defaults = await admin('GET', `/admin/api-tokens?q=${stem}&page=1`)
    expect(defaults.body.meta).toEqual({ pagination: { page: 1, pageSize: 25, total: 3 } })
  })

  it('sorts names case-insensitively, ties by id: alpha, Beta, gamma (SPEC §2)', async () => {
    const stem = uniqueName('nocase')
    for (const name of ['gamma', 'Beta', 'alpha']) await createToken({ name: `${stem}-${name}` })
    const ascending = await admin('GET', `/admin/api-tokens?q=${stem}&sort=name`)
    expect(ascending.body.data.map((t: { name: string }) => t.name)).toEqual(
      ['alpha', 'Beta', 'gamma'].map((name) => `${stem}-${name}`),
    )
    const descending = await admin('GET', `/admin/api-tokens?q=${stem}&sort=name:desc`)
    expect(descending.body.data.map((t: { name: string }) => t.name)).toEqual(
      ['gamma', 'Beta', 'alpha'].map((name) => `${stem}-${name}`),
    )
  })

  it('filters by ?type= and ?enabled=, together with a search', async () => {
    const stem = uniqueName('typed')
    const readOnly = await createToken({ name: `${stem}-r`, type: 'read-only' })
    const full = await createToken({ name: `${stem}-f`, type: 'full-access', enabled: false })
    const custom = await createToken({ name: `${stem}-c`, type: 'custom', permissions: [FIND] })
    const ids = async (query: string) =>
      (await admin('GET', `/admin/api-tokens?q=${stem}&${query}`)).body.data.map(
        (t: { id: number }) => t.id,
      )
    expect(await ids('type=read-only')).toEqual([readOnly.id])
    expect(await ids('type=full-access')).toEqual([full.id])
    expect(await ids('type=custom')).toEqual([custom.id])
    expect(await ids('type=full-access&enabled=true')).toEqual([])
    expect(await ids('enabled=true&sort=name')).toEqual([custom.id, readOnly.id])
    const paged = await admin('GET', `/admin/api-tokens?q=${stem}&type=custom&page=1`)
    expect(paged.body.meta).toEqual({ pagination: { page: 1, pageSize: 25, total: 1 } })
  })

  it('searches descriptions too, and treats % and _ literally', async () => {
    const marker = uniqueName('desc').replace(/-/g, '')
    const token = await createToken({ description: `has ${marker} inside` })
    const found = await admin('GET', `/admin/api-tokens?q=${marker}`)
    expect(found.body.data.map((t: { id: number }) => t.id)).toEqual([token.id])
    const wildcard = await admin('GET', '/admin/api-tokens?q=%25')
    expect(wildcard.body.data).toEqual([])
  })

  it.each([
    ['sort=secret', 'sort'],
    ['sort=name:up', 'sort'],
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['pageSize=101', 'pageSize'],
    ['pageSize=-1', 'pageSize'],
    ['type=admin', 'type'],
    ['type=Read-only', 'type'],
    ['enabled=yes', 'enabled'],
  ])('refuses ?%s', async (query, field) => {
    const response = await admin('GET', `/admin/api-tokens?${query}`)
    expect(response.status).toBe(400)
    expect(response.body.error.details.errors[0].path).toEqual([field])
  })
})

describe('GET /admin/api-tokens/:id', () => {
  it('returns the token', async () => {
    const created = await createToken({ type: 'custom', permissions: [FIND] })
    const response = await admin('GET', `/admin/api-tokens/${created.id}`)
    expect(response.status).toBe(200)
    const { accessKey, ...rest } = created
    expect(accessKey).toBeDefined()
    expect(response.body).toEqual({ data: rest })
  })

  it('answers 404 for a missing token and 400 for a non-integer id', async () => {
    const missing = await admin('GET', '/admin/api-tokens/999999')
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual({
      data: null,
      error: { status: 404, name: 'NotFoundError', message: 'API Token not found', details: {} },
    })
    for (const id of ['abc', '1.5', '0', '-1']) {
      const bad = await admin('GET', `/admin/api-tokens/${id}`)
      expect(bad.status).toBe(400)
      expect(bad.body.error.message).toBe('id must be a positive integer')
    }
  })
})

describe('PUT /admin/api-tokens/:id', () => {
  it('updates a subset of fields and keeps the rest', async () => {
    const token = await createToken({ description: 'old', lifespan: 2_592_000_000 })
    const response = await admin('PUT', `/admin/api-tokens/${token.id}`, {
      description: '  new  ',
    })
    expect(response.status).toBe(200)
    expect(response.body.data).toMatchObject({
      name: token.name,
      description: 'new',
      type: 'read-only',
      expiresAt: token.expiresAt,
    })
    expect(Object.keys(response.body.data).sort()).toEqual(TOKEN_FIELDS)
    const cleared = await admin('PUT', `/admin/api-tokens/${token.id}`, { description: null })
    expect(cleared.body.data.description).toBe('')
  })

  it('restarts the lifetime when the duration changes, and only then', async () => {
    const token = await createToken({ lifespan: 604_800_000 })
    const same = await admin('PUT', `/admin/api-tokens/${token.id}`, {
      name: token.name,
      lifespan: 604_800_000,
    })
    expect(same.body.data.expiresAt).toBe(token.expiresAt)

    const before = Date.now()
    const longer = await admin('PUT', `/admin/api-tokens/${token.id}`, { lifespan: 7_776_000_000 })
    expect(longer.body.data.lifespan).toBe(7_776_000_000)
    const expires = Date.parse(longer.body.data.expiresAt)
    expect(expires).toBeGreaterThanOrEqual(before + 90 * DAY)
    expect(expires).toBeLessThanOrEqual(Date.now() + 90 * DAY)

    const unlimited = await admin('PUT', `/admin/api-tokens/${token.id}`, { lifespan: null })
    expect(unlimited.body.data).toMatchObject({ lifespan: null, expiresAt: null })
  })

  it('drops permissions when the type leaves custom', async () => {
    const token = await createToken({ type: 'custom', permissions: [FIND, CREATE] })
    const response = await admin('PUT', `/admin/api-tokens/${token.id}`, { type: 'full-access' })
    expect(response.body.data).toMatchObject({ type: 'full-access', permissions: [] })
    const rows = await env.DB.prepare(
      'select count(*) as n from api_token_permissions where token_id = ?',
    )
      .bind(token.id)
      .first<{ n: number }>()
    expect(rows!.n).toBe(0)
  })

  it('replaces permissions, and requires them when switching to custom', async () => {
    const token = await createToken()
    expectValidation(
      await admin('PUT', `/admin/api-tokens/${token.id}`, { type: 'custom' }),
      'Missing permissions attribute for custom token',
    )
    const custom = await admin('PUT', `/admin/api-tokens/${token.id}`, {
      type: 'custom',
      permissions: [FIND],
    })
    expect(custom.body.data.permissions).toEqual([FIND])
    const replaced = await admin('PUT', `/admin/api-tokens/${token.id}`, { permissions: [CREATE] })
    expect(replaced.body.data).toMatchObject({ type: 'custom', permissions: [CREATE] })
    expectValidation(
      await admin('PUT', `/admin/api-tokens/${token.id}`, { permissions: [] }),
      'Missing permissions attribute for custom token',
    )
    expectValidation(
      await admin('PUT', `/admin/api-tokens/${token.id}`, {
        type: 'read-only',
        permissions: [FIND],
      }),
      'Non-custom tokens should not reference permissions',
    )
  })

  it('refuses a name another token has, but accepts its own', async () => {
    const first = await createToken()
    const second = await createToken()
    expectValidation(
      await admin('PUT', `/admin/api-tokens/${second.id}`, { name: first.name }),
      'Name already taken',
      ['name'],
    )
    const own = await admin('PUT', `/admin/api-tokens/${first.id}`, { name: first.name })
    expect(own.status).toBe(200)
  })

  it('validates fields and answers 404 for a missing token', async () => {
    const token = await createToken()
    expectValidation(
      await admin('PUT', `/admin/api-tokens/${token.id}`, { type: 'root' }),
      'type must be one of the following values: read-only, full-access, custom',
    )
    expectValidation(
      await admin('PUT', `/admin/api-tokens/${token.id}`, { accessKey: 'x' }),
      'accessKey is not an allowed field',
    )
    const missing = await admin('PUT', '/admin/api-tokens/999999', { name: 'x' })
    expect(missing.status).toBe(404)
    expect(missing.body.error.message).toBe('API Token not found')
  })
})

describe('POST /admin/api-tokens/:id/regenerate', () => {
  it('issues a new key and restarts the lifetime', async () => {
    const token = await createToken({ lifespan: 604_800_000 })
    const before = Date.now()
    const response = await admin('POST', `/admin/api-tokens/${token.id}/regenerate`)
    expect(response.status).toBe(201)
    expect(Object.keys(response.body.data).sort()).toEqual([
      'accessKey',
      'expiresAt',
      'id',
      'previousKey',
    ])
    expect(response.body.data.id).toBe(token.id)
    expect(response.body.data.accessKey).not.toBe(token.accessKey)
    expect(response.body.data.accessKey).toMatch(/^tg_/)
    expect(Date.parse(response.body.data.expiresAt)).toBeGreaterThanOrEqual(before + 7 * DAY)

    const row = await env.DB.prepare(
      'select access_key_hash, key_hint from api_tokens where id = ?',
    )
      .bind(token.id)
      .first<{ access_key_hash: string; key_hint: string }>()
    expect(row!.access_key_hash).toBe(
      await hashApiKey(response.body.data.accessKey, env.TOKEN_PEPPER!),
    )
    const read = await admin('GET', `/admin/api-tokens/${token.id}`)
    expect(read.body.data.keyHint).toBe(row!.key_hint)
    expect(read.body.data.keyHint.slice(-4)).toBe(response.body.data.accessKey.slice(-4))
  })

  it('keeps an unlimited token unlimited', async () => {
    const token = await createToken()
    const response = await admin('POST', `/admin/api-tokens/${token.id}/regenerate`)
    expect(response.body.data.expiresAt).toBeNull()
  })

  it('answers 404 for a missing token', async () => {
    const response = await admin('POST', '/admin/api-tokens/999999/regenerate')
    expect(response.status).toBe(404)
    expect(response.body.error.message).toBe('API Token not found')
  })
})

describe('DELETE /admin/api-tokens/:id', () => {
  it('deletes the token with its permissions and returns what it was', async () => {
    const token = await createToken({ type: 'custom', permissions: [FIND] })
    const response = await admin('DELETE', `/admin/api-tokens/${token.id}`)
    expect(response.status).toBe(200)
    expect(response.body.data).toMatchObject({
      id: token.id,
      name: token.name,
      permissions: [FIND],
    })
    expect(response.body.data.accessKey).toBeUndefined()
    const rows = await env.DB.prepare(
      'select count(*) as n from api_token_permissions where token_id = ?',
    )
      .bind(token.id)
      .first<{ n: number }>()
    expect(rows!.n).toBe(0)
    expect((await admin('GET', `/admin/api-tokens/${token.id}`)).status).toBe(404)
  })

  it('answers 200 with null data when the token does not exist', async () => {
    const response = await admin('DELETE', '/admin/api-tokens/999999')
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ data: null })
  })
})
