// SPEC §12: the gate accepts an imported Strapi key by Strapi's hash, and on its first use
// stores Tollgate's, so afterwards it is an ordinary lookup.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { adminJwt, createToken, type JsonBody } from './helpers'
import { bearer, countingDb, gateEnv } from './gate-helpers'
import { STRAPI_SALT, strapiHash, strapiKey, strapiRow, tollgateHash } from './strapi-fixtures'

const salted = gateEnv({ STRAPI_API_TOKEN_SALT: STRAPI_SALT })

async function adminCall(method: string, path: string, body?: unknown): Promise<JsonBody> {
  const response = await salted.fetch(path, {
    method,
    headers: {
      Authorization: `Bearer ${await adminJwt()}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, ...(await response.json<object>()) }
}

/** Imports one Strapi token for a new key; its id and the key. */
async function imported(fields: Record<string, unknown> = {}) {
  const { key, row } = strapiRow(fields)
  const answer = await adminCall('POST', '/admin/api-tokens/import', {
    format: 'strapi-v5',
    tokens: [row],
  })
  expect(answer.data.errors).toEqual([])
  return { id: answer.data.imported[0].id as number, key }
}

/** The stored key columns of token `id`, read from D1 itself. */
const storedRow = (id: number) =>
  env.DB.prepare(
    'select access_key_hash as hash, previous_key_hash as previous, key_hint as hint, legacy from api_tokens where id = ?',
  )
    .bind(id)
    .first<{ hash: string; previous: string | null; hint: string; legacy: string | null }>()

describe('a Strapi key at the gate', () => {
  it('reads through the gate with a read-only key and is refused a POST', async () => {
    const { key } = await imported({ type: 'read-only' })
    const read = await salted.fetch('/api/articles', { headers: bearer(key) })
    expect(read.status).toBe(200)
    expect(salted.seen.at(-1)).toMatchObject({
      method: 'GET',
      url: expect.stringMatching(/\/api\/articles$/),
    })
    const write = await salted.fetch('/api/articles', {
      method: 'POST',
      headers: bearer(key, { 'Content-Type': 'application/json' }),
      body: '{"data":{}}',
    })
    expect(write.status).toBe(403)
    expect(((await write.json()) as JsonBody).error.details.code).toBe('FORBIDDEN')
  })

  it('gives a custom key exactly its actions', async () => {
    const { key } = await imported({ type: 'custom', permissions: ['api::category.category.find'] })
    expect((await salted.fetch('/api/categories', { headers: bearer(key) })).status).toBe(200)
    expect((await salted.fetch('/api/articles', { headers: bearer(key) })).status).toBe(403)
    expect((await salted.fetch('/api/categories/1', { headers: bearer(key) })).status).toBe(403)
  })

  it('stores Tollgate’s hash after the first use, with a hint of the key’s ends; legacy stays', async () => {
    const { id, key } = await imported()
    expect(await storedRow(id)).toEqual({
      hash: strapiHash(key),
      previous: null,
      hint: 'Strapi key',
      legacy: 'strapi',
    })
    expect((await salted.fetch('/api/articles', { headers: bearer(key) })).status).toBe(200)
    expect(await storedRow(id)).toEqual({
      hash: tollgateHash(key),
      previous: null,
      hint: `${key.slice(0, 4)}…${key.slice(-4)}`,
      legacy: 'strapi',
    })
  })

  it('costs one HMAC-SHA-512 lookup more on the first use, then is an ordinary lookup', async () => {
    const { db, statements } = countingDb(env.DB)
    // No cache: every request asks D1, so each lookup shows.
    const strict = gateEnv({ STRAPI_API_TOKEN_SALT: STRAPI_SALT, DB: db, CACHE_TTL_SECONDS: 0 })
    const { key } = await imported()
    const lookups = () =>
      statements.filter((sql) => /^select/i.test(sql) && sql.includes('access_key_hash'))
    const updates = () => statements.filter((sql) => /^update/i.test(sql))
    expect((await strict.fetch('/api/articles', { headers: bearer(key) })).status).toBe(200)
    expect(lookups()).toHaveLength(2) // Tollgate's hash (nothing), then Strapi's
    expect(updates().filter((sql) => sql.includes('access_key_hash'))).toHaveLength(1)
    statements.length = 0
    expect((await strict.fetch('/api/articles', { headers: bearer(key) })).status).toBe(200)
    expect(lookups()).toHaveLength(1)
    expect(updates().filter((sql) => sql.includes('access_key_hash'))).toHaveLength(0)
  })

  it('costs a Tollgate key nothing more with the salt set', async () => {
    const { db, statements } = countingDb(env.DB)
    const strict = gateEnv({ STRAPI_API_TOKEN_SALT: STRAPI_SALT, DB: db, CACHE_TTL_SECONDS: 0 })
    const { accessKey } = await createToken()
    expect((await strict.fetch('/api/articles', { headers: bearer(accessKey) })).status).toBe(200)
    const keyStatements = statements.filter((sql) => sql.includes('access_key_hash'))
    expect(keyStatements).toHaveLength(1)
  })

  it('is MALFORMED without STRAPI_API_TOKEN_SALT, and NOT_FOUND when no token has it', async () => {
    const { key } = await imported()
    const unsalted = gateEnv({ STRAPI_API_TOKEN_SALT: undefined })
    const refused = await unsalted.fetch('/api/articles', { headers: bearer(key) })
    expect(refused.status).toBe(401)
    expect(((await refused.json()) as JsonBody).error.details.code).toBe('MALFORMED')
    const unknown = await salted.fetch('/api/articles', { headers: bearer(strapiKey()) })
    expect(unknown.status).toBe(401)
    expect(((await unknown.json()) as JsonBody).error.details.code).toBe('NOT_FOUND')
    // Uppercase hex is not Strapi's format.
    const upper = await salted.fetch('/api/articles', {
      headers: bearer(strapiKey().toUpperCase()),
    })
    expect(((await upper.json()) as JsonBody).error.details.code).toBe('MALFORMED')
  })

  it('is refused as any key once its token is disabled, before and after its first use', async () => {
    const { id, key } = await imported()
    await adminCall('PUT', `/admin/api-tokens/${id}`, { enabled: false })
    const before = await salted.fetch('/api/articles', { headers: bearer(key) })
    expect(((await before.json()) as JsonBody).error.details.code).toBe('DISABLED')
    await adminCall('PUT', `/admin/api-tokens/${id}`, { enabled: true })
    expect((await salted.fetch('/api/articles', { headers: bearer(key) })).status).toBe(200)
    await adminCall('PUT', `/admin/api-tokens/${id}`, { enabled: false })
    const after = await salted.fetch('/api/articles', { headers: bearer(key) })
    expect(((await after.json()) as JsonBody).error.details.code).toBe('DISABLED')
  })

  it('is answered by /auth/verify as any key', async () => {
    const { id, key } = await imported({
      type: 'custom',
      permissions: ['api::article.article.find'],
    })
    const verify = (path?: string) =>
      salted.fetch('/auth/verify', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ key, method: 'GET', ...(path ? { path } : {}) }),
      })
    expect(await (await verify('/api/articles')).json()).toMatchObject({
      valid: true,
      code: 'VALID',
      token: { id, type: 'custom', permissions: ['api::article.article.find'] },
    })
    expect(await (await verify('/api/categories')).json()).toMatchObject({
      valid: false,
      code: 'FORBIDDEN',
    })
  })

  it('regenerate issues a Tollgate key and clears legacy; the Strapi key works through the grace period', async () => {
    const { id, key } = await imported()
    const regenerated = await adminCall('POST', `/admin/api-tokens/${id}/regenerate`, {
      gracePeriod: 3600,
    })
    expect(regenerated.status).toBe(201)
    expect(regenerated.data.accessKey).toMatch(/^tg_/)
    expect((await adminCall('GET', `/admin/api-tokens/${id}`)).data).toMatchObject({
      legacy: null,
      previousKey: { keyHint: 'Strapi key' },
    })
    // The replaced Strapi key, never used before, is found by Strapi's hash and re-hashed.
    expect((await salted.fetch('/api/articles', { headers: bearer(key) })).status).toBe(200)
    expect(await storedRow(id)).toMatchObject({ previous: tollgateHash(key), legacy: null })
    expect(
      (await salted.fetch('/api/articles', { headers: bearer(regenerated.data.accessKey) })).status,
    ).toBe(200)
  })

  it('POST /revoke disables an imported key, whether it was used yet or not', async () => {
    const unused = await imported({ name: 'never used' })
    const used = await imported({ name: 'used once' })
    expect((await salted.fetch('/api/articles', { headers: bearer(used.key) })).status).toBe(200)
    const revoke = await salted.fetch('/revoke', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ keys: [unused.key, used.key] }),
    })
    expect([revoke.status, await revoke.json()]).toEqual([202, { data: { received: 2 } }])
    for (const { id, key } of [unused, used]) {
      expect((await adminCall('GET', `/admin/api-tokens/${id}`)).data).toMatchObject({
        enabled: false,
        disabledReason: 'leaked',
      })
      const refused = await salted.fetch('/api/articles', { headers: bearer(key) })
      expect(((await refused.json()) as JsonBody).error.details.code).toBe('DISABLED')
    }
  })
})
