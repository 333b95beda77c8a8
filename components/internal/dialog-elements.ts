// The section's dialogs, one chunk loaded when one is first needed
// (internal/lazy-elements.ts): a delete asked from the list, or a create or edit view opened.
import { ApiTokenDeleteDialog } from '../api-token-delete-dialog/api-token-delete-dialog'
import { ApiTokenRegenerateDialog } from '../api-token-regenerate-dialog/api-token-regenerate-dialog'
import { ConfirmDialog } from '../confirm-dialog/confirm-dialog'

export const DIALOG_ELEMENTS = {
  'api-token-delete-dialog': ApiTokenDeleteDialog,
  'api-token-regenerate-dialog': ApiTokenRegenerateDialog,
  'api-token-confirm-dialog': ConfirmDialog,
}
