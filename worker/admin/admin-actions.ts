import type { AdminAction } from '../../contract/api-tokens'

/** Who is calling the admin API, and what they may do. */
export interface AdminIdentity {
  subject: string | undefined
  actions: Set<AdminAction>
}
