import type { EventActor, TokenEvent } from '../../contract/api-tokens'
import type { apiTokenEvents } from '../db/schema'

/** An event as recorded, whole: what webhooks and operators see. */
export type RecordedEvent = TokenEvent & { actor: EventActor | null }

/**
 * An audit-log row as webhooks and operators see it: times as ISO-8601, `changes` only
 * when there are some; who made it as recorded.
 *
 * @example
 * const events = rows.map(tokenEventOf)
 */
export function tokenEventOf(row: typeof apiTokenEvents.$inferSelect): RecordedEvent {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    action: row.action,
    tokenId: row.tokenId,
    tokenName: row.tokenName,
    owner: row.owner,
    actor: row.actor,
    ...(row.changes ? { changes: row.changes } : {}),
    ip: row.ip,
  }
}
