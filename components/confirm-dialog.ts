import { LitElement, css, html } from 'lit'
import { DialogCloseEvent } from './events'
import { sharedStyles } from './styles'

/**
 * A modal confirmation on the native `<dialog>` with `showModal()`: the page outside is
 * inert while it is open, Escape cancels, and focus returns to the control that opened
 * it. Confirm-vs-cancel is the form's return value, not two code paths.
 *
 * @event api-token-dialog-close - `detail: {confirmed}` when the dialog closes
 *
 * @csspart dialog - The `<dialog>`.
 * @csspart button - The Cancel and confirm buttons.
 */
export class ConfirmDialog extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      dialog {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: calc(var(--_space) * 3);
        max-width: 28rem;
        color: inherit;
        background: var(--_surface);
      }
      dialog::backdrop {
        background: rgb(33 33 52 / 0.5);
      }
      h2 {
        margin-block-start: 0;
        font-size: 1.25em;
      }
      .buttons {
        display: flex;
        justify-content: flex-end;
        gap: var(--_space);
        margin-block-start: calc(var(--_space) * 3);
      }
    `,
  ]

  static override properties = {
    heading: { type: String },
    message: { type: String },
    confirmLabel: { type: String, attribute: 'confirm-label' },
  }

  /** The dialog's title. */
  declare heading: string
  /** The question asked. */
  declare message: string
  /** The confirming button's label. */
  declare confirmLabel: string

  private returnFocus: HTMLElement | null = null

  constructor() {
    super()
    this.heading = 'Confirmation'
    this.message = 'Are you sure?'
    this.confirmLabel = 'Confirm'
  }

  private get dialog(): HTMLDialogElement {
    const dialog = this.renderRoot.querySelector('dialog')
    if (!dialog) throw new Error('ConfirmDialog: <dialog> is not rendered yet')
    return dialog
  }

  /** Whether the dialog is showing. */
  get open(): boolean {
    return this.renderRoot.querySelector('dialog')?.open ?? false
  }

  /** Opens the dialog modally; focus goes to Cancel, and back to the opener on close. */
  async show(): Promise<void> {
    await this.updateComplete
    let active = document.activeElement
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
    this.returnFocus = active instanceof HTMLElement ? active : null
    this.dialog.returnValue = ''
    this.dialog.showModal()
    this.renderRoot.querySelector<HTMLButtonElement>('button[value="cancel"]')?.focus()
  }

  private onClose() {
    const confirmed = this.dialog.returnValue === 'confirm'
    this.returnFocus?.focus()
    this.returnFocus = null
    this.dispatchEvent(new DialogCloseEvent({ confirmed }))
  }

  override render() {
    return html`<dialog
      part="dialog"
      aria-labelledby="heading"
      aria-describedby="message"
      @close=${this.onClose}
    >
      <form method="dialog">
        <h2 id="heading">${this.heading}</h2>
        <p id="message">${this.message}</p>
        <div class="buttons">
          <button part="button" value="cancel">Cancel</button>
          <button part="button" class="primary" value="confirm">${this.confirmLabel}</button>
        </div>
      </form>
    </dialog>`
  }
}
