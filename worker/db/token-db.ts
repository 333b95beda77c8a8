import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1'

/** The database handle every store function takes. */
export type TokenDb = DrizzleD1Database

const databases = new WeakMap<D1Database, TokenDb>()

/** The token store on a D1 binding, built once per binding (the gate's hot path asks often). */
export function tokenDb(d1: D1Database): TokenDb {
  let db = databases.get(d1)
  if (!db) databases.set(d1, (db = drizzle(d1)))
  return db
}

/** Whether an error, or any error in its `cause` chain (drizzle wraps D1's), matches. */
export function someCause(error: unknown, test: (error: Error) => boolean): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) if (test(e)) return true
  return false
}

/**
 * Whether an error comes from the database (a D1 error, or drizzle's wrapper of one):
 * the token store is unavailable, a 503, never a 500 with SQL in it.
 */
export function isStoreFailure(error: unknown): boolean {
  return someCause(error, (e) => e.name === 'DrizzleQueryError' || /^D1_/.test(e.message))
}
