import type {
  EventActor,
  EventChanges,
  LeakedChanges,
  TokenEventAction,
} from '../../contract/api-tokens'
import type { RecordedEvent } from '../tokens/token-event'

/**
 * What a webhook POSTs for one audit event (SPEC §7), and what its queue message holds:
 * the event without key material or the admin's address.
 */
export interface WebhookPayload {
  /** `evt_<event id>`: the same on every retry, so a receiver can drop duplicates. */
  id: string
  type: `api-token.${TokenEventAction}`
  /** ISO-8601: when the event happened (not when this delivery was tried). */
  createdAt: string
  data: {
    token: { id: number; name: string; owner: string | null }
    actor: EventActor | null
    changes: EventChanges | LeakedChanges | null
  }
}

/**
 * The webhook payload of an audit event, as recorded (the operator's view: the actor
 * whole). Its `id` derives from the event's id only, so every attempt to deliver it, and
 * every publish of it, carries the same one.
 *
 * @example
 * webhookPayloadOf(event).type // 'api-token.expiring'
 */
export function webhookPayloadOf(event: RecordedEvent): WebhookPayload {
  return {
    id: `evt_${event.id}`,
    type: `api-token.${event.action}`,
    createdAt: event.at,
    data: {
      token: { id: event.tokenId, name: event.tokenName, owner: event.owner },
      actor: event.actor,
      changes: event.changes ?? null,
    },
  }
}
