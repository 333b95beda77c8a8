// SPEC §7 "Expiry notices and webhooks": delivery through the queue — the producer
// (publishEvents), the consumer (the worker's `queue` handler) and the signature.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { parse } from 'smol-toml'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { parseSettings } from '../../worker/config/settings'
import type { Bindings } from '../../worker/env'
import worker from '../../worker/index'
import type { RecordedEvent } from '../../worker/tokens/token-event'
import { deliverWebhooks } from '../../worker/webhooks/deliver-webhooks'
import { publishEvents } from '../../worker/webhooks/publish-events'
import { WEBHOOK_RETRY_DELAYS } from '../../worker/webhooks/retry-delay'
import { webhookPayloadOf, type WebhookPayload } from '../../worker/webhooks/webhook-payload'
import wranglerToml from '../../wrangler.toml?raw'

const WEBHOOK_URL = 'https://hooks.test/tollgate?channel=ops'
const WEBHOOK_SECRET = 'whsec_test_0123456789abcdef'
const QUEUE = 'tollgate-webhooks-demo'
const TOLERANCE_SECONDS = 300

const event = (fields: Partial<RecordedEvent> = {}): RecordedEvent => ({
  id: 41,
  at: '2026-12-01T12:00:00.000Z',
  action: 'updated',
  tokenId: 7,
  tokenName: 'billing-sync',
  owner: null,
  actor: { sub: 'admin-1', email: 'ada@example.com' },
  changes: { name: ['billing', 'billing-sync'] },
  ip: '203.0.113.9',
  ...fields,
})

/** The env a deployment with webhooks has: the test env plus the URL and the secret. */
const hooked = (extra: Partial<Bindings> = {}): Bindings => ({
  ...env,
  WEBHOOK_URL,
  WEBHOOK_SECRET,
  ...extra,
})

const encoder = new TextEncoder()

/** Hex to bytes, or `null` for anything that is not whole hex pairs. */
const fromHex = (hex: string) =>
  /^(?:[0-9a-f]{2})+$/i.test(hex)
    ? Uint8Array.from(hex.match(/../g)!, (pair) => parseInt(pair, 16))
    : null

/**
 * A receiver's check of `Tollgate-Signature`, written from the README alone (not the
 * worker's code): `t` within 5 minutes of `nowSeconds`, and `v1` the hex HMAC-SHA-256 of
 * `"<t>.<raw body>"`, compared in constant time.
 */
async function verifySignature(
  header: string | null,
  rawBody: string,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<boolean> {
  if (!header) return false
  const parts = new Map(
    header.split(',').map((part) => {
      const at = part.indexOf('=')
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const
    }),
  )
  const t = Number(parts.get('t'))
  const given = fromHex(parts.get('v1') ?? '')
  if (!given || !Number.isInteger(t) || Math.abs(nowSeconds - t) > TOLERANCE_SECONDS) return false
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const expected = new Uint8Array(
    await crypto.subtle.sign('HMAC', key, encoder.encode(`${t}.${rawBody}`)),
  )
  return given.length === expected.length && crypto.subtle.timingSafeEqual(given, expected)
}

interface Sent {
  url: string
  method: string
  headers: Headers
  body: string
}

/** Replaces `fetch` with a receiver answering `answer`; returns what it was sent. */
function receiver(answer: (sent: Sent) => Response | Promise<Response>): Sent[] {
  const sent: Sent[] = []
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init)
    const delivery = {
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: await request.text(),
    }
    sent.push(delivery)
    return answer(delivery)
  })
  return sent
}

/**
 * The queue's verdict on a batch: `getQueueResult`'s acks and retries, with each retry's
 * `delaySeconds` as the handler asked for it (the plugin records that a message was
 * retried, not its delay, so `retry` is watched too).
 */
async function verdictOn(batch: MessageBatch, run: () => Promise<void>) {
  const delays = new Map<string, number | undefined>()
  for (const message of batch.messages) {
    const retry = message.retry.bind(message)
    vi.spyOn(message, 'retry').mockImplementation((options) => {
      delays.set(message.id, options?.delaySeconds)
      retry(options)
    })
  }
  const ctx = createExecutionContext()
  await run()
  const result = await getQueueResult(batch, ctx)
  return {
    acked: result.explicitAcks,
    retried: result.retryMessages.map(({ msgId }) => ({ msgId, delaySeconds: delays.get(msgId) })),
  }
}

const batchOf = (...messages: { id: string; attempts: number; body: unknown }[]) =>
  createMessageBatch(
    QUEUE,
    messages.map((message) => ({ ...message, timestamp: new Date() })),
  )

/** Runs the worker's queue handler on one message and returns the queue's verdict. */
function consume(payload: unknown, bindings: Bindings, attempts = 1) {
  const batch = batchOf({ id: `msg-${attempts}`, attempts, body: payload })
  return verdictOn(batch, () => worker.queue(batch, bindings))
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('the webhook payload', () => {
  it('carries the event without key material or the admin address, its id derived from the event', () => {
    expect(webhookPayloadOf(event())).toEqual({
      id: 'evt_41',
      type: 'api-token.updated',
      createdAt: '2026-12-01T12:00:00.000Z',
      data: {
        token: { id: 7, name: 'billing-sync', owner: null },
        actor: { sub: 'admin-1', email: 'ada@example.com' },
        changes: { name: ['billing', 'billing-sync'] },
      },
    })
  })

  it('has changes: null and actor: null for a scheduled notice', () => {
    const payload = webhookPayloadOf(event({ action: 'expiring', actor: null, changes: undefined }))
    expect(payload.type).toBe('api-token.expiring')
    expect(payload.data).toEqual({
      token: { id: 7, name: 'billing-sync', owner: null },
      actor: null,
      changes: null,
    })
  })
})

describe('publishEvents (the producer)', () => {
  function fakeQueue(fail = false) {
    const batches: MessageSendRequest<WebhookPayload>[][] = []
    const queue = {
      sendBatch: async (messages: Iterable<MessageSendRequest<WebhookPayload>>) => {
        if (fail) throw new Error('Queue sendBatch failed: internal error')
        batches.push([...messages])
      },
    } as unknown as Queue<WebhookPayload>
    return { queue, batches }
  }

  it('sends nothing without WEBHOOK_URL', async () => {
    const { queue, batches } = fakeQueue()
    await publishEvents({ ...env, WEBHOOK_QUEUE: queue, WEBHOOK_URL: undefined }, [event()])
    await publishEvents({ ...env, WEBHOOK_QUEUE: queue, WEBHOOK_URL: '  ' }, [event()])
    expect(batches).toEqual([])
  })

  it('does nothing without the queue binding', async () => {
    await expect(
      publishEvents(hooked({ WEBHOOK_QUEUE: undefined }), [event()]),
    ).resolves.toBeUndefined()
  })

  it('sends one JSON message per event, its body the webhook payload', async () => {
    const { queue, batches } = fakeQueue()
    const events = [event({ id: 1 }), event({ id: 2, action: 'deleted', changes: undefined })]
    await publishEvents(hooked({ WEBHOOK_QUEUE: queue }), events)
    expect(batches).toEqual([
      [
        { body: webhookPayloadOf(events[0]!), contentType: 'json' },
        { body: webhookPayloadOf(events[1]!), contentType: 'json' },
      ],
    ])
    expect(JSON.stringify(batches)).not.toContain('203.0.113.9')
  })

  it('splits more than 100 events into batches of at most 100', async () => {
    const { queue, batches } = fakeQueue()
    const events = Array.from({ length: 205 }, (_, index) => event({ id: index + 1 }))
    await publishEvents(hooked({ WEBHOOK_QUEUE: queue }), events)
    expect(batches.map((batch) => batch.length)).toEqual([100, 100, 5])
    expect(batches.flat().map((message) => message.body.id)).toEqual(
      events.map((one) => `evt_${one.id}`),
    )
  })

  it('logs and swallows a failing queue, without the secret', async () => {
    const { queue } = fakeQueue(true)
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    await expect(
      publishEvents(hooked({ WEBHOOK_QUEUE: queue }), [event()]),
    ).resolves.toBeUndefined()
    expect(errors).toHaveBeenCalledOnce()
    expect(JSON.stringify(errors.mock.calls)).toContain('41')
    expect(JSON.stringify(errors.mock.calls)).not.toContain(WEBHOOK_SECRET)
  })
})

describe('the queue handler (the consumer)', () => {
  const payload = webhookPayloadOf(event())

  it('POSTs the payload as signed JSON to WEBHOOK_URL and acks a 2xx', async () => {
    const sent = receiver(() => new Response(null, { status: 204 }))
    const result = await consume(payload, hooked())
    expect(result.acked).toEqual(['msg-1'])
    expect(result.retried).toEqual([])
    expect(sent).toHaveLength(1)
    const [delivery] = sent
    expect(delivery!.url).toBe(WEBHOOK_URL)
    expect(delivery!.method).toBe('POST')
    expect(delivery!.headers.get('Content-Type')).toBe('application/json')
    expect(JSON.parse(delivery!.body)).toEqual(payload)
    expect(
      await verifySignature(
        delivery!.headers.get('Tollgate-Signature'),
        delivery!.body,
        WEBHOOK_SECRET,
      ),
    ).toBe(true)
  })

  it('retries with a delay on a non-2xx answer (5xx, 4xx, a redirect)', async () => {
    for (const status of [500, 404, 302]) {
      receiver(() => new Response('nope', { status, headers: { Location: 'https://x.test/' } }))
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      const result = await consume(payload, hooked())
      expect(result.acked, String(status)).toEqual([])
      expect(result.retried, String(status)).toEqual([{ msgId: 'msg-1', delaySeconds: 30 }])
      expect(String(warn.mock.calls[0])).toContain(`answered ${status}`)
      vi.restoreAllMocks()
    }
  })

  it('retries on a network error, logging neither the URL nor the secret', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(
      new TypeError(`Network connection lost to ${WEBHOOK_URL}`),
    )
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const result = await consume(payload, hooked())
    expect(result.retried).toEqual([{ msgId: 'msg-1', delaySeconds: 30 }])
    const logged = JSON.stringify(warn.mock.calls)
    expect(logged).toContain('evt_41')
    expect(logged).not.toContain('hooks.test')
    expect(logged).not.toContain(WEBHOOK_SECRET)
  })

  it('retries a delivery that times out (the receiver never answers)', async () => {
    const signals: AbortSignal[] = []
    vi.spyOn(globalThis, 'fetch').mockImplementation(
      (_input, init) =>
        new Promise<Response>((_resolve, reject) => {
          const signal = init?.signal
          if (!signal) throw new Error('the delivery was sent without a timeout signal')
          signals.push(signal)
          signal.addEventListener('abort', () => reject(signal.reason))
        }),
    )
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const batch = batchOf({ id: 'slow', attempts: 2, body: payload })
    const result = await verdictOn(batch, () => deliverWebhooks(batch, hooked(), { timeoutMs: 50 }))
    expect(signals).toHaveLength(1)
    expect(signals[0]!.aborted).toBe(true)
    expect(result.acked).toEqual([])
    expect(result.retried).toEqual([{ msgId: 'slow', delaySeconds: 120 }])
    expect(String(warn.mock.calls[0])).toContain('timed out')
  })

  it('gives the receiver a timeout signal through the handler too', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_input, init) => {
      expect(init?.signal).toBeInstanceOf(AbortSignal)
      expect(init?.signal?.aborted).toBe(false)
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError')
    })
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const result = await consume(payload, hooked())
    expect(result.retried).toEqual([{ msgId: 'msg-1', delaySeconds: 30 }])
  })

  it('spaces retries out: the first within a minute, each later one longer', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(null, { status: 503 }))
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const delays: (number | undefined)[] = []
    for (let attempts = 1; attempts <= WEBHOOK_RETRY_DELAYS.length; attempts += 1) {
      vi.mocked(fetch).mockResolvedValue(new Response(null, { status: 503 }))
      const result = await consume(payload, hooked(), attempts)
      delays.push(result.retried[0]?.delaySeconds)
    }
    expect(delays).toEqual([...WEBHOOK_RETRY_DELAYS])
    expect(delays[0]).toBeLessThanOrEqual(60)
    for (let index = 1; index < delays.length; index += 1) {
      expect(delays[index]!).toBeGreaterThan(delays[index - 1]!)
    }
    // Past the schedule it stays at the longest step, within the queue's 12-hour limit.
    const late = await consume(payload, hooked(), 20)
    expect(late.retried[0]?.delaySeconds).toBe(WEBHOOK_RETRY_DELAYS.at(-1))
    expect(WEBHOOK_RETRY_DELAYS.at(-1)).toBeLessThanOrEqual(12 * 3600)
  })

  it('sends the same event id and the same body on every attempt', async () => {
    // Two failures, then a 2xx (`sent` already holds the attempt being answered).
    const sent = receiver(() => new Response(null, { status: sent.length < 3 ? 500 : 200 }))
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const results = []
    for (let attempts = 1; attempts <= 3; attempts += 1) {
      results.push(await consume(payload, hooked(), attempts))
    }
    expect(results.map((result) => result.retried.length)).toEqual([1, 1, 0])
    expect(results[2]!.acked).toEqual(['msg-3'])
    expect(sent.map((delivery) => JSON.parse(delivery.body).id)).toEqual([
      'evt_41',
      'evt_41',
      'evt_41',
    ])
    expect(new Set(sent.map((delivery) => delivery.body)).size).toBe(1)
  })

  it('signs so that a receiver refuses a tampered body, another secret or a stale time', async () => {
    const now = Date.now()
    const sent = receiver(() => new Response('ok'))
    const batch = batchOf({ id: 'm', attempts: 1, body: payload })
    await deliverWebhooks(batch, hooked(), { now: () => now })
    const { headers, body } = sent[0]!
    const header = headers.get('Tollgate-Signature')
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
    expect(header).toContain(`t=${Math.floor(now / 1000)},`)
    const seconds = Math.floor(now / 1000)
    expect(await verifySignature(header, body, WEBHOOK_SECRET, seconds)).toBe(true)
    // Five minutes either way is accepted, a second more is not.
    expect(await verifySignature(header, body, WEBHOOK_SECRET, seconds + 300)).toBe(true)
    expect(await verifySignature(header, body, WEBHOOK_SECRET, seconds - 300)).toBe(true)
    expect(await verifySignature(header, body, WEBHOOK_SECRET, seconds + 301)).toBe(false)
    const tampered = body.replace('billing-sync', 'billing-sink')
    expect(tampered).not.toBe(body)
    expect(await verifySignature(header, tampered, WEBHOOK_SECRET, seconds)).toBe(false)
    expect(await verifySignature(header, `${body} `, WEBHOOK_SECRET, seconds)).toBe(false)
    expect(await verifySignature(header, body, 'another-secret', seconds)).toBe(false)
    const otherTime = header!.replace(/^t=\d+/, `t=${seconds - 1}`)
    expect(await verifySignature(otherTime, body, WEBHOOK_SECRET, seconds)).toBe(false)
  })

  it('matches a fixed vector (t=1764590400, the payload of event 41)', async () => {
    const sent = receiver(() => new Response('ok'))
    const batch = batchOf({ id: 'm', attempts: 1, body: payload })
    await deliverWebhooks(batch, hooked(), { now: () => 1_764_590_400_000 })
    expect(sent[0]!.body).toBe(JSON.stringify(payload))
    // Computed apart, with Node's createHmac('sha256', WEBHOOK_SECRET).
    expect(sent[0]!.headers.get('Tollgate-Signature')).toBe(
      't=1764590400,v1=ca2d79d3e2f1986386c73a89d75f6f7a2a011267883f504adba49d38e2ceb544',
    )
  })

  it('sends nothing unsigned without WEBHOOK_SECRET: logs once, retries later', async () => {
    const sent = receiver(() => new Response('ok'))
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const first = await consume(payload, hooked({ WEBHOOK_SECRET: undefined }))
    const second = await consume(payload, hooked({ WEBHOOK_SECRET: '' }), 2)
    expect(sent).toEqual([])
    expect(first.retried).toEqual([{ msgId: 'msg-1', delaySeconds: 30 }])
    expect(second.retried).toEqual([{ msgId: 'msg-2', delaySeconds: 120 }])
    expect(errors).toHaveBeenCalledOnce()
    expect(String(errors.mock.calls[0])).toContain('ConfigError: WEBHOOK_SECRET is not set')
  })

  it('keeps messages queued when WEBHOOK_URL is unset or invalid', async () => {
    const sent = receiver(() => new Response('ok'))
    vi.spyOn(console, 'error').mockImplementation(() => {})
    for (const url of [undefined, 'ftp://hooks.test/', 'not a url']) {
      const result = await consume(payload, hooked({ WEBHOOK_URL: url }))
      expect(result.retried, String(url)).toEqual([{ msgId: 'msg-1', delaySeconds: 30 }])
    }
    expect(sent).toEqual([])
  })

  it('drops (acks) a message that holds no webhook payload', async () => {
    const sent = receiver(() => new Response('ok'))
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const result = await consume({ hello: 'world' }, hooked())
    expect(result.acked).toEqual(['msg-1'])
    expect(sent).toEqual([])
  })

  it('delivers each message of a batch on its own: one acked, one retried', async () => {
    receiver((delivery) =>
      JSON.parse(delivery.body).id === 'evt_1'
        ? new Response('ok')
        : new Response(null, { status: 500 }),
    )
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const batch = batchOf(
      { id: 'a', attempts: 1, body: webhookPayloadOf(event({ id: 1 })) },
      { id: 'b', attempts: 3, body: webhookPayloadOf(event({ id: 2 })) },
    )
    const result = await verdictOn(batch, () => worker.queue(batch, hooked()))
    expect(result.acked).toEqual(['a'])
    expect(result.retried).toEqual([{ msgId: 'b', delaySeconds: 600 }])
  })
})

describe('configuration', () => {
  type Consumer = { queue: string; max_retries?: number; dead_letter_queue?: string }
  type Queues = { producers?: { binding: string; queue: string }[]; consumers?: Consumer[] }
  const config = parse(wranglerToml) as { queues?: Queues; env: { demo: { queues?: Queues } } }

  it('declares the queue, at least 5 retries and a dead-letter queue, top level and demo', () => {
    for (const [where, queues] of [
      ['top level', config.queues],
      ['[env.demo]', config.env.demo.queues],
    ] as const) {
      const producer = queues?.producers?.find((one) => one.binding === 'WEBHOOK_QUEUE')
      expect(producer, where).toBeDefined()
      const consumer = queues?.consumers?.find((one) => one.queue === producer!.queue)
      expect(consumer, where).toBeDefined()
      expect(consumer!.max_retries, where).toBeGreaterThanOrEqual(5)
      expect(consumer!.max_retries, where).toBe(WEBHOOK_RETRY_DELAYS.length)
      expect(consumer!.dead_letter_queue, where).toMatch(/^tollgate-webhooks.*-dlq$|-dlq$/)
      expect(consumer!.dead_letter_queue, where).not.toBe(producer!.queue)
    }
    expect(config.env.demo.queues?.producers?.[0]?.queue).toBe(QUEUE)
  })

  it('reads WEBHOOK_URL as an http(s) URL and refuses anything else', () => {
    expect(parseSettings({}).webhookUrl).toBeUndefined()
    expect(parseSettings({ WEBHOOK_URL: ' ' }).webhookUrl).toBeUndefined()
    expect(parseSettings({ WEBHOOK_URL }).webhookUrl).toBe(WEBHOOK_URL)
    expect(() => parseSettings({ WEBHOOK_URL: 'ftp://hooks.test/' })).toThrow(
      'WEBHOOK_URL must be an http(s) URL',
    )
    expect(() => parseSettings({ WEBHOOK_URL: 'https://user:pw@hooks.test/' })).toThrow(
      'WEBHOOK_URL must not hold credentials',
    )
  })
})
