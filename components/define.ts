import type { ApiTokenActivity } from './api-token-activity/api-token-activity'
import type { ApiTokenDeleteDialog } from './api-token-delete-dialog/api-token-delete-dialog'
import type { ApiTokenForm } from './api-token-form/api-token-form'
import type { ApiTokenKey } from './api-token-key/api-token-key'
import type { ApiTokenPermissions } from './api-token-permissions/api-token-permissions'
import type { ApiTokenRegenerateDialog } from './api-token-regenerate-dialog/api-token-regenerate-dialog'
import { ApiTokenSettings } from './api-token-settings/api-token-settings'
import { ApiTokenTable } from './api-token-table/api-token-table'
import type { ApiTokenUsage } from './api-token-usage/api-token-usage'
import type { ConfirmDialog } from './confirm-dialog/confirm-dialog'
import { LAZY_TAGS, loadElement, loadWhenUsed, type LazyTag } from './internal/lazy-elements'

/**
 * The elements of the list view, in tollgate.js itself. The dialogs and the edit view's
 * (the form with its permission picker, the key; the usage and the activity) are chunks
 * loaded when first needed: internal/lazy-elements.ts.
 */
export const ELEMENTS = {
  'api-token-settings': ApiTokenSettings,
  'api-token-table': ApiTokenTable,
} as const

/**
 * Registers every element once: a host that loads the bundle twice does not throw. The
 * lazily loaded ones register when the section first shows them, or when the page uses
 * one on its own.
 */
export function defineTollgateElements(): void {
  for (const [tag, element] of Object.entries(ELEMENTS)) {
    if (!customElements.get(tag)) customElements.define(tag, element)
  }
  loadWhenUsed(document)
}

/**
 * Loads and registers the elements that tollgate.js loads on demand (all of them, or the
 * ones named); resolves once they are defined. For a host that renders a part on its own
 * inside a shadow root, where the page-wide watch does not see it.
 *
 * @example
 * await loadTollgateElements('api-token-usage')
 * shadowRoot.innerHTML = '<api-token-usage></api-token-usage>'
 */
export async function loadTollgateElements(...tags: LazyTag[]): Promise<void> {
  await Promise.all((tags.length ? tags : LAZY_TAGS).map(loadElement))
}

declare global {
  interface HTMLElementTagNameMap {
    'api-token-settings': ApiTokenSettings
    'api-token-table': ApiTokenTable
    'api-token-form': ApiTokenForm
    'api-token-permissions': ApiTokenPermissions
    'api-token-regenerate-dialog': ApiTokenRegenerateDialog
    'api-token-delete-dialog': ApiTokenDeleteDialog
    'api-token-confirm-dialog': ConfirmDialog
    'api-token-key': ApiTokenKey
    'api-token-usage': ApiTokenUsage
    'api-token-activity': ApiTokenActivity
  }
}
