import { property } from 'lit/decorators.js'
import { ConfirmDialog } from './confirm-dialog'

/**
 * "Regenerate token" — "Are you sure you want to regenerate this token?" with Cancel and
 * Regenerate. The old key stops working as soon as the new one is issued; with
 * `unsaved-changes`, it also says the edits not yet saved will be lost.
 *
 * @event api-token-dialog-close - `detail: {confirmed}` when the dialog closes
 *
 * @csspart dialog - The `<dialog>`.
 * @csspart button - The Cancel and Regenerate buttons.
 *
 * @tagname api-token-regenerate-dialog
 */
export class ApiTokenRegenerateDialog extends ConfirmDialog {
  /** Whether the form holds edits not saved yet (they are lost on regenerate). */
  @property({ type: Boolean, attribute: 'unsaved-changes' }) accessor unsavedChanges = false

  constructor() {
    super()
    this.heading = 'Regenerate token'
    this.message = 'Are you sure you want to regenerate this token?'
    this.confirmLabel = 'Regenerate'
  }

  protected override willUpdate(): void {
    const lost = this.unsavedChanges ? ' Your unsaved changes will be lost.' : ''
    this.consequence = `Apps using the current key will be refused until they get the new one.${lost}`
  }
}
