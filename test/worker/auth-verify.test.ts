import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { generateApiKey } from '../../worker/keys/key-format'
import { createToken } from './helpers'
import { gateEnv } from './gate-helpers'

const FIND = 'api::article.article.find'

function verify(gate: ReturnType<typeof gateEnv>, body: unknown, ip = '203.0.113.1') {
  return gate.fetch('/auth/verify', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': ip },
    body: JSON.stringify(body),
  })
}

describe('POST /auth/verify', () => {
  const gate = gateEnv()

  it('answers VALID with the token for a current key, and does not count as a use', async () => {
    const token = await createToken({ type: 'custom', permissions: [FIND], lifespan: 604_800_000 })
    const response = await verify(gate, { key: token.accessKey })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      valid: true,
      code: 'VALID',
      token: {
        id: token.id,
        name: token.name,
        type: 'custom',
        expiresAt: token.expiresAt,
        permissions: [FIND],
      },
    })
    const row = await env.DB.prepare('select last_used_at from api_tokens where id = ?')
      .bind(token.id)
      .first()
    expect(row!.last_used_at).toBeNull()
  })

  it('checks a method and path against the token', async () => {
    const token = await createToken({ type: 'custom', permissions: [FIND] })
    const allowed = await verify(gate, {
      key: token.accessKey,
      method: 'get',
      path: '/api/articles?x=1',
    })
    expect(await allowed.json()).toMatchObject({ valid: true, code: 'VALID' })
    const refused = await verify(gate, {
      key: token.accessKey,
      method: 'POST',
      path: '/api/articles',
    })
    expect(await refused.json()).toMatchObject({
      valid: false,
      code: 'FORBIDDEN',
      token: { id: token.id },
    })
  })

  it('answers the refusal codes without a token', async () => {
    expect(await (await verify(gate, { key: 'nope' })).json()).toEqual({
      valid: false,
      code: 'MALFORMED',
    })
    expect(await (await verify(gate, { key: generateApiKey('tg') })).json()).toEqual({
      valid: false,
      code: 'NOT_FOUND',
    })
    const expired = await createToken({ lifespan: 604_800_000 })
    await env.DB.prepare('update api_tokens set expires_at = 1 where id = ?').bind(expired.id).run()
    expect(await (await verify(gate, { key: expired.accessKey })).json()).toEqual({
      valid: false,
      code: 'EXPIRED',
    })
  })

  it('validates its body', async () => {
    const response = await verify(gate, { nokey: true })
    expect(response.status).toBe(400)
  })

  it('limits each client to 60 requests a minute', async () => {
    const limited = gateEnv()
    const statuses: number[] = []
    for (let i = 0; i < 61; i++)
      statuses.push((await verify(limited, { key: 'x' }, '198.51.100.7')).status)
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true)
    expect(statuses[60]).toBe(429)
    const other = await verify(limited, { key: 'x' }, '198.51.100.8')
    expect(other.status).toBe(200)
    const last = await verify(limited, { key: 'x' }, '198.51.100.7')
    expect(last.headers.get('Retry-After')).toMatch(/^\d+$/)
    expect(((await last.json()) as { error: { name: string } }).error.name).toBe('RateLimitError')
  })
})
