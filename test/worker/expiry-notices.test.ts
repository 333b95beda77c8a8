// SPEC §7 "Expiry notices and webhooks" and "Audit log": what the hourly job records and
// prunes, run with the clock passed in (runHousekeeping(env, now)) against real D1.
import { createScheduledController } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { parseSettings } from '../../worker/config/settings'
import type { Bindings } from '../../worker/env'
import worker from '../../worker/index'
import { runHousekeeping } from '../../worker/jobs/scheduled'
import type { WebhookPayload } from '../../worker/webhooks/webhook-payload'
import { admin, createToken, uniqueName } from './helpers'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const NOW = Date.parse('2026-12-01T12:00:00Z')

afterEach(() => {
  vi.restoreAllMocks()
})

/** Inserts a token as the admin API would store it, expiring at `expiresAt` (null: never). */
async function insertToken(expiresAt: number | null, name = uniqueName('expiry')) {
  const row = await env.DB.prepare(
    `insert into api_tokens (name, type, access_key_hash, key_hint, lifespan, expires_at)
     values (?, 'read-only', ?, 'tg_…abcd', null, ?) returning id`,
  )
    .bind(name, crypto.randomUUID(), expiresAt)
    .first<{ id: number }>()
  if (!row) throw new Error('insertToken: no row returned')
  return { id: row.id, name }
}

interface EventRow {
  id: number
  at: number
  action: string
  token_id: number
  token_name: string
  owner: string | null
  actor: string | null
  changes: string | null
  ip: string | null
  actor_owner: string | null
}

async function eventsOf(tokenId: number): Promise<EventRow[]> {
  const { results } = await env.DB.prepare(
    'select * from api_token_events where token_id = ? order by id',
  )
    .bind(tokenId)
    .all<EventRow>()
  return results
}

async function noticesOf(tokenId: number) {
  return env.DB.prepare(
    'select expiring_notice_at as expiring, expired_notice_at as expired from api_tokens where id = ?',
  )
    .bind(tokenId)
    .first<{ expiring: number | null; expired: number | null }>()
}

const notice = (action: string, token: { id: number; name: string }, at: number) => ({
  id: expect.any(Number),
  at,
  action,
  token_id: token.id,
  token_name: token.name,
  owner: null,
  actor: null,
  changes: null,
  ip: null,
  actor_owner: null,
})

describe('expiry notices (the hourly job)', () => {
  it('records expiring once for a key expiring within EXPIRY_WARNING_DAYS (two runs, one event)', async () => {
    const token = await insertToken(NOW + 3 * DAY)
    await runHousekeeping(env, NOW)
    await runHousekeeping(env, NOW + HOUR)
    expect(await eventsOf(token.id)).toEqual([notice('expiring', token, NOW)])
    expect(await noticesOf(token.id)).toEqual({ expiring: NOW, expired: null })
  })

  it('records expired once after expiry, without an expiring for a key already past', async () => {
    const token = await insertToken(NOW - HOUR)
    await runHousekeeping(env, NOW)
    await runHousekeeping(env, NOW + HOUR)
    await runHousekeeping(env, NOW + 30 * DAY)
    expect(await eventsOf(token.id)).toEqual([notice('expired', token, NOW)])
    expect(await noticesOf(token.id)).toEqual({ expiring: null, expired: NOW })
  })

  it('follows a key through its lifetime: nothing, expiring, then expired, each once', async () => {
    const expiresAt = NOW + 10 * DAY
    const token = await insertToken(expiresAt)
    const runs = [NOW, expiresAt - 7 * DAY - 1, expiresAt - 7 * DAY, expiresAt - HOUR, expiresAt]
    for (const at of [...runs, expiresAt + HOUR]) await runHousekeeping(env, at)
    expect(await eventsOf(token.id)).toEqual([
      notice('expiring', token, expiresAt - 7 * DAY),
      notice('expired', token, expiresAt),
    ])
  })

  it('records nothing for an unlimited key or one expiring further ahead than the warning', async () => {
    const unlimited = await insertToken(null)
    const far = await insertToken(NOW + 7 * DAY + 1)
    await runHousekeeping(env, NOW)
    expect(await eventsOf(unlimited.id)).toEqual([])
    expect(await eventsOf(far.id)).toEqual([])
    expect(await noticesOf(far.id)).toEqual({ expiring: null, expired: null })
    await runHousekeeping(env, NOW + 365 * DAY)
    expect(await eventsOf(unlimited.id)).toEqual([])
  })

  it('re-arms both notices when they are reset (what regenerate and a new duration do)', async () => {
    const token = await insertToken(NOW + DAY)
    await runHousekeeping(env, NOW)
    await runHousekeeping(env, NOW + 2 * DAY)
    // Regenerate with a 7-day lifespan, as the admin route writes it.
    const renewedAt = NOW + 3 * DAY
    await env.DB.prepare(
      `update api_tokens set expires_at = ?, expiring_notice_at = null, expired_notice_at = null
       where id = ?`,
    )
      .bind(renewedAt + 7 * DAY, token.id)
      .run()
    await runHousekeeping(env, renewedAt)
    await runHousekeeping(env, renewedAt + 8 * DAY)
    expect((await eventsOf(token.id)).map((event) => [event.action, event.at])).toEqual([
      ['expiring', NOW],
      ['expired', NOW + 2 * DAY],
      ['expiring', renewedAt],
      ['expired', renewedAt + 8 * DAY],
    ])
  })

  it('is re-armed by the admin API: a regenerate and a new duration', async () => {
    const now = Date.now()
    const token = await createToken({ lifespan: 604_800_000 })
    const actions = async () =>
      (await eventsOf(token.id))
        .map((event) => event.action)
        .filter((action) => action === 'expiring' || action === 'expired')
    await runHousekeeping(env, now)
    await runHousekeeping(env, now + HOUR)
    expect(await actions()).toEqual(['expiring'])
    await admin('POST', `/admin/api-tokens/${token.id}/regenerate`)
    await runHousekeeping(env, now + 2 * HOUR)
    expect(await actions()).toEqual(['expiring', 'expiring'])
    await admin('PUT', `/admin/api-tokens/${token.id}`, { lifespan: 2_592_000_000 })
    await runHousekeeping(env, now + 3 * HOUR)
    expect(await actions()).toEqual(['expiring', 'expiring']) // 30 days: not within 7
    await runHousekeeping(env, now + 24 * DAY)
    expect(await actions()).toEqual(['expiring', 'expiring', 'expiring'])
  })

  it('records one event even when two runs overlap', async () => {
    const expiring = await insertToken(NOW + 2 * DAY)
    const expired = await insertToken(NOW - DAY)
    await Promise.all([
      runHousekeeping(env, NOW),
      runHousekeeping(env, NOW),
      runHousekeeping(env, NOW + 1),
    ])
    expect((await eventsOf(expiring.id)).map((event) => event.action)).toEqual(['expiring'])
    expect((await eventsOf(expired.id)).map((event) => event.action)).toEqual(['expired'])
  })

  it('warns EXPIRY_WARNING_DAYS ahead when it is set', async () => {
    const token = await insertToken(NOW + 2 * DAY)
    await runHousekeeping({ ...env, EXPIRY_WARNING_DAYS: '1' }, NOW)
    expect(await eventsOf(token.id)).toEqual([])
    await runHousekeeping({ ...env, EXPIRY_WARNING_DAYS: '1' }, NOW + DAY)
    expect(await eventsOf(token.id)).toEqual([notice('expiring', token, NOW + DAY)])
  })

  it('runs from the scheduled handler at the scheduled time', async () => {
    const token = await insertToken(NOW + 5 * DAY)
    const controller = createScheduledController({ scheduledTime: NOW, cron: '0 * * * *' })
    await worker.scheduled(controller, env)
    expect(await eventsOf(token.id)).toEqual([notice('expiring', token, NOW)])
  })
})

describe('expiry notices as webhooks', () => {
  function fakeQueue() {
    const sent: MessageSendRequest<WebhookPayload>[] = []
    const queue = {
      sendBatch: async (messages: Iterable<MessageSendRequest<WebhookPayload>>) => {
        sent.push(...messages)
      },
    } as unknown as Queue<WebhookPayload>
    return { queue, sent }
  }

  it('publishes the recorded notices once, with actor null and the event ids', async () => {
    const at = NOW + 400 * DAY // past every earlier test's tokens: only these two are due
    const expiring = await insertToken(at + DAY)
    const expired = await insertToken(at - DAY)
    // Earlier tests' tokens get their notices here, out of the way (the expired one too).
    await runHousekeeping(env, at - 10 * DAY)
    const { queue, sent } = fakeQueue()
    const hooked: Bindings = { ...env, WEBHOOK_URL: 'https://hooks.test/', WEBHOOK_QUEUE: queue }
    await runHousekeeping(hooked, at)
    await runHousekeeping(hooked, at + HOUR)
    const ids = new Map(
      [...(await eventsOf(expiring.id)), ...(await eventsOf(expired.id))].map((event) => [
        `${event.token_id}:${event.action}:${event.at}`,
        event.id,
      ]),
    )
    const createdAt = new Date(at).toISOString()
    expect(sent.map((message) => message.body)).toEqual([
      {
        id: `evt_${ids.get(`${expired.id}:expired:${at}`)}`,
        type: 'api-token.expired',
        createdAt,
        data: {
          token: { id: expired.id, name: expired.name, owner: null },
          actor: null,
          changes: null,
        },
      },
      {
        id: `evt_${ids.get(`${expiring.id}:expiring:${at}`)}`,
        type: 'api-token.expiring',
        createdAt,
        data: {
          token: { id: expiring.id, name: expiring.name, owner: null },
          actor: null,
          changes: null,
        },
      },
    ])
  })

  it('records the notices without WEBHOOK_URL, and queues nothing', async () => {
    const at = NOW + 800 * DAY
    const token = await insertToken(at + DAY)
    const { queue, sent } = fakeQueue()
    await runHousekeeping({ ...env, WEBHOOK_URL: undefined, WEBHOOK_QUEUE: queue }, at)
    expect((await eventsOf(token.id)).map((event) => event.action)).toEqual(['expiring'])
    expect(sent).toEqual([])
  })
})

describe('audit log retention', () => {
  async function insertEvent(tokenId: number, at: number) {
    await env.DB.prepare(
      `insert into api_token_events (at, action, token_id, token_name, actor, ip)
       values (?, 'updated', ?, 'old', '{"sub":"admin-1"}', '203.0.113.9')`,
    )
      .bind(at, tokenId)
      .run()
  }

  it('prunes events older than AUDIT_RETENTION_DAYS (default 365) and keeps the rest', async () => {
    const tokenId = 900_001
    for (const age of [400 * DAY, 365 * DAY + 1, 365 * DAY, 364 * DAY, HOUR]) {
      await insertEvent(tokenId, NOW - age)
    }
    await runHousekeeping(env, NOW)
    expect((await eventsOf(tokenId)).map((event) => NOW - event.at)).toEqual([
      365 * DAY,
      364 * DAY,
      HOUR,
    ])
  })

  it('honours AUDIT_RETENTION_DAYS when it is set', async () => {
    const tokenId = 900_002
    for (const age of [31 * DAY, 29 * DAY]) await insertEvent(tokenId, NOW - age)
    await runHousekeeping({ ...env, AUDIT_RETENTION_DAYS: 30 }, NOW)
    expect((await eventsOf(tokenId)).map((event) => NOW - event.at)).toEqual([29 * DAY])
  })
})

describe('a failing step', () => {
  it('does not stop the others: it is logged and the run still fails', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    await env.DB.prepare('delete from api_token_revocations').run()
    const insert = 'insert into api_token_revocations (token_id, at) values (?, ?)'
    await env.DB.batch([
      env.DB.prepare(insert).bind(1, NOW - 2 * DAY),
      env.DB.prepare(insert).bind(2, NOW),
    ])
    // A bad var stops the steps that need the settings, not the feed pruning.
    const broken = { ...env, EXPIRY_WARNING_DAYS: 'soon' }
    await expect(runHousekeeping(broken, NOW)).rejects.toThrow('Housekeeping: 2 step(s) failed')
    const { results } = await env.DB.prepare(
      'select token_id as id from api_token_revocations',
    ).all<{ id: number }>()
    expect(results).toEqual([{ id: 2 }])
    expect(errors.mock.calls.map((call) => String(call[0]))).toEqual([
      'Housekeeping: recording expiry notices failed:',
      'Housekeeping: pruning the audit log failed:',
    ])
    expect(String(errors.mock.calls[0]?.[1])).toContain(
      'EXPIRY_WARNING_DAYS must be a number of days',
    )
  })
})

describe('settings', () => {
  it('default to a 7-day warning and a 365-day retention', () => {
    const settings = parseSettings({})
    expect(settings.expiryWarningMs).toBe(7 * DAY)
    expect(settings.auditRetentionMs).toBe(365 * DAY)
  })

  it('read the vars as TOML numbers or strings and refuse nonsense', () => {
    expect(parseSettings({ EXPIRY_WARNING_DAYS: '0', AUDIT_RETENTION_DAYS: 30 })).toMatchObject({
      expiryWarningMs: 0,
      auditRetentionMs: 30 * DAY,
    })
    expect(() => parseSettings({ EXPIRY_WARNING_DAYS: -1 })).toThrow('EXPIRY_WARNING_DAYS')
    expect(() => parseSettings({ AUDIT_RETENTION_DAYS: '0' })).toThrow(
      'AUDIT_RETENTION_DAYS must be at least 1 day',
    )
  })
})
