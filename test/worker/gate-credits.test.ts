import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import type { Credits } from '../../contract/api-tokens'
import type { TokenCredits } from '../../worker/credits/token-credits'
import { createToken } from './helpers'
import { bearer, gateEnv, graphqlPost } from './gate-helpers'

/** Sets a token's credits in D1 as the admin API stores them, configured now. */
async function meter(id: number, credits: Credits | null) {
  const stored = credits === null ? null : JSON.stringify({ ...credits, configuredAt: Date.now() })
  await env.DB.prepare('UPDATE api_tokens SET credits = ? WHERE id = ?').bind(stored, id).run()
}

/** The credits namespace, counting how many times the gate reached a Durable Object. */
function countingCredits() {
  const real = env.TOKEN_CREDITS!
  const counter = { calls: 0 }
  const namespace = {
    idFromName: (name: string) => real.idFromName(name),
    get: (id: DurableObjectId) => {
      counter.calls += 1
      return real.get(id)
    },
  } as unknown as DurableObjectNamespace<TokenCredits>
  return { namespace, counter }
}

async function codeOf(response: Response): Promise<string | undefined> {
  const body = (await response.json()) as { error: { details: { code?: string } } }
  return body.error.details.code
}

describe('metered tokens at the gate (SPEC §13)', () => {
  it('each passed request costs 1 and says what remains; at 0 → 429 USAGE_EXCEEDED, nothing forwarded', async () => {
    const token = await createToken()
    await meter(token.id, { remaining: 2, refill: null })
    const gate = gateEnv()
    const first = await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(first.status).toBe(200)
    expect(first.headers.get('X-Api-Token-Remaining')).toBe('1')
    const second = await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(second.headers.get('X-Api-Token-Remaining')).toBe('0')
    const third = await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(third.status).toBe(429)
    expect(await codeOf(third)).toBe('USAGE_EXCEEDED')
    expect(gate.seen).toHaveLength(2)
  })

  it('a refused request (forbidden action) costs nothing', async () => {
    const token = await createToken()
    await meter(token.id, { remaining: 1, refill: null })
    const gate = gateEnv()
    const refused = await gate.fetch('/api/articles', {
      method: 'POST',
      headers: bearer(token.accessKey, { 'Content-Type': 'application/json' }),
      body: '{}',
    })
    expect(refused.status).toBe(403)
    const passed = await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(passed.headers.get('X-Api-Token-Remaining')).toBe('0')
  })

  it('a catalog route with a cost takes that many credits', async () => {
    const token = await createToken({ type: 'full-access' })
    await meter(token.id, { remaining: 10, refill: null })
    const catalog = {
      contentTypes: [
        { uid: 'api::article.article', displayName: 'Article', rest: '/api/articles' },
      ],
      routes: [{ method: 'GET', path: '/api/reports', action: 'api::report.report.run', cost: 4 }],
    }
    const gate = gateEnv({ API_CATALOG: catalog } as never)
    const costly = await gate.fetch('/api/reports', { headers: bearer(token.accessKey) })
    expect(costly.headers.get('X-Api-Token-Remaining')).toBe('6')
    const plain = await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(plain.headers.get('X-Api-Token-Remaining')).toBe('5')
  })

  it('a price belongs to the action: its content-type route and each GraphQL run pay it', async () => {
    const token = await createToken({ type: 'full-access' })
    await meter(token.id, { remaining: 20, refill: null })
    const catalog = {
      contentTypes: [
        {
          uid: 'api::article.article',
          displayName: 'Article',
          rest: '/api/articles',
          graphql: { singular: 'article', plural: 'articles' },
        },
      ],
      routes: [
        {
          method: 'POST',
          path: '/api/articles/:id/publish',
          action: 'api::article.article.update',
          cost: 5,
        },
      ],
    }
    const gate = gateEnv({ API_CATALOG: catalog } as never)
    const put = await gate.fetch('/api/articles/1', {
      method: 'PUT',
      headers: bearer(token.accessKey, { 'Content-Type': 'application/json' }),
      body: '{}',
    })
    expect(put.headers.get('X-Api-Token-Remaining')).toBe('15')
    // Two aliases run the mutation twice; the query field beside them has no price.
    const mutation = `mutation { a: updateArticle(id: 1, data: {}) { id } b: updateArticle(id: 2, data: {}) { id } }`
    const twice = await gate.fetch('/graphql', graphqlPost(token.accessKey, mutation))
    expect(twice.headers.get('X-Api-Token-Remaining')).toBe('5')
    const query = await gate.fetch('/graphql', graphqlPost(token.accessKey, '{ articles { id } }'))
    expect(query.headers.get('X-Api-Token-Remaining')).toBe('4')
  })

  it('a request the origin never got is given back', async () => {
    const token = await createToken()
    await meter(token.id, { remaining: 2, refill: null })
    const unreachable = { fetch: () => Promise.reject(new Error('connection refused')) }
    const gate = gateEnv({ ORIGIN: unreachable } as never)
    for (let i = 0; i < 3; i += 1) {
      const response = await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
      expect(response.status).toBe(502)
    }
    const reachable = gateEnv()
    const passed = await reachable.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(passed.headers.get('X-Api-Token-Remaining')).toBe('1')
  })

  it('unmetered tokens never touch the Durable Object', async () => {
    const token = await createToken()
    const { namespace, counter } = countingCredits()
    const gate = gateEnv({ TOKEN_CREDITS: namespace })
    for (let i = 0; i < 3; i += 1) {
      const response = await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
      expect(response.status).toBe(200)
      expect(response.headers.has('X-Api-Token-Remaining')).toBe(false)
    }
    expect(counter.calls).toBe(0)
    const metered = await createToken()
    await meter(metered.id, { remaining: 5, refill: null })
    await gate.fetch('/api/articles', { headers: bearer(metered.accessKey) })
    expect(counter.calls).toBe(1)
  })

  it('a Durable Object that fails → 503, nothing forwarded (fail closed)', async () => {
    const token = await createToken()
    await meter(token.id, { remaining: 5, refill: null })
    const broken = {
      idFromName: (name: string) => env.TOKEN_CREDITS!.idFromName(name),
      get: () => ({
        spend: () => Promise.reject(new Error('Durable Object reset')),
      }),
    } as unknown as DurableObjectNamespace<TokenCredits>
    const gate = gateEnv({ TOKEN_CREDITS: broken })
    const response = await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(response.status).toBe(503)
    expect(gate.seen).toHaveLength(0)
  })

  it('/auth/verify returns remaining and spends nothing', async () => {
    const token = await createToken()
    await meter(token.id, { remaining: 2, refill: null })
    const gate = gateEnv()
    const verify = () =>
      gate.fetch('/auth/verify', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ key: token.accessKey }),
      })
    for (let i = 0; i < 3; i += 1) {
      const body = (await (await verify()).json()) as { valid: boolean; remaining?: number }
      expect(body).toMatchObject({ valid: true, remaining: 2 })
    }
    await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(await (await verify()).json()).toMatchObject({ remaining: 1 })
    const plain = await createToken()
    const unmetered = await gate.fetch('/auth/verify', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ key: plain.accessKey }),
    })
    expect(await unmetered.json()).not.toHaveProperty('remaining')
  })
})
