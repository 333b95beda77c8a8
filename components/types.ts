// The components' plain types: the admin API's contract (contract/, shared with the
// worker), and what only the UI needs.
import type {
  AdminAction,
  ErrorObject,
  FieldError,
  Lifespan,
  SortField as ApiSortField,
  Token,
  TokenType,
} from '../contract/api-tokens'

export type { AdminAction, FieldError, Lifespan, Token, TokenType }

/** The fields an admin edits in the form. */
export interface TokenDraft {
  name: string
  description: string
  type: TokenType
  lifespan: Lifespan
  permissions: string[]
}

/** The `error` object of every error response of the worker. */
export type ApiErrorObject = Omit<ErrorObject, 'details'> & {
  details: { errors?: FieldError[]; [key: string]: unknown }
}

/** `GET /admin/content-api/permissions`: actions grouped for the picker. */
export type PermissionCatalog = Record<
  string,
  { displayName: string; controllers: Record<string, string[]> }
>

/** `GET /admin/content-api/routes`: the route bound to each action, by group. */
export type RouteCatalog = Record<string, { method: string; path: string; action: string }[]>

/** Sortable table columns. */
export type SortField = Extract<ApiSortField, 'name' | 'createdAt' | 'lastUsedAt'>
export type SortDirection = 'asc' | 'desc'
