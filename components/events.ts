import type {
  ApiErrorObject,
  SortDirection,
  SortField,
  Token,
  TokenDraft,
  TokenType,
} from './types'

/** The public events cross shadow roots and bubble up to the host page. */
const SHARED = { bubbles: true, composed: true } as const

/** The parts' own events bubble but stay inside the shadow root that holds the part. */
const PART = { bubbles: true, composed: false } as const

/** A token was created; `detail.accessKey` is the one time the key is given out. */
export class TokenCreatedEvent extends Event {
  static readonly type = 'api-token-created'
  constructor(readonly detail: { token: Token; accessKey: string }) {
    super(TokenCreatedEvent.type, SHARED)
  }
}

/** A token was edited. */
export class TokenUpdatedEvent extends Event {
  static readonly type = 'api-token-updated'
  constructor(readonly detail: { token: Token }) {
    super(TokenUpdatedEvent.type, SHARED)
  }
}

/** A token was deleted. */
export class TokenDeletedEvent extends Event {
  static readonly type = 'api-token-deleted'
  constructor(readonly detail: { token: Token }) {
    super(TokenDeletedEvent.type, SHARED)
  }
}

/** A token got a new key; `detail.accessKey` is the one time it is given out. */
export class TokenRegeneratedEvent extends Event {
  static readonly type = 'api-token-regenerated'
  constructor(readonly detail: { token: Token; accessKey: string }) {
    super(TokenRegeneratedEvent.type, SHARED)
  }
}

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

/**
 * The section is about to drop a key never copied, or unsaved edits, for a navigation:
 * its Back button (`reason: 'back'`) or the host's `requestLeave()` (`reason: 'host'`),
 * after the admin chose to leave. `preventDefault()` keeps the view as it is.
 */
export class SectionLeaveEvent extends Event {
  static readonly type = 'api-token-leave'
  constructor(
    readonly detail: { reason: 'back' | 'host'; uncopiedKey: boolean; unsavedEdits: boolean },
  ) {
    super(SectionLeaveEvent.type, { ...SHARED, cancelable: true })
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

/** The form was submitted with these values. */
export class TokenSaveEvent extends Event {
  static readonly type = 'api-token-save'
  constructor(readonly detail: { draft: TokenDraft }) {
    super(TokenSaveEvent.type, PART)
  }
}

/** The permission picker's selection changed. */
export class PermissionsChangeEvent extends Event {
  static readonly type = 'api-token-permissions-change'
  constructor(readonly detail: { permissions: string[] }) {
    super(PermissionsChangeEvent.type, PART)
  }
}

/** A confirmation dialog closed: `confirmed` is false for Cancel, Escape or a click outside. */
export class DialogCloseEvent extends Event {
  static readonly type = 'api-token-dialog-close'
  constructor(readonly detail: { confirmed: boolean }) {
    super(DialogCloseEvent.type, PART)
  }
}

/** The shown key was copied: with the Copy button, or by hand from the selection. */
export class KeyCopyEvent extends Event {
  static readonly type = 'api-token-key-copy'
  constructor() {
    super(KeyCopyEvent.type, PART)
  }
}

/** The Activity list wants another page of events. */
export class ActivityPageEvent extends Event {
  static readonly type = 'api-token-activity-page'
  constructor(readonly detail: { page: number }) {
    super(ActivityPageEvent.type, PART)
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'api-token-created': TokenCreatedEvent
    'api-token-updated': TokenUpdatedEvent
    'api-token-deleted': TokenDeletedEvent
    'api-token-regenerated': TokenRegeneratedEvent
    'api-token-error': TokenErrorEvent
    'api-token-session-expired': SessionExpiredEvent
    'api-token-leave': SectionLeaveEvent
    'api-token-row-action': TokenRowActionEvent
    'api-token-query-change': TokenQueryChangeEvent
    'api-token-save': TokenSaveEvent
    'api-token-permissions-change': PermissionsChangeEvent
    'api-token-dialog-close': DialogCloseEvent
    'api-token-key-copy': KeyCopyEvent
    'api-token-activity-page': ActivityPageEvent
  }
}
