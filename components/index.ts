/**
 * Tollgate's web components, served as one ES module at `/components/tollgate.js`.
 * Importing it registers every element.
 *
 * @example
 * <script type="module" src="https://gate.example.com/components/tollgate.js"></script>
 * <api-token-settings api-base="https://gate.example.com"></api-token-settings>
 */
import { defineTollgateElements } from './define'

export { AdminApiClient, ApiRequestError } from '../client/api-client'
export { ApiTokenActivity } from './api-token-activity/api-token-activity'
export { ApiTokenKey } from './api-token-key/api-token-key'
export { ApiTokenDeleteDialog } from './api-token-delete-dialog/api-token-delete-dialog'
export { ApiTokenForm } from './api-token-form/api-token-form'
export { ApiTokenPermissions } from './api-token-permissions/api-token-permissions'
export { ApiTokenRegenerateDialog } from './api-token-regenerate-dialog/api-token-regenerate-dialog'
export { ApiTokenSettings } from './api-token-settings/api-token-settings'
export { ApiTokenTable } from './api-token-table/api-token-table'
export { ApiTokenUsage } from './api-token-usage/api-token-usage'
export { ConfirmDialog } from './confirm-dialog/confirm-dialog'
export * from './events'
export type * from './types'

defineTollgateElements()
