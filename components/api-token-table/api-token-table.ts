import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import { TokenQueryChangeEvent, TokenRowActionEvent } from '../events'
import { LocaleController } from '../i18n/locale-controller'
import type { Strings } from '../i18n/strings-en'
import { exactTime, expiryStatus, expiryTone, relativeTime } from '../internal/relative-time'
import { badgeStyles, sharedStyles } from '../internal/styles'
import { tableStyles } from './api-token-table.styles'
import type { SortDirection, SortField, Token } from '../types'

const TYPE_LABELS: Record<Token['type'], keyof Strings> = {
  'read-only': 'typeReadOnly',
  'full-access': 'typeFullAccess',
  custom: 'typeCustom',
}

const SORTABLE: { field: SortField; label: keyof Strings }[] = [
  { field: 'name', label: 'columnName' },
  { field: 'createdAt', label: 'columnCreatedAt' },
  { field: 'lastUsedAt', label: 'columnLastUsed' },
]

/**
 * The list of API tokens: a real `<table>` with sortable Name, Created at and Last used
 * columns (`aria-sort`), a search box, pages, row actions, and empty, loading and error
 * states. It renders what it is given and asks for changes through events; it never
 * fetches.
 *
 * Status at a glance: each row shows the key's hint (monospace, column Key), the type as a badge
 * (Custom with its number of permissions, "Custom · 3"), and the expiry as a badge —
 * "Expired" in the danger colour, "Expires in N days" in the warning colour within 7
 * days, "Unlimited" neutral — and a "Disabled" badge before it for a disabled token
 * (the expiry badge still shows) — with the exact date on hover, as for Created at and Last
 * used. Dates go through `Intl` in `locale`, else the element's language (its own `lang`
 * or the nearest ancestor's, across shadow roots).
 *
 * On a narrow host the table scrolls sideways inside its own container (part
 * `scroller`); the toolbar and pager wrap, so the element never overflows its host.
 *
 * For an operator (`show-owner`, SPEC §8) it adds an Owner column ("—" for a token without
 * owner) and an owner filter in the toolbar: a select (All owners, No owner, Specific
 * owner…) and, for a specific owner, a text field; the filter is asked for as `owner` in
 * `api-token-query-change` (`''` = tokens without owner, absent = all).
 *
 * Call `focusSearch()` to move focus to the search box, e.g. after a delete, so focus
 * lands on the list rather than on another row's Delete.
 *
 * @event {TokenRowActionEvent} api-token-row-action - `detail: {action: 'edit' | 'view' | 'delete', token}`
 * @event {TokenQueryChangeEvent} api-token-query-change - `detail: {sort, direction, q, page, owner}`: sort, search, owner filter or page changed
 *
 * @csspart table - The `<table>`.
 * @csspart row - Each token's row.
 * @csspart button - Every button.
 * @csspart search - The search box.
 * @csspart owner-filter - The owner filter's select and text field (operators).
 * @csspart owner - Each token's Owner cell (operators).
 * @csspart empty - The empty state.
 * @csspart scroller - The box the table scrolls in when it is wider than the host.
 * @csspart key-hint - Each token's key hint, in the Key column.
 * @csspart badge - Every status badge (type, disabled and expiry).
 * @csspart type - The token type badge.
 * @csspart expiry - The expiry badge.
 * @csspart disabled - The "Disabled" badge of a disabled token (beside its expiry badge).
 *
 * @cssproperty --tollgate-font - Font family (default: inherited from the host page).
 * @cssproperty --tollgate-font-mono - The key hint's font.
 * @cssproperty --tollgate-space - The spacing unit (default 8px).
 * @cssproperty --tollgate-radius - Corner radius (default 4px).
 * @cssproperty --tollgate-color-text - Text.
 * @cssproperty --tollgate-color-muted - Secondary text, the neutral badges.
 * @cssproperty --tollgate-color-surface - Behind the table and the search box.
 * @cssproperty --tollgate-color-border - Lines between rows.
 * @cssproperty --tollgate-color-primary - Focus rings.
 * @cssproperty --tollgate-color-on-primary - Text on the primary colour.
 * @cssproperty --tollgate-color-danger - The "Expired" badge.
 * @cssproperty --tollgate-color-on-danger - Text on the danger colour.
 * @cssproperty --tollgate-color-danger-subtle - Behind the "Expired" badge.
 * @cssproperty --tollgate-color-warning - The badge of a token expiring within 7 days.
 * @cssproperty --tollgate-color-warning-subtle - Behind that badge.
 * @cssproperty --tollgate-color-success - Success toasts and the shown key.
 * @cssproperty --tollgate-color-success-subtle - Behind success text in badges.
 * @cssproperty --tollgate-color-neutral-subtle - Behind neutral badges.
 *
 * @tagname api-token-table
 */
export class ApiTokenTable extends LitElement {
  static override styles = [sharedStyles, badgeStyles, tableStyles]

  /** The tokens of the current page. */
  @property({ attribute: false }) accessor tokens: Token[] = []
  /** How many tokens match in all (for paging); defaults to the rows given. */
  @property({ type: Number }) accessor total: number | undefined = undefined
  /** The current page, from 1. */
  @property({ type: Number }) accessor page: number = 1
  /** Rows per page. */
  @property({ type: Number, attribute: 'page-size' }) accessor pageSize: number = 25
  /** The sorted column. */
  @property({ type: String }) accessor sort: SortField = 'name'
  /** The sort direction. */
  @property({ type: String }) accessor direction: SortDirection = 'asc'
  /** The search text. */
  @property({ type: String }) accessor query: string = ''
  /** Whether rows are being fetched. */
  @property({ type: Boolean, reflect: true }) accessor loading: boolean = false
  /** A message to show instead of rows when they could not be fetched. */
  @property({ type: String }) accessor error: string = ''
  /** Whether rows offer "Edit" (else "View"). */
  @property({ type: Boolean, attribute: 'can-update' }) accessor canUpdate: boolean = false
  /** Whether the admin is an operator (SPEC §8): the Owner column and the owner filter. */
  @property({ type: Boolean, attribute: 'show-owner' }) accessor showOwner: boolean = false
  /** The owner filter: that owner's tokens, `''` = tokens without owner, `undefined` = all. */
  @property({ attribute: false }) accessor owner: string | undefined = undefined
  /** Whether rows offer "Delete". */
  @property({ type: Boolean, attribute: 'can-delete' }) accessor canDelete: boolean = false
  /** The language (BCP 47) of words and dates; defaults to the element's own or inherited `lang`. */
  @property({ type: String }) accessor locale: string | undefined = undefined
  /** The host's replacements for any of the section's strings. */
  @property({ attribute: false }) accessor strings: Partial<Strings> | undefined = undefined

  /** The owner filter's choice; "specific" with an empty name lists all. */
  @state() private accessor ownerMode: 'all' | 'none' | 'specific' = 'all'

  private readonly i18n = new LocaleController(this)

  private searchTimer: ReturnType<typeof setTimeout> | undefined
  private ownerTimer: ReturnType<typeof setTimeout> | undefined

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('owner')) return
    if (this.owner === '') this.ownerMode = 'none'
    else if (this.owner !== undefined) this.ownerMode = 'specific'
    else if (this.ownerMode === 'none') this.ownerMode = 'all'
  }

  /**
   * Moves focus to the search box once the table has rendered, e.g. after a delete, so
   * focus lands on the list and never on another row's Delete.
   */
  async focusSearch(options?: FocusOptions): Promise<void> {
    await this.updateComplete
    this.renderRoot.querySelector<HTMLInputElement>('input[type=search]')?.focus(options)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    clearTimeout(this.searchTimer)
    clearTimeout(this.ownerTimer)
  }

  private requestQuery(
    changes: Partial<{
      sort: SortField
      direction: SortDirection
      q: string
      page: number
      owner: string | undefined
    }>,
  ) {
    const detail = {
      sort: this.sort,
      direction: this.direction,
      q: this.query,
      page: this.page,
      ...(this.showOwner ? { owner: this.owner } : {}),
      ...changes,
    }
    this.sort = detail.sort
    this.direction = detail.direction
    this.query = detail.q
    this.page = detail.page
    if (this.showOwner) this.owner = detail.owner
    this.dispatchEvent(new TokenQueryChangeEvent(detail))
  }

  private onOwnerMode(event: Event) {
    const mode = (event.target as HTMLSelectElement).value as 'all' | 'none' | 'specific'
    this.ownerMode = mode
    clearTimeout(this.ownerTimer)
    const name = this.renderRoot.querySelector<HTMLInputElement>('#owner-name')?.value.trim()
    const owner = mode === 'none' ? '' : mode === 'specific' && name ? name : undefined
    if (owner !== this.owner) this.requestQuery({ owner, page: 1 })
  }

  private onOwnerName(event: InputEvent) {
    const name = (event.target as HTMLInputElement).value.trim()
    clearTimeout(this.ownerTimer)
    this.ownerTimer = setTimeout(
      () => this.requestQuery({ owner: name || undefined, page: 1 }),
      250,
    )
  }

  private toggleSort(field: SortField) {
    const direction = this.sort === field && this.direction === 'asc' ? 'desc' : 'asc'
    this.requestQuery({ sort: field, direction, page: 1 })
  }

  private onSearch(event: InputEvent) {
    const q = (event.target as HTMLInputElement).value
    clearTimeout(this.searchTimer)
    this.searchTimer = setTimeout(() => this.requestQuery({ q, page: 1 }), 250)
  }

  private rowAction(action: 'edit' | 'view' | 'delete', token: Token) {
    this.dispatchEvent(new TokenRowActionEvent({ action, token }))
  }

  private sortHeader({ field, label }: { field: SortField; label: keyof Strings }) {
    const active = this.sort === field
    const ariaSort = active ? (this.direction === 'asc' ? 'ascending' : 'descending') : 'none'
    const arrow = active ? (this.direction === 'asc' ? '▲' : '▼') : ''
    return html`<th scope="col" aria-sort=${ariaSort}>
      <button part="button" type="button" @click=${() => this.toggleSort(field)}>
        ${this.i18n.t(label)} <span aria-hidden="true">${arrow}</span>
      </button>
    </th>`
  }

  private time(iso: string | null, never: string, now: number, locale: string) {
    if (!iso) return html`<span class="muted">${never}</span>`
    return html`<time datetime=${iso} title=${exactTime(iso, locale)}
      >${relativeTime(iso, now, locale)}</time
    >`
  }

  private typeBadge(token: Token) {
    const { t } = this.i18n
    const label = t(TYPE_LABELS[token.type])
    if (token.type !== 'custom') return html`<span class="badge" part="badge type">${label}</span>`
    const count = token.permissions.length
    return html`<span
      class="badge"
      part="badge type"
      title=${t(count === 1 ? 'permissionCountOne' : 'permissionCount', { count })}
      >${t('typeCustomCount', { count })}</span
    >`
  }

  private expiryBadge(token: Token, now: number, locale: string) {
    const { expiresAt } = token
    const { t } = this.i18n
    const label = expiryStatus(expiresAt, now, locale, {
      unlimited: t('unlimited'),
      expired: t('expired'),
      expiresRelative: t('expiresRelative'),
    })
    const tone = expiryTone(expiresAt, now)
    const classes = tone === 'neutral' ? 'badge' : `badge ${tone}`
    if (expiresAt === null) return html`<span class=${classes} part="badge expiry">${label}</span>`
    return html`<span class=${classes} part="badge expiry"
      ><time datetime=${expiresAt} title=${exactTime(expiresAt, locale)}>${label}</time></span
    >`
  }

  private row(token: Token, now: number, locale: string) {
    const { t } = this.i18n
    const open = this.canUpdate ? 'edit' : 'view'
    const owner = (token.owner as string | null | undefined) ?? null
    return html`<tr part="row">
      <th scope="row">${token.name}</th>
      ${
        this.showOwner
          ? html`<td class="nowrap" part="owner">
              ${owner ?? html`<span class="muted" title=${t('ownerNone')}>—</span>`}
            </td>`
          : nothing
      }
      <td class="nowrap"><code class="key-hint" part="key-hint">${token.keyHint}</code></td>
      <td class="muted description">${token.description}</td>
      <td class="nowrap">${this.time(token.createdAt, '', now, locale)}</td>
      <td class="nowrap">${this.time(token.lastUsedAt, t('never'), now, locale)}</td>
      <td class="nowrap">${this.typeBadge(token)}</td>
      <td class="nowrap">
        ${
          token.enabled === false
            ? html`<span class="badge danger" part="badge disabled">${t('disabled')}</span>`
            : nothing
        }
        ${this.expiryBadge(token, now, locale)}
      </td>
      <td class="nowrap">
        <div class="actions">
          <button
            part="button"
            type="button"
            aria-label=${t(this.canUpdate ? 'editToken' : 'viewToken', { name: token.name })}
            @click=${() => this.rowAction(open, token)}
          >
            ${t(this.canUpdate ? 'edit' : 'view')}
          </button>
          ${
            this.canDelete
              ? html`<button
                  part="button"
                  type="button"
                  aria-label=${t('deleteToken', { name: token.name })}
                  @click=${() => this.rowAction('delete', token)}
                >
                  ${t('delete')}
                </button>`
              : nothing
          }
        </div>
      </td>
    </tr>`
  }

  private body() {
    const { t } = this.i18n
    if (this.error) return html`<div class="state" role="alert">${this.error}</div>`
    if (this.loading && this.tokens.length === 0) {
      return html`<div class="state" role="status" aria-live="polite">${t('loading')}</div>`
    }
    if (this.tokens.length === 0) {
      const filter = this.showOwner && this.owner !== undefined
      return html`<div class="state" part="empty">
        ${
          this.query
            ? t('noMatch', { query: this.query })
            : filter
              ? t('noMatch', { query: this.owner || t('ownerNone') })
              : t('empty')
        }
      </div>`
    }
    const now = Date.now()
    const locale = this.i18n.locale
    return html`<div class="scroller" part="scroller">
      <table part="table" aria-busy=${this.loading ? 'true' : 'false'}>
        <caption class="visually-hidden">
          ${t('heading')}
        </caption>
        <thead>
          <tr>
            ${this.sortHeader(SORTABLE[0]!)}
            ${this.showOwner ? html`<th scope="col">${t('columnOwner')}</th>` : nothing}
            <th scope="col">${t('columnKey')}</th>
            <th scope="col">${t('columnDescription')}</th>
            ${this.sortHeader(SORTABLE[1]!)} ${this.sortHeader(SORTABLE[2]!)}
            <th scope="col">${t('columnType')}</th>
            <th scope="col">${t('columnExpiry')}</th>
            <th scope="col"><span class="visually-hidden">${t('columnActions')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${this.tokens.map((token) => this.row(token, now, locale))}
        </tbody>
      </table>
    </div>`
  }

  private pager() {
    const { t } = this.i18n
    const total = this.total ?? this.tokens.length
    const pages = Math.max(1, Math.ceil(total / this.pageSize))
    if (pages <= 1) return nothing
    return html`<nav class="pages" aria-label=${t('pages')}>
      <button
        part="button"
        type="button"
        ?disabled=${this.page <= 1}
        @click=${() => this.requestQuery({ page: this.page - 1 })}
      >
        ${t('previousPage')}
      </button>
      <span>${t('pageOf', { page: this.page, pages })}</span>
      <button
        part="button"
        type="button"
        ?disabled=${this.page >= pages}
        @click=${() => this.requestQuery({ page: this.page + 1 })}
      >
        ${t('nextPage')}
      </button>
    </nav>`
  }

  /** The operator's owner filter: which owners, and the name of a specific one. */
  private ownerFilter() {
    const { t } = this.i18n
    const mode = this.ownerMode
    return html`<div class="owner-filter">
      <label>
        <span class="visually-hidden">${t('ownerFilter')}</span>
        <select
          id="owner-mode"
          part="owner-filter"
          aria-label=${t('ownerFilter')}
          @change=${this.onOwnerMode}
        >
          <option value="all" ?selected=${mode === 'all'}>${t('ownerAll')}</option>
          <option value="none" ?selected=${mode === 'none'}>${t('ownerNone')}</option>
          <option value="specific" ?selected=${mode === 'specific'}>${t('ownerSpecific')}</option>
        </select>
      </label>
      ${
        mode === 'specific'
          ? html`<label>
              <span class="visually-hidden">${t('ownerFilterInput')}</span>
              <input
                id="owner-name"
                part="owner-filter"
                type="text"
                maxlength="128"
                autocomplete="off"
                placeholder=${t('ownerFilterInput')}
                aria-label=${t('ownerFilterInput')}
                .value=${this.owner ?? ''}
                @input=${this.onOwnerName}
              />
            </label>`
          : nothing
      }
    </div>`
  }

  override render() {
    const { t } = this.i18n
    return html`
      <div class="toolbar">
        <label>
          <span class="visually-hidden">${t('search')}</span>
          <input
            part="search"
            type="search"
            placeholder=${t('search')}
            aria-label=${t('search')}
            .value=${this.query}
            @input=${this.onSearch}
          />
        </label>
        ${this.showOwner ? this.ownerFilter() : nothing}
      </div>
      ${this.body()} ${this.pager()}
    `
  }
}
