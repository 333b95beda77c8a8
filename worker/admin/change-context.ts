import type { Context } from 'hono'
import type { AppEnv } from '../env'
import type { AuditContext } from '../store/api-token-events'
import type { RecordedEvent } from '../tokens/token-event'
import { waitUntilOf } from '../http/wait-until'
import { publishEvents } from '../webhooks/publish-events'

/** Who changes a token, from where, and when: the audit log's context (SPEC §7). */
export function auditOf(c: Context<AppEnv>): AuditContext {
  return {
    actor: c.var.admin.actor,
    actorOwner: c.var.admin.owner ?? null,
    ip: c.req.header('CF-Connecting-IP') ?? null,
    at: Date.now(),
  }
}

/** Sends a change's events as webhooks, off the request path: the admin never waits. */
export function publish(c: Context<AppEnv>, events: RecordedEvent[]): void {
  if (events.length) waitUntilOf(c)(publishEvents(c.env, events))
}
