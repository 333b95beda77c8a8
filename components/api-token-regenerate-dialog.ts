import { ConfirmDialog } from './confirm-dialog'

/**
 * "Regenerate token" — "Are you sure you want to regenerate this token?" with Cancel and
 * Regenerate. The old key stops working as soon as the new one is issued.
 *
 * @event api-token-dialog-close - `detail: {confirmed}` when the dialog closes
 *
 * @csspart dialog - The `<dialog>`.
 * @csspart button - The Cancel and Regenerate buttons.
 *
 * @tagname api-token-regenerate-dialog
 */
export class ApiTokenRegenerateDialog extends ConfirmDialog {
  constructor() {
    super()
    this.heading = 'Regenerate token'
    this.message = 'Are you sure you want to regenerate this token?'
    this.confirmLabel = 'Regenerate'
  }
}
