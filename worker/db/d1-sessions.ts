import { drizzle } from 'drizzle-orm/d1'
import type { TokenDb } from '../tokens/token-store'

// drizzle drives a session as it drives the database: both prepare and batch statements.
const asDatabase = (session: D1DatabaseSession) => session as unknown as D1Database

/**
 * The admin API's database (SPEC §9): a D1 session that starts at the primary, so an
 * admin always reads their own change (read-your-writes), replicas or not.
 */
export function adminDb(d1: D1Database): TokenDb {
  return drizzle(asDatabase(d1.withSession('first-primary')))
}

/**
 * The gate's database: a D1 session that may start at the nearest read replica (the
 * revocation feed bounds how stale a replica can keep a key alive).
 */
export function gateDb(d1: D1Database): TokenDb {
  return drizzle(asDatabase(d1.withSession('first-unconstrained')))
}
