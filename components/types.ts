// The components' plain types: the admin API's contract (contract/, shared with the
// worker), and what only the UI needs.
import type {
  AdminAction,
  ErrorObject,
  EventActor,
  EventChanges,
  FieldError,
  Lifespan,
  RateLimitTier,
  SortField as ApiSortField,
  PreviousKey,
  Token,
  TokenEvent,
  TokenEventAction,
  TokenType,
  TokenUsage,
  UsageDay,
} from '../contract/api-tokens'
import type { PermissionCatalog, RouteCatalog } from '../contract/admin-wire'

export type {
  PermissionCatalog,
  RouteCatalog,
  AdminAction,
  EventActor,
  EventChanges,
  PreviousKey,
  TokenEvent,
  TokenEventAction,
  FieldError,
  Lifespan,
  RateLimitTier,
  Token,
  TokenType,
  TokenUsage,
  UsageDay,
}

/** The fields an admin edits in the form. */
export interface TokenDraft {
  name: string
  description: string
  type: TokenType
  lifespan: Lifespan
  permissions: string[]
  /**
   * Addresses and CIDR ranges the key may be used from, one per line as typed (the form
   * keeps blank lines and spaces while editing; Save trims them and drops the blanks).
   */
  allowedIps: string[]
  /** A rate-limit tier's name, or `null` = no limit. */
  rateLimit: string | null
  /** `false`: the key is refused until the token is enabled again. */
  enabled: boolean
  /**
   * A custom expiry date instead of `lifespan` (ISO-8601; `''` while none is chosen). When
   * present, Save sends it and no `lifespan`; absent, Save sends `lifespan`.
   */
  expiresAt?: string
  /**
   * Create only, operators only (SPEC §8): the customer the token belongs to. Absent = no
   * owner; an update never sends it.
   */
  owner?: string
}

/** The `error` object of every error response of the worker. */
export type ApiErrorObject = Omit<ErrorObject, 'details'> & {
  details: { errors?: FieldError[]; [key: string]: unknown }
}

/** Sortable table columns. */
export type SortField = Extract<ApiSortField, 'name' | 'createdAt' | 'lastUsedAt'>
export type SortDirection = 'asc' | 'desc'
