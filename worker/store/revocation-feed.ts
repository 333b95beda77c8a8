import { and, lt, sql } from 'drizzle-orm'
import { apiTokens, revocationFeed } from '../db/schema'
import { type TokenDb } from '../db/token-db'

/** What one read of the revocation feed tells an isolate. */
export interface FeedRead {
  /** The feed's highest `seq` (`null`: no change was ever announced): the new position. */
  newest: number | null
  /** The lowest `seq` still stored: a position before `oldest - 1` missed pruned rows. */
  oldest: number | null
  /** The tokens changed past the position asked about, each once. */
  tokenIds: number[]
}

/**
 * Reads the revocation feed (SPEC §9) past `position` in one query: the tokens changed
 * since, and the feed's oldest and newest `seq` (primary-key lookups, never a scan).
 * Without a position it reads only the bounds: a fresh isolate has nothing to evict.
 *
 * @example
 * const { newest, tokenIds } = await readRevocationFeed(db, 41)
 */
export async function readRevocationFeed(
  db: TokenDb,
  position: number | undefined,
): Promise<FeedRead> {
  const after = position ?? sql`(select max(${revocationFeed.seq}) from ${revocationFeed})`
  // The bounds always come back as one row; the changed tokens join onto it (none: null).
  const rows = await db.all<{
    oldest: number | null
    newest: number | null
    tokenId: number | null
  }>(
    sql`select bounds.oldest, bounds.newest, feed.token_id as tokenId
        from (select (select min(seq) from ${revocationFeed}) as oldest,
                     (select max(seq) from ${revocationFeed}) as newest) as bounds
        left join ${revocationFeed} as feed on feed.seq > ${after}
        order by feed.seq`,
  )
  const [bounds] = rows
  const tokenIds = new Set<number>()
  for (const row of rows) if (row.tokenId !== null) tokenIds.add(row.tokenId)
  return { oldest: bounds?.oldest ?? null, newest: bounds?.newest ?? null, tokenIds: [...tokenIds] }
}

/**
 * Deletes feed rows announced before `before` (epoch ms), keeping the newest row
 * whatever its age: it carries the feed's high-water mark, so an isolate behind a
 * pruned stretch can always tell (its position precedes the oldest row).
 *
 * @example
 * await pruneRevocationFeed(db, Date.now() - 86_400_000)
 */
export async function pruneRevocationFeed(db: TokenDb, before: number): Promise<void> {
  await db
    .delete(revocationFeed)
    .where(
      and(
        lt(revocationFeed.at, before),
        lt(revocationFeed.seq, sql`(select max(${revocationFeed.seq}) from ${revocationFeed})`),
      ),
    )
}

/**
 * Appends token `id` to the revocation feed (SPEC §9) when it exists. Put it in the same
 * batch as the change it announces: no change without its feed row, no row without it.
 */
export function announceChange(db: TokenDb, id: number, now: number) {
  // (seq, token_id, at): a null seq takes the next number.
  return db
    .insert(revocationFeed)
    .select(
      sql`select null, ${apiTokens.id}, ${now} from ${apiTokens} where ${apiTokens.id} = ${id}`,
    )
}
