import type { TokenType } from '../db/schema'

/** The token lifespans an admin may choose (ms): 7, 30 and 90 days, or `null` = unlimited. */
export const LIFESPANS = [604_800_000, 2_592_000_000, 7_776_000_000, null] as const
export type Lifespan = (typeof LIFESPANS)[number]

/** An API token as the admin API returns it (SPEC §1): never its key or hash. */
export interface Token {
  id: number
  name: string
  description: string
  type: TokenType
  lifespan: Lifespan
  expiresAt: string | null
  lastUsedAt: string | null
  createdAt: string
  updatedAt: string
  permissions: string[]
  keyHint: string
}

/** `expiresAt` for a lifetime starting now. */
export function expiryFrom(now: number, lifespan: Lifespan): number | null {
  return lifespan === null ? null : now + lifespan
}
