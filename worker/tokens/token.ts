import type { Lifespan } from '../../contract/api-tokens'

/** An epoch-ms time as the API writes it (ISO-8601), `null` kept. */
export const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

/** `expiresAt` for a lifetime starting now. */
export function expiryFrom(now: number, lifespan: Lifespan): number | null {
  return lifespan === null ? null : now + lifespan
}
