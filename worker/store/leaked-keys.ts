import { sql, type SQL } from 'drizzle-orm'
import type { LeakSource } from '../../contract/api-tokens'
import { apiTokenEvents, apiTokens, revocationFeed } from '../db/schema'
import type { TokenDb } from '../db/token-db'
import { tokenEventOf, type RecordedEvent } from '../tokens/token-event'

/** One reported key, by its hash, with where it was found (GitHub's alert `url`), if said. */
export interface LeakedKeyHash {
  hash: string
  url: string | null
}

/** What a report of leaked keys did: the hashes that were a token's key, and the events. */
export interface LeakOutcome {
  /** Hashes that were a token's current key, or a replaced key in its grace period. */
  known: Set<string>
  /** One `leaked` event per token changed, as recorded. */
  events: RecordedEvent[]
}

/**
 * Disables the keys among `leaked` that are a token's (SPEC §12), in one D1 batch of five
 * statements whatever their number: the hashes travel as one JSON parameter read with
 * `json_each` (no statement per key, and none near D1's 100 bound parameters), each lookup
 * an index probe on `access_key_hash` or `previous_key_hash`. A current key → the token is
 * disabled with `disabledReason: "leaked"` (its replaced key's grace ends with it); a
 * replaced key still in its grace period → the grace ends now. Each token changed gets one
 * `leaked` event (actor `null`, `changes: {source, url?}`) and one revocation-feed row in
 * the same batch, so every isolate refuses it within a poll. A key reported again changes
 * nothing and records nothing.
 *
 * @example
 * const { known, events } = await disableLeakedKeys(db, [{ hash, url: null }], 'revoke', Date.now())
 */
export async function disableLeakedKeys(
  db: TokenDb,
  leaked: LeakedKeyHash[],
  source: LeakSource,
  at: number,
): Promise<LeakOutcome> {
  const byHash = new Map(leaked.map(({ hash, url }) => [hash, url]))
  const entries = JSON.stringify([...byHash])
  const reported = sql`(select json_extract(value, '$[0]') from json_each(${entries}))`
  const current = sql`${apiTokens.accessKeyHash} in ${reported}`
  const inGrace = sql`(${apiTokens.previousKeyHash} in ${reported} and ${apiTokens.previousKeyExpiresAt} > ${at})`
  // Already disabled as leaked: a second report changes nothing, so it records nothing.
  const disables = sql`(${current} and (${apiTokens.enabled} or ${apiTokens.disabledReason} is not 'leaked'))`
  const changed: SQL = sql`(${disables} or ${inGrace})`
  const urlOf = sql`(select json_extract(value, '$[1]') from json_each(${entries}) where json_extract(value, '$[0]') in (${apiTokens.accessKeyHash}, ${apiTokens.previousKeyHash}) limit 1)`
  // json_patch drops a member patched with null: `url` only when the report gave one.
  const changes = sql`json_patch(json_object('source', ${source}), json_object('url', ${urlOf}))`
  const endGrace = { previousKeyHash: null, previousKeyHint: null, previousKeyExpiresAt: null }
  const [knownRows, eventRows] = await db.batch([
    db
      .select({ hash: sql<string>`leaked.hash` })
      .from(sql`(select json_extract(value, '$[0]') as hash from json_each(${entries})) as leaked`)
      .where(
        sql`exists (select 1 from ${apiTokens}
          where ${apiTokens.accessKeyHash} = leaked.hash
             or (${apiTokens.previousKeyHash} = leaked.hash and ${apiTokens.previousKeyExpiresAt} > ${at}))`,
      ),
    // (id, at, action, token_id, token_name, owner, actor, changes, ip, actor_owner): no
    // admin made it, and the reporter's address is nobody's business (SPEC §12).
    db
      .insert(apiTokenEvents)
      .select(
        sql`select null, ${at}, 'leaked', ${apiTokens.id}, ${apiTokens.name}, ${apiTokens.owner}, null, ${changes}, null, null from ${apiTokens} where ${changed}`,
      )
      .returning(),
    db
      .insert(revocationFeed)
      .select(sql`select null, ${apiTokens.id}, ${at} from ${apiTokens} where ${changed}`),
    db
      .update(apiTokens)
      .set({ enabled: false, disabledReason: 'leaked', ...endGrace, updatedAt: at })
      .where(disables),
    db
      .update(apiTokens)
      .set({ ...endGrace, updatedAt: at })
      .where(inGrace),
  ])
  return {
    known: new Set(knownRows.map((row) => row.hash)),
    events: eventRows.map(tokenEventOf),
  }
}
