import { createScheduledController } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { parse } from 'smol-toml'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { resetRevocationPoller } from '../../worker/gate/revocation-poller'
import worker from '../../worker/index'
import { clearVerifiedKeys } from '../../worker/gate/verified-key-cache'
import wranglerToml from '../../wrangler.toml?raw'
import { STORE_UNAVAILABLE, admin, createToken, failingDatabase } from './helpers'
import { bearer, countingDb, gateEnv, testClock } from './gate-helpers'

const HOUR = 3_600_000

const feedRows = async (tokenId: number) =>
  (
    await env.DB.prepare(
      'select seq, at from api_token_revocations where token_id = ? order by seq',
    )
      .bind(tokenId)
      .all<{ seq: number; at: number }>()
  ).results

const newestSeq = async () =>
  (await env.DB.prepare('select max(seq) as seq from api_token_revocations').first<{
    seq: number | null
  }>())!.seq ?? 0

/** Another isolate's admin change: the row changes and the feed says so; no eviction here. */
const changeElsewhere = (sql: string, tokenId: number) =>
  env.DB.batch([
    env.DB.prepare(sql).bind(tokenId),
    env.DB.prepare('insert into api_token_revocations (token_id, at) values (?, ?)').bind(
      tokenId,
      Date.now(),
    ),
  ])
/** An operator's SQL: the row changes, the feed knows nothing of it. */
const changeBehindTheFeed = (sql: string, tokenId: number) =>
  env.DB.prepare(sql).bind(tokenId).run()

const post = (gate: ReturnType<typeof gateEnv>, key: string) =>
  gate.fetch('/api/articles', { method: 'POST', headers: bearer(key), body: '{}' })

async function codeOf(response: Response) {
  return ((await response.json()) as { error: { details: { code: string } } }).error.details.code
}

const feedReads = (statements: string[]) =>
  statements.filter((s) => s.includes('api_token_revocations')).length
const lookups = (statements: string[]) =>
  statements.filter((s) => s.includes('access_key_hash')).length

beforeEach(() => {
  resetRevocationPoller()
  clearVerifiedKeys()
})

describe('the revocation feed (written by the admin API)', () => {
  it('gets one row in the same batch as each update, delete and regenerate', async () => {
    const token = await createToken({ type: 'full-access' })
    expect(await feedRows(token.id)).toEqual([])
    const before = Date.now()
    expect((await admin('PUT', `/admin/api-tokens/${token.id}`, { description: 'x' })).status).toBe(
      200,
    )
    expect(await feedRows(token.id)).toHaveLength(1)
    expect((await admin('POST', `/admin/api-tokens/${token.id}/regenerate`)).status).toBe(201)
    expect(await feedRows(token.id)).toHaveLength(2)
    expect((await admin('DELETE', `/admin/api-tokens/${token.id}`)).status).toBe(200)
    const rows = await feedRows(token.id)
    expect(rows).toHaveLength(3)
    expect(rows[0]!.seq).toBeLessThan(rows[1]!.seq)
    expect(rows[1]!.seq).toBeLessThan(rows[2]!.seq)
    for (const row of rows) expect(row.at).toBeGreaterThanOrEqual(before)
  })

  it('gets no row for a change that fails or finds no token', async () => {
    const taken = await createToken()
    const token = await createToken()
    const seq = await newestSeq()
    const rename = await admin('PUT', `/admin/api-tokens/${token.id}`, { name: taken.name })
    expect(rename.status).toBe(400)
    expect((await admin('PUT', '/admin/api-tokens/999999', { description: 'x' })).status).toBe(404)
    expect((await admin('DELETE', '/admin/api-tokens/999999')).body).toEqual({ data: null })
    expect((await admin('POST', '/admin/api-tokens/999999/regenerate')).status).toBe(404)
    expect(await newestSeq()).toBe(seq)
    expect(await feedRows(token.id)).toEqual([])
  })
})

describe('the revocation poller', () => {
  it('evicts a token changed in another isolate on its next poll, off the request path', async () => {
    const clock = testClock()
    const gate = gateEnv({}, { now: clock.now })
    const narrowed = await createToken({ type: 'full-access' })
    const untracked = await createToken({ type: 'full-access' })
    expect((await post(gate, narrowed.accessKey)).status).toBe(200)
    expect((await post(gate, untracked.accessKey)).status).toBe(200)
    await changeElsewhere("update api_tokens set type = 'read-only' where id = ?", narrowed.id)
    // The control: a change the feed does not announce stays cached (within the TTL).
    await changeBehindTheFeed("update api_tokens set type = 'read-only' where id = ?", untracked.id)

    clock.advance(999)
    expect((await post(gate, narrowed.accessKey)).status).toBe(200) // not polled yet
    clock.advance(1)
    // This request starts the poll and is answered from the cache without waiting for it.
    expect((await post(gate, narrowed.accessKey)).status).toBe(200)
    expect(await codeOf(await post(gate, narrowed.accessKey))).toBe('FORBIDDEN')
    expect((await post(gate, untracked.accessKey)).status).toBe(200)
  })

  it('reads the feed at most once per REVOCATION_POLL_MS, with one query', async () => {
    const clock = testClock()
    const counter = countingDb(env.DB)
    const gate = gateEnv({ DB: counter.db, REVOCATION_POLL_MS: '1000' }, { now: clock.now })
    const token = await createToken({ type: 'full-access' })
    for (let elapsed = 0; elapsed <= 3000; elapsed += 100) {
      expect((await post(gate, token.accessKey)).status).toBe(200)
      clock.advance(100)
    }
    // The first read (the position), then one at 1000, 2000 and 3000 ms.
    expect(feedReads(counter.statements)).toBe(4)
    expect(lookups(counter.statements)).toBe(1)
  })

  it('reads the feed before trusting the cache after an idle spell', async () => {
    const clock = testClock()
    const counter = countingDb(env.DB)
    const gate = gateEnv({ DB: counter.db }, { now: clock.now })
    const token = await createToken({ type: 'full-access' })
    expect((await post(gate, token.accessKey)).status).toBe(200)
    await changeElsewhere('delete from api_tokens where id = ?', token.id)
    clock.advance(2000) // 2 × REVOCATION_POLL_MS without a request
    counter.statements.length = 0
    expect(await codeOf(await post(gate, token.accessKey))).toBe('NOT_FOUND')
    expect(feedReads(counter.statements)).toBe(1)
    expect(lookups(counter.statements)).toBe(1)
  })

  it('answers 503 when the feed cannot be read after an idle spell, never the stale cache', async () => {
    const clock = testClock()
    const token = await createToken({ type: 'full-access' })
    expect((await post(gateEnv({}, { now: clock.now }), token.accessKey)).status).toBe(200)
    const broken = failingDatabase(new Error('D1_ERROR: Network connection lost.'))
    const gate = gateEnv({ DB: broken }, { now: clock.now })
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    // Within the window the cache is trusted; the background poll fails and is logged.
    clock.advance(1500)
    expect((await post(gate, token.accessKey)).status).toBe(200)
    expect(logged).toHaveBeenCalledWith(
      '[tollgate] revocation feed read failed',
      'D1_ERROR: Network connection lost.',
    )
    clock.advance(500)
    const response = await post(gate, token.accessKey)
    expect(response.status).toBe(503)
    expect(await response.json()).toEqual(STORE_UNAVAILABLE)
    expect(gate.seen).toHaveLength(1)
    logged.mockRestore()
  })

  it('takes the newest row as its position in a fresh isolate, evicting nothing', async () => {
    const clock = testClock()
    const counter = countingDb(env.DB)
    const gate = gateEnv({ DB: counter.db }, { now: clock.now })
    const token = await createToken({ type: 'full-access' })
    await admin('PUT', `/admin/api-tokens/${token.id}`, { description: 'announced before' })
    expect((await post(gate, token.accessKey)).status).toBe(200)
    clock.advance(1000)
    expect((await post(gate, token.accessKey)).status).toBe(200) // polls: nothing past it
    expect((await post(gate, token.accessKey)).status).toBe(200)
    expect(feedReads(counter.statements)).toBe(2)
    expect(lookups(counter.statements)).toBe(1)
  })

  it('drops its whole cache when its position precedes the oldest row', async () => {
    const clock = testClock()
    const counter = countingDb(env.DB)
    const gate = gateEnv({ DB: counter.db }, { now: clock.now })
    const deleted = await createToken({ type: 'full-access' })
    const kept = await createToken({ type: 'full-access' })
    expect((await post(gate, deleted.accessKey)).status).toBe(200)
    expect((await post(gate, kept.accessKey)).status).toBe(200)
    const position = await newestSeq()
    // Rows for another token, pruned up to the first of them: the isolate missed one.
    const insert = 'insert into api_token_revocations (token_id, at) values (999999, ?)'
    await env.DB.batch([env.DB.prepare(insert).bind(1), env.DB.prepare(insert).bind(2)])
    await env.DB.prepare('delete from api_token_revocations where seq <= ?')
      .bind(position + 1)
      .run()
    await changeBehindTheFeed('delete from api_tokens where id = ?', deleted.id)

    clock.advance(1000)
    expect((await post(gate, kept.accessKey)).status).toBe(200) // starts the poll
    counter.statements.length = 0
    expect(await codeOf(await post(gate, deleted.accessKey))).toBe('NOT_FOUND')
    expect((await post(gate, kept.accessKey)).status).toBe(200)
    expect(lookups(counter.statements)).toBe(2)
  })
})

describe('pruning the feed (the scheduled handler)', () => {
  it('runs hourly, at the top level and in [env.demo]', () => {
    const config = parse(wranglerToml) as {
      triggers: { crons: string[] }
      env: { demo: { triggers: { crons: string[] } } }
    }
    expect(config.triggers.crons).toEqual(['0 * * * *'])
    expect(config.env.demo.triggers.crons).toEqual(['0 * * * *'])
  })

  it('deletes rows older than a day and keeps the newest whatever its age', async () => {
    const now = Date.parse('2026-12-01T12:00:00Z')
    await env.DB.prepare('delete from api_token_revocations').run()
    const insert = 'insert into api_token_revocations (token_id, at) values (?, ?)'
    await env.DB.batch([
      env.DB.prepare(insert).bind(1, now - 25 * HOUR),
      env.DB.prepare(insert).bind(2, now - 24 * HOUR - 1),
      env.DB.prepare(insert).bind(3, now - 24 * HOUR),
      env.DB.prepare(insert).bind(4, now - HOUR),
    ])
    const run = (at: number) =>
      worker.scheduled(createScheduledController({ scheduledTime: at, cron: '0 * * * *' }), env)
    const remaining = async () =>
      (
        await env.DB.prepare('select token_id as id from api_token_revocations order by seq').all<{
          id: number
        }>()
      ).results.map((row) => row.id)

    await run(now)
    expect(await remaining()).toEqual([3, 4])
    await run(now + 30 * 24 * HOUR)
    expect(await remaining()).toEqual([4])
  })
})
