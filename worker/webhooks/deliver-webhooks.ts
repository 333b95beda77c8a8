import { settingsFor } from '../config/settings'
import type { Bindings } from '../env'
import { retryDelaySeconds } from './retry-delay'
import type { WebhookPayload } from './webhook-payload'
import { signWebhook } from './webhook-signature'

/** How long a receiver has to answer before the attempt counts as failed (SPEC §7). */
export const WEBHOOK_TIMEOUT_MS = 10_000

/** What tests replace: the clock the signature's `t` comes from, and the timeout. */
export interface DeliveryOptions {
  /** Epoch milliseconds; `Date.now` unless given. */
  now?: () => number
  timeoutMs?: number
}

/** Configuration problems already logged by this isolate: each is logged once. */
const reported = new Set<string>()

function reportOnce(problem: string): void {
  if (reported.has(problem)) return
  reported.add(problem)
  console.error(`ConfigError: ${problem}`)
}

/** Where and how to send, or the configuration problem that stops every delivery. */
function destinationOf(env: Bindings): { url: string; secret: string } | { problem: string } {
  let url: string | undefined
  try {
    url = settingsFor(env).webhookUrl
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) }
  }
  if (!url) return { problem: 'WEBHOOK_URL is not set: webhooks wait in the queue' }
  const secret = env.WEBHOOK_SECRET
  if (!secret) {
    return { problem: 'WEBHOOK_SECRET is not set: Tollgate does not send unsigned webhooks' }
  }
  return { url, secret }
}

const isPayload = (body: unknown): body is WebhookPayload =>
  typeof body === 'object' && body !== null && typeof (body as { id?: unknown }).id === 'string'

/** Why an attempt failed, for the log: never the URL (it may carry a token) nor the secret. */
function failureOf(error: unknown, url: string): string {
  if (!(error instanceof Error)) return 'failed'
  if (error.name === 'TimeoutError') return 'timed out'
  return `failed: ${error.name}: ${error.message.replaceAll(url, '<WEBHOOK_URL>')}`
}

async function deliver(
  message: Message<WebhookPayload>,
  url: string,
  secret: string,
  { now = Date.now, timeoutMs = WEBHOOK_TIMEOUT_MS }: DeliveryOptions,
): Promise<void> {
  // Signed over exactly the bytes sent: a receiver verifies the raw body, never a re-encoding.
  const body = JSON.stringify(message.body)
  const signature = await signWebhook(secret, body, Math.floor(now() / 1000))
  let failure: string
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Tollgate-Signature': signature },
      body,
      // A redirect is not a delivery: the receiver's URL should be the final one.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    })
    await response.body?.cancel()
    if (response.ok) {
      message.ack()
      return
    }
    failure = `answered ${response.status}`
  } catch (error) {
    failure = failureOf(error, url)
  }
  const delaySeconds = retryDelaySeconds(message.attempts)
  console.warn(
    `Webhook ${message.body.id} (attempt ${message.attempts}) ${failure}; retry in ${delaySeconds} s`,
  )
  message.retry({ delaySeconds })
}

/**
 * Delivers a batch of queued webhooks: POSTs each message's payload as JSON to
 * `WEBHOOK_URL`, signed with `WEBHOOK_SECRET` (`Tollgate-Signature`), within
 * {@link WEBHOOK_TIMEOUT_MS}. A 2xx acks the message; anything else (another status, a
 * network error, the timeout) retries it after {@link retryDelaySeconds}, and the queue
 * dead-letters it after `max_retries`. Without a usable URL or secret nothing is sent
 * unsigned: the problem is logged once per isolate and the messages wait (retried later),
 * so fixing the configuration delivers them.
 *
 * @example
 * await deliverWebhooks(batch, env)
 */
export async function deliverWebhooks(
  batch: MessageBatch<unknown>,
  env: Bindings,
  options: DeliveryOptions = {},
): Promise<void> {
  const destination = destinationOf(env)
  await Promise.all(
    batch.messages.map(async (message) => {
      if (!isPayload(message.body)) {
        // Not ours to deliver, and no retry would change it.
        console.error(`Webhooks: message ${message.id} holds no webhook payload; dropped`)
        message.ack()
        return
      }
      if ('problem' in destination) {
        reportOnce(destination.problem)
        message.retry({ delaySeconds: retryDelaySeconds(message.attempts) })
        return
      }
      await deliver(
        message as Message<WebhookPayload>,
        destination.url,
        destination.secret,
        options,
      )
    }),
  )
}

/**
 * The worker's `queue` handler: the webhook queue's consumer, {@link deliverWebhooks}.
 *
 * @example
 * export default { fetch: app.fetch, scheduled, queue }
 */
export async function queue(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  await deliverWebhooks(batch, env)
}
