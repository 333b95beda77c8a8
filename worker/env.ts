import type { Catalog, CatalogConfig } from './catalog/catalog'
import type { AdminIdentity } from './admin/admin-auth'

/** A var as wrangler delivers it: TOML values arrive typed, `.dev.vars`/secrets as strings. */
type Var<T> = T | string

/** The worker's bindings, vars and secrets (README lists each). */
export interface Bindings {
  DB: D1Database
  ORIGIN?: Fetcher
  ASSETS?: Fetcher
  TOKEN_PEPPER?: string
  ADMIN_JWT_SECRET?: string
  ADMIN_JWKS?: string
  ADMIN_JWKS_URL?: string
  ADMIN_JWT_ISSUER?: string
  ADMIN_JWT_AUDIENCE?: string
  ADMIN_ROLES?: Var<Record<string, string[]>>
  ORIGIN_ASSERTION_SECRET?: string
  ORIGIN_URL?: string
  TOKEN_PREFIX?: string
  PROTECTED_PATHS?: Var<string[]>
  PASSTHROUGH_PATHS?: Var<string[]>
  PUBLIC_ACTIONS?: Var<string[]>
  CACHE_TTL_SECONDS?: Var<number>
  LAST_USED_RESOLUTION_SECONDS?: Var<number>
  ALLOWED_ORIGINS?: Var<string[]>
  FORWARD_AUTHORIZATION?: Var<boolean>
  DEMO?: Var<boolean>
  API_CATALOG?: Var<CatalogConfig>
}

/** Configuration parsed once per isolate from the vars, with SPEC §4b's defaults. */
export interface Settings {
  tokenPrefix: string
  protectedPaths: string[]
  passthroughPaths: string[]
  publicActions: Set<string>
  cacheTtlMs: number
  lastUsedResolutionMs: number
  allowedOrigins: Set<string>
  forwardAuthorization: boolean
  demo: boolean
  catalog: Catalog
  adminRoles: Record<string, string[]>
}

/** The Hono environment shared by every route and middleware. */
export interface AppEnv {
  Bindings: Bindings
  Variables: {
    settings: Settings
    admin: AdminIdentity
  }
}
