import { and, asc, gt, inArray, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm'
import { apiTokenEvents, apiTokens } from '../db/schema'
import { tokenEventOf, type RecordedEvent } from '../tokens/token-event'
import { type TokenDb } from '../db/token-db'

/**
 * The most notices of each kind one run records; the rest wait for the next run, so a
 * backlog (the first run on an old database) never makes one run too long for D1.
 */
export const NOTICES_PER_RUN = 500

/**
 * The two statements of one kind of notice: record an event for each due token, then
 * mark those tokens noticed. Both pick the same tokens, by the same condition, in one D1
 * batch (one transaction): a run that overlaps another finds them marked and records
 * nothing, so a key lifetime gets each notice once.
 */
function noticeOf(
  db: TokenDb,
  action: 'expiring' | 'expired',
  notice: 'expiringNoticeAt' | 'expiredNoticeAt',
  window: SQL | undefined,
  now: number,
) {
  const due = db
    .select({ id: apiTokens.id })
    .from(apiTokens)
    .where(and(isNull(apiTokens[notice]), isNotNull(apiTokens.expiresAt), window))
    .orderBy(asc(apiTokens.id))
    .limit(NOTICES_PER_RUN)
  const record = db
    .insert(apiTokenEvents)
    .select(
      db
        // Every column, in the table's order (drizzle's insert-select); a null id is assigned.
        .select({
          id: sql<number>`null`.as('id'),
          at: sql<number>`${now}`.as('at'),
          action: sql<typeof action>`${action}`.as('action'),
          tokenId: apiTokens.id,
          tokenName: apiTokens.name,
          owner: apiTokens.owner,
          // The scheduled job has no actor, and no address or changes to tell.
          actor: sql<null>`null`.as('actor'),
          changes: sql<null>`null`.as('changes'),
          ip: sql<null>`null`.as('ip'),
          actorOwner: sql<null>`null`.as('actor_owner'),
        })
        .from(apiTokens)
        .where(inArray(apiTokens.id, due))
        .orderBy(asc(apiTokens.id)),
    )
    .returning()
  const mark = db
    .update(apiTokens)
    .set({ [notice]: now })
    .where(inArray(apiTokens.id, due))
  return [record, mark] as const
}

/**
 * Records the expiry notices due at `now` (SPEC §7), each with `actor: null`: `expired`
 * for keys past their `expiresAt`, `expiring` for keys expiring within `warningMs`, each
 * once per key lifetime (`expired_notice_at` / `expiring_notice_at`, which regenerate and
 * a new duration reset). Returns the recorded events, for the webhooks.
 *
 * @example
 * const events = await recordExpiryNotices(db, Date.now(), 7 * 86_400_000)
 */
export async function recordExpiryNotices(
  db: TokenDb,
  now: number,
  warningMs: number,
): Promise<RecordedEvent[]> {
  const [recordExpired, markExpired] = noticeOf(
    db,
    'expired',
    'expiredNoticeAt',
    lte(apiTokens.expiresAt, now),
    now,
  )
  const [recordExpiring, markExpiring] = noticeOf(
    db,
    'expiring',
    'expiringNoticeAt',
    and(gt(apiTokens.expiresAt, now), lte(apiTokens.expiresAt, now + warningMs)),
    now,
  )
  const [expired, , expiring] = await db.batch([
    recordExpired,
    markExpired,
    recordExpiring,
    markExpiring,
  ])
  return [...expired, ...expiring].map(tokenEventOf)
}
