import { LitElement, html, nothing } from 'lit'
import { property, query } from 'lit/decorators.js'
import { DialogCloseEvent } from '../view-events'
import { LocaleController } from '../i18n/locale-controller'
import type { StringOverrides } from '../i18n/strings-en'
import type { Question } from '../api-token-settings/leave-question'
import { fieldStyles, sharedStyles } from '../internal/styles'
import { dialogStyles } from './confirm-dialog.styles'
import '../i18n/english-views'

/**
 * A modal confirmation on the native `<dialog>` with `showModal()`: the page outside is
 * inert while it is open, Escape cancels, and focus returns to the control that opened
 * it. Confirm-vs-cancel is the form's return value, not two code paths. The section
 * uses it to ask before anything is lost (unsaved edits, a key never copied).
 *
 * @event {DialogCloseEvent} api-token-dialog-close - `detail: {confirmed}` when the dialog closes
 *
 * @csspart dialog - The `<dialog>`.
 * @csspart button - The Cancel and confirm buttons.
 *
 * @cssproperty --tollgate-font - Font family (default: inherited from the host page).
 * @cssproperty --tollgate-space - The spacing unit (default 8px).
 * @cssproperty --tollgate-radius - Corner radius (default 4px).
 * @cssproperty --tollgate-color-text - Text.
 * @cssproperty --tollgate-color-surface - Boxes, tables, inputs and dialogs.
 * @cssproperty --tollgate-color-border - Borders and the outlines of controls.
 * @cssproperty --tollgate-color-primary - Primary buttons and focus rings.
 * @cssproperty --tollgate-color-on-primary - Text on the primary colour.
 * @cssproperty --tollgate-color-danger - Errors and destructive buttons.
 * @cssproperty --tollgate-color-on-danger - Text on the danger colour.
 *
 * @tagname api-token-confirm-dialog
 */
export class ConfirmDialog extends LitElement {
  static override styles = [sharedStyles, fieldStyles, dialogStyles]

  /** The dialog's title (empty: "Confirmation" in the element's language). */
  @property() accessor heading = ''
  /** The question asked (empty: "Are you sure?" in the element's language). */
  @property() accessor message = ''
  /** What follows a confirmation, in a sentence under the question. */
  @property() accessor consequence = ''
  /** The confirming button's label (empty: "Confirm" in the element's language). */
  @property({ attribute: 'confirm-label' }) accessor confirmLabel = ''
  /** `danger` for a confirmation that destroys something. */
  @property() accessor variant: 'primary' | 'danger' = 'primary'
  /** The language (a BCP 47 tag); unset, the element's `lang` decides. */
  @property() accessor locale: string | undefined = undefined
  /** The host's replacements for any of the section's strings, by key. */
  @property({ attribute: false }) accessor strings: StringOverrides | undefined = undefined

  protected readonly i18n = new LocaleController(this)

  @query('dialog') private accessor dialog!: HTMLDialogElement | null

  private returnFocus: HTMLElement | null = null
  private settle: ((confirmed: boolean) => void) | undefined
  private showing = false

  /** Whether the dialog is showing. */
  get open(): boolean {
    return this.dialog?.open ?? false
  }

  /** Opens the dialog modally; focus goes to Cancel, and back to the opener on close. */
  async show(): Promise<void> {
    await this.updateComplete
    const dialog = this.dialog
    if (!dialog) throw new Error('ConfirmDialog: <dialog> is not rendered yet')
    // Closed, but its close event not delivered yet: that opening ends now.
    if (this.showing && !dialog.open) this.finish()
    let active = document.activeElement
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
    this.returnFocus = active instanceof HTMLElement ? active : null
    dialog.returnValue = ''
    dialog.showModal()
    this.showing = true
    this.renderRoot.querySelector<HTMLButtonElement>('button[value="cancel"]')?.focus()
  }

  /** Opens the dialog (with these texts, if given) and resolves with whether it was confirmed. */
  async ask(question?: Partial<Question>): Promise<boolean> {
    if (question) Object.assign(this, question)
    await this.show()
    return new Promise<boolean>((resolve) => (this.settle = resolve))
  }

  /** What a subclass shows between the question and the buttons (nothing here). */
  protected extra(): unknown {
    return nothing
  }

  private onClose() {
    // The close event is queued: one from an earlier opening may arrive after a new one.
    if (!this.dialog?.open) this.finish()
  }

  /** Ends the current opening: focus back to the opener, the answer given, the event fired. */
  private finish() {
    if (!this.showing) return
    this.showing = false
    const confirmed = this.dialog?.returnValue === 'confirm'
    this.returnFocus?.focus()
    this.returnFocus = null
    this.settle?.(confirmed)
    this.settle = undefined
    this.dispatchEvent(new DialogCloseEvent({ confirmed }))
  }

  override render() {
    const { t } = this.i18n
    return html`<dialog
      part="dialog"
      aria-labelledby="heading"
      aria-describedby="message"
      @close=${this.onClose}
    >
      <form method="dialog">
        <h2 id="heading">${this.heading || t('confirmTitle')}</h2>
        <div id="message">
          <p>${this.message || t('confirmQuestion')}</p>
          ${this.consequence ? html`<p>${this.consequence}</p>` : nothing}
        </div>
        ${this.extra()}
        <div class="buttons">
          <button part="button" value="cancel">${t('cancel')}</button>
          <button part="button" class=${this.variant} value="confirm">
            ${this.confirmLabel || t('confirm')}
          </button>
        </div>
      </form>
    </dialog>`
  }
}
