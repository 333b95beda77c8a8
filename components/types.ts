// The worker's own plain types: the components share nothing else with it.
import type { TokenType as WorkerTokenType } from '../worker/db/schema'
import type { ErrorObject } from '../worker/http/api-error'
import type { Lifespan as WorkerLifespan, Token as WorkerToken } from '../worker/tokens/token'
import type { AdminAction as WorkerAdminAction } from '../worker/admin/admin-actions'

/** The three kinds of token. */
export type TokenType = WorkerTokenType

/** Token durations in ms (7, 30, 90 days) or `null` for unlimited. */
export type Lifespan = WorkerLifespan

/** An API token as the admin API returns it. */
export type Token = WorkerToken

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

/** The admin actions that gate the UI. */
export type AdminAction = WorkerAdminAction

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
