import type { AdminPermissionsBody, PermissionCatalog, RouteCatalog } from '../contract/admin-wire'
import type { AdminAction, RateLimitTier } from '../contract/api-tokens'
import type { CallOptions, Send } from './transport'

/** `GET /admin/users/me/permissions`: the admin's actions, and whether it is an operator. */
export interface AdminPermissions {
  actions: Set<AdminAction>
  /**
   * `true` for an operator (a JWT without `owner` claim: `meta.owner` is `null`), who sees
   * every token and may filter and set owners (SPEC §8). A scoped admin, or a worker from
   * before §8 (no `meta`), is not.
   */
  operator: boolean
}

/** The signed-in admin's actions and role (`GET /admin/users/me/permissions`). */
export async function adminPermissions(
  send: Send,
  options?: CallOptions,
): Promise<AdminPermissions> {
  // A worker from before SPEC §8 answers no `meta`.
  const { data, meta } = await send<
    Omit<AdminPermissionsBody, 'meta'> & Partial<AdminPermissionsBody>
  >('GET', '/admin/users/me/permissions', options)
  return {
    actions: new Set(data.map((permission) => permission.action)),
    operator: meta?.owner === null,
  }
}

/** The action catalog and the routes bound to its actions, for the permission picker. */
export async function actionCatalog(
  send: Send,
  options?: CallOptions,
): Promise<{ permissions: PermissionCatalog; routes: RouteCatalog }> {
  const [permissions, routes] = await Promise.all([
    send<{ data: PermissionCatalog }>('GET', '/admin/content-api/permissions', options),
    send<{ data: RouteCatalog }>('GET', '/admin/content-api/routes', options),
  ])
  return { permissions: permissions.data, routes: routes.data }
}

/** The rate-limit tiers a token may be put in (`[]` when the worker declares none). */
export async function rateLimitTiers(send: Send, options?: CallOptions): Promise<RateLimitTier[]> {
  return (await send<{ data: RateLimitTier[] }>('GET', '/admin/rate-limit-tiers', options)).data
}
