// The components' plain types: the admin API's contract (contract/, shared with the
// worker), and what only the UI needs.
import type {
  AdminAction,
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

/** Sortable table columns. */
export type SortField = Extract<ApiSortField, 'name' | 'createdAt' | 'lastUsedAt' | 'expiresAt'>
export type SortDirection = 'asc' | 'desc'

export type { TokenDraft } from './internal/token-draft'
export type { ApiErrorObject } from './internal/api-errors'
