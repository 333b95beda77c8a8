import type { NewEvent } from '../tokens/token-edits'
import { and, count, desc, eq, lt, type SQL, sql } from 'drizzle-orm'
import type {
  EventActor,
  OperatorActor,
  TokenEvent,
  TokenEventAction,
} from '../../contract/api-tokens'
import { apiTokenEvents, apiTokens } from '../db/schema'
import { tokenEventOf } from '../tokens/token-event'
import { type TokenDb } from '../db/token-db'

/** Who made a change, from where, and when: the same for every event of one request. */
export interface AuditContext {
  actor: EventActor | null
  /** The admin's `owner` claim (`null`: an operator): whose admins may see `actor` and `ip`. */
  actorOwner: string | null
  ip: string | null
  at: number
}

/**
 * The insert of `event` for the token `tokenMatch` selects (none when no token matches),
 * with the token's id and name as they are at that point of the batch: put it in the
 * change's own D1 batch — no change without its event, no event without its change.
 * It returns the stored row.
 */
export function eventInsert(db: TokenDb, tokenMatch: SQL, event: NewEvent, audit: AuditContext) {
  const actor = audit.actor === null ? null : JSON.stringify(audit.actor)
  const changes = event.changes === undefined ? null : JSON.stringify(event.changes)
  // (id, at, action, token_id, token_name, owner, actor, changes, ip, actor_owner); a null
  // id takes the next.
  return db
    .insert(apiTokenEvents)
    .select(
      sql`select null, ${audit.at}, ${event.action}, ${apiTokens.id}, ${apiTokens.name}, ${apiTokens.owner}, ${actor}, ${changes}, ${audit.ip}, ${audit.actorOwner} from ${apiTokens} where ${tokenMatch}`,
    )
    .returning()
}

export interface EventQuery {
  tokenId?: number
  /**
   * A scoped admin's owner: only events of that owner's tokens (SPEC §8), and who made
   * them only when it was one of that owner's admins (SPEC §10).
   */
  scope?: string
  action?: TokenEventAction
  page: number
  pageSize: number
}

/** Who a scoped admin is told made a change it did not make itself. */
const OPERATOR: OperatorActor = { name: 'Operator' }

/**
 * The actions no admin makes — the scheduled job's, and a leaked key's report (SPEC §12):
 * no admin, no address, nothing to hide.
 */
const ADMINLESS_ACTIONS: ReadonlySet<TokenEventAction> = new Set(['expiring', 'expired', 'leaked'])

/**
 * An event as `scope` may read it (SPEC §10): an operator (`undefined`) sees it whole; a
 * scoped admin — a customer — sees the actor and address of its own owner's admins only,
 * never those of the host's staff or of another owner's admins.
 */
function eventSeenBy(row: typeof apiTokenEvents.$inferSelect, scope?: string): TokenEvent {
  const event = tokenEventOf(row)
  if (scope === undefined || row.actorOwner === scope || ADMINLESS_ACTIONS.has(row.action)) {
    return event
  }
  return { ...event, actor: OPERATOR, ip: null }
}

/** One page of events, newest first, as the asking admin may see them, and how many match. */
export async function listEvents(
  db: TokenDb,
  query: EventQuery,
): Promise<{ events: TokenEvent[]; total: number }> {
  const where = and(
    query.tokenId === undefined ? undefined : eq(apiTokenEvents.tokenId, query.tokenId),
    query.action === undefined ? undefined : eq(apiTokenEvents.action, query.action),
    query.scope === undefined ? undefined : eq(apiTokenEvents.owner, query.scope),
  )
  const [rows, [counted]] = await db.batch([
    db
      .select()
      .from(apiTokenEvents)
      .where(where)
      .orderBy(desc(apiTokenEvents.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(apiTokenEvents).where(where),
  ])
  return { events: rows.map((row) => eventSeenBy(row, query.scope)), total: counted?.total ?? 0 }
}

/**
 * Deletes audit events recorded before `before` (epoch ms): `AUDIT_RETENTION_DAYS`
 * (SPEC §7), applied by the scheduled job. The `at` index keeps it a range delete.
 *
 * @example
 * await pruneTokenEvents(db, Date.now() - 365 * 86_400_000)
 */
export async function pruneTokenEvents(db: TokenDb, before: number): Promise<void> {
  await db.delete(apiTokenEvents).where(lt(apiTokenEvents.at, before))
}
