// Counter-examples to SPEC §7 found by an attack review of the key lifecycle: a replaced
// key must never come back once disable or expiry ended it (each failed before the fix).
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { bearer, gateEnv, testClock } from './gate-helpers'
import { admin, createToken } from './helpers'

const HOUR = 3_600_000
const DAY = 24 * HOUR

const regenerate = (id: number, body?: object) =>
  admin('POST', `/admin/api-tokens/${id}/regenerate`, body)

async function codeOf(response: Response) {
  return ((await response.json()) as { error?: { details: { code: string } } }).error?.details.code
}

describe('SPEC §7: "Delete, disable and expiry of the token end [the previous key] too"', () => {
  it('F1: regenerating an EXPIRED token with a grace period does not revive the expired key', async () => {
    const gate = gateEnv()
    const token = await createToken({ type: 'full-access', lifespan: 7 * DAY })
    // The token's lifetime ran out (as lifecycle.test.ts does it).
    await env.DB.prepare('update api_tokens set expires_at = ? where id = ?')
      .bind(Date.now() - HOUR, token.id)
      .run()
    const dead = await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(dead.status).toBe(401)
    expect(await codeOf(dead)).toBe('EXPIRED')

    // The admin rotates the expired token, keeping the usual grace period.
    const { status } = await regenerate(token.id, { gracePeriod: 3600, lifespan: 7 * DAY })
    expect(status).toBe(201)

    // The key that had expired must stay dead: expiry ended it.
    const revived = await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(revived.status, 'expired key revived by regenerate').toBe(401)
  })

  it('F2: a key replaced while its token is DISABLED does not come back when it is enabled', async () => {
    const gate = gateEnv()
    const token = await createToken({ type: 'full-access' })
    // Incident response: the key leaked, the token is switched off at once…
    expect((await admin('PUT', `/admin/api-tokens/${token.id}`, { enabled: false })).status).toBe(
      200,
    )
    expect(
      await codeOf(await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })),
    ).toBe('DISABLED')
    // …then rotated (with the grace period the UI offers) and switched back on.
    expect((await regenerate(token.id, { gracePeriod: 3600 })).status).toBe(201)
    expect((await admin('PUT', `/admin/api-tokens/${token.id}`, { enabled: true })).status).toBe(
      200,
    )
    // The leaked key, ended by the disable, must not work again.
    const leaked = await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(leaked.status, 'disabled-then-replaced key revived by enable').toBe(401)
    const { body } = await admin('GET', `/admin/api-tokens/${token.id}`)
    expect(body.data.previousKey).toBeNull()
  })

  it('F3: a previous key ended by the token expiring is revived by extending the token', async () => {
    const clock = testClock()
    const gate = gateEnv({}, { now: clock.now })
    const token = await createToken({ type: 'full-access' })
    // New key valid for one day; the replaced key gets a week of grace.
    const { status } = await regenerate(token.id, {
      gracePeriod: 604_800,
      expiresAt: new Date(Date.now() + DAY).toISOString(),
    })
    expect(status).toBe(201)

    clock.advance(2 * DAY) // the token expired: the previous key is ended too
    const ended = await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(ended.status, 'ended by expiry').toBe(401)
    // Its grace never outlives the new key's expiry: it ended with the token.
    expect(await codeOf(ended)).toBe('NOT_FOUND')

    // The admin extends the token (new lifespan); the old key must stay ended.
    expect(
      (await admin('PUT', `/admin/api-tokens/${token.id}`, { lifespan: 30 * DAY })).status,
    ).toBe(200)
    const revived = await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(revived.status, 'previous key revived by extending the token').toBe(401)
  })
})
