/**
 * Tollgate's web components, served as one ES module at `/components/tollgate.js`.
 * Importing it registers every element.
 *
 * @example
 * <script type="module" src="https://gate.example.com/components/tollgate.js"></script>
 * <api-token-settings api-base="https://gate.example.com"></api-token-settings>
 */
import { defineTollgateElements } from './define'

export { AdminApiClient, ApiRequestError } from './api-client'
export { ApiTokenActivity } from './api-token-activity'
export { ApiTokenKey } from './api-token-key'
export { ApiTokenDeleteDialog } from './api-token-delete-dialog'
export { ApiTokenForm } from './api-token-form'
export { ApiTokenPermissions } from './api-token-permissions'
export { ApiTokenRegenerateDialog } from './api-token-regenerate-dialog'
export { ApiTokenSettings } from './api-token-settings'
export { ApiTokenTable } from './api-token-table'
export { ApiTokenUsage } from './api-token-usage'
export { ConfirmDialog } from './confirm-dialog'
export * from './events'
export type * from './types'

defineTollgateElements()
