import { and, eq, gte, isNull, lte, or, sql } from 'drizzle-orm'
import type { UsageDay } from '../../contract/api-tokens'
import { apiTokens, apiTokenUsage } from '../db/schema'
import { type TokenDb } from '../db/token-db'

export const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

/** Requests passed and refused, as counted for one token and hour. */
export interface UsageCounts {
  requests: number
  refused: number
}

/** Adds `counts` to the entry `key` of `into` (an hour's or a day's). */
export function addCounts(into: Map<number, UsageCounts>, key: number, counts: UsageCounts): void {
  const sum = into.get(key) ?? { requests: 0, refused: 0 }
  into.set(key, { requests: sum.requests + counts.requests, refused: sum.refused + counts.refused })
}

/** The start of the UTC hour holding `at` (epoch ms): the key of a usage row. */
export const hourOf = (at: number) => at - (at % HOUR_MS)

/**
 * Writes one isolate's counts of a token, in one batch (one round trip): adds them to
 * the hourly rows in one upsert (rows of a deleted token are not recreated) and, when
 * the token passed requests, records `lastUsedAt` by a conditional UPDATE that writes
 * only when the stored value is older than the resolution window — so isolates racing
 * on one token write it once.
 */
export async function flushUsage(
  db: TokenDb,
  tokenId: number,
  hours: ReadonlyMap<number, UsageCounts>,
  { now, resolutionMs }: { now: number; resolutionMs: number },
): Promise<void> {
  const rows = [...hours].map(([hour, counts]) => [hour, counts.requests, counts.refused])
  // (token_id, hour, requests, refused), one row per hour, from one JSON parameter.
  const upsert = db
    .insert(apiTokenUsage)
    .select(
      sql`select ${apiTokens.id}, row.value ->> 0, row.value ->> 1, row.value ->> 2 from ${apiTokens}, json_each(${JSON.stringify(rows)}) as row where ${apiTokens.id} = ${tokenId}`,
    )
    .onConflictDoUpdate({
      target: [apiTokenUsage.tokenId, apiTokenUsage.hour],
      set: {
        requests: sql`${apiTokenUsage.requests} + excluded.requests`,
        refused: sql`${apiTokenUsage.refused} + excluded.refused`,
      },
    })
  if (!rows.some(([, requests]) => requests! > 0)) {
    await upsert
    return
  }
  await db.batch([
    upsert,
    db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiTokens.id, tokenId),
          or(isNull(apiTokens.lastUsedAt), lte(apiTokens.lastUsedAt, now - resolutionMs)),
        ),
      ),
  ])
}

/** `YYYY-MM-DD` of a UTC day. */
const dateOf = (at: number) => new Date(at).toISOString().slice(0, 10)

/**
 * A token's use over the last `days` UTC days (today included), oldest first, one entry
 * per day, zeros included; `extra` adds counts not yet written (this isolate's).
 */
export async function readUsage(
  db: TokenDb,
  tokenId: number,
  { days, now, extra }: { days: number; now: number; extra?: ReadonlyMap<number, UsageCounts> },
): Promise<UsageDay[]> {
  const firstDay = now - (now % DAY_MS) - (days - 1) * DAY_MS
  const rows = await db
    .select({
      day: sql<number>`${apiTokenUsage.hour} - ${apiTokenUsage.hour} % ${DAY_MS}`,
      requests: sql<number>`sum(${apiTokenUsage.requests})`,
      refused: sql<number>`sum(${apiTokenUsage.refused})`,
    })
    .from(apiTokenUsage)
    .where(and(eq(apiTokenUsage.tokenId, tokenId), gte(apiTokenUsage.hour, firstDay)))
    .groupBy(sql`1`)
  const byDay = new Map<number, UsageCounts>()
  for (const row of rows) addCounts(byDay, row.day, row)
  for (const [hour, counts] of extra ?? []) {
    if (hour >= firstDay) addCounts(byDay, hour - (hour % DAY_MS), counts)
  }
  return Array.from({ length: days }, (_, i) => {
    const day = firstDay + i * DAY_MS
    return { date: dateOf(day), ...(byDay.get(day) ?? { requests: 0, refused: 0 }) }
  })
}
