import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import { TokenQueryChangeEvent, TokenRowActionEvent } from '../events'
import { LocaleController } from '../i18n/locale-controller'
import type { StringOverrides } from '../i18n/strings-en'
import { badgeStyles, sharedStyles } from '../internal/styles'
import type { SortDirection, SortField, Token, TokenType } from '../types'
import { tableStyles } from './api-token-table.styles'
import { filters, resultCount } from './list-filters'
import { emptyState, errorState, skeletonRows } from './list-states'
import type { RowMenu } from './row-menu'
import { ownerFilter, pager, tableHead, type OwnerMode } from './table-parts'
import { tokenRow, type RowContext } from './token-row'

/**
 * The list of API tokens: a real `<table>` with sortable Name, Created at, Last used and
 * Status (by expiry) columns (`aria-sort`), a search box, status and type filters, the
 * result count ("12 tokens", from `total`), pages, a menu of actions per row, and empty,
 * loading and error states. It renders what it is given and asks for changes through
 * events; it never fetches.
 *
 * Few, combined columns, so the list fits from 360 to 1440 px in every language: the Name
 * cell holds the name (a button that opens the token — edit, or view without the
 * permission — and the row's accessible name; long names wrap anywhere), the key's hint
 * beneath it (monospace) and the description, if any, clamped to two lines (whole on
 * hover). Then Owner (operators), Created at, Last used, Type — a badge, Custom with its
 * number of permissions ("Custom · 3") — and Status: a "Disabled" badge for a disabled
 * token, the expiry as a badge — "Expired" in the danger colour, "Expires in N days" in the
 * warning colour within 7 days, "Unlimited" neutral — and the restrictions: an IP
 * allow-list ("IP · 2") and a rate-limit tier, each spelt out for screen readers. Dates go
 * through `Intl` in `locale`, else the element's language (its own `lang` or the nearest
 * ancestor's, across shadow roots), exact on hover.
 *
 * Each row ends with one "Actions" button, named after the token and pinned at the row's
 * end (sticky), opening a menu (Edit or View, Delete): Enter, Space or ArrowDown open it,
 * the arrows move, Escape closes it and gives focus back to the button. Below 720 px of
 * the element's own width (a container query, not the viewport) each row is a card; wider,
 * a table too wide for its box scrolls sideways inside it (part `scroller`), back to its
 * start on every sort, search, filter, page and new rows. After paging, focus goes to the
 * table (its caption names it).
 *
 * While the first page loads, skeleton rows hold its place; while other rows are pending,
 * the shown ones are dimmed under `aria-busy` and the count line says so. An `error` shows
 * once, with Retry (which asks for the same query again); an empty list shows why, or the
 * `empty-action` slot.
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
 * @event {TokenQueryChangeEvent} api-token-query-change - `detail: {sort, direction, q, page, owner, enabled, type}`: sort, search, a filter or page changed, or Retry
 *
 * @csspart table - The `<table>`.
 * @csspart row - Each token's row.
 * @csspart button - Every button.
 * @csspart search - The search box.
 * @csspart owner-filter - The owner filter's select and text field (operators).
 * @csspart owner - Each token's Owner cell (operators).
 * @csspart empty - The empty state.
 * @csspart scroller - The box the table scrolls in when it is wider than the host.
 * @csspart key-hint - Each token's key hint, beneath its name.
 * @csspart badge - Every status badge (type, disabled, expiry, restrictions and credits).
 * @csspart type - The token type badge.
 * @csspart expiry - The expiry badge.
 * @csspart disabled - The "Disabled" badge of a disabled token (in Status, beside its expiry badge).
 * @csspart name - Each token's name: a button that opens the token (edit, or view).
 * @csspart actions - Each row's "Actions" button, opening its menu.
 * @csspart menu - The row actions menu (a popover).
 * @csspart menuitem - Each item of the row actions menu (Edit or View, Delete).
 * @csspart restriction - The IP allow-list and rate-limit badges in Status.
 * @csspart legacy - The "Strapi key" badge in Status of a token imported from Strapi with its key.
 * @csspart filter - The status and type filters' selects.
 * @csspart result-count - The result count ("12 tokens") and pending sign above the table.
 * @csspart error - The list's error state, with its Retry button.
 * @csspart credits - A metered token's remaining credits badge in Status ("1,250 left"; danger at 0).
 *
 * @slot empty-action - The call to action of the empty state (the section's "Add your first API Token" button); without one, the empty text shows.
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
  /** The status filter: only enabled (`true`) or disabled (`false`) tokens, `undefined` = both. */
  @property({ attribute: false }) accessor enabledFilter: boolean | undefined = undefined
  /** The type filter: only tokens of this type, `undefined` = every type. */
  @property({ attribute: false }) accessor typeFilter: TokenType | undefined = undefined
  /** Whether rows offer "Delete". */
  @property({ type: Boolean, attribute: 'can-delete' }) accessor canDelete: boolean = false
  /** The language (BCP 47) of words and dates; defaults to the element's own or inherited `lang`. */
  @property({ type: String }) accessor locale: string | undefined = undefined
  /** The host's replacements for any of the section's strings. */
  @property({ attribute: false }) accessor strings: StringOverrides | undefined = undefined

  /** The owner filter's choice; "specific" with an empty name lists all. */
  @state() private accessor ownerMode: OwnerMode = 'all'

  private readonly i18n = new LocaleController(this)
  /** The rows' actions menu: its own chunk, imported the first time a menu opens. */
  private menu: RowMenu | undefined
  /** Paging moved focus to the table: keep it there once the new rows arrive. */
  private focusTable = false

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

  protected override updated(changed: PropertyValues<this>): void {
    // New rows start at the row's start again, not where the last ones were scrolled to.
    if (changed.has('tokens')) this.scrollToStart()
    if (this.focusTable && !this.loading) {
      this.focusTable = false
      this.renderRoot.querySelector<HTMLElement>('table')?.focus()
    }
  }

  private scrollToStart() {
    const scroller = this.renderRoot.querySelector<HTMLElement>('.scroller')
    if (scroller) scroller.scrollLeft = 0
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
      enabled: boolean | undefined
      type: TokenType | undefined
    }> = {},
  ) {
    const detail = {
      sort: this.sort,
      direction: this.direction,
      q: this.query,
      page: this.page,
      ...(this.showOwner ? { owner: this.owner } : {}),
      enabled: this.enabledFilter,
      type: this.typeFilter,
      ...changes,
    }
    this.sort = detail.sort
    this.direction = detail.direction
    this.query = detail.q
    this.page = detail.page
    if (this.showOwner) this.owner = detail.owner
    this.enabledFilter = detail.enabled
    this.typeFilter = detail.type
    this.scrollToStart()
    this.dispatchEvent(new TokenQueryChangeEvent(detail))
  }

  private async openMenu(token: Token, button: HTMLElement, last = false) {
    if (!this.menu) {
      const { RowMenu } = await import('./row-menu')
      this.menu ??= new RowMenu(this, this.i18n, (action, token) =>
        this.dispatchEvent(new TokenRowActionEvent({ action, token })),
      )
    }
    await this.menu.open(token, button, last)
  }

  /** An Actions button's keys: ArrowDown opens its menu on the first item, ArrowUp on the last. */
  private onMenuKey(event: KeyboardEvent, token: Token) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    event.preventDefault()
    void this.openMenu(token, event.currentTarget as HTMLElement, event.key === 'ArrowUp')
  }

  /** Another page: focus goes to the table (its caption names it), never to `<body>`. */
  private goToPage(page: number) {
    this.focusTable = true
    this.renderRoot.querySelector<HTMLElement>('table')?.focus()
    this.requestQuery({ page })
  }

  private onOwnerMode(event: Event) {
    const mode = (event.target as HTMLSelectElement).value as OwnerMode
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

  private emptyText(): string {
    const { t } = this.i18n
    if (this.query) return t('noMatch', { query: this.query })
    if (this.showOwner && this.owner !== undefined) {
      return t('noMatch', { query: this.owner || t('ownerNone') })
    }
    return t('empty')
  }

  private body() {
    const { t } = this.i18n
    // Retry asks for the same rows again.
    if (this.error) return errorState(this.i18n, this.error, () => this.requestQuery())
    const first = this.loading && this.tokens.length === 0
    if (this.tokens.length === 0 && !this.loading) {
      const filtered = this.enabledFilter !== undefined || this.typeFilter !== undefined
      const text = filtered && !this.query ? t('noFilterMatch') : this.emptyText()
      return emptyState(text, text === t('empty'))
    }
    const row: RowContext = {
      i18n: this.i18n,
      now: Date.now(),
      showOwner: this.showOwner,
      canUpdate: this.canUpdate,
      canDelete: this.canDelete,
      act: (action, token) => this.dispatchEvent(new TokenRowActionEvent({ action, token })),
      openMenu: (token, button) => void this.openMenu(token, button),
      menuKey: (event, token) => this.onMenuKey(event, token),
    }
    return html`<div class="scroller" part="scroller">
        <table part="table" tabindex="-1" aria-busy=${this.loading ? 'true' : 'false'}>
          <caption class="visually-hidden">
            ${t('heading')}
          </caption>
          <thead>
            ${tableHead({
              i18n: this.i18n,
              sort: this.sort,
              direction: this.direction,
              showOwner: this.showOwner,
              toggleSort: (field) => this.toggleSort(field),
            })}
          </thead>
          <tbody>
            ${
              first
                ? skeletonRows(this.showOwner ? 7 : 6)
                : this.tokens.map((token) => tokenRow(token, row))
            }
          </tbody>
        </table>
      </div>
      ${this.menu?.render() ?? nothing}`
  }

  override render() {
    const { t } = this.i18n
    const pages = Math.max(1, Math.ceil((this.total ?? this.tokens.length) / this.pageSize))
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
        ${filters({
          i18n: this.i18n,
          enabled: this.enabledFilter,
          type: this.typeFilter,
          onEnabled: (enabled) => this.requestQuery({ enabled, page: 1 }),
          onType: (type) => this.requestQuery({ type, page: 1 }),
        })}
        ${
          this.showOwner
            ? ownerFilter({
                i18n: this.i18n,
                mode: this.ownerMode,
                owner: this.owner,
                onMode: (event) => this.onOwnerMode(event),
                onName: (event) => this.onOwnerName(event),
              })
            : nothing
        }
      </div>
      ${
        this.error
          ? nothing
          : resultCount(
              this.i18n,
              this.loading && !this.tokens.length ? undefined : (this.total ?? this.tokens.length),
              this.loading,
            )
      }
      ${this.body()} ${pager(this.i18n, this.page, pages, (page) => this.goToPage(page))}
    `
  }
}
