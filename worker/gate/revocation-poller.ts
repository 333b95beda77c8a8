import { rememberFeedBookmark, forgetFeedBookmark } from '../db/d1-sessions'
import { readRevocationFeed } from '../store/revocation-feed'
import { clearVerifiedKeys, evictToken } from './verified-key-cache'
import { type TokenDb } from '../db/token-db'

/** What a poll needs from the request that triggers it. */
export interface FeedAccess {
  /** The gate's D1 session, opened only when the feed is read. */
  db: () => TokenDb
  /** `REVOCATION_POLL_MS`: how often the isolate reads the feed, at most. */
  pollMs: number
  /** Runs work off the request path (`ctx.waitUntil`). */
  waitUntil: (work: Promise<unknown>) => void
}

/** The isolate's place in the feed: the last `seq` seen; `undefined` before the first read. */
let position: number | undefined
/** When the last read succeeded, and when the last one began (epoch ms, the gate's clock). */
let readAt = -Infinity
let attemptAt = -Infinity
/** The read under way: polls never overlap, and a request that must wait joins it. */
let reading: Promise<void> | undefined

async function read(db: TokenDb, startedAt: number): Promise<void> {
  const feed = await readRevocationFeed(db, position)
  rememberFeedBookmark(db)
  const newest = feed.newest ?? 0
  const behind =
    position === undefined ||
    newest < position ||
    (feed.oldest !== null && position < feed.oldest - 1)
  // A fresh isolate has nothing cached yet; one behind a pruned stretch (or a reset feed)
  // cannot tell which entries the missed rows touched: both start over from here.
  if (behind) clearVerifiedKeys()
  else for (const id of feed.tokenIds) evictToken(id)
  position = newest
  readAt = startedAt
}

function startRead(access: FeedAccess, now: number): Promise<void> {
  if (!reading) {
    attemptAt = now
    reading = read(access.db(), now).finally(() => {
      reading = undefined
    })
  }
  return reading
}

/**
 * Keeps the isolate's verified-key cache in step with the revocation feed (SPEC §9).
 * Call it before trusting a cached entry. When the last successful read is older than
 * 2 × `pollMs` (a fresh isolate, an idle spell, a failing feed) it returns the read the
 * request must await first: its rejection means the cache cannot be trusted, so the
 * caller fails closed. Otherwise it returns `undefined`, having started a background
 * read (`waitUntil`) when the last began `pollMs` or more ago; reads never overlap.
 * A clock that went back (tests pass their own) counts as stale.
 *
 * @example
 * const catchUp = catchUpWithFeed(now, { db, pollMs: 1000, waitUntil })
 * if (catchUp) await catchUp
 */
export function catchUpWithFeed(now: number, access: FeedAccess): Promise<void> | undefined {
  const age = now - readAt
  if (position === undefined || age < 0 || age >= 2 * access.pollMs) {
    return startRead(access, now)
  }
  if (!reading && now - attemptAt >= access.pollMs) {
    access.waitUntil(
      startRead(access, now).catch((error: unknown) => {
        console.error(
          '[tollgate] revocation feed read failed',
          error instanceof Error ? error.message : error,
        )
      }),
    )
  }
  return undefined
}

/** Forgets the isolate's position, as a fresh isolate starts (tests). */
export function resetRevocationPoller(): void {
  forgetFeedBookmark()
  position = undefined
  readAt = -Infinity
  attemptAt = -Infinity
  reading = undefined
}
