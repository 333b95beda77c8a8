// The admin API's contract (SPEC §1–§2) as plain types and constants: imported by the
// worker and by the web components, and importing nothing itself.

/** The three kinds of token. */
export const TOKEN_TYPES = ['read-only', 'full-access', 'custom'] as const
export type TokenType = (typeof TOKEN_TYPES)[number]

/** The token lifespans an admin may choose (ms): 7, 30 and 90 days, or `null` = unlimited. */
export const LIFESPANS = [604_800_000, 2_592_000_000, 7_776_000_000, null] as const
export type Lifespan = (typeof LIFESPANS)[number]

/** The admin actions that guard the management API (Strapi's names). */
export const ADMIN_ACTIONS = [
  'admin::api-tokens.access',
  'admin::api-tokens.read',
  'admin::api-tokens.create',
  'admin::api-tokens.update',
  'admin::api-tokens.regenerate',
  'admin::api-tokens.delete',
] as const
export type AdminAction = (typeof ADMIN_ACTIONS)[number]

/** The fields `GET /admin/api-tokens?sort=` orders by. */
export const SORT_FIELDS = ['name', 'createdAt', 'lastUsedAt', 'expiresAt'] as const
export type SortField = (typeof SORT_FIELDS)[number]

/** An API token as the admin API returns it: never its key or hash. */
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

/** One field's problem, as Strapi lists it in `details.errors`. */
export interface FieldError {
  path: string[]
  name: 'ValidationError'
  message: string
}

/** The `error` object of every 4xx/5xx body. */
export interface ErrorObject {
  status: number
  name: string
  message: string
  details: Record<string, unknown>
}

/** The body of every error response: `{data: null, error}`. */
export interface ErrorBody {
  data: null
  error: ErrorObject
}
