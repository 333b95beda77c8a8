// SPEC §13 "Metadata": a token's `meta`, a JSON object of at most 1 KB serialised, set on
// create and update, returned by the admin API and `/auth/verify`, recorded in the audit
// log, and carried to the origin as the assertion's `meta` claim.
import { env } from 'cloudflare:workers'
import { jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { MAX_META_BYTES } from '../../contract/api-tokens'
import { bearer, gateEnv } from './gate-helpers'
import { admin, createToken, uniqueName } from './helpers'

const FIND = 'api::article.article.find'

/** A `meta` object whose JSON serialisation is exactly `bytes` UTF-8 bytes long. */
function metaOfSize(bytes: number, filler = 'x'): Record<string, string> {
  const overhead = JSON.stringify({ k: '' }).length
  const unit = new TextEncoder().encode(filler).byteLength
  const count = (bytes - overhead) / unit
  if (!Number.isInteger(count)) throw new Error(`cannot fill ${bytes} bytes with ${filler}`)
  const meta = { k: filler.repeat(count) }
  expect(new TextEncoder().encode(JSON.stringify(meta)).byteLength).toBe(bytes)
  return meta
}

const create = (fields: Record<string, unknown>) =>
  admin('POST', '/admin/api-tokens', { name: uniqueName('meta'), type: 'read-only', ...fields })

describe('meta on create and update', () => {
  it('defaults to {} on create and is returned as stored', async () => {
    const plain = await createToken()
    expect(plain.meta).toEqual({})
    const meta = { plan: 'pro', seats: 5, tags: ['a', 'b'], nested: { ok: true, none: null } }
    const token = await createToken({ meta })
    expect(token.meta).toEqual(meta)
    const read = await admin('GET', `/admin/api-tokens/${token.id}`)
    expect(read.body.data.meta).toEqual(meta)
  })

  it('keeps meta unchanged when an update leaves it out, replaces it when sent', async () => {
    const token = await createToken({ meta: { plan: 'free' } })
    const renamed = await admin('PUT', `/admin/api-tokens/${token.id}`, { name: uniqueName() })
    expect(renamed.status).toBe(200)
    expect(renamed.body.data.meta).toEqual({ plan: 'free' })
    const replaced = await admin('PUT', `/admin/api-tokens/${token.id}`, { meta: { plan: 'pro' } })
    expect(replaced.body.data.meta).toEqual({ plan: 'pro' })
    const cleared = await admin('PUT', `/admin/api-tokens/${token.id}`, { meta: {} })
    expect(cleared.body.data.meta).toEqual({})
  })

  it('takes exactly 1 KB serialised, counting UTF-8 bytes, and refuses one byte more', async () => {
    expect((await create({ meta: metaOfSize(MAX_META_BYTES) })).status).toBe(201)
    expect((await create({ meta: metaOfSize(MAX_META_BYTES, 'é') })).status).toBe(201)
    for (const meta of [metaOfSize(MAX_META_BYTES + 1), metaOfSize(MAX_META_BYTES + 2, 'é')]) {
      const refused = await create({ meta })
      expect(refused.status).toBe(400)
      expect(refused.body.error.details.errors).toEqual([
        {
          path: ['meta'],
          name: 'ValidationError',
          code: 'too_long',
          message: expect.stringMatching(/^meta must be at most 1024 bytes serialised/),
        },
      ])
    }
    const token = await createToken()
    const update = await admin('PUT', `/admin/api-tokens/${token.id}`, {
      meta: metaOfSize(MAX_META_BYTES + 1),
    })
    expect(update.status).toBe(400)
    expect(update.body.error.details.errors[0]).toMatchObject({ path: ['meta'], code: 'too_long' })
  })

  it('refuses anything but a JSON object', async () => {
    for (const meta of [null, [], ['a'], 'text', 7, true]) {
      const refused = await create({ meta })
      expect(refused.status, JSON.stringify(meta)).toBe(400)
      expect(refused.body.error.details.errors[0]).toMatchObject({
        path: ['meta'],
        code: 'invalid_value',
        message: 'meta must be a JSON object',
      })
    }
  })

  it('records a change of meta in the audit log like any other field', async () => {
    const token = await createToken({ meta: { plan: 'free' } })
    await admin('PUT', `/admin/api-tokens/${token.id}`, { meta: { plan: 'pro' } })
    const events = await admin('GET', `/admin/api-tokens/${token.id}/events`)
    const updated = events.body.data.find((event: { action: string }) => event.action === 'updated')
    expect(updated.changes).toEqual({ meta: [{ plan: 'free' }, { plan: 'pro' }] })
  })
})

describe('meta at the gate', () => {
  it('answers meta in /auth/verify', async () => {
    const gate = gateEnv()
    const token = await createToken({ meta: { customer: 'acme', tier: 2 } })
    const response = await gate.fetch('/auth/verify', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ key: token.accessKey }),
    })
    const body = (await response.json()) as { token: { meta: unknown } }
    expect(body.token.meta).toEqual({ customer: 'acme', tier: 2 })
  })

  it('carries meta to the origin as the assertion claim, and none when meta is empty', async () => {
    const gate = gateEnv()
    const claimsOf = async (key: string) => {
      await gate.fetch('/api/articles', { headers: bearer(key) })
      const { payload } = await jwtVerify(
        gate.seen.at(-1)!.headers['x-tollgate-assertion']!,
        new TextEncoder().encode(env.ORIGIN_ASSERTION_SECRET),
        { issuer: 'tollgate', algorithms: ['HS256'] },
      )
      return payload
    }
    const meta = { customer: 'acme', limits: { daily: 100 } }
    const withMeta = await createToken({ type: 'custom', permissions: [FIND], meta })
    expect((await claimsOf(withMeta.accessKey)).meta).toEqual(meta)
    const without = await createToken({ type: 'custom', permissions: [FIND] })
    expect(await claimsOf(without.accessKey)).not.toHaveProperty('meta')
  })
})
