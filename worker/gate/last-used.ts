import { recordLastUsed, type TokenDb } from '../tokens/token-store'
import type { GateToken } from '../tokens/verified-key-cache'

const MAX_TRACKED = 10_000
const lastWritten = new Map<number, number>()

/**
 * The `lastUsedAt` write for this use, or `undefined` when one was made (here, or as
 * stored) within the resolution window: at most one UPDATE per token per window and
 * isolate, and the conditional UPDATE dedupes across isolates. Run it with
 * `ctx.waitUntil`, off the request path. `db` is called only when there is a write to
 * make: a use within the window opens no D1 session.
 */
export function lastUsedWrite(
  db: () => TokenDb,
  token: GateToken,
  now: number,
  resolutionMs: number,
): Promise<void> | undefined {
  const previous = Math.max(lastWritten.get(token.id) ?? 0, token.lastUsedAt ?? 0)
  if (previous > now - resolutionMs) return undefined
  if (lastWritten.size >= MAX_TRACKED) lastWritten.clear()
  lastWritten.set(token.id, now)
  return recordLastUsed(db(), token.id, now, resolutionMs).catch((error: unknown) => {
    lastWritten.delete(token.id)
    console.error(
      '[tollgate] lastUsedAt update failed',
      error instanceof Error ? error.message : error,
    )
  })
}
