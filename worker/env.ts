import type { AdminIdentity } from './admin/admin-actions'
import type { Settings, Vars } from './config/settings'
import type { TokenCredits } from './credits/token-credits'
import type { WebhookPayload } from './webhooks/webhook-payload'

/** The worker's bindings, vars and secrets (README lists each). */
export interface Bindings extends Vars {
  DB: D1Database
  ORIGIN?: Fetcher
  ASSETS?: Fetcher
  TOKEN_PEPPER?: string
  ADMIN_JWT_SECRET?: string
  ADMIN_JWKS?: string
  ADMIN_JWKS_URL?: string
  ADMIN_JWT_ISSUER?: string
  ADMIN_JWT_AUDIENCE?: string
  ORIGIN_ASSERTION_SECRET?: string
  /** A private JWK (Ed25519 or P-256) that signs assertions instead, served public at `/.well-known/jwks.json` (SPEC §11). */
  ORIGIN_ASSERTION_KEY?: string
  /** The key `ORIGIN_ASSERTION_KEY` replaced, listed in the JWKS during a rotation. */
  ORIGIN_ASSERTION_PREVIOUS_KEY?: string
  /** Signs every webhook (`Tollgate-Signature`, SPEC §7); without it none is sent. */
  WEBHOOK_SECRET?: string
  /** The queue webhooks go through (`[[queues.producers]]`); the same worker consumes it. */
  WEBHOOK_QUEUE?: Queue<WebhookPayload>
  /** Strapi's `API_TOKEN_SALT`: imported Strapi keys keep working (SPEC §12). */
  STRAPI_API_TOKEN_SALT?: string
  /** `/auth/verify`'s per-address limit, when declared in `[[ratelimits]]` (SPEC §3). */
  AUTH_VERIFY_RATE_LIMIT?: RateLimit
  /** `POST /revoke`'s per-address limit, when declared in `[[ratelimits]]` (SPEC §12). */
  REVOKE_RATE_LIMIT?: RateLimit
  /** Metered tokens' balances, one Durable Object per token (SPEC §13). */
  TOKEN_CREDITS?: DurableObjectNamespace<TokenCredits>
  // The rate-limit tiers' bindings have the names RATE_LIMIT_TIERS gives them.
}

/** The Hono environment shared by every route and middleware. */
export interface AppEnv {
  Bindings: Bindings
  Variables: {
    settings: Settings
    admin: AdminIdentity
  }
}
