import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { property, query, state } from 'lit/decorators.js'
import { isAbort, type AuthTokenSource } from '../../client'
import { errorObjectOf, fieldErrorsOf } from '../internal/api-errors'
import type { ApiTokenDeleteDialog } from '../api-token-delete-dialog/api-token-delete-dialog'
import type { ApiTokenRegenerateDialog } from '../api-token-regenerate-dialog/api-token-regenerate-dialog'
import type { ConfirmDialog } from '../confirm-dialog/confirm-dialog'
import { SessionController } from '../controllers/session'
import { TokenListController } from '../controllers/token-list'
import { ToastController } from '../controllers/toasts'
import {
  FORM_VIEW,
  LazyElementsController,
  TOKEN_PANELS,
  loadedEditControllers,
  loadedFormView,
} from '../internal/lazy-elements'
import { SessionExpiredEvent, type TokenRowActionEvent } from '../events'
import {
  hasUncopiedKey as viewHasUncopiedKey,
  initialSectionState,
  reduce,
  type SectionAction,
} from './section-state'
import { sharedStyles, themeStyles } from '../internal/styles'
import { sectionStyles } from './api-token-settings.styles'
import type { EditControllers } from './edit-controllers'
import type { FormSection } from './form-actions'
import { listPlaceholder, listView, sectionDialogs } from './section-views'
import { LocaleController } from '../i18n/locale-controller'
import type { StringOverrides } from '../i18n/strings-en'
import type { ApiErrorObject } from '../types'

/** The create and edit views' actions: Save, Regenerate, asking before leaving. */
const formActions = () => import('./form-actions')

/**
 * The whole "API Tokens" settings section for any host admin panel: header, "Create
 * new API Token", the token table, the create/edit views (with the token's usage and
 * activity), the key shown once, the regenerate and delete dialogs, and toasts — each control gated by the admin's
 * permissions. It owns the admin API client and the state; its parts only render and
 * emit events.
 *
 * The admin JWT comes from the `getAuthToken` property (a function returning it or a
 * promise of it) or, without one, from the `auth-endpoint` URL (fetched with the
 * host's cookies, answering `{"token": "<jwt>"}`). Until one of them is set the section
 * sends nothing. The JWT is asked before every request; on a 401 it is asked again and
 * the request retried once. A 401 after that unmounts nothing: an inline banner "Your
 * session has expired" with "Sign in again" (`api-token-session-expired`) keeps the key
 * shown and the form's edits, and once the host sets a new `getAuthToken` (or
 * `auth-endpoint`) whose JWT is not the refused one, the section retries what failed and
 * the banner goes.
 *
 * A key shown once cannot be lost unasked: `hasUncopiedKey` tells the host; before it
 * replaces or removes the element, the host calls `requestLeave()` (true: nothing to
 * lose, go ahead; false: the section asks the admin, and fires `api-token-leave` with
 * `reason: 'host'` if the admin chooses to leave). While a key is uncopied, a
 * `beforeunload` guard asks before a reload or a closed tab.
 *
 * @event {TokenCreatedEvent} api-token-created - `detail: {token, accessKey}`
 * @event {TokenUpdatedEvent} api-token-updated - `detail: {token}`
 * @event {TokenDeletedEvent} api-token-deleted - `detail: {token}`
 * @event {TokenRegeneratedEvent} api-token-regenerated - `detail: {token, accessKey}`
 * @event {TokenErrorEvent} api-token-error - `detail: {error}`: the worker's error object
 * @event {SessionExpiredEvent} api-token-session-expired - "Sign in again" was pressed on the session-expired banner: sign the admin in and set a new `getAuthToken`
 * @event {SectionLeaveEvent} api-token-leave - `detail: {reason, uncopiedKey, unsavedEdits}`, cancelable: the admin chose to leave a key never copied or unsaved edits (Back, or `requestLeave()`); `preventDefault()` keeps the view
 *
 * Every part of the nested elements is forwarded (`exportparts`), so the host styles them
 * all from outside with `api-token-settings::part(<name>)`:
 *
 * @csspart header - The list's header (heading, subtitle, Create).
 * @csspart button - Every button of the section, its parts and dialogs included.
 * @csspart toast - Each toast.
 * @csspart notice - The no-permission notice and the session-expired banner.
 * @csspart table - The tokens' `<table>`.
 * @csspart row - Each token's row.
 * @csspart search - The search box.
 * @csspart owner-filter - The owner filter's select and text field (operators).
 * @csspart owner - Each token's Owner cell, and the edit view's owner line (operators).
 * @csspart empty - The empty states of the list and of the activity.
 * @csspart scroller - The box the table scrolls in when it is wider than the host.
 * @csspart key-hint - The key hint, in the table and in the edit view.
 * @csspart badge - Every status badge (type, disabled, expiry).
 * @csspart type - The token type badge.
 * @csspart expiry - The expiry badge.
 * @csspart disabled - The "Disabled" badge of a disabled token ("Disabled — leaked" when its key was reported).
 * @csspart legacy - The "Strapi key" badge of a token imported from Strapi with its key.
 * @csspart name - Each token's name in the list: a button that opens the token.
 * @csspart actions - Each row's "Actions" button, opening its menu.
 * @csspart menu - The row actions menu (a popover).
 * @csspart menuitem - Each item of the row actions menu (Edit or View, Delete).
 * @csspart restriction - The IP allow-list and rate-limit badges in a row's Status.
 * @csspart filter - The list's status and type filters.
 * @csspart result-count - The list's result count and pending sign.
 * @csspart error - The list's error state, with its Retry button.
 * @csspart credits - A metered token's remaining credits badge in a row's Status.
 * @csspart form - The create/edit `<form>`.
 * @csspart field - Each field's wrapper.
 * @csspart info - The edit view's line with the key hint and the expiry date.
 * @csspart previous-key - The line about the previous key that still works.
 * @csspart switch - The Enabled switch.
 * @csspart group - Each content type's `<details>` in the permission picker.
 * @csspart count - The "granted/total" count in a picker group's header.
 * @csspart route - The picker's bound-route panel.
 * @csspart key - The box of the key shown once.
 * @csspart usage - The usage block.
 * @csspart summary - The usage summary line.
 * @csspart chart - The usage chart's `<svg>`.
 * @csspart table-toggle - The usage's "Show as table" disclosure.
 * @csspart day-table - The usage's table of days.
 * @csspart activity - The activity block.
 * @csspart events - The `<ol>` of activity events.
 * @csspart event - Each activity event's `<li>`.
 * @csspart actor - Who made a change.
 * @csspart action - What the change was.
 * @csspart changes - The changed fields of an event.
 * @csspart dialog - The `<dialog>` of the delete, regenerate and leave confirmations.
 * @csspart grace - The regenerate dialog's grace period `<select>`.
 *
 * @cssproperty --tollgate-font - Font family (default: inherited from the host).
 * @cssproperty --tollgate-font-mono - Monospace font of keys, key hints and routes.
 * @cssproperty --tollgate-space - The spacing unit.
 * @cssproperty --tollgate-radius - Corner radius.
 * @cssproperty --tollgate-color-text - Text.
 * @cssproperty --tollgate-color-muted - Secondary text.
 * @cssproperty --tollgate-color-background - Behind the whole section.
 * @cssproperty --tollgate-color-surface - Backgrounds of boxes and dialogs.
 * @cssproperty --tollgate-color-border - Borders.
 * @cssproperty --tollgate-color-primary - Primary buttons, focus rings.
 * @cssproperty --tollgate-color-on-primary - Text on the primary colour.
 * @cssproperty --tollgate-color-danger - Errors and destructive buttons.
 * @cssproperty --tollgate-color-on-danger - Text on the danger colour.
 * @cssproperty --tollgate-color-danger-subtle - Behind danger text in badges ("Expired").
 * @cssproperty --tollgate-color-warning - Badges of tokens expiring within 7 days.
 * @cssproperty --tollgate-color-warning-subtle - Behind warning text in badges.
 * @cssproperty --tollgate-color-success - Success toasts.
 * @cssproperty --tollgate-color-success-subtle - Behind success text in badges.
 * @cssproperty --tollgate-color-neutral-subtle - Behind neutral badges (token type, "Unlimited").
 * @cssproperty --tollgate-color-chart-passed - Bars of requests passed in the usage chart (default: the primary colour).
 * @cssproperty --tollgate-color-chart-refused - Bars of requests refused in the usage chart (default: the danger colour).
 * @cssproperty --tollgate-usage-chart-height - The usage chart's height (default 8rem).
 *
 * @tagname api-token-settings
 */
export class ApiTokenSettings extends LitElement {
  static override styles = [sharedStyles, themeStyles, sectionStyles]

  /** The worker's URL (default: the origin this module was loaded from). */
  @property({ attribute: 'api-base' }) accessor apiBase: string | undefined = undefined
  /** A host URL answering `{"token": "<jwt>"}`, used when `getAuthToken` is not set. */
  @property({ attribute: 'auth-endpoint' }) accessor authEndpoint: string | undefined = undefined
  /** Returns the admin JWT, or a promise of it; asked before every request. */
  @property({ attribute: false }) accessor getAuthToken: AuthTokenSource | undefined = undefined
  /** Forces the light or dark theme (default: the user's `prefers-color-scheme`). */
  @property({ reflect: true }) accessor theme: 'light' | 'dark' | undefined = undefined
  /** The language (BCP 47), over `lang` (the element's own or the nearest ancestor's). */
  @property() accessor locale: string | undefined = undefined
  /** The host's replacements for any string, by key (see `components/i18n/strings-en.ts`). */
  @property({ attribute: false }) accessor strings: StringOverrides | undefined = undefined

  @state() private accessor state = initialSectionState
  @query('api-token-delete-dialog') private accessor deleteDialog!: ApiTokenDeleteDialog
  @query('api-token-regenerate-dialog')
  private accessor regenerateDialog!: ApiTokenRegenerateDialog
  @query('api-token-confirm-dialog') private accessor leaveDialog!: ConfirmDialog

  private readonly session = new SessionController(this)
  private readonly toasts = new ToastController(this)
  private readonly i18n = new LocaleController(this)
  /** The visit whose heading has had focus (opening a view moves focus to its heading). */
  private focusedVisit = initialSectionState.view.visit
  /** The shown key that has had focus on its Copy button (a new key moves focus there). */
  private focusedKey: string | undefined

  /** Whether the section shows a key the admin has not copied yet (leaving would lose it). */
  get hasUncopiedKey(): boolean {
    return viewHasUncopiedKey(this.state.view)
  }

  private readonly list = new TokenListController(this, this.session, () =>
    this.state.view.kind === 'list' ? this.state.view.visit : undefined,
  )

  /** The opened token and its visit, for the usage and the activity. */
  private readonly opened = () => {
    const { view } = this.state
    return view.kind === 'edit' || view.kind === 'view'
      ? { id: view.token.id, visit: view.visit }
      : undefined
  }

  /**
   * The create and edit views' controllers (the form's data, usage, activity): made from
   * the edit view's chunk the first time such a view renders.
   */
  private edit?: EditControllers

  private makeEditControllers(make: NonNullable<ReturnType<typeof loadedEditControllers>>) {
    this.edit = make({
      host: this,
      session: this.session,
      view: () => this.state.view,
      // A fresh copy of the opened token, unless the admin already started editing it.
      tokenLoaded: (visit, token) =>
        this.unsavedEdits() || this.dispatch({ type: 'token-loaded', visit, token }),
      fail: (error, retry, key) => this.fail(error, retry, key),
      opened: this.opened,
      hasUncopiedKey: () => this.hasUncopiedKey,
    })
  }

  /** What the create and edit views' actions (a chunk of their own) use of the section. */
  private readonly formSection: FormSection = {
    element: this,
    session: this.session,
    toasts: this.toasts,
    activity: () => this.edit?.activity,
    t: (key) => this.i18n.t(key),
    view: () => this.state.view,
    dispatch: (action) => this.dispatch(action),
    unsavedEdits: () => this.unsavedEdits(),
    fieldErrors: fieldErrorsOf,
    fail: (error, retry, key) => this.fail(error, retry, key),
    form: () => this.renderRoot.querySelector('api-token-form'),
    regenerateDialog: () => this.regenerateDialog,
    leaveDialog: () => this.leaveDialog,
    deleteDialog: () => this.deleteDialog,
    reloadList: () => this.list.reload(),
  }

  /** The dialogs and the edit view's elements; a view that cannot load goes back to the list. */
  private readonly lazy = new LazyElementsController(this, () => {
    this.toasts.show(this.i18n.t('loadFailed'), 'error')
    if (this.state.view.kind !== 'list') this.dispatch({ type: 'show-list' })
  })

  private dispatch(action: SectionAction) {
    this.state = reduce(this.state, action)
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Before the controllers' hostUpdate: made here, their tasks start in this update.
    const makeEdit = loadedEditControllers()
    if (!this.edit && makeEdit && this.state.view.kind !== 'list')
      this.makeEditControllers(makeEdit)
    // A new worker is a new start: back to the list, any shown key gone for good.
    if (changed.has('apiBase') && this.hasUpdated) {
      this.dispatch({ type: 'show-list' })
      this.focusedVisit = this.state.view.visit
    }
  }

  protected override updated(): void {
    const { view } = this.state
    const key = view.kind === 'edit' ? view.key?.value : undefined
    if (view.visit === this.focusedVisit && key === this.focusedKey) return
    // A view whose elements are still loading gets focus once it renders.
    if (view.kind !== 'list' && !this.renderRoot.querySelector('api-token-form')) return
    // A new key (create, regenerate) puts focus on its Copy; a new view on its heading.
    const newKey = key !== undefined && key !== this.focusedKey
    this.focusedVisit = view.visit
    this.focusedKey = key
    void this.updateComplete
      .then(() => this.renderRoot.querySelector('api-token-form')?.updateComplete)
      .then(() =>
        newKey
          ? this.renderRoot.querySelector('api-token-key')?.focusCopy()
          : this.renderRoot.querySelector<HTMLElement>('h1')?.focus(),
      )
  }

  /** Shows a failure; a 401 keeps `retry` (under `key`) for when the host's token recovers. */
  private fail(error: unknown, retry?: () => unknown, key?: unknown) {
    if (isAbort(error)) return
    const object = this.session.report(error, retry, key ?? retry)
    if (object.status !== 401) this.toasts.show(this.errorText(object), 'error')
  }

  /** An error's message; the ones the section makes up itself in the element's language. */
  private errorText({ status, name, message }: ApiErrorObject): string {
    if (status !== 0) return message
    return this.i18n.t(name === 'NetworkError' ? 'loadFailed' : 'somethingWrong')
  }

  /** Whether the form holds edits that Back or Regenerate would drop. */
  private unsavedEdits(): boolean {
    const { view } = this.state
    const form = this.renderRoot.querySelector('api-token-form')
    if (!form || (view.kind !== 'create' && view.kind !== 'edit')) return false
    return form.dirty
  }

  private async back(reason: 'back' | 'host' = 'back') {
    const { mayLeave } = await formActions()
    if (await mayLeave(this.formSection, reason, this.hasUncopiedKey)) {
      this.dispatch({ type: 'show-list' })
    }
  }

  /**
   * Call before replacing or removing the element (a workspace switch, the host's own
   * navigation). Returns true when nothing would be lost: go ahead. Returns false when a
   * key was never copied or edits are unsaved: the section asks the admin, and if the admin
   * chooses to leave it fires `api-token-leave` (`reason: 'host'`) — navigate then — and,
   * unless that event is cancelled, drops the key and the edits.
   *
   * @example
   * if (!settings.requestLeave()) return
   */
  requestLeave(): boolean {
    if (!this.hasUncopiedKey && !this.unsavedEdits()) return true
    void this.back('host')
    return false
  }

  private async onRowAction({ detail: { action, token } }: TokenRowActionEvent) {
    if (action !== 'delete') {
      this.dispatch({ type: 'open-token', token, readonly: action === 'view' })
      return
    }
    if (!(await this.lazy.load(['api-token-delete-dialog']))) return
    await (await import('./delete-action')).confirmDelete(this.formSection, token)
  }

  private notice(message: string) {
    return html`<div class="notice" part="notice" role="alert">${message}</div>`
  }

  /** The session-expired banner: above the view, which it leaves as it is. */
  private expiredBanner() {
    return html`<div class="notice" part="notice" role="alert">
      ${this.i18n.t('sessionExpired')}
      <button
        part="button"
        type="button"
        @click=${() => this.dispatchEvent(new SessionExpiredEvent())}
      >
        ${this.i18n.t('signInAgain')}
      </button>
    </div>`
  }

  private content() {
    const { t } = this.i18n
    const loading = () => html`<p role="status" aria-live="polite">${t('loading')}</p>`
    return this.session.permissions.render({
      initial: () => listPlaceholder(this.i18n, this),
      pending: () => listPlaceholder(this.i18n, this),
      error: (error) => {
        const object = errorObjectOf(error)
        // A 401 is the banner's to say; the retry comes with a new token.
        return object.status === 401 ? nothing : this.notice(this.errorText(object))
      },
      complete: () => {
        if (!this.session.can('read')) {
          return this.notice(t('noPermission'))
        }
        const { view } = this.state
        if (view.kind === 'list') {
          return listView(this.i18n, this, this.session, this.list, {
            create: () => this.dispatch({ type: 'open-create' }),
            rowAction: (event) => void this.onRowAction(event),
          })
        }
        if (view.kind !== 'create') this.lazy.preload(TOKEN_PANELS)
        if (this.lazy.status(FORM_VIEW, view.visit) !== 'ready') return loading()
        const formView = loadedFormView()
        const { edit } = this
        if (!formView || !edit) {
          // The elements were defined by another copy of the bundle: this one's chunk loads.
          void this.lazy.load(['api-token-form']).then(() => this.requestUpdate())
          return loading()
        }
        const { data, usage, activity } = edit
        return formView(this.i18n, this, view, this.session, data, usage, activity, {
          back: () => void this.back(),
          keyCopied: () => this.dispatch({ type: 'key-copied', visit: view.visit }),
          save: ({ detail }) =>
            void formActions().then((m) => m.save(this.formSection, detail.draft, view.visit)),
          regenerate: () => void formActions().then((m) => m.regenerate(this.formSection)),
        })
      },
    })
  }

  override render() {
    const { t, locale } = this.i18n
    return html`${this.session.expired ? this.expiredBanner() : nothing}${this.content()}
    ${this.toasts.render({ region: t('notifications'), dismiss: t('dismiss') })}
    ${sectionDialogs({ locale, strings: this.strings })}`
  }
}
