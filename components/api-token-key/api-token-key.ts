import { LitElement, html } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import { KeyCopyEvent } from '../view-events'
import { LocaleController } from '../i18n/locale-controller'
import type { StringOverrides } from '../i18n/strings-en'
import { sharedStyles } from '../internal/styles'
import { keyStyles } from './api-token-key.styles'
import '../i18n/english-views'

/**
 * A key given out once, right after create or regenerate: the key as plain text, a
 * "Copy" button (the Clipboard API; where it is unavailable or refused, the key is
 * selected and a hint says to copy it by hand) and the warning that it will not be
 * shown again. "Copy" turns to "Copied" once it worked.
 *
 * @event {KeyCopyEvent} api-token-key-copy - The key was copied, with the button or by hand.
 *
 * @csspart key - The box.
 * @csspart button - The Copy button.
 *
 * @cssproperty --tollgate-font - Font family (default: inherited from the host page).
 * @cssproperty --tollgate-font-mono - Font of the key.
 * @cssproperty --tollgate-space - The spacing unit (default 8px).
 * @cssproperty --tollgate-radius - Corner radius (default 4px).
 * @cssproperty --tollgate-color-text - Text.
 * @cssproperty --tollgate-color-surface - Boxes, tables, inputs and dialogs.
 * @cssproperty --tollgate-color-border - Borders and the outlines of controls.
 * @cssproperty --tollgate-color-primary - Primary buttons and focus rings.
 * @cssproperty --tollgate-color-on-primary - Text on the primary colour.
 * @cssproperty --tollgate-color-danger - Errors and destructive buttons.
 * @cssproperty --tollgate-color-on-danger - Text on the danger colour.
 * @cssproperty --tollgate-color-success - The box's border.
 *
 * @tagname api-token-key
 */
export class ApiTokenKey extends LitElement {
  static override styles = [sharedStyles, keyStyles]

  /** The key to show. */
  @property() accessor value = ''
  /** The language (a BCP 47 tag); unset, the element's `lang` decides. */
  @property() accessor locale: string | undefined = undefined
  /** The host's replacements for any of the section's strings, by key. */
  @property({ attribute: false }) accessor strings: StringOverrides | undefined = undefined

  private readonly i18n = new LocaleController(this)

  @state() private accessor copied: 'clipboard' | 'manual' | undefined = undefined

  @query('code') private accessor code!: HTMLElement | null

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('value')) this.copied = undefined
  }

  private async copy() {
    try {
      if (!navigator.clipboard) throw new Error('no Clipboard API')
      await navigator.clipboard.writeText(this.value)
      this.copied = 'clipboard'
      this.dispatchEvent(new KeyCopyEvent())
    } catch {
      this.copied = 'manual'
      this.select()
    }
  }

  /** Moves focus to Copy (the section does after create and regenerate). */
  async focusCopy(): Promise<void> {
    await this.updateComplete
    this.renderRoot.querySelector('button')?.focus()
  }

  /** Selects the key, for a copy by hand. */
  select(): void {
    const selection = getSelection()
    if (!this.code || !selection) return
    selection.removeAllRanges()
    const range = document.createRange()
    range.selectNodeContents(this.code)
    selection.addRange(range)
  }

  private status() {
    if (this.copied === 'clipboard') return this.i18n.t('copiedToClipboard')
    if (this.copied === 'manual') return this.i18n.t('copyByHand')
    return ''
  }

  override render() {
    const { t } = this.i18n
    return html`<section part="key" aria-labelledby="heading">
      <h2 id="heading">${t('keyTitle')}</h2>
      <p class="warning">${t('keyWarning')}</p>
      <div class="row">
        <code aria-label=${t('keyLabel')} @copy=${() => this.dispatchEvent(new KeyCopyEvent())}
          >${this.value}</code
        >
        <button part="button" type="button" @click=${this.copy}>
          ${this.copied === 'clipboard' ? t('copied') : t('copy')}
        </button>
      </div>
      <p class="status" role="status" aria-live="polite">${this.status()}</p>
    </section>`
  }
}
