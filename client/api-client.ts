import type { PermissionCatalog, RouteCatalog } from '../contract/admin-wire'
import type { RateLimitTier, Token, TokenUsage } from '../contract/api-tokens'
import { actionCatalog, adminPermissions, rateLimitTiers, type AdminPermissions } from './admin'
import * as tokens from './tokens'
import { createSend, type AuthTokenSource, type CallOptions, type Send } from './transport'

export { ApiRequestError, errorObjectOf, fieldErrorsOf, isAbort } from './errors'
export type { AdminPermissions } from './admin'
export type * from './tokens'
export type { AuthTokenSource, CallOptions } from './transport'

/**
 * The admin API, one method per route, for the section (and any host that wants it
 * headless). Requests go through {@link createSend}: the host's JWT before every request,
 * one retry on a 401, an `AbortSignal` per call; an aborted call rejects with the
 * `AbortError` itself, every other failure with an {@link ApiRequestError}. The routes
 * live with their resource: `tokens.ts` (tokens, their events and usage), `admin.ts`
 * (the admin's permissions, the action catalog, the rate-limit tiers).
 *
 * @example
 * const client = new AdminApiClient('https://gate.example.com', () => getJwt())
 * const page = await client.listTokens(
 *   { sort: 'name', direction: 'asc', q: '', page: 1, pageSize: 25 },
 *   { signal: controller.signal },
 * )
 */
export class AdminApiClient {
  private readonly send: Send

  constructor(
    readonly baseUrl: string,
    authToken: AuthTokenSource,
  ) {
    this.send = createSend(baseUrl, authToken)
  }

  permissions(options?: CallOptions): Promise<AdminPermissions> {
    return adminPermissions(this.send, options)
  }

  listTokens(list: tokens.ListOptions, options?: CallOptions): Promise<tokens.TokenPage> {
    return tokens.listTokens(this.send, list, options)
  }

  getToken(id: number, options?: CallOptions): Promise<Token> {
    return tokens.getToken(this.send, id, options)
  }

  createToken(
    draft: tokens.TokenDraft,
    options?: CallOptions,
  ): Promise<Token & { accessKey: string }> {
    return tokens.createToken(this.send, draft, options)
  }

  updateToken(id: number, draft: tokens.TokenDraft, options?: CallOptions): Promise<Token> {
    return tokens.updateToken(this.send, id, draft, options)
  }

  regenerateToken(
    id: number,
    regenerate?: tokens.RegenerateOptions,
    options?: CallOptions,
  ): Promise<tokens.RegeneratedKey> {
    return tokens.regenerateToken(this.send, id, regenerate, options)
  }

  /** A page of a token's audit events (`GET /admin/api-tokens/:id/events`), newest first. */
  tokenEvents(
    id: number,
    page: number,
    pageSize: number,
    options?: CallOptions,
  ): Promise<tokens.EventPage> {
    return tokens.tokenEvents(this.send, id, page, pageSize, options)
  }

  deleteToken(id: number, options?: CallOptions): Promise<Token | null> {
    return tokens.deleteToken(this.send, id, options)
  }

  catalog(
    options?: CallOptions,
  ): Promise<{ permissions: PermissionCatalog; routes: RouteCatalog }> {
    return actionCatalog(this.send, options)
  }

  /** The rate-limit tiers a token may be put in (`[]` when the worker declares none). */
  rateLimitTiers(options?: CallOptions): Promise<RateLimitTier[]> {
    return rateLimitTiers(this.send, options)
  }

  /** A token's requests passed and refused per UTC day over the last `days` days, oldest first. */
  tokenUsage(id: number, days: number, options?: CallOptions): Promise<TokenUsage> {
    return tokens.tokenUsage(this.send, id, days, options)
  }
}
