// The events of the section and the list view, loaded with them. The create and edit views',
// the dialogs' and the panels' events are in view-events.ts, loaded with those elements.
import type { ApiErrorObject, SortDirection, SortField, Token, TokenType } from './types'
import { PART, SHARED } from './internal/event-init'

/** An admin API call failed; `detail.error` is the worker's error object. */
export class TokenErrorEvent extends Event {
  static readonly type = 'api-token-error'
  constructor(readonly detail: { error: ApiErrorObject }) {
    super(TokenErrorEvent.type, SHARED)
  }
}

/**
 * The admin pressed "Sign in again" on the session-expired banner: the host signs the
 * admin in again and sets a new `getAuthToken` (or `auth-endpoint`); the section then
 * retries what failed. Nothing is lost meanwhile.
 */
export class SessionExpiredEvent extends Event {
  static readonly type = 'api-token-session-expired'
  constructor() {
    super(SessionExpiredEvent.type, SHARED)
  }
}

/** A row action was chosen in the table: open the token, or delete it. */
export class TokenRowActionEvent extends Event {
  static readonly type = 'api-token-row-action'
  constructor(readonly detail: { action: 'edit' | 'view' | 'delete'; token: Token }) {
    super(TokenRowActionEvent.type, PART)
  }
}

/** The table wants other rows: a new sort, search, filter or page (or the same again: Retry). */
export class TokenQueryChangeEvent extends Event {
  static readonly type = 'api-token-query-change'
  constructor(
    readonly detail: {
      sort: SortField
      direction: SortDirection
      q: string
      page: number
      /** The owner filter (operators, SPEC §8): `''` = tokens without owner; absent = all. */
      owner?: string | undefined
      /** The status filter: only enabled (`true`) or disabled (`false`) tokens; absent = both. */
      enabled?: boolean | undefined
      /** The type filter; absent = every type. */
      type?: TokenType | undefined
    },
  ) {
    super(TokenQueryChangeEvent.type, PART)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'api-token-error': TokenErrorEvent
    'api-token-session-expired': SessionExpiredEvent
    'api-token-row-action': TokenRowActionEvent
    'api-token-query-change': TokenQueryChangeEvent
  }
}
