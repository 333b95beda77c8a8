// The admin API's wire shapes besides the token itself (contract/api-tokens.ts): what each
// route takes and answers, shared by the worker (which answers `satisfies` them) and the
// components' client (which reads them). Plain types and constants, no dependencies.
import type {
  AdminAction,
  Credits,
  ErrorObject,
  Lifespan,
  PreviousKey,
  Token,
  TokenEvent,
  TokenMeta,
  TokenType,
  VerifyCode,
} from './api-tokens'

/** Strapi's `meta.pagination` of one page of a list (SPEC §2). */
export interface Pagination {
  page: number
  pageSize: number
  total: number
}

/** A paged list: `{data, meta: {pagination}}`. */
export interface Paged<T, P extends Pagination = Pagination> {
  data: T[]
  meta: { pagination: P }
}

/** `GET /admin/api-tokens?page=&pageSize=`: `{page, pageSize, total}`, as SPEC §2 has it. */
export type TokenPageBody = Paged<Token>
/** `GET /admin/api-tokens/:id/events` and `/admin/api-token-events`, with `pageCount` too. */
export type EventPageBody = Paged<TokenEvent, Pagination & { pageCount: number }>

/**
 * `GET /admin/users/me/permissions`: the admin's actions; `meta.owner` `null` for an
 * operator (SPEC §8); `meta.grantable` the rights the admin may put on tokens, `null` =
 * all; `meta.maxLifespanDays` the longest lifetime a key may get, `null` = no cap (SPEC §13).
 */
export interface AdminPermissionsBody {
  data: { action: AdminAction }[]
  meta: { owner: string | null; grantable: string[] | null; maxLifespanDays: number | null }
}

/** `GET /admin/content-api/permissions` → `{data}`: actions grouped for the picker. */
export type PermissionCatalog = Record<
  string,
  { displayName: string; controllers: Record<string, string[]> }
>

/** `GET /admin/content-api/routes` → `{data}`: the route bound to each action, by group. */
export type RouteCatalog = Record<string, { method: string; path: string; action: string }[]>

/**
 * The fields an edit may send (`PUT /admin/api-tokens/:id`, any subset); a create sends
 * `name` and `type` at least, and an operator may add `owner` (SPEC §8).
 */
export const TOKEN_UPDATE_FIELDS = [
  'name',
  'description',
  'type',
  'lifespan',
  'expiresAt',
  'permissions',
  'allowedIps',
  'rateLimit',
  'enabled',
  'meta',
  'credits',
] as const
export const TOKEN_CREATE_FIELDS = [...TOKEN_UPDATE_FIELDS, 'owner'] as const

/** The body of `PUT /admin/api-tokens/:id`. `expiresAt`: a custom date, ISO-8601 or epoch ms. */
export interface TokenUpdateBody {
  name?: string
  description?: string | null
  type?: TokenType
  lifespan?: Lifespan
  expiresAt?: string | number
  permissions?: string[]
  allowedIps?: string[]
  rateLimit?: string | null
  enabled?: boolean
  /** Data for the origin (SPEC §13): a JSON object, at most 1 KB serialised. */
  meta?: TokenMeta
  /**
   * Credits (SPEC §13), `null` = unmetered. A create needs `remaining` (the refill is
   * none when left out). On an edit, what is left out stays the token's own: a
   * `remaining` replaces the balance, a `refill` alone keeps it.
   * `POST /admin/api-tokens/:id/credits` adds to it.
   */
  credits?: { remaining?: number; refill?: Credits['refill'] } | null
}

/** The body of `POST /admin/api-tokens`. */
export interface TokenCreateBody extends TokenUpdateBody {
  name: string
  type: TokenType
  owner?: string | null
}

/** The body of `POST /admin/api-tokens/:id/credits`: exactly one of `add` and `set` (SPEC §13). */
export type CreditsChangeBody = { add: number } | { set: number }

/** `POST /admin/api-tokens` → 201 `{data}`: the token and its key, shown this once. */
export type CreatedToken = Token & { accessKey: string }

/** The optional body of `POST /admin/api-tokens/:id/regenerate` (SPEC §7). */
export interface RegenerateBody {
  /** Seconds the replaced key keeps working (0–604800; 0 = it stops at once). */
  gracePeriod?: number
  lifespan?: Lifespan
  expiresAt?: string | number
}

/** `POST /admin/api-tokens/:id/regenerate` → 201 `{data}`. */
export interface RegeneratedKey {
  id: number
  accessKey: string
  expiresAt: string | null
  /** The replaced key while it keeps working (a grace period), else `null`. */
  previousKey: PreviousKey | null
}

/** The body of `POST /auth/verify` (SPEC §3, §9). */
export interface VerifyBody {
  key: string
  method?: string
  path?: string
  /** The caller's client address; required for a token with `allowedIps` (SPEC §10). */
  ip?: string
}

/** What `/auth/verify` tells of a current key's token. */
export interface VerifiedToken {
  id: number
  name: string
  type: TokenType
  expiresAt: string | null
  permissions: string[]
  owner: string | null
  /** The token's `meta` (SPEC §13). */
  meta: TokenMeta
}

/** `POST /auth/verify` → 200: the verdict, and the token when the key exists and is current. */
export interface VerifyResult {
  valid: boolean
  code: VerifyCode
  /** `"ip"`: the token's `allowedIps` do not hold `ip`, or no `ip` was given. */
  reason?: 'ip'
  /** A metered token's balance (SPEC §13), read without spending: verifying is not a use. */
  remaining?: number
  token?: VerifiedToken
  /** The key is the one a regenerate replaced, in its grace period (SPEC §7). */
  previousKey?: true
}

// Strapi import (SPEC §12).

/**
 * One Strapi v5 API token to import: a row of `strapi_api_tokens` with its actions from
 * `strapi_api_token_permissions`. Dates are ISO-8601 or epoch ms.
 */
export interface StrapiTokenImport {
  name: string
  description?: string | null
  type: TokenType
  lifespan?: Lifespan
  expiresAt?: string | number | null
  createdAt?: string | number | null
  lastUsedAt?: string | number | null
  /** The hash Strapi stored (`access_key`): HMAC-SHA-512 of the key under `API_TOKEN_SALT`, hex. */
  accessKey: string
  /** Strapi action ids (`api::article.article.find`); a custom token's only. */
  permissions?: string[]
}

/** The body of `POST /admin/api-tokens/import`: 1–1000 tokens. */
export interface TokenImportBody {
  format: 'strapi-v5'
  tokens: StrapiTokenImport[]
}

/**
 * `POST /admin/api-tokens/import` → 200 `{data}`: the tokens imported, and each row that
 * was not with its error — a §2 400 error object (`details.errors` with field codes).
 */
export interface TokenImportResult {
  imported: { id: number; name: string }[]
  errors: { index: number; error: ErrorObject }[]
}
