import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { AdminApiClient, ApiRequestError, type AuthTokenSource } from './api-client'
import type { ConfirmDialog } from './confirm-dialog'
import {
  TokenCreatedEvent,
  TokenDeletedEvent,
  TokenErrorEvent,
  TokenRegeneratedEvent,
  TokenUpdatedEvent,
  type DialogCloseEvent,
  type TokenQueryChangeEvent,
  type TokenRowActionEvent,
  type TokenSaveEvent,
} from './events'
import { sharedStyles } from './styles'
import type {
  AdminAction,
  ApiErrorObject,
  FieldError,
  PermissionCatalog,
  RouteCatalog,
  SortDirection,
  SortField,
  Token,
} from './types'

type View =
  { kind: 'list' } | { kind: 'create' } | { kind: 'edit'; token: Token; readonly: boolean }

interface Toast {
  id: number
  message: string
  kind: 'success' | 'error'
}

const PAGE_SIZE = 25
const MODULE_ORIGIN = new URL(import.meta.url).origin

/**
 * The whole "API Tokens" settings section for any host admin panel: header, "Create
 * new API Token", the token table, the create/edit views, the key shown once, the
 * regenerate and delete dialogs, and toasts — each control gated by the admin's
 * permissions. It owns the admin API client and the state; its parts only render and
 * emit events.
 *
 * The admin JWT comes from the `getAuthToken` property (a function returning it or a
 * promise of it) or, without one, from the `auth-endpoint` URL (fetched with the
 * host's cookies, answering `{"token": "<jwt>"}`). It is asked before every request;
 * on a 401 it is asked again and the request retried once.
 *
 * @event api-token-created - `detail: {token, accessKey}`
 * @event api-token-updated - `detail: {token}`
 * @event api-token-deleted - `detail: {token}`
 * @event api-token-regenerated - `detail: {token, accessKey}`
 * @event api-token-error - `detail: {error}`: the worker's error object
 *
 * @csspart header - The section header.
 * @csspart button - Every button of the section.
 * @csspart key - The box showing a new key.
 * @csspart toast - Each toast.
 * @csspart notice - The no-permission and session-expired notices.
 *
 * @cssproperty --tollgate-font - Font family (default: inherited from the host).
 * @cssproperty --tollgate-font-mono - Font of the key.
 * @cssproperty --tollgate-color-primary - Primary buttons, focus rings.
 * @cssproperty --tollgate-color-danger - Errors and destructive buttons.
 * @cssproperty --tollgate-color-text - Text.
 * @cssproperty --tollgate-color-muted - Secondary text.
 * @cssproperty --tollgate-color-border - Borders.
 * @cssproperty --tollgate-color-surface - Backgrounds of boxes and dialogs.
 * @cssproperty --tollgate-color-success - Success toasts and the key box accent.
 * @cssproperty --tollgate-radius - Corner radius.
 * @cssproperty --tollgate-space - The spacing unit.
 *
 * @tagname api-token-settings
 */
export class ApiTokenSettings extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      header {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: var(--_space);
        margin-block-end: calc(var(--_space) * 2);
      }
      h1 {
        margin: 0;
        font-size: 1.5em;
      }
      .subtitle {
        margin: 0;
        color: var(--_muted);
      }
      .key {
        border: 1px solid var(--tollgate-color-success, #328048);
        border-radius: var(--_radius);
        padding: calc(var(--_space) * 2);
        margin-block-end: calc(var(--_space) * 2);
        background: var(--_surface);
      }
      .key-row {
        display: flex;
        gap: var(--_space);
        align-items: center;
      }
      .key code {
        font-family: var(--tollgate-font-mono, ui-monospace, SFMono-Regular, Menlo, monospace);
        word-break: break-all;
        flex: 1;
        user-select: all;
      }
      .toasts {
        position: fixed;
        inset-block-start: var(--_space);
        inset-inline-end: var(--_space);
        display: flex;
        flex-direction: column;
        gap: var(--_space);
        z-index: 10;
      }
      .toast {
        display: flex;
        gap: var(--_space);
        align-items: center;
        padding: var(--_space) calc(var(--_space) * 2);
        border-radius: var(--_radius);
        background: var(--_surface);
        border: 1px solid var(--tollgate-color-success, #328048);
      }
      .toast.error {
        border-color: var(--_danger);
      }
      .notice {
        padding: calc(var(--_space) * 3);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
      }
      .back {
        margin-block-end: var(--_space);
      }
    `,
  ]

  static override properties = {
    apiBase: { type: String, attribute: 'api-base' },
    authEndpoint: { type: String, attribute: 'auth-endpoint' },
    getAuthToken: { attribute: false },
    permissions: { state: true },
    view: { state: true },
    tokens: { state: true },
    total: { state: true },
    listLoading: { state: true },
    listError: { state: true },
    query: { state: true },
    catalog: { state: true },
    routes: { state: true },
    formErrors: { state: true },
    saving: { state: true },
    shownKey: { state: true },
    copied: { state: true },
    toasts: { state: true },
    sessionExpired: { state: true },
    loadError: { state: true },
  }

  /** The worker's URL (default: the origin this module was loaded from). */
  declare apiBase: string | undefined
  /** A host URL answering `{"token": "<jwt>"}`, used when `getAuthToken` is not set. */
  declare authEndpoint: string | undefined
  /** Returns the admin JWT, or a promise of it; asked before every request. */
  declare getAuthToken: AuthTokenSource | undefined

  declare private permissions: Set<AdminAction> | undefined
  declare private view: View
  declare private tokens: Token[]
  declare private total: number
  declare private listLoading: boolean
  declare private listError: string
  declare private query: { sort: SortField; direction: SortDirection; q: string; page: number }
  declare private catalog: PermissionCatalog
  declare private routes: RouteCatalog
  declare private formErrors: FieldError[]
  declare private saving: boolean
  declare private shownKey: string | undefined
  declare private copied: 'copied' | 'manual' | undefined
  declare private toasts: Toast[]
  declare private sessionExpired: boolean
  declare private loadError: string

  private client!: AdminApiClient
  private catalogLoaded = false
  private pendingDelete: Token | undefined
  private toastId = 0
  private listRequest = 0

  constructor() {
    super()
    this.apiBase = undefined
    this.authEndpoint = undefined
    this.getAuthToken = undefined
    this.permissions = undefined
    this.view = { kind: 'list' }
    this.tokens = []
    this.total = 0
    this.listLoading = false
    this.listError = ''
    this.query = { sort: 'name', direction: 'asc', q: '', page: 1 }
    this.catalog = {}
    this.routes = {}
    this.formErrors = []
    this.saving = false
    this.shownKey = undefined
    this.copied = undefined
    this.toasts = []
    this.sessionExpired = false
    this.loadError = ''
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.client || changed.has('apiBase')) {
      this.client = new AdminApiClient(this.apiBase || MODULE_ORIGIN, () => this.authToken())
      if (this.isConnected) void this.reload()
    }
  }

  override connectedCallback(): void {
    super.connectedCallback()
    if (this.client && this.permissions === undefined) void this.reload()
  }

  private can(action: AdminAction): boolean {
    return (
      this.permissions?.has(`admin::api-tokens.${action.split('.').pop()}` as AdminAction) ?? false
    )
  }

  private async authToken(): Promise<string | null | undefined> {
    if (this.getAuthToken) return this.getAuthToken()
    if (!this.authEndpoint) return undefined
    const response = await fetch(this.authEndpoint, { credentials: 'include' })
    if (!response.ok) return undefined
    return ((await response.json()) as { token?: string }).token
  }

  /** Starts over: permissions, then the first page. Any shown key is gone for good. */
  private async reload(): Promise<void> {
    this.view = { kind: 'list' }
    this.shownKey = undefined
    this.sessionExpired = false
    this.loadError = ''
    this.permissions = undefined
    this.catalogLoaded = false
    try {
      this.permissions = await this.client.permissions()
    } catch (error) {
      this.fail(error)
      if (!this.sessionExpired) this.loadError = this.messageOf(error)
      return
    }
    if (this.can('admin::api-tokens.read')) await this.loadTokens()
  }

  private messageOf(error: unknown): string {
    return error instanceof ApiRequestError ? error.error.message : 'Something went wrong'
  }

  /** Reports a failed call: session expiry, an `api-token-error` event, a toast. */
  private fail(error: unknown, { toast = true } = {}): void {
    const object: ApiErrorObject =
      error instanceof ApiRequestError
        ? error.error
        : { status: 0, name: 'ApplicationError', message: 'Something went wrong', details: {} }
    if (object.status === 401) this.sessionExpired = true
    this.dispatchEvent(new TokenErrorEvent({ error: object }))
    if (toast && object.status !== 401) this.toast(object.message, 'error')
  }

  private toast(message: string, kind: Toast['kind']) {
    const toast = { id: ++this.toastId, message, kind }
    this.toasts = [...this.toasts, toast]
    if (kind === 'success') setTimeout(() => this.dismiss(toast.id), 5000)
  }

  private dismiss(id: number) {
    this.toasts = this.toasts.filter((toast) => toast.id !== id)
  }

  private async loadTokens(): Promise<void> {
    const request = ++this.listRequest
    this.listLoading = true
    this.listError = ''
    try {
      const page = await this.client.listTokens({ ...this.query, pageSize: PAGE_SIZE })
      if (request !== this.listRequest) return
      this.tokens = page.tokens
      this.total = page.total
    } catch (error) {
      if (request !== this.listRequest) return
      this.fail(error, { toast: false })
      this.listError = this.messageOf(error)
    } finally {
      if (request === this.listRequest) this.listLoading = false
    }
  }

  private async loadCatalog(): Promise<void> {
    if (this.catalogLoaded) return
    try {
      const { permissions, routes } = await this.client.catalog()
      this.catalog = permissions
      this.routes = routes
      this.catalogLoaded = true
    } catch (error) {
      this.fail(error)
    }
  }

  private showList() {
    this.view = { kind: 'list' }
    this.shownKey = undefined
    this.copied = undefined
    this.formErrors = []
    void this.loadTokens()
  }

  private openCreate() {
    this.view = { kind: 'create' }
    this.shownKey = undefined
    this.formErrors = []
    void this.loadCatalog()
  }

  private async openToken(token: Token, readonly: boolean) {
    this.shownKey = undefined
    this.formErrors = []
    this.view = { kind: 'edit', token, readonly }
    void this.loadCatalog()
    try {
      const fresh = await this.client.getToken(token.id)
      if (this.view.kind === 'edit' && this.view.token.id === token.id) {
        this.view = { ...this.view, token: fresh }
      }
    } catch (error) {
      this.fail(error)
    }
  }

  private onRowAction(event: TokenRowActionEvent) {
    const { action, token } = event.detail
    if (action === 'delete') {
      this.pendingDelete = token
      void this.dialog('api-token-delete-dialog').show()
    } else {
      void this.openToken(token, action === 'view')
    }
  }

  private onQueryChange(event: TokenQueryChangeEvent) {
    this.query = event.detail
    void this.loadTokens()
  }

  private async onSave(event: TokenSaveEvent) {
    const { draft } = event.detail
    this.saving = true
    this.formErrors = []
    try {
      if (this.view.kind === 'create') {
        const { accessKey, ...token } = await this.client.createToken(draft)
        this.view = { kind: 'edit', token, readonly: false }
        this.shownKey = accessKey
        this.copied = undefined
        this.toast('API Token successfully created', 'success')
        this.dispatchEvent(new TokenCreatedEvent({ token, accessKey }))
      } else if (this.view.kind === 'edit') {
        const token = await this.client.updateToken(this.view.token.id, draft)
        this.view = { ...this.view, token }
        this.toast('API Token successfully edited', 'success')
        this.dispatchEvent(new TokenUpdatedEvent({ token }))
      }
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 400) {
        this.formErrors = error.error.details.errors ?? [
          { path: [], name: 'ValidationError', message: error.error.message },
        ]
        this.dispatchEvent(new TokenErrorEvent({ error: error.error }))
        if (!this.formErrors.some((e) => e.path.length)) this.toast(error.error.message, 'error')
        await this.updateComplete
        this.renderRoot.querySelector('api-token-form')?.focusFirstError()
      } else {
        this.fail(error)
      }
    } finally {
      this.saving = false
    }
  }

  private dialog(tag: 'api-token-delete-dialog' | 'api-token-regenerate-dialog'): ConfirmDialog {
    const dialog = this.renderRoot.querySelector<ConfirmDialog>(tag)
    if (!dialog) throw new Error(`api-token-settings: <${tag}> is not rendered`)
    return dialog
  }

  private async onDeleteClosed(event: DialogCloseEvent) {
    // The token belongs to the latest opening: a late close event of an earlier one
    // must not clear it.
    const token = this.pendingDelete
    if (!event.detail.confirmed || !token) return
    this.pendingDelete = undefined
    try {
      const deleted = await this.client.deleteToken(token.id)
      this.toast('API Token deleted', 'success')
      this.dispatchEvent(new TokenDeletedEvent({ token: deleted ?? token }))
      if (this.view.kind === 'edit' && this.view.token.id === token.id) this.showList()
      else await this.loadTokens()
    } catch (error) {
      this.fail(error)
    }
  }

  private async onRegenerateClosed(event: DialogCloseEvent) {
    if (!event.detail.confirmed || this.view.kind !== 'edit') return
    const { id } = this.view.token
    try {
      const { accessKey } = await this.client.regenerateToken(id)
      const token = await this.client.getToken(id)
      if (this.view.kind === 'edit' && this.view.token.id === id)
        this.view = { ...this.view, token }
      this.shownKey = accessKey
      this.copied = undefined
      this.dispatchEvent(new TokenRegeneratedEvent({ token, accessKey }))
    } catch (error) {
      this.fail(error)
    }
  }

  private async copyKey() {
    const key = this.shownKey
    if (!key) return
    try {
      if (!navigator.clipboard) throw new Error('no clipboard')
      await navigator.clipboard.writeText(key)
      this.copied = 'copied'
    } catch {
      this.copied = 'manual'
      const code = this.renderRoot.querySelector('.key code')
      const selection = getSelection()
      if (code && selection) {
        selection.removeAllRanges()
        const range = document.createRange()
        range.selectNodeContents(code)
        selection.addRange(range)
      }
    }
  }

  private keyBox() {
    if (!this.shownKey) return nothing
    return html`<section class="key" part="key" aria-labelledby="key-heading">
      <h2 id="key-heading">Copy your new API Token</h2>
      <p>Make sure to copy this token, you won't be able to see it again!</p>
      <div class="key-row">
        <code aria-label="API Token">${this.shownKey}</code>
        <button part="button" type="button" @click=${this.copyKey}>Copy</button>
      </div>
      <p role="status" aria-live="polite">
        ${
          this.copied === 'copied'
            ? 'Copied to the clipboard'
            : this.copied === 'manual'
              ? 'The key is selected: copy it with Ctrl+C (⌘C on a Mac)'
              : ''
        }
      </p>
    </section>`
  }

  private listView() {
    return html`<header part="header">
        <div>
          <h1>API Tokens</h1>
          <p class="subtitle">List of generated tokens to consume the API</p>
        </div>
        ${
          this.can('admin::api-tokens.create')
            ? html`<button part="button" class="primary" type="button" @click=${this.openCreate}>
                Create new API Token
              </button>`
            : nothing
        }
      </header>
      <api-token-table
        .tokens=${this.tokens}
        .total=${this.total}
        .page=${this.query.page}
        .pageSize=${PAGE_SIZE}
        .sort=${this.query.sort}
        .direction=${this.query.direction}
        .query=${this.query.q}
        .loading=${this.listLoading}
        .error=${this.listError}
        .canUpdate=${this.can('admin::api-tokens.update')}
        .canDelete=${this.can('admin::api-tokens.delete')}
        @api-token-row-action=${this.onRowAction}
        @api-token-query-change=${this.onQueryChange}
      ></api-token-table>`
  }

  private formView() {
    const editing = this.view.kind === 'edit' ? this.view : undefined
    const heading = editing ? editing.token.name : 'Create API Token'
    return html`<button part="button" class="back" type="button" @click=${this.showList}>
        ← Back to API Tokens
      </button>
      ${this.keyBox()}
      <api-token-form
        .token=${editing?.token ?? null}
        .catalog=${this.catalog}
        .routes=${this.routes}
        .errors=${this.formErrors}
        .saving=${this.saving}
        .readonly=${editing?.readonly ?? false}
        @api-token-save=${this.onSave}
      >
        <h1 slot="heading">${heading}</h1>
        ${
          editing && this.can('admin::api-tokens.regenerate')
            ? html`<button
                slot="actions"
                part="button"
                type="button"
                @click=${() => this.dialog('api-token-regenerate-dialog').show()}
              >
                Regenerate
              </button>`
            : nothing
        }
      </api-token-form>`
  }

  private content() {
    if (this.sessionExpired) {
      return html`<div class="notice" part="notice" role="alert">
        Your session has expired. Sign in again to manage API Tokens.
      </div>`
    }
    if (this.loadError) {
      return html`<div class="notice" part="notice" role="alert">${this.loadError}</div>`
    }
    if (!this.permissions) {
      return html`<p role="status" aria-live="polite">Loading API Tokens…</p>`
    }
    if (!this.can('admin::api-tokens.read')) {
      return html`<div class="notice" part="notice" role="alert">
        You don't have the permissions to access that content
      </div>`
    }
    return this.view.kind === 'list' ? this.listView() : this.formView()
  }

  override render() {
    return html`${this.content()}
      <div class="toasts" role="region" aria-label="Notifications">
        ${this.toasts.map(
          (toast) =>
            html`<div
              class="toast ${toast.kind}"
              part="toast"
              role=${toast.kind === 'error' ? 'alert' : 'status'}
            >
              <span>${toast.message}</span>
              <button
                part="button"
                type="button"
                aria-label="Dismiss"
                @click=${() => this.dismiss(toast.id)}
              >
                ×
              </button>
            </div>`,
        )}
      </div>
      <api-token-delete-dialog
        @api-token-dialog-close=${this.onDeleteClosed}
      ></api-token-delete-dialog>
      <api-token-regenerate-dialog
        @api-token-dialog-close=${this.onRegenerateClosed}
      ></api-token-regenerate-dialog>`
  }
}
