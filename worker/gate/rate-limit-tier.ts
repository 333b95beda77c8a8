import { ConfigError } from '../config/config-error'
import type { Settings } from '../config/settings'
import { tooManyRequests } from '../http/api-error'
import { rateLimitBinding } from '../http/rate-limit'

/**
 * Spends one request of a token's rate-limit tier (SPEC §9), asking the tier's binding
 * with the token id as key; over the limit → 429 `RateLimitError` with `Retry-After`
 * (the tier's period). A tier the settings or bindings lack fails closed (a
 * `ConfigError`, 500 naming it), never an unlimited pass.
 */
export async function spendRateLimit(
  env: object,
  settings: Settings,
  token: { id: number; rateLimit: string | null },
): Promise<void> {
  if (token.rateLimit === null) return
  const tier = settings.rateLimitTiers.get(token.rateLimit)
  if (!tier) {
    throw new ConfigError(
      `a token has rate-limit tier "${token.rateLimit}", which RATE_LIMIT_TIERS does not declare`,
    )
  }
  const binding = rateLimitBinding(env, tier.binding)
  if (!binding) {
    throw new ConfigError(
      `RATE_LIMIT_TIERS.${token.rateLimit} names binding ${tier.binding}, which wrangler.toml does not declare in [[ratelimits]]`,
    )
  }
  const { success } = await binding.limit({ key: String(token.id) })
  if (!success) {
    throw tooManyRequests(tier.period, { reason: 'rate-limit', tier: token.rateLimit })
  }
}
