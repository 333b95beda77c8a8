import type { Context } from 'hono'
import { gateDb } from '../db/d1-sessions'
import type { AppEnv } from '../env'
import { type TokenDb } from '../db/token-db'

const sessions = new WeakMap<Context<AppEnv>, TokenDb>()

/**
 * The request's gate database (SPEC §9: a `first-unconstrained` D1 session, so the
 * nearest replica may answer), opened on first use and shared by the request's reads and
 * its `lastUsedAt` write: a request served from the cache never opens one.
 *
 * @example
 * const db = gateSession(c)
 * if (missed) await findGateToken(db(), hash)
 */
export function gateSession(c: Context<AppEnv>): () => TokenDb {
  return () => {
    let db = sessions.get(c)
    if (!db) sessions.set(c, (db = gateDb(c.env.DB)))
    return db
  }
}
