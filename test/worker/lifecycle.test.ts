// SPEC §7 "Disable without deleting" and "Custom expiry date".
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { bearer, gateEnv } from './gate-helpers'
import { admin, call, createToken, uniqueName } from './helpers'

const DAY = 86_400_000
const YEAR = 365.25 * DAY

async function codeOf(response: Response) {
  return ((await response.json()) as { error: { details: { code: string } } }).error.details.code
}

const verify = async (key: string) =>
  (await call('/auth/verify', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ key }),
  }).then((response) => response.json())) as { valid: boolean; code: string }

describe('disable and enable', () => {
  it('is enabled by default; a disabled key is a 401 DISABLED at the gate and in /auth/verify', async () => {
    const gate = gateEnv()
    const token = await createToken({ type: 'full-access' })
    expect(token.enabled).toBe(true)
    expect((await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })).status).toBe(
      200,
    )
    const disabled = await admin('PUT', `/admin/api-tokens/${token.id}`, { enabled: false })
    expect(disabled.body.data.enabled).toBe(false)
    const refused = await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(refused.status).toBe(401)
    expect(await refused.json()).toEqual({
      data: null,
      error: {
        status: 401,
        name: 'UnauthorizedError',
        message: 'Token disabled',
        details: { code: 'DISABLED' },
      },
    })
    expect(await verify(token.accessKey)).toEqual({ valid: false, code: 'DISABLED' })

    await admin('PUT', `/admin/api-tokens/${token.id}`, { enabled: true })
    expect((await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })).status).toBe(
      200,
    )
    expect(await verify(token.accessKey)).toMatchObject({ valid: true, code: 'VALID' })
  })

  it('is checked after the lookup and before expiry (not found → disabled → expired)', async () => {
    const gate = gateEnv()
    const token = await createToken({ lifespan: 604_800_000, enabled: false })
    await env.DB.prepare('update api_tokens set expires_at = ? where id = ?')
      .bind(Date.now() - 1, token.id)
      .run()
    const response = await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(await codeOf(response)).toBe('DISABLED')
  })

  it('reaches another isolate through the revocation feed', async () => {
    const token = await createToken()
    const feed = () =>
      env.DB.prepare('select count(*) as n from api_token_revocations where token_id = ?')
        .bind(token.id)
        .first<{ n: number }>()
    const before = (await feed())!.n
    await admin('PUT', `/admin/api-tokens/${token.id}`, { enabled: false })
    expect((await feed())!.n).toBe(before + 1)
  })

  it('filters the list with ?enabled=true|false and refuses other values', async () => {
    const on = await createToken({ name: uniqueName('filter') })
    const off = await createToken({ name: uniqueName('filter'), enabled: false })
    const ids = async (query: string) =>
      (await admin('GET', `/admin/api-tokens?q=filter${query}`)).body.data.map(
        (token: { id: number }) => token.id,
      )
    expect(await ids('&enabled=false')).toEqual([off.id])
    expect(await ids('&enabled=true')).toEqual([on.id])
    expect((await ids('')).sort()).toEqual([on.id, off.id].sort())
    const bad = await admin('GET', '/admin/api-tokens?enabled=yes')
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toBe('enabled must be true or false')
    const notBoolean = await admin('PUT', `/admin/api-tokens/${on.id}`, { enabled: 'false' })
    expect(notBoolean.status).toBe(400)
  })
})

describe('custom expiry date', () => {
  const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString()

  it('is taken instead of a lifespan on create: lifespan null, that expiresAt', async () => {
    const at = inDays(45)
    const token = await createToken({ expiresAt: at })
    expect(token).toMatchObject({ lifespan: null, expiresAt: at })
    const offset = await createToken({ expiresAt: '2030-01-02T03:04:05+02:00' })
    expect(offset.expiresAt).toBe('2030-01-02T01:04:05.000Z')
  })

  it('is taken on update, and lifespan null then makes the token unlimited', async () => {
    const token = await createToken({ lifespan: 604_800_000 })
    const at = inDays(3)
    const dated = await admin('PUT', `/admin/api-tokens/${token.id}`, { expiresAt: at })
    expect(dated.body.data).toMatchObject({ lifespan: null, expiresAt: at })
    // A form that saves every field sends the stored values: nothing changes...
    const same = await admin('PUT', `/admin/api-tokens/${token.id}`, { name: token.name })
    expect(same.body.data.expiresAt).toBe(at)
    // ...but lifespan null on a custom date clears it.
    const cleared = await admin('PUT', `/admin/api-tokens/${token.id}`, { lifespan: null })
    expect(cleared.body.data).toMatchObject({ lifespan: null, expiresAt: null })
    // A lifespan again restarts from now.
    const week = await admin('PUT', `/admin/api-tokens/${token.id}`, { lifespan: 604_800_000 })
    expect(Date.parse(week.body.data.expiresAt)).toBeGreaterThan(Date.now() + 6 * DAY)
  })

  it('refuses both fields, a past or unparsable date, and one over 10 years ahead', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ lifespan: 604_800_000, expiresAt: inDays(3) }, 'Send either lifespan or expiresAt'],
      [{ lifespan: null, expiresAt: inDays(3) }, 'Send either lifespan or expiresAt'],
      [{ expiresAt: inDays(-1) }, 'expiresAt must be a date in the future'],
      [{ expiresAt: 'next tuesday' }, 'expiresAt must be a date in the future'],
      [{ expiresAt: '2030-13-01T00:00:00Z' }, 'expiresAt must be a date in the future'],
      [{ expiresAt: 1900000000000 }, 'expiresAt must be a date in the future'],
      [
        { expiresAt: new Date(Date.now() + 10 * YEAR + DAY).toISOString() },
        'expiresAt must be at most 10 years ahead',
      ],
    ]
    const token = await createToken()
    for (const [fields, message] of cases) {
      const created = await admin('POST', '/admin/api-tokens', {
        name: uniqueName(),
        type: 'read-only',
        ...fields,
      })
      expect(created.status, JSON.stringify(fields)).toBe(400)
      expect(created.body.error.message).toBe(message)
      const updated = await admin('PUT', `/admin/api-tokens/${token.id}`, fields)
      expect(updated.status).toBe(400)
      expect(updated.body.error.message).toBe(message)
    }
  })

  it('accepts its own stored date back, even once passed (a form saves every field)', async () => {
    const token = await createToken({ expiresAt: inDays(2) })
    const passed = Date.now() - DAY
    await env.DB.prepare('update api_tokens set expires_at = ? where id = ?')
      .bind(passed, token.id)
      .run()
    const stored = new Date(passed).toISOString()
    const saved = await admin('PUT', `/admin/api-tokens/${token.id}`, {
      expiresAt: stored,
      description: 'renamed',
    })
    expect(saved.status).toBe(200)
    expect(saved.body.data).toMatchObject({ expiresAt: stored, description: 'renamed' })
    const other = await admin('PUT', `/admin/api-tokens/${token.id}`, {
      expiresAt: new Date(passed + 1).toISOString(),
    })
    expect(other.body.error.message).toBe('expiresAt must be a date in the future')
  })

  it('expires the key at that date', async () => {
    const clock = { now: Date.now() }
    const gate = gateEnv({}, { now: () => clock.now })
    const at = inDays(1)
    const token = await createToken({ expiresAt: at })
    expect((await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })).status).toBe(
      200,
    )
    clock.now = Date.parse(at)
    const expired = await gate.fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(await codeOf(expired)).toBe('EXPIRED')
  })
})
