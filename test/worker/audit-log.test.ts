// SPEC §7 "Audit log": every change through the admin API, in the change's own batch.
import { env } from 'cloudflare:workers'
import { SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { ADMIN_ACTIONS } from '../../contract/api-tokens'
import type { WebhookPayload } from '../../worker/webhooks/webhook-payload'
import { gateEnv } from './gate-helpers'
import { admin, adminJwt, call, createToken, uniqueName } from './helpers'

/** An admin JWT with name and email claims, as a host that knows its admins mints it. */
async function namedAdminJwt() {
  return new SignJWT({
    permissions: [...ADMIN_ACTIONS],
    name: 'Ada Admin',
    email: 'ada@example.com',
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('admin-7')
    .setAudience('tollgate')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(env.ADMIN_JWT_SECRET))
}

async function asAda(method: string, path: string, body?: unknown) {
  const response = await call(path, {
    method,
    headers: {
      Authorization: `Bearer ${await namedAdminJwt()}`,
      'CF-Connecting-IP': '198.51.100.23',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return {
    status: response.status,
    body: (await response.json()) as { data: { id: number; keyHint: string } },
  }
}

const eventsOf = async (id: number, query = '') =>
  (await admin('GET', `/admin/api-tokens/${id}/events${query}`)).body

describe('the audit log', () => {
  it('records who did what, when, from where, with the changes — newest first', async () => {
    const before = Date.now()
    const created = await asAda('POST', '/admin/api-tokens', {
      name: uniqueName(),
      type: 'read-only',
    })
    const id = created.body.data.id
    await asAda('PUT', `/admin/api-tokens/${id}`, {
      description: 'for the site',
      type: 'full-access',
    })
    await asAda('PUT', `/admin/api-tokens/${id}`, { enabled: false })
    await asAda('PUT', `/admin/api-tokens/${id}`, { enabled: true })
    await asAda('POST', `/admin/api-tokens/${id}/regenerate`, { gracePeriod: 60 })
    const { data, meta } = await eventsOf(id)
    expect(data.map((event: { action: string }) => event.action)).toEqual([
      'regenerated',
      'enabled',
      'disabled',
      'updated',
      'created',
    ])
    const actor = { sub: 'admin-7', name: 'Ada Admin', email: 'ada@example.com' }
    for (const event of data) {
      expect(event).toMatchObject({ tokenId: id, actor, ip: '198.51.100.23', owner: null })
      expect(Date.parse(event.at)).toBeGreaterThanOrEqual(before - 1)
    }
    expect(data[3].changes).toEqual({
      description: ['', 'for the site'],
      type: ['read-only', 'full-access'],
    })
    expect(data[0].changes).toEqual({
      keyHint: [created.body.data.keyHint, expect.stringMatching(/^tg_/)],
      gracePeriod: [null, 60],
    })
    expect(data[0].changes.keyHint[1]).not.toBe(created.body.data.keyHint)
    expect(data[2].changes).toEqual({ enabled: [true, false] })
    expect(data[4]).not.toHaveProperty('changes')
    expect(JSON.stringify(data)).not.toMatch(/tg_[0-9A-Za-z]{20}/) // never key material
    expect(meta.pagination).toEqual({ page: 1, pageSize: 25, pageCount: 1, total: 5 })
  })

  it('takes the actor from sub alone when the JWT has no name or email', async () => {
    const token = await createToken()
    const [created] = (await eventsOf(token.id)).data
    expect(created.actor).toEqual({ sub: 'admin-1' })
    expect(created.ip).toBeNull()
  })

  it('records nothing for an edit that changes nothing', async () => {
    const token = await createToken()
    await admin('PUT', `/admin/api-tokens/${token.id}`, { name: token.name, lifespan: null })
    expect((await eventsOf(token.id)).data).toHaveLength(1)
  })

  it("keeps a deleted token's history readable; a token that never was is a 404", async () => {
    const token = await createToken()
    await admin('DELETE', `/admin/api-tokens/${token.id}`)
    const { data } = await eventsOf(token.id)
    expect(data.map((event: { action: string }) => event.action)).toEqual(['deleted', 'created'])
    expect(data[0].tokenName).toBe(token.name)
    expect((await admin('GET', '/admin/api-tokens/999999/events')).status).toBe(404)
  })

  it('pages, and filters all events by action and token', async () => {
    const token = await createToken()
    for (let i = 0; i < 4; i++) {
      await admin('PUT', `/admin/api-tokens/${token.id}`, { description: `v${i}` })
    }
    const page = await eventsOf(token.id, '?page=2&pageSize=2')
    expect(
      page.data.map(
        (event: { changes: { description: string[] } }) => event.changes?.description?.[1] ?? null,
      ),
    ).toEqual(['v1', 'v0'])
    expect(page.meta.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 3, total: 5 })
    const updates = await admin('GET', `/admin/api-token-events?action=updated&tokenId=${token.id}`)
    expect(updates.body.data).toHaveLength(4)
    const all = await admin('GET', '/admin/api-token-events?action=created&pageSize=100')
    expect(all.body.data.some((event: { tokenId: number }) => event.tokenId === token.id)).toBe(
      true,
    )
    expect(all.body.data.every((event: { action: string }) => event.action === 'created')).toBe(
      true,
    )
    for (const query of ['?action=renamed', '?tokenId=x', '?page=0', '?pageSize=101']) {
      expect((await admin('GET', `/admin/api-token-events${query}`)).status, query).toBe(400)
    }
  })

  it('needs admin::api-tokens.read', async () => {
    const token = await createToken()
    const jwt = await adminJwt({ permissions: ['admin::api-tokens.access'] })
    expect(
      (await admin('GET', `/admin/api-tokens/${token.id}/events`, undefined, jwt)).status,
    ).toBe(403)
    expect((await admin('GET', '/admin/api-token-events', undefined, jwt)).status).toBe(403)
  })
})

describe('atomicity', () => {
  const count = async (table: string, id: number) =>
    (await env.DB.prepare(`select count(*) as n from ${table} where token_id = ?`)
      .bind(id)
      .first<{ n: number }>())!.n

  it('leaves no event (and no feed row) when the change fails', async () => {
    const token = await createToken()
    await env.DB.prepare(
      `create trigger refuse_boom before update on api_tokens when new.description = 'boom'
       begin select raise(abort, 'boom'); end`,
    ).run()
    try {
      const events = await count('api_token_events', token.id)
      const feed = await count('api_token_revocations', token.id)
      const response = await admin('PUT', `/admin/api-tokens/${token.id}`, { description: 'boom' })
      expect(response.status).toBe(503)
      expect(await count('api_token_events', token.id)).toBe(events)
      expect(await count('api_token_revocations', token.id)).toBe(feed)
    } finally {
      await env.DB.prepare('drop trigger refuse_boom').run()
    }
  })

  it('leaves no change when its event cannot be written', async () => {
    const token = await createToken()
    await env.DB.prepare(
      `create trigger refuse_deleted before insert on api_token_events when new.action = 'deleted'
       begin select raise(abort, 'no'); end`,
    ).run()
    try {
      expect((await admin('DELETE', `/admin/api-tokens/${token.id}`)).status).toBe(503)
      expect((await admin('GET', `/admin/api-tokens/${token.id}`)).status).toBe(200)
    } finally {
      await env.DB.prepare('drop trigger refuse_deleted').run()
    }
  })
})

describe('events as webhooks', () => {
  it('queues each admin change’s events, with the audit log’s ids, off the request path', async () => {
    const sent: { body: { id: string; type: string; data: { token: { id: number } } } }[] = []
    const queue = {
      sendBatch: async (messages: Iterable<(typeof sent)[number]>) => {
        sent.push(...messages)
      },
    }
    const gate = gateEnv({
      WEBHOOK_URL: 'https://hooks.example/tollgate',
      WEBHOOK_QUEUE: queue as unknown as Queue<WebhookPayload>,
    })
    const jwt = await adminJwt()
    const send = (method: string, path: string, body?: object) =>
      gate.fetch(path, {
        method,
        headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    const created = (await (
      await send('POST', '/admin/api-tokens', { name: uniqueName(), type: 'read-only' })
    ).json()) as { data: { id: number } }
    const id = created.data.id
    await send('PUT', `/admin/api-tokens/${id}`, { enabled: false, description: 'off' })
    await send('POST', `/admin/api-tokens/${id}/regenerate`)
    await send('DELETE', `/admin/api-tokens/${id}`)
    const { data: events } = await eventsOf(id)
    expect(sent.map((message) => message.body.type)).toEqual(
      [...events].reverse().map((event: { action: string }) => `api-token.${event.action}`),
    )
    expect(sent.map((message) => message.body.id)).toEqual(
      [...events].reverse().map((event: { id: number }) => `evt_${event.id}`),
    )
    expect(sent.every((message) => message.body.data.token.id === id)).toBe(true)
  })
})
