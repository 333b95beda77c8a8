/** The admin actions that guard the management API (Strapi's names, SPEC §2). */
export const ADMIN_ACTIONS = [
  'admin::api-tokens.access',
  'admin::api-tokens.read',
  'admin::api-tokens.create',
  'admin::api-tokens.update',
  'admin::api-tokens.regenerate',
  'admin::api-tokens.delete',
] as const

export type AdminAction = (typeof ADMIN_ACTIONS)[number]

/** Who is calling the admin API, and what they may do. */
export interface AdminIdentity {
  subject: string | undefined
  actions: Set<AdminAction>
}
