/** The three kinds of token. */
export type TokenType = 'read-only' | 'full-access' | 'custom'

/** Token durations in ms (7, 30, 90 days) or `null` for unlimited. */
export type Lifespan = 604800000 | 2592000000 | 7776000000 | null

/** An API token as the admin API returns it. */
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

/** The fields an admin edits in the form. */
export interface TokenDraft {
  name: string
  description: string
  type: TokenType
  lifespan: Lifespan
  permissions: string[]
}

/** One field's problem from a 400. */
export interface FieldError {
  path: string[]
  name: string
  message: string
}

/** The `error` object of every error response of the worker. */
export interface ApiErrorObject {
  status: number
  name: string
  message: string
  details: { errors?: FieldError[]; [key: string]: unknown }
}

/** `GET /admin/content-api/permissions`: actions grouped for the picker. */
export type PermissionCatalog = Record<
  string,
  { displayName: string; controllers: Record<string, string[]> }
>

/** `GET /admin/content-api/routes`: the route bound to each action, by group. */
export type RouteCatalog = Record<string, { method: string; path: string; action: string }[]>

/** The admin actions that gate the UI. */
export type AdminAction =
  | 'admin::api-tokens.access'
  | 'admin::api-tokens.read'
  | 'admin::api-tokens.create'
  | 'admin::api-tokens.update'
  | 'admin::api-tokens.regenerate'
  | 'admin::api-tokens.delete'

/** Sortable table columns. */
export type SortField = 'name' | 'createdAt' | 'lastUsedAt'
export type SortDirection = 'asc' | 'desc'

/** The durations the form offers, in order. */
export const LIFESPAN_OPTIONS: { value: Lifespan; label: string }[] = [
  { value: 604800000, label: '7 days' },
  { value: 2592000000, label: '30 days' },
  { value: 7776000000, label: '90 days' },
  { value: null, label: 'Unlimited' },
]

/** The token types the form offers, in order. */
export const TYPE_OPTIONS: { value: TokenType; label: string }[] = [
  { value: 'read-only', label: 'Read-only' },
  { value: 'full-access', label: 'Full access' },
  { value: 'custom', label: 'Custom' },
]
