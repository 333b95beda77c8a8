import { LitElement, html, nothing } from 'lit'
import { property } from 'lit/decorators.js'
import { ActivityPageEvent } from '../view-events'
import { ACTION_LABELS, actorOf, changeLines } from '../internal/event-text'
import { LocaleController } from '../i18n/locale-controller'
import type { StringOverrides } from '../i18n/strings-en'
import { exactTime, relativeTime } from '../internal/relative-time'
import { sharedStyles } from '../internal/styles'
import { activityStyles } from './api-token-activity.styles'
import type { RateLimitTier, TokenEvent } from '../types'
import '../i18n/english-views'

/**
 * A token's history (SPEC §7's audit log): the heading "Activity" and a list, newest
 * first, of who did what and when — the admin's name (else email, else `sub`; "Scheduled
 * job" for expiry notices), the action ("Created", "Edited", "Regenerated", "Disabled",
 * …), the time relative with the exact date on hover, and each changed field as
 * "Name: old → new" (a custom date as the date, a rate limit as its tier's label, a
 * regenerate with its new key hint and grace period). Pages through Previous page / Next page when there is more than
 * one. Empty ("No activity yet"), loading and error states. It never fetches: the
 * section loads a page and sets `events`, `page`, `pageCount`, `loading` and `error`.
 *
 * Each item (`part="event"`) carries `data-action` and `data-event-id`.
 *
 * @event {ActivityPageEvent} api-token-activity-page - `detail: {page}`: Previous or Next page was chosen
 *
 * @csspart activity - The whole block.
 * @csspart events - The `<ol>` of events.
 * @csspart event - Each event's `<li>`.
 * @csspart actor - Who made the change.
 * @csspart action - What it was.
 * @csspart changes - The changed fields of an event.
 * @csspart button - The paging buttons.
 * @csspart empty - The "No activity yet" state.
 *
 * @cssproperty --tollgate-font - Font family (default: inherited from the host page).
 * @cssproperty --tollgate-space - The spacing unit (default 8px).
 * @cssproperty --tollgate-radius - Corner radius (default 4px).
 * @cssproperty --tollgate-color-text - Text.
 * @cssproperty --tollgate-color-muted - Secondary text.
 * @cssproperty --tollgate-color-surface - Boxes, tables, inputs and dialogs.
 * @cssproperty --tollgate-color-border - Borders and the outlines of controls.
 * @cssproperty --tollgate-color-primary - Primary buttons and focus rings.
 * @cssproperty --tollgate-color-on-primary - Text on the primary colour.
 * @cssproperty --tollgate-color-danger - Errors and destructive buttons.
 * @cssproperty --tollgate-color-on-danger - Text on the danger colour.
 *
 * @tagname api-token-activity
 */
export class ApiTokenActivity extends LitElement {
  static override styles = [sharedStyles, activityStyles]

  /** The events of the current page, newest first. */
  @property({ attribute: false }) accessor events: TokenEvent[] = []
  /** The current page, from 1. */
  @property({ type: Number }) accessor page: number = 1
  /** How many pages there are. */
  @property({ type: Number, attribute: 'page-count' }) accessor pageCount: number = 1
  /** Whether a page is loading. */
  @property({ type: Boolean, reflect: true }) accessor loading: boolean = false
  /** The rate-limit tiers, so a changed rate limit reads as its tier's label. */
  @property({ attribute: false }) accessor tiers: RateLimitTier[] = []
  /** The message of a failed load, or `''`. */
  @property() accessor error: string = ''
  /** The language (a BCP 47 tag) of the texts and dates; unset, the element's `lang` decides. */
  @property() accessor locale: string | undefined = undefined
  /** The host's replacements for any of the section's strings, by key. */
  @property({ attribute: false }) accessor strings: StringOverrides | undefined = undefined

  private readonly i18n = new LocaleController(this)

  private goTo(page: number) {
    this.dispatchEvent(new ActivityPageEvent({ page }))
  }

  private item(event: TokenEvent, now: number) {
    const { t, locale } = this.i18n
    const changes = changeLines(event, t, locale, this.tiers)
    return html`<li part="event" data-action=${event.action} data-event-id=${event.id}>
      <div class="line">
        <span class="actor" part="actor">${actorOf(event, t)}</span>
        <span class="action" part="action">${t(ACTION_LABELS[event.action])}</span>
        <time datetime=${event.at} title=${exactTime(event.at, locale)}
          >${relativeTime(event.at, now, locale)}</time
        >
      </div>
      ${
        changes.length
          ? html`<ul class="changes" part="changes">
              ${changes.map((line) => html`<li>${line}</li>`)}
            </ul>`
          : nothing
      }
    </li>`
  }

  private pager() {
    const { t } = this.i18n
    if (this.pageCount <= 1) return nothing
    return html`<nav class="pages" aria-label=${t('activityPages')}>
      <button
        part="button"
        type="button"
        ?disabled=${this.page <= 1 || this.loading}
        @click=${() => this.goTo(this.page - 1)}
      >
        ${t('previousPage')}
      </button>
      <span>${t('pageOf', { page: this.page, pages: this.pageCount })}</span>
      <button
        part="button"
        type="button"
        ?disabled=${this.page >= this.pageCount || this.loading}
        @click=${() => this.goTo(this.page + 1)}
      >
        ${t('nextPage')}
      </button>
    </nav>`
  }

  private content() {
    const { t } = this.i18n
    if (this.error) return html`<p class="state error" role="alert">${this.error}</p>`
    if (this.events.length === 0) {
      return this.loading
        ? html`<p class="state" role="status" aria-live="polite">${t('activityLoading')}</p>`
        : html`<p class="state" part="empty">${t('activityEmpty')}</p>`
    }
    const now = Date.now()
    return html`<ol part="events">
        ${this.events.map((event) => this.item(event, now))}
      </ol>
      ${this.pager()}`
  }

  override render() {
    return html`<section
      part="activity"
      aria-labelledby="activity-heading"
      aria-busy=${this.loading ? 'true' : 'false'}
    >
      <h2 id="activity-heading">${this.i18n.t('activity')}</h2>
      ${this.content()}
    </section>`
  }
}
