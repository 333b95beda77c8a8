import { html } from 'lit'
import { property } from 'lit/decorators.js'
import { GRACE_PERIODS } from '../../contract/api-tokens'
import { ConfirmDialog } from '../confirm-dialog/confirm-dialog'
import type { Strings } from '../i18n/strings-en'

/** The label of each grace period the dialog offers (`GRACE_PERIODS`, in seconds). */
const GRACE_LABELS: Record<(typeof GRACE_PERIODS)[number], keyof Strings> = {
  0: 'graceNone',
  3_600: 'grace1h',
  86_400: 'grace24h',
  604_800: 'grace7d',
}

/**
 * "Regenerate token" — "Are you sure you want to regenerate this token?" with Cancel and
 * Regenerate, and a "Keep the current key working for" select: None (the old key stops
 * as soon as the new one is issued), 1 hour, 24 hours or 7 days (SPEC §7's grace
 * period). Each opening starts at None; after a confirmation, `gracePeriod` holds the
 * choice in seconds. With `unsaved-changes`, it also says the edits not yet saved will
 * be lost.
 *
 * @event {DialogCloseEvent} api-token-dialog-close - `detail: {confirmed}` when the dialog closes
 *
 * @csspart dialog - The `<dialog>`.
 * @csspart button - The Cancel and Regenerate buttons.
 * @csspart grace - The grace period `<select>`.
 *
 * @tagname api-token-regenerate-dialog
 */
export class ApiTokenRegenerateDialog extends ConfirmDialog {
  /** Whether the form holds edits not saved yet (they are lost on regenerate). */
  @property({ type: Boolean, attribute: 'unsaved-changes' }) accessor unsavedChanges = false
  /** Seconds the current key keeps working after the regenerate (one of `GRACE_PERIODS`). */
  @property({ attribute: false }) accessor gracePeriod: number = 0

  /** Opens the dialog with the grace period at None; resolves with whether it was confirmed. */
  override ask(...args: Parameters<ConfirmDialog['ask']>): Promise<boolean> {
    this.gracePeriod = 0
    return super.ask(...args)
  }

  /** The texts, in the element's language (it renders again when a language loads). */
  protected override willUpdate(): void {
    const { t } = this.i18n
    this.heading = t('regenerateTitle')
    this.message = t('regenerateQuestion')
    this.consequence =
      this.gracePeriod > 0
        ? t('regenerateConsequenceGrace') + (this.unsavedChanges ? ` ${t('unsavedLostToo')}` : '')
        : t(this.unsavedChanges ? 'regenerateConsequenceUnsaved' : 'regenerateConsequence')
    this.confirmLabel = t('regenerate')
  }

  protected override extra() {
    const { t } = this.i18n
    return html`<p class="field">
      <label for="grace">${t('graceLabel')}</label>
      <select
        id="grace"
        name="grace"
        part="grace"
        @change=${(e: Event) => (this.gracePeriod = Number((e.target as HTMLSelectElement).value))}
      >
        ${GRACE_PERIODS.map(
          (seconds) =>
            html`<option value=${seconds} ?selected=${seconds === this.gracePeriod}>
              ${t(GRACE_LABELS[seconds])}
            </option>`,
        )}
      </select>
    </p>`
  }
}
