import type { Bindings } from '../env'
import type { RecordedEvent } from '../tokens/token-event'
import { webhookPayloadOf } from './webhook-payload'

/** The most messages one `sendBatch` takes (Cloudflare Queues' limit). */
const SEND_BATCH_LIMIT = 100

/**
 * Hands audit events to the webhook queue, one message per event, when `WEBHOOK_URL` is
 * set and `WEBHOOK_QUEUE` is bound; otherwise does nothing. The queue's consumer
 * ({@link deliverWebhooks}) signs and POSTs them, with retries, so no caller waits on a
 * receiver. It never throws: an admin request runs it through `waitUntil` after its own
 * change is committed, so a failure is logged (event ids and the error, nothing secret)
 * and swallowed.
 *
 * @example
 * waitUntilOf(c)(publishEvents(c.env, [event]))
 */
export async function publishEvents(env: Bindings, events: RecordedEvent[]): Promise<void> {
  const queue = env.WEBHOOK_QUEUE
  if (events.length === 0 || !queue || !env.WEBHOOK_URL?.trim()) return
  // The URL is checked where it is used (the consumer), so a bad one keeps the events
  // queued, and then dead-lettered, rather than lost.
  for (let start = 0; start < events.length; start += SEND_BATCH_LIMIT) {
    const chunk = events.slice(start, start + SEND_BATCH_LIMIT)
    try {
      await queue.sendBatch(
        chunk.map((event) => ({ body: webhookPayloadOf(event), contentType: 'json' as const })),
      )
    } catch (error) {
      console.error(
        `Webhooks: could not queue events ${chunk.map((event) => event.id).join(', ')}:`,
        error instanceof Error ? error.message : String(error),
      )
    }
  }
}
