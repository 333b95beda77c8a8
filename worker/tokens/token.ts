import type { Lifespan } from '../../contract/api-tokens'

/** `expiresAt` for a lifetime starting now. */
export function expiryFrom(now: number, lifespan: Lifespan): number | null {
  return lifespan === null ? null : now + lifespan
}
