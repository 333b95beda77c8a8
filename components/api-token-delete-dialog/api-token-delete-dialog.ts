import { property } from 'lit/decorators.js'
import { ConfirmDialog } from '../confirm-dialog/confirm-dialog'
import '../i18n/english-views'

/**
 * Asks before a token is deleted: "Are you sure you want to delete “<name>”?", says that
 * apps using its key will be refused, with Cancel and Delete (danger).
 *
 * @event {DialogCloseEvent} api-token-dialog-close - `detail: {confirmed}` when the dialog closes
 *
 * @csspart dialog - The `<dialog>`.
 * @csspart button - The Cancel and Delete buttons.
 *
 * @tagname api-token-delete-dialog
 */
export class ApiTokenDeleteDialog extends ConfirmDialog {
  /** The name of the token to delete. */
  @property({ attribute: 'token-name' }) accessor tokenName = ''

  constructor() {
    super()
    this.variant = 'danger'
  }

  /** The texts, in the element's language (it renders again when a language loads). */
  protected override willUpdate(): void {
    const { t } = this.i18n
    this.heading = t('deleteTitle')
    this.message = t('deleteQuestion', { name: this.tokenName })
    this.consequence = t('deleteConsequence')
    this.confirmLabel = t('delete')
  }
}
