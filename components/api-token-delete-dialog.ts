import { ConfirmDialog } from './confirm-dialog'

/**
 * "Are you sure?" with Cancel and Confirm, before a token is deleted.
 *
 * @event api-token-dialog-close - `detail: {confirmed}` when the dialog closes
 *
 * @csspart dialog - The `<dialog>`.
 * @csspart button - The Cancel and Confirm buttons.
 *
 * @tagname api-token-delete-dialog
 */
export class ApiTokenDeleteDialog extends ConfirmDialog {
  constructor() {
    super()
    this.heading = 'Confirmation'
    this.message = 'Are you sure?'
    this.confirmLabel = 'Confirm'
  }
}
