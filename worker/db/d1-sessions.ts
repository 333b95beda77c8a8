import { drizzle } from 'drizzle-orm/d1'
import { type TokenDb } from './token-db'

// drizzle drives a session as it drives the database: both prepare and batch statements.
const asDatabase = (session: D1DatabaseSession) => session as unknown as D1Database

/** The D1 session behind each gate database, to read its bookmark. */
const sessionsOf = new WeakMap<TokenDb, D1DatabaseSession>()
/** Where the gate's sessions start: the bookmark of its last revocation feed read. */
let gateBookmark: string | undefined

/**
 * The admin API's database (SPEC §9): a D1 session that starts at the primary, so an
 * admin always reads their own change (read-your-writes), replicas or not.
 */
export function adminDb(d1: D1Database): TokenDb {
  return drizzle(asDatabase(d1.withSession('first-primary')))
}

/**
 * The gate's database: a D1 session that may start at the nearest read replica — but
 * never at a state older than the isolate's last revocation feed read (its bookmark,
 * see {@link rememberFeedBookmark}), so a token the feed evicted is never looked up
 * again on a replica that has not seen its change.
 */
export function gateDb(d1: D1Database): TokenDb {
  const session = d1.withSession(gateBookmark ?? 'first-unconstrained')
  const db = drizzle(asDatabase(session))
  sessionsOf.set(db, session)
  return db
}

/**
 * Records how far `db` (a {@link gateDb}) has read, after it read the revocation feed:
 * the gate's later sessions start there. Each such session starts at the previous
 * bookmark, so the bookmark only moves forward.
 */
export function rememberFeedBookmark(db: TokenDb): void {
  gateBookmark = sessionsOf.get(db)?.getBookmark() ?? gateBookmark
}

/** Forgets the bookmark, as a fresh isolate starts (tests). */
export function forgetFeedBookmark(): void {
  gateBookmark = undefined
}
