import type { TokenMeta, TokenType } from '../../contract/api-tokens'
import type { CreditsConfig } from '../credits/credit-rules'

/** What the gate needs of a token, as cached per isolate. */
export interface GateToken {
  id: number
  name: string
  type: TokenType
  expiresAt: number | null
  lastUsedAt: number | null
  permissions: ReadonlySet<string>
  /** Addresses and CIDR ranges the key may be used from; `[]` = any. */
  allowedIps: readonly string[]
  /** The rate-limit tier's name, or `null`. */
  rateLimit: string | null
  /** `false`: the key is refused with `DISABLED` (SPEC §7). */
  enabled: boolean
  /** The customer the token belongs to (SPEC §8), or `null`. */
  owner: string | null
  /** The token's `meta` (SPEC §13), handed to the origin; `{}` = none. */
  meta: TokenMeta
  /** Its credits as configured (SPEC §13); `null` = unmetered, never touching the Durable Object. */
  credits: CreditsConfig | null
  /**
   * Set when the key is the one a regenerate replaced: the end of its grace period
   * (epoch ms), checked on every request, cached or not.
   */
  previousKeyUntil?: number
}
