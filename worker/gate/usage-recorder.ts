import { addCounts, flushUsage, hourOf, type UsageCounts } from '../store/api-token-usage'
import { type TokenDb } from '../db/token-db'

/** How many tokens an isolate holds counts for; beyond it uses are written at once. */
const MAX_TRACKED = 10_000

/** Counts not yet written: token id → hour → counts. */
const pending = new Map<number, Map<number, UsageCounts>>()
/** When this isolate last flushed each token. */
const lastFlushed = new Map<number, number>()

/**
 * Counts one request of a token (`passed`, or `refused`: forbidden, expired, IP, rate
 * limit) in this isolate, and returns the flush that writes the counts (and
 * `lastUsedAt`) when none was made for this token within the resolution window, else
 * `undefined`: at most one write per token per window and isolate. Run it with
 * `ctx.waitUntil`, off the request path; a failed flush keeps its counts for the next.
 * `db` is called only when there is a write to make: a counted use opens no D1 session.
 *
 * @example
 * const flush = recordUse(gateSession(c), token.id, 'passed', { now, resolutionMs })
 * if (flush) waitUntilOf(c)(flush)
 */
export function recordUse(
  db: () => TokenDb,
  tokenId: number,
  outcome: 'passed' | 'refused',
  { now, resolutionMs }: { now: number; resolutionMs: number },
): Promise<void> | undefined {
  const use = outcome === 'passed' ? { requests: 1, refused: 0 } : { requests: 0, refused: 1 }
  let hours = pending.get(tokenId)
  if (!hours) {
    hours = new Map()
    // At the bound, a new token's use is written at once rather than held: memory
    // stays bounded and no count is dropped.
    if (pending.size >= MAX_TRACKED) {
      addCounts(hours, hourOf(now), use)
      return write(db, tokenId, hours, { now, resolutionMs })
    }
    pending.set(tokenId, hours)
  }
  addCounts(hours, hourOf(now), use)
  if ((lastFlushed.get(tokenId) ?? -Infinity) > now - resolutionMs) return undefined
  if (lastFlushed.size >= MAX_TRACKED) lastFlushed.clear()
  lastFlushed.set(tokenId, now)
  pending.delete(tokenId)
  return write(db, tokenId, hours, { now, resolutionMs })
}

/** Writes a token's counts; on failure they go back to the pending counts for the next. */
function write(
  db: () => TokenDb,
  tokenId: number,
  hours: Map<number, UsageCounts>,
  window: { now: number; resolutionMs: number },
): Promise<void> {
  return flushUsage(db(), tokenId, hours, window).catch((error: unknown) => {
    const since = pending.get(tokenId) ?? new Map<number, UsageCounts>()
    for (const [hour, counts] of hours) addCounts(since, hour, counts)
    pending.set(tokenId, since)
    lastFlushed.delete(tokenId)
    console.error('[tollgate] usage flush failed', error instanceof Error ? error.message : error)
  })
}

/** This isolate's counts of a token not yet written, by hour (the usage route adds them). */
export function unflushedUsage(tokenId: number): ReadonlyMap<number, UsageCounts> {
  return pending.get(tokenId) ?? new Map()
}
