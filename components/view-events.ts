// The events of the elements loaded when first needed — the create and edit views, the
// dialogs, the panels — in their chunks, not in the list view (SPEC §11's budget). Their
// classes are exported as types; at run time hosts listen by the events' names.
import type { Token, TokenDraft } from './types'
import { PART, SHARED } from './internal/event-init'

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
    'api-token-leave': SectionLeaveEvent
    'api-token-save': TokenSaveEvent
    'api-token-permissions-change': PermissionsChangeEvent
    'api-token-dialog-close': DialogCloseEvent
    'api-token-key-copy': KeyCopyEvent
    'api-token-activity-page': ActivityPageEvent
  }
}
