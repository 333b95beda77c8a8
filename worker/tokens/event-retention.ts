import { lt } from 'drizzle-orm'
import { apiTokenEvents } from '../db/schema'
import type { TokenDb } from './token-store'

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
