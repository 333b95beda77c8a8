import { css, html, nothing } from 'lit'
import { property } from 'lit/decorators.js'
import { GRACE_PERIODS, LIFESPANS } from '../../contract/api-tokens'
import { ConfirmDialog } from '../confirm-dialog/confirm-dialog'
import type { Strings } from '../i18n/strings-en'
import { longDate } from '../internal/long-date'
import type { Token } from '../types'
import '../i18n/english-views'

/** The label of each grace period the dialog offers (`GRACE_PERIODS`, in seconds). */
const GRACE_LABELS: Record<(typeof GRACE_PERIODS)[number], keyof Strings> = {
  0: 'graceNone',
  3_600: 'grace1h',
  86_400: 'grace24h',
  604_800: 'grace7d',
}

const DAY_MS = 86_400_000

/**
 * "Regenerate token" — "Are you sure you want to regenerate this token?" with Cancel and
 * Regenerate, and a "Keep the current key working for" select: None (the old key stops
 * as soon as the new one is issued), 1 hour, 24 hours or 7 days (SPEC §7's grace
 * period). Each opening starts at None; after a confirmation, `gracePeriod` holds the
 * choice in seconds. None is the destructive choice: the Regenerate button is then
 * danger-styled and the text says apps using the current key break at once. With
 * `unsaved-changes`, it also says the edits not yet saved will be lost. Given the
 * `token`, it says when the new key expires (its duration restarts, a custom date is
 * kept, unlimited stays unlimited: SPEC §7) and, while an earlier key is still in its
 * grace period, that regenerating again ends that key now.
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
  static override styles = [
    ...ConfirmDialog.styles,
    css`
      #previous-key {
        font-weight: 600;
      }
    `,
  ]

  /** Whether the form holds edits not saved yet (they are lost on regenerate). */
  @property({ type: Boolean, attribute: 'unsaved-changes' }) accessor unsavedChanges = false
  /** Seconds the current key keeps working after the regenerate (one of `GRACE_PERIODS`). */
  @property({ attribute: false }) accessor gracePeriod: number = 0
  /** The longest lifetime a key may get, in days (`null`: no cap), as the worker caps a regenerate. */
  @property({ attribute: false }) accessor maxLifespanDays: number | null = null
  /** The token whose key is regenerated: its lifetime and any previous key still working. */
  @property({ attribute: false }) accessor token: Token | null = null

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
      t(this.gracePeriod > 0 ? 'regenerateConsequenceGrace' : 'regenerateConsequence') +
      (this.unsavedChanges ? ` ${t('unsavedLostToo')}` : '')
    this.confirmLabel = t('regenerate')
    this.variant = this.gracePeriod > 0 ? 'primary' : 'danger'
  }

  /**
   * When the new key expires, as the worker decides it without a new lifetime (SPEC §7);
   * a lifetime past `maxLifespanDays` becomes the longest duration within it, else the cap
   * itself (SPEC §13).
   */
  private newExpiry(token: Token): string {
    const { t, locale } = this.i18n
    const now = Date.now()
    let expiresAt =
      token.lifespan !== null
        ? now + token.lifespan
        : token.expiresAt && Date.parse(token.expiresAt)
    const cap = this.maxLifespanDays === null ? null : this.maxLifespanDays * DAY_MS
    if (cap !== null && (!expiresAt || expiresAt > now + cap)) {
      // The longest of the durations (shortest first) within the cap, else the cap itself.
      const within = LIFESPANS.flatMap((ms) => (ms !== null && ms <= cap ? [ms] : []))
      expiresAt = now + (within.at(-1) ?? cap)
    }
    if (!expiresAt) return t('newKeyNeverExpires')
    return t('newKeyExpiresOn', { date: longDate(expiresAt, locale) })
  }

  /** The warning that a previous key still in its grace period stops at once. */
  private previousKeyWarning(token: Token) {
    const previous = token.previousKey
    if (!previous || Date.parse(previous.expiresAt) <= Date.now()) return nothing
    const { t, locale } = this.i18n
    return html`<p id="previous-key" role="note">
      ${t('regenerateEndsPrevious', {
        hint: previous.keyHint,
        date: longDate(previous.expiresAt, locale),
      })}
    </p>`
  }

  protected override extra() {
    const { t } = this.i18n
    const { token } = this
    return html`${token ? this.previousKeyWarning(token) : nothing}
      ${token ? html`<p id="new-expiry">${this.newExpiry(token)}</p>` : nothing}
      <p class="field">
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
