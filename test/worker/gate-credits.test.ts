import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import type { CreditsConfig } from '../../worker/credits/credit-rules'
import type { TokenCredits } from '../../worker/credits/token-credits'
import { createToken } from './helpers'
import { bearer, gateEnv } from './gate-helpers'

/** Sets a token's configured credits in D1, as the admin API stores them. */
async function meter(id: number, credits: CreditsConfig | null) {
  await env.DB.prepare('UPDATE api_tokens SET credits = ? WHERE id = ?')
    .bind(credits === null ? null : JSON.stringify(credits), id)
    .run()
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
