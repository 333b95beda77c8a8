import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { generateApiKey } from '../../worker/keys/key-format'
import { admin, createToken } from './helpers'
import { bearer, countingDb, gateEnv, testClock } from './gate-helpers'

const read = (gate: ReturnType<typeof gateEnv>, key: string, method = 'GET') =>
  gate.fetch('/api/articles', {
    method,
    headers: bearer(key),
    body: method === 'GET' ? undefined : '{}',
  })

async function codeOf(response: Response) {
  return ((await response.json()) as { error: { details: { code: string } } }).error.details.code
}

const deleteRow = (id: number) =>
  env.DB.prepare('delete from api_tokens where id = ?').bind(id).run()
const lookups = (statements: string[]) =>
  statements.filter((s) => s.includes('access_key_hash')).length
const writes = (statements: string[]) =>
  statements.filter((s) => /^update/i.test(s) && s.includes('last_used_at')).length

describe('verified-key cache', () => {
  it('serves a warm key without touching D1', async () => {
    const counter = countingDb(env.DB)
    // A fixed clock: the revocation feed is polled once a REVOCATION_POLL_MS (SPEC §9).
    const gate = gateEnv({ DB: counter.db }, { now: testClock().now })
    const token = await createToken({ type: 'full-access' })
    expect((await read(gate, token.accessKey)).status).toBe(200)
    const before = counter.statements.length
    for (let i = 0; i < 5; i++) expect((await read(gate, token.accessKey)).status).toBe(200)
    expect(counter.statements.length).toBe(before)
  })

  it('caches unknown keys negatively', async () => {
    const counter = countingDb(env.DB)
    const gate = gateEnv({ DB: counter.db })
    const key = generateApiKey('tg')
    for (let i = 0; i < 3; i++) expect(await codeOf(await read(gate, key))).toBe('NOT_FOUND')
    expect(lookups(counter.statements)).toBe(1)
  })

  it('refuses malformed keys before any lookup', async () => {
    const counter = countingDb(env.DB)
    const gate = gateEnv({ DB: counter.db })
    expect(await codeOf(await read(gate, 'tg_short'))).toBe('MALFORMED')
    expect(counter.statements).toHaveLength(0)
  })

  it('evaluates expiry on every request, cached or not', async () => {
    const clock = testClock()
    const gate = gateEnv({}, { now: clock.now })
    const token = await createToken({ lifespan: 604_800_000 })
    await env.DB.prepare('update api_tokens set expires_at = ? where id = ?')
      .bind(clock.now() + 400, token.id)
      .run()
    expect((await read(gate, token.accessKey)).status).toBe(200)
    clock.advance(399)
    expect((await read(gate, token.accessKey)).status).toBe(200)
    clock.advance(1)
    expect(await codeOf(await read(gate, token.accessKey))).toBe('EXPIRED')
  })

  it('revokes at once in this isolate on delete, regenerate and type change', async () => {
    const gate = gateEnv()
    const deleted = await createToken({ type: 'full-access' })
    const regenerated = await createToken({ type: 'full-access' })
    const narrowed = await createToken({ type: 'full-access' })
    for (const token of [deleted, regenerated, narrowed]) {
      expect((await read(gate, token.accessKey, 'POST')).status).toBe(200)
    }
    await admin('DELETE', `/admin/api-tokens/${deleted.id}`)
    const fresh = await admin('POST', `/admin/api-tokens/${regenerated.id}/regenerate`)
    await admin('PUT', `/admin/api-tokens/${narrowed.id}`, { type: 'read-only' })

    expect(await codeOf(await read(gate, deleted.accessKey))).toBe('NOT_FOUND')
    expect(await codeOf(await read(gate, regenerated.accessKey))).toBe('NOT_FOUND')
    expect((await read(gate, fresh.body.data.accessKey)).status).toBe(200)
    expect(await codeOf(await read(gate, narrowed.accessKey, 'POST'))).toBe('FORBIDDEN')
    expect((await read(gate, narrowed.accessKey)).status).toBe(200)
  })

  it('lets a change made elsewhere take effect within the TTL', async () => {
    const clock = testClock()
    const gate = gateEnv({ CACHE_TTL_SECONDS: '1' }, { now: clock.now })
    const token = await createToken({ type: 'full-access' })
    expect((await read(gate, token.accessKey)).status).toBe(200)
    await deleteRow(token.id) // as another isolate's admin change would: no eviction here
    clock.advance(999)
    expect((await read(gate, token.accessKey)).status).toBe(200)
    clock.advance(1)
    expect(await codeOf(await read(gate, token.accessKey))).toBe('NOT_FOUND')
  })

  it('looks every key up in strict mode (CACHE_TTL_SECONDS=0)', async () => {
    const counter = countingDb(env.DB)
    const gate = gateEnv({ DB: counter.db, CACHE_TTL_SECONDS: '0' })
    const token = await createToken({ type: 'full-access' })
    expect((await read(gate, token.accessKey)).status).toBe(200)
    expect((await read(gate, token.accessKey)).status).toBe(200)
    expect(lookups(counter.statements)).toBe(2)
    await deleteRow(token.id)
    expect(await codeOf(await read(gate, token.accessKey))).toBe('NOT_FOUND')
  })
})

describe('lastUsedAt', () => {
  it('is written once per resolution window, off the request path', async () => {
    const counter = countingDb(env.DB)
    const gate = gateEnv({ DB: counter.db })
    const token = await createToken({ type: 'full-access' })
    const before = Date.now()
    await read(gate, token.accessKey)
    await read(gate, token.accessKey)
    await read(gate, token.accessKey)
    expect(writes(counter.statements)).toBe(1)
    const { body } = await admin('GET', `/admin/api-tokens/${token.id}`)
    expect(Date.parse(body.data.lastUsedAt)).toBeGreaterThanOrEqual(before)
  })

  it('is written again once the window has passed', async () => {
    const counter = countingDb(env.DB)
    const clock = testClock()
    const gate = gateEnv({ DB: counter.db, LAST_USED_RESOLUTION_SECONDS: '60' }, { now: clock.now })
    const token = await createToken({ type: 'full-access' })
    await read(gate, token.accessKey)
    clock.advance(59_999)
    await read(gate, token.accessKey)
    expect(writes(counter.statements)).toBe(1)
    clock.advance(1)
    await read(gate, token.accessKey)
    expect(writes(counter.statements)).toBe(2)
    const stored = await env.DB.prepare('select last_used_at from api_tokens where id = ?')
      .bind(token.id)
      .first<{ last_used_at: number }>()
    expect(stored!.last_used_at).toBe(clock.now())
  })

  it('is not written for refused requests', async () => {
    const counter = countingDb(env.DB)
    const gate = gateEnv({ DB: counter.db })
    const token = await createToken({ type: 'read-only' })
    expect((await read(gate, token.accessKey, 'POST')).status).toBe(403)
    expect(writes(counter.statements)).toBe(0)
  })
})
