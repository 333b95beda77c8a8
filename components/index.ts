/**
 * Tollgate's web components, served as one ES module at `/components/tollgate.js`.
 * Importing it registers every element: the list view's at once, the edit view's (form,
 * permission picker, key, regenerate dialog; usage, activity) from chunks loaded when
 * first needed.
 *
 * @example
 * <script type="module" src="https://gate.example.com/components/tollgate.js"></script>
 * <api-token-settings api-base="https://gate.example.com"></api-token-settings>
 */
import { defineTollgateElements } from './define'

export { createTollgateClient, TollgateApiError } from '../client'
export { ApiTokenSettings } from './api-token-settings/api-token-settings'
export { ApiTokenTable } from './api-token-table/api-token-table'
// Loaded when first needed (their classes: `customElements.get(tag)` once defined).
export type { ApiTokenDeleteDialog } from './api-token-delete-dialog/api-token-delete-dialog'
export type { ConfirmDialog } from './confirm-dialog/confirm-dialog'
export type { ApiTokenActivity } from './api-token-activity/api-token-activity'
export type { ApiTokenForm } from './api-token-form/api-token-form'
export type { ApiTokenKey } from './api-token-key/api-token-key'
export type { ApiTokenPermissions } from './api-token-permissions/api-token-permissions'
export type { ApiTokenRegenerateDialog } from './api-token-regenerate-dialog/api-token-regenerate-dialog'
export type { ApiTokenUsage } from './api-token-usage/api-token-usage'
export { loadTollgateElements } from './define'
export * from './events'
// Loaded with the elements that send them (their classes, as types).
export type * from './view-events'
export type * from './types'

defineTollgateElements()
