import type { TokenEvent } from '../../contract/api-tokens'
import type { apiTokenEvents } from '../db/schema'

/**
 * An audit-log row as the API and webhooks show it: times as ISO-8601, `changes` only
 * when there are some.
 *
 * @example
 * const events = rows.map(tokenEventOf)
 */
export function tokenEventOf(row: typeof apiTokenEvents.$inferSelect): TokenEvent {
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
