import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { generateApiKey } from '../../worker/keys/key-format'
import { createToken } from './helpers'
import { gateEnv } from './gate-helpers'

const FIND = 'api::article.article.find'
const FIND_ONE = 'api::article.article.findOne'

function verify(gate: ReturnType<typeof gateEnv>, body: unknown, ip = '203.0.113.1') {
  return gate.fetch('/auth/verify', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': ip },
    body: JSON.stringify(body),
  })
}

/** The status and parsed body of a verify call. */
async function verdictOf(response: Response) {
  return { status: response.status, body: await response.json() }
}

/** The token summary /auth/verify answers for a token created through the admin API. */
function summaryOf(token: Awaited<ReturnType<typeof createToken>>) {
  return {
    id: token.id,
    name: token.name,
    type: token.type,
    expiresAt: token.expiresAt,
    permissions: token.permissions,
    owner: null,
    meta: {},
  }
}

describe('POST /auth/verify', () => {
  const gate = gateEnv()

  it('answers VALID with the token for a current key, and does not count as a use', async () => {
    const token = await createToken({ type: 'custom', permissions: [FIND], lifespan: 604_800_000 })
    expect(token.expiresAt).toEqual(expect.any(String))
    expect(await verdictOf(await verify(gate, { key: token.accessKey }))).toEqual({
      status: 200,
      body: {
        valid: true,
        code: 'VALID',
        token: {
          id: token.id,
          name: token.name,
          type: 'custom',
          expiresAt: token.expiresAt,
          permissions: [FIND],
          owner: null,
          meta: {},
        },
      },
    })
    const row = await env.DB.prepare('select last_used_at from api_tokens where id = ?')
      .bind(token.id)
      .first()
    expect(row!.last_used_at).toBeNull()
  })

  it('answers the token of each type, unlimited ones with expiresAt null and sorted permissions', async () => {
    const readOnly = await createToken({ type: 'read-only' })
    const fullAccess = await createToken({ type: 'full-access' })
    const custom = await createToken({ type: 'custom', permissions: [FIND_ONE, FIND] })
    for (const token of [readOnly, fullAccess]) {
      expect(await verdictOf(await verify(gate, { key: token.accessKey }))).toEqual({
        status: 200,
        body: {
          valid: true,
          code: 'VALID',
          token: {
            id: token.id,
            name: token.name,
            type: token.type,
            expiresAt: null,
            permissions: [],
            owner: null,
            meta: {},
          },
        },
      })
    }
    expect(await verdictOf(await verify(gate, { key: custom.accessKey }))).toEqual({
      status: 200,
      body: {
        valid: true,
        code: 'VALID',
        token: {
          id: custom.id,
          name: custom.name,
          type: 'custom',
          expiresAt: null,
          permissions: [FIND, FIND_ONE],
          owner: null,
          meta: {},
        },
      },
    })
  })

  it('checks a method and path against the token', async () => {
    const token = await createToken({ type: 'custom', permissions: [FIND] })
    const summary = { ...summaryOf(token), type: 'custom', permissions: [FIND] }
    expect(
      await verdictOf(
        await verify(gate, { key: token.accessKey, method: 'get', path: '/api/articles?x=1' }),
      ),
    ).toEqual({ status: 200, body: { valid: true, code: 'VALID', token: summary } })
    expect(
      await verdictOf(
        await verify(gate, { key: token.accessKey, method: 'POST', path: '/api/articles' }),
      ),
    ).toEqual({ status: 200, body: { valid: false, code: 'FORBIDDEN', token: summary } })
    expect(
      await verdictOf(await verify(gate, { key: token.accessKey, path: '/api/articles/7' })),
    ).toEqual({ status: 200, body: { valid: false, code: 'FORBIDDEN', token: summary } })
  })

  it('defaults the method to GET, and judges read-only tokens by method', async () => {
    const token = await createToken({ type: 'read-only' })
    const summary = summaryOf(token)
    expect(
      await verdictOf(await verify(gate, { key: token.accessKey, path: '/api/anything' })),
    ).toEqual({ status: 200, body: { valid: true, code: 'VALID', token: summary } })
    expect(
      await verdictOf(
        await verify(gate, { key: token.accessKey, method: 'DELETE', path: '/api/articles/1' }),
      ),
    ).toEqual({ status: 200, body: { valid: false, code: 'FORBIDDEN', token: summary } })
  })

  it('answers FORBIDDEN for a path outside the protected paths, even with full access', async () => {
    const token = await createToken({ type: 'full-access' })
    const summary = summaryOf(token)
    expect(
      await verdictOf(await verify(gate, { key: token.accessKey, path: '/api/articles' })),
    ).toEqual({ status: 200, body: { valid: true, code: 'VALID', token: summary } })
    for (const path of ['/apiary', '/admin/api-tokens', '/']) {
      expect(await verdictOf(await verify(gate, { key: token.accessKey, path }))).toEqual({
        status: 200,
        body: { valid: false, code: 'FORBIDDEN', token: summary },
      })
    }
  })

  it('answers the refusal codes without a token', async () => {
    expect(await verdictOf(await verify(gate, { key: 'nope' }))).toEqual({
      status: 200,
      body: { valid: false, code: 'MALFORMED' },
    })
    expect(await verdictOf(await verify(gate, { key: generateApiKey('tg') }))).toEqual({
      status: 200,
      body: { valid: false, code: 'NOT_FOUND' },
    })
    const expired = await createToken({ lifespan: 604_800_000 })
    await env.DB.prepare('update api_tokens set expires_at = 1 where id = ?').bind(expired.id).run()
    expect(await verdictOf(await verify(gate, { key: expired.accessKey }))).toEqual({
      status: 200,
      body: { valid: false, code: 'EXPIRED' },
    })
    expect(
      await verdictOf(
        await verify(gate, { key: expired.accessKey, method: 'GET', path: '/api/articles' }),
      ),
    ).toEqual({ status: 200, body: { valid: false, code: 'EXPIRED' } })
  })

  it('validates its body, listing each field error', async () => {
    const fieldError = (field: string, message: string, code: string) => ({
      path: [field],
      name: 'ValidationError',
      message,
      code,
    })
    const badRequest = (message: string, errors: unknown[]) => ({
      status: 400,
      body: {
        data: null,
        error: { status: 400, name: 'ValidationError', message, details: { errors } },
      },
    })
    expect(await verdictOf(await verify(gate, { nokey: true }))).toEqual(
      badRequest('2 errors occurred', [
        fieldError('key', 'key is a required field', 'required'),
        fieldError('nokey', 'nokey is not an allowed field', 'unknown_field'),
      ]),
    )
    expect(await verdictOf(await verify(gate, { key: 'x', method: 'GE T' }))).toEqual(
      badRequest('method must be an HTTP method', [
        fieldError('method', 'method must be an HTTP method', 'invalid_value'),
      ]),
    )
    expect(await verdictOf(await verify(gate, { key: 'x', path: 'api/articles' }))).toEqual(
      badRequest('path must be an absolute path, such as /api/articles (no host, no //)', [
        fieldError(
          'path',
          'path must be an absolute path, such as /api/articles (no host, no //)',
          'invalid_value',
        ),
      ]),
    )
  })

  it('limits each client to 60 requests a minute', async () => {
    const limited = gateEnv()
    const verdicts: unknown[] = []
    for (let i = 0; i < 60; i++) {
      verdicts.push(await verdictOf(await verify(limited, { key: 'x' }, '198.51.100.7')))
    }
    expect(verdicts).toEqual(
      Array.from({ length: 60 }, () => ({
        status: 200,
        body: { valid: false, code: 'MALFORMED' },
      })),
    )
    const refused = await verify(limited, { key: 'x' }, '198.51.100.7')
    const retryAfter = Number(refused.headers.get('Retry-After'))
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(60)
    expect(await verdictOf(refused)).toEqual({
      status: 429,
      body: {
        data: null,
        error: { status: 429, name: 'RateLimitError', message: 'Too many requests', details: {} },
      },
    })
    expect(await verdictOf(await verify(limited, { key: 'x' }, '198.51.100.8'))).toEqual({
      status: 200,
      body: { valid: false, code: 'MALFORMED' },
    })
  })
})
