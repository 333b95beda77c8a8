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

  /** The texts, in the element's language (it renders again when a language loads). */
  protected override willUpdate(): void {
    const { t } = this.i18n
    this.heading = t('regenerateTitle')
    this.message = t('regenerateQuestion')
    this.consequence = t(
      this.unsavedChanges ? 'regenerateConsequenceUnsaved' : 'regenerateConsequence',
    )
    this.confirmLabel = t('regenerate')
  }
}
