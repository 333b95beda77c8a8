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
  /** IPv4/IPv6 addresses and CIDR ranges the key may be used from; `[]` = any (SPEC §9). */
  allowedIps: string[]
  /** A rate-limit tier's name (`GET /admin/rate-limit-tiers`), or `null` = no limit. */
  rateLimit: string | null
  /** `false`: the key is refused with `DISABLED` until the token is enabled again (SPEC §7). */
  enabled: boolean
  /** The replaced key while it still works after a regenerate with a grace period, else `null`. */
  previousKey: PreviousKey | null
  /** The customer (workspace, organisation, user) the token belongs to; `null` = none (SPEC §8). */
  owner: string | null
  /**
   * Why a disabled token was disabled when an admin did not: `"leaked"` — its key was
   * reported (`POST /revoke`, a GitHub secret-scanning alert; SPEC §12). Enabling the token
   * or regenerating its key clears it; `null` otherwise.
   */
  disabledReason: DisabledReason | null
  /**
   * `"strapi"`: imported from Strapi with its key, which still works (SPEC §12) until the
   * token is regenerated; `null` for a key Tollgate issued.
   */
  legacy: LegacyFormat | null
  /**
   * Data attached to the token (SPEC §13): a JSON object of at most {@link MAX_META_BYTES}
   * serialised, returned by `/auth/verify` and handed to the origin as the assertion's
   * `meta` claim; `{}` = none.
   */
  meta: TokenMeta
  /**
   * A metered token's credits (SPEC §13): its balance and refill; `null` = unmetered. `GET /admin/api-tokens/:id` reads the live balance; the list shows the
   * last one written back (on each admin change of the credits).
   */
  credits: Credits | null
}

/** A metered token's credits (SPEC §13): `remaining`, refilled to `amount` each day or month. */
export interface Credits {
  remaining: number
  refill: { amount: number; interval: 'day' | 'month' } | null
}

/** The most credits a balance, a refill or one `add` may reach: far past any plan, exact in a double. */
export const MAX_CREDITS = 1_000_000_000_000

/** A token's `meta` (SPEC §13): any JSON object. */
export type TokenMeta = Record<string, unknown>

/** How large a token's `meta` may be: UTF-8 bytes of its JSON serialisation (SPEC §13). */
export const MAX_META_BYTES = 1024

/** Why a token was disabled other than by an admin (SPEC §12). */
export const DISABLED_REASONS = ['leaked'] as const
export type DisabledReason = (typeof DISABLED_REASONS)[number]

/** Where an imported token's key came from (SPEC §12). */
export const LEGACY_FORMATS = ['strapi'] as const
export type LegacyFormat = (typeof LEGACY_FORMATS)[number]

/** What an audit event records (SPEC §7); `expiring` and `expired` come from the scheduled job. */
export const TOKEN_EVENT_ACTIONS = [
  'created',
  'updated',
  'regenerated',
  'deleted',
  'enabled',
  'disabled',
  'expiring',
  'expired',
  'leaked',
] as const
export type TokenEventAction = (typeof TOKEN_EVENT_ACTIONS)[number]

/** Who made a change: the admin JWT's `sub`, and its `name` / `email` claims when present. */
export interface EventActor {
  sub: string
  name?: string
  email?: string
}

/**
 * Who made a change, as a scoped admin is shown a change it did not make itself (an
 * operator's, or another owner's admin's): staff stay anonymous (SPEC §10).
 */
export interface OperatorActor {
  name: 'Operator'
}

/** Updated fields as `{field: [before, after]}`. */
export type EventChanges = Record<string, [unknown, unknown]>

/** Who reported a leaked key (SPEC §12): anyone through `POST /revoke`, or GitHub's secret scanning. */
export type LeakSource = 'revoke' | 'github'

/** A `leaked` event's `changes` (SPEC §12): who reported the key and, from GitHub, where it was found. */
export interface LeakedChanges {
  source: LeakSource
  url?: string
}

/** One audit event, as `GET /admin/api-token-events` lists them, newest first. */
export interface TokenEvent {
  id: number
  /** ISO-8601. */
  at: string
  action: TokenEventAction
  tokenId: number
  tokenName: string
  owner: string | null
  /**
   * The admin who made the change; `null` from the scheduled job. A scoped admin sees it
   * (and `ip`) only for changes an admin of its own owner made, else `{name: "Operator"}`
   * and `ip: null`.
   */
  actor: EventActor | OperatorActor | null
  /** What changed; a `leaked` event says who reported the key instead ({@link LeakedChanges}). */
  changes?: EventChanges | LeakedChanges
  ip: string | null
}

/** The fields that make a token what it is, as an admin sets them (create, edit). */
export type TokenSettings = Pick<
  Token,
  | 'name'
  | 'description'
  | 'type'
  | 'lifespan'
  | 'permissions'
  | 'allowedIps'
  | 'rateLimit'
  | 'enabled'
>

/** While a replaced key still works (rotation with a grace period): its hint and end. */
export interface PreviousKey {
  keyHint: string
  /** ISO-8601. */
  expiresAt: string
}

/** The grace periods the regenerate dialog offers, in seconds; the API takes 0–604800. */
export const GRACE_PERIODS = [0, 3_600, 86_400, 604_800] as const

/** How far ahead a custom `expiresAt` may lie: 10 years, in ms. */
export const MAX_EXPIRY_AHEAD_MS = 10 * 365.25 * 24 * 3_600_000

/** How many entries `allowedIps` may hold. */
export const MAX_ALLOWED_IPS = 20

/** A rate-limit tier, as `GET /admin/rate-limit-tiers` lists them: `{data: RateLimitTier[]}`. */
export interface RateLimitTier {
  name: string
  label: string
}

/** One UTC day of a token's use: requests passed and requests refused. */
export interface UsageDay {
  /** `YYYY-MM-DD`, UTC. */
  date: string
  requests: number
  refused: number
}

/** `GET /admin/api-tokens/:id/usage?days=N` → `{data: TokenUsage}`: one entry per day, oldest first. */
export interface TokenUsage {
  days: UsageDay[]
  total: { requests: number; refused: number }
}

/** The usage window an admin may ask for, in days (default 30). */
export const USAGE_DAYS = { default: 30, max: 90 } as const

/**
 * The stable machine codes of a field error (SPEC §2, "Machine codes"): one per rule, so
 * a client can say it in its own language; the English `message` stays as it was.
 */
export const FIELD_ERROR_CODES = [
  'required',
  'too_long',
  'invalid_value',
  'name_taken',
  'invalid_type',
  'invalid_lifespan',
  'invalid_date',
  'expiry_passed',
  'expiry_too_far',
  'lifespan_or_expiry',
  'permissions_not_allowed',
  'permissions_missing',
  'unknown_permissions',
  'unknown_field',
  'invisible_characters',
  'ip_invalid',
  'ip_host_bits',
  'too_many_ips',
  'unknown_tier',
  'owner_invalid',
  'owner_not_allowed',
  'invalid_grace_period',
  'beyond_max_lifespan',
] as const
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number]

/** One field's problem, as Strapi lists it in `details.errors`, with its machine code. */
export interface FieldError {
  path: string[]
  name: 'ValidationError'
  message: string
  code: FieldErrorCode
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

/** The closed set of verification outcomes (SPEC §3). */
export const VERIFY_CODES = [
  'VALID',
  'MISSING',
  'MALFORMED',
  'NOT_FOUND',
  'DISABLED',
  'EXPIRED',
  'FORBIDDEN',
] as const
export type VerifyCode = (typeof VERIFY_CODES)[number]
