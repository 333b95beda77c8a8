import { ApiTokenActivity } from './api-token-activity/api-token-activity'
import { ApiTokenDeleteDialog } from './api-token-delete-dialog/api-token-delete-dialog'
import { ApiTokenForm } from './api-token-form/api-token-form'
import { ApiTokenKey } from './api-token-key/api-token-key'
import { ApiTokenPermissions } from './api-token-permissions/api-token-permissions'
import { ApiTokenRegenerateDialog } from './api-token-regenerate-dialog/api-token-regenerate-dialog'
import { ApiTokenSettings } from './api-token-settings/api-token-settings'
import { ApiTokenTable } from './api-token-table/api-token-table'
import { ApiTokenUsage } from './api-token-usage/api-token-usage'
import { ConfirmDialog } from './confirm-dialog/confirm-dialog'

/** Every element and its tag. */
export const ELEMENTS = {
  'api-token-settings': ApiTokenSettings,
  'api-token-table': ApiTokenTable,
  'api-token-form': ApiTokenForm,
  'api-token-permissions': ApiTokenPermissions,
  'api-token-regenerate-dialog': ApiTokenRegenerateDialog,
  'api-token-delete-dialog': ApiTokenDeleteDialog,
  'api-token-confirm-dialog': ConfirmDialog,
  'api-token-key': ApiTokenKey,
  'api-token-usage': ApiTokenUsage,
  'api-token-activity': ApiTokenActivity,
} as const

/** Registers every element once: a host that loads the bundle twice does not throw. */
export function defineTollgateElements(): void {
  for (const [tag, element] of Object.entries(ELEMENTS)) {
    if (!customElements.get(tag)) customElements.define(tag, element)
  }
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
