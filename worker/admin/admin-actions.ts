import type { AdminAction, EventActor } from '../../contract/api-tokens'
import type { Grantable } from './grant-policy'

/** Who is calling the admin API, and what they may do. */
export interface AdminIdentity {
  subject: string | undefined
  actions: Set<AdminAction>
  /** The audit log's actor (SPEC §7): `sub`, and the `name` / `email` claims when present. */
  actor: EventActor | null
  /**
   * The JWT's `owner` claim (SPEC §8): the admin sees and changes only that owner's
   * tokens; `undefined` for an operator, who sees every token.
   */
  owner: string | undefined
  /**
   * The JWT's `grantable` claim (SPEC §13): the rights this admin may put on tokens;
   * `undefined` without the claim, when every right is grantable.
   */
  grantable: Grantable
}
