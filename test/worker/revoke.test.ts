// SPEC §12 "Anyone holding a key can kill it": POST /revoke — always 202, known keys
// disabled as leaked, a replaced key's grace ended, the leaked event and its webhook, the
// revocation feed, per-address limits, and 1000 keys in a bounded number of D1 statements.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import type { Bindings } from '../../worker/env'
import type { WebhookPayload } from '../../worker/webhooks/webhook-payload'
import { generateApiKey } from '../../worker/keys/key-format'
import { bearer, countingDb, gateEnv } from './gate-helpers'
import { admin, createToken } from './helpers'

let addresses = 0
/** A client address no other request of this file uses: each test has its own limit. */
const freshAddress = () => `198.51.${Math.floor(Math.random() * 200)}.${(addresses++ % 250) + 1}`

/** POSTs `body` to /revoke through `gate` (default: the test env), from `address`. */
async function revoke(
  body: unknown,
  {
    gate = gateEnv(),
    address = freshAddress(),
  }: { gate?: ReturnType<typeof gateEnv>; address?: string } = {},
) {
  const response = await gate.fetch('/revoke', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': address },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

const tokenOf = async (id: number) => (await admin('GET', `/admin/api-tokens/${id}`)).body.data
const eventsOf = async (id: number) =>
  (await admin('GET', `/admin/api-tokens/${id}/events`)).body.data as Record<string, unknown>[]
const gateStatus = async (key: string) =>
  (await gateEnv().fetch('/api/articles', { headers: bearer(key) })).status

/** A key of this deployment's format, checksum right, that no token has. */
const unknownKey = () => generateApiKey('tg')

describe('POST /revoke', () => {
  it('disables a known key’s token as leaked and answers as for any other key', async () => {
    const token = await createToken({ type: 'full-access' })
    expect(await gateStatus(token.accessKey)).toBe(200)

    const known = await revoke({ keys: [token.accessKey] })
    const unknown = await revoke({ keys: [unknownKey()] })
    const malformed = await revoke({ keys: ['not a key'] })
    for (const answer of [known, unknown, malformed]) {
      expect(answer).toEqual({ status: 202, body: { data: { received: 1 } } })
    }

    const refused = await gateEnv().fetch('/api/articles', { headers: bearer(token.accessKey) })
    expect(refused.status).toBe(401)
    expect(await refused.json()).toMatchObject({ error: { details: { code: 'DISABLED' } } })
    expect(await tokenOf(token.id)).toMatchObject({
      enabled: false,
      disabledReason: 'leaked',
      previousKey: null,
    })
    const [leaked] = await eventsOf(token.id)
    expect(leaked).toMatchObject({
      action: 'leaked',
      tokenId: token.id,
      actor: null,
      changes: { source: 'revoke' },
      ip: null,
    })
  })

  it('counts every entry, duplicates and malformed ones too, and disables each known token once', async () => {
    const first = await createToken()
    const second = await createToken()
    const keys = [first.accessKey, first.accessKey, second.accessKey, 'tg_short', unknownKey()]
    expect(await revoke({ keys })).toEqual({ status: 202, body: { data: { received: 5 } } })
    for (const token of [first, second]) {
      expect(await tokenOf(token.id)).toMatchObject({ enabled: false, disabledReason: 'leaked' })
      expect((await eventsOf(token.id)).filter((event) => event.action === 'leaked')).toHaveLength(
        1,
      )
    }
  })

  it('records nothing more when a leaked key is reported again', async () => {
    const token = await createToken()
    await revoke({ keys: [token.accessKey] })
    const before = await eventsOf(token.id)
    expect(await revoke({ keys: [token.accessKey] })).toMatchObject({ status: 202 })
    expect(await eventsOf(token.id)).toEqual(before)
  })

  it('ends a replaced key’s grace period now, leaving the token and its new key working', async () => {
    const token = await createToken()
    const rotated = await admin('POST', `/admin/api-tokens/${token.id}/regenerate`, {
      gracePeriod: 3600,
    })
    const newKey: string = rotated.body.data.accessKey
    expect(await gateStatus(token.accessKey)).toBe(200)

    expect(await revoke({ keys: [token.accessKey] })).toMatchObject({ status: 202 })
    expect(await gateStatus(token.accessKey)).toBe(401)
    expect(await gateStatus(newKey)).toBe(200)
    expect(await tokenOf(token.id)).toMatchObject({
      enabled: true,
      disabledReason: null,
      previousKey: null,
    })
    expect((await eventsOf(token.id))[0]).toMatchObject({
      action: 'leaked',
      changes: { source: 'revoke' },
    })
  })

  it('announces each change on the revocation feed in the same batch', async () => {
    const token = await createToken()
    const feedOf = async () =>
      (
        await env.DB.prepare('select count(*) as n from api_token_revocations where token_id = ?')
          .bind(token.id)
          .first<{ n: number }>()
      )?.n
    const before = await feedOf()
    await revoke({ keys: [token.accessKey] })
    expect(await feedOf()).toBe((before ?? 0) + 1)
  })

  it('publishes the leaked event as a webhook, with its changes', async () => {
    const sent: { body: WebhookPayload }[] = []
    const queue = {
      sendBatch: async (messages: Iterable<{ body: WebhookPayload }>) => {
        sent.push(...messages)
      },
    }
    const gate = gateEnv({
      WEBHOOK_URL: 'https://hooks.example/tollgate',
      WEBHOOK_QUEUE: queue as unknown as Queue<WebhookPayload>,
    })
    const token = await createToken()
    await revoke({ keys: [token.accessKey, unknownKey()] }, { gate })
    expect(sent.map(({ body }) => ({ type: body.type, data: body.data }))).toEqual([
      {
        type: 'api-token.leaked',
        data: {
          token: { id: token.id, name: token.name, owner: null },
          actor: null,
          changes: { source: 'revoke' },
        },
      },
    ])
  })
})

describe('leaving the leak behind', () => {
  it('enabling the token again clears disabledReason', async () => {
    const token = await createToken()
    await revoke({ keys: [token.accessKey] })
    const enabled = await admin('PUT', `/admin/api-tokens/${token.id}`, { enabled: true })
    expect(enabled.status).toBe(200)
    expect(enabled.body.data).toMatchObject({ enabled: true, disabledReason: null })
    expect(await gateStatus(token.accessKey)).toBe(200)
  })

  it('an edit that leaves the token disabled keeps disabledReason', async () => {
    const token = await createToken()
    await revoke({ keys: [token.accessKey] })
    const edited = await admin('PUT', `/admin/api-tokens/${token.id}`, { description: 'found' })
    expect(edited.body.data).toMatchObject({ enabled: false, disabledReason: 'leaked' })
  })

  it('a regenerate clears disabledReason; the leaked key gets no grace period', async () => {
    const token = await createToken()
    await revoke({ keys: [token.accessKey] })
    const rotated = await admin('POST', `/admin/api-tokens/${token.id}/regenerate`, {
      gracePeriod: 3600,
    })
    expect(rotated.status).toBe(201)
    expect(rotated.body.data.previousKey).toBeNull()
    expect(await tokenOf(token.id)).toMatchObject({ enabled: false, disabledReason: null })
    expect(await gateStatus(token.accessKey)).toBe(401)
  })
})

describe('what /revoke refuses', () => {
  const fieldError = (path: string[], code: string, message: string) => ({
    status: 400,
    body: {
      data: null,
      error: {
        status: 400,
        name: 'ValidationError',
        message,
        details: { errors: [{ path, name: 'ValidationError', message, code }] },
      },
    },
  })

  it('a body without keys, with none, or with more than 1000', async () => {
    expect(await revoke({})).toEqual(fieldError(['keys'], 'required', 'keys is a required field'))
    expect(await revoke({ keys: [] })).toEqual(
      fieldError(['keys'], 'required', 'keys must hold at least one key'),
    )
    const many = Array.from({ length: 1001 }, () => 'x')
    expect(await revoke({ keys: many })).toEqual(
      fieldError(['keys'], 'too_long', 'keys must hold at most 1000 keys'),
    )
  })

  it('entries that are not strings, fields it does not know, a body that is not JSON', async () => {
    expect(await revoke({ keys: [7] })).toEqual(
      fieldError(['keys', '0'], 'invalid_value', 'keys must hold strings'),
    )
    expect(await revoke({ keys: ['x'], ids: [1] })).toEqual(
      fieldError(['ids'], 'unknown_field', 'ids is not an allowed field'),
    )
    const notJson = await revoke('keys=tg_x')
    expect(notJson.status).toBe(400)
    expect(notJson.body).toMatchObject({ data: null, error: { name: 'ValidationError' } })
  })

  it('past 30 requests a minute from one address: 429, Retry-After, nothing done', async () => {
    const address = freshAddress()
    for (let i = 0; i < 30; i++) {
      expect((await revoke({ keys: ['x'] }, { address })).status).toBe(202)
    }
    const token = await createToken()
    const limited = await gateEnv().fetch('/revoke', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': address },
      body: JSON.stringify({ keys: [token.accessKey] }),
    })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect(await limited.json()).toMatchObject({ error: { status: 429, name: 'RateLimitError' } })
    expect(await tokenOf(token.id)).toMatchObject({ enabled: true, disabledReason: null })
    expect((await revoke({ keys: ['x'] })).status).toBe(202)
  })
})

describe('1000 keys in one request', () => {
  /** The statements and batches a /revoke of `keys` sends to D1. */
  async function countedRevoke(keys: string[]) {
    const batches: number[] = []
    const batching = new Proxy(env.DB, {
      get(inner, property) {
        if (property === 'withSession') {
          return (constraint?: string) => {
            const session = inner.withSession(constraint)
            return new Proxy(session, {
              get(innerSession, sessionProperty) {
                if (sessionProperty === 'batch') {
                  return (statements: D1PreparedStatement[]) => {
                    batches.push(statements.length)
                    return innerSession.batch(statements)
                  }
                }
                const value = Reflect.get(innerSession, sessionProperty)
                return typeof value === 'function' ? value.bind(innerSession) : value
              },
            })
          }
        }
        const value = Reflect.get(inner, property)
        return typeof value === 'function' ? value.bind(inner) : value
      },
    })
    const { db, statements } = countingDb(batching)
    const gate = gateEnv({ DB: db } satisfies Partial<Bindings>)
    const answer = await revoke({ keys }, { gate })
    return { answer, statements, batches }
  }

  it('takes one D1 batch of the same five statements as one key does, and disables the known', async () => {
    const tokens = [await createToken(), await createToken(), await createToken()]
    const keys = Array.from({ length: 997 }, unknownKey)
    keys.splice(100, 0, tokens[0]!.accessKey)
    keys.splice(500, 0, tokens[1]!.accessKey)
    keys.push(tokens[2]!.accessKey)
    const many = await countedRevoke(keys)
    const one = await countedRevoke([unknownKey()])

    expect(many.answer).toEqual({ status: 202, body: { data: { received: 1000 } } })
    expect(many.batches).toEqual([5])
    expect(many.statements).toHaveLength(5)
    expect(one.batches).toEqual(many.batches)
    expect(one.statements).toEqual(many.statements)
    for (const token of tokens) {
      expect(await tokenOf(token.id)).toMatchObject({ enabled: false, disabledReason: 'leaked' })
    }
  })

  it('reads nothing from D1 for keys of another format or with a wrong checksum', async () => {
    const key = unknownKey()
    const wrongChecksum = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A')
    const { answer, statements, batches } = await countedRevoke([
      wrongChecksum,
      'sk_live_0123456789',
      'a'.repeat(256),
    ])
    expect(answer).toEqual({ status: 202, body: { data: { received: 3 } } })
    expect(statements).toEqual([])
    expect(batches).toEqual([])
  })
})
