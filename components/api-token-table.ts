import { LitElement, css, html, nothing } from 'lit'
import { TokenQueryChangeEvent, TokenRowActionEvent } from './events'
import { exactTime, expiryStatus, relativeTime } from './relative-time'
import { sharedStyles } from './styles'
import type { SortDirection, SortField, Token } from './types'

const TYPE_LABELS: Record<Token['type'], string> = {
  'read-only': 'Read-only',
  'full-access': 'Full access',
  custom: 'Custom',
}

const SORTABLE: { field: SortField; label: string }[] = [
  { field: 'name', label: 'Name' },
  { field: 'createdAt', label: 'Created at' },
  { field: 'lastUsedAt', label: 'Last used' },
]

/**
 * The list of API tokens: a real `<table>` with sortable Name, Created at and Last used
 * columns (`aria-sort`), a search box, pages, row actions, and empty, loading and error
 * states. It renders what it is given and asks for changes through events; it never
 * fetches.
 *
 * @event api-token-row-action - `detail: {action: 'edit' | 'view' | 'delete', token}`
 * @event api-token-query-change - `detail: {sort, direction, q, page}`: sort, search or page changed
 *
 * @csspart table - The `<table>`.
 * @csspart row - Each token's row.
 * @csspart button - Every button.
 * @csspart search - The search box.
 * @csspart empty - The empty state.
 *
 * @cssproperty --tollgate-color-border - Lines between rows.
 * @cssproperty --tollgate-color-muted - Secondary text.
 *
 * @tagname api-token-table
 */
export class ApiTokenTable extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .toolbar {
        display: flex;
        justify-content: space-between;
        gap: var(--_space);
        margin-block-end: var(--_space);
      }
      input[type='search'] {
        font: inherit;
        padding: calc(var(--_space) * 0.75);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        min-width: 16rem;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        background: var(--_surface);
      }
      th,
      td {
        text-align: start;
        padding: var(--_space);
        border-block-end: 1px solid var(--_border);
        vertical-align: middle;
      }
      th button {
        border: none;
        background: none;
        padding: 0;
        font-weight: 600;
      }
      .muted {
        color: var(--_muted);
      }
      .actions {
        display: flex;
        gap: calc(var(--_space) / 2);
        justify-content: flex-end;
      }
      .state {
        padding: calc(var(--_space) * 4);
        text-align: center;
        border: 1px dashed var(--_border);
        border-radius: var(--_radius);
      }
      .pages {
        display: flex;
        gap: var(--_space);
        align-items: center;
        justify-content: flex-end;
        margin-block-start: var(--_space);
      }
    `,
  ]

  static override properties = {
    tokens: { attribute: false },
    total: { type: Number },
    page: { type: Number },
    pageSize: { type: Number, attribute: 'page-size' },
    sort: { type: String },
    direction: { type: String },
    query: { type: String },
    loading: { type: Boolean, reflect: true },
    error: { type: String },
    canUpdate: { type: Boolean, attribute: 'can-update' },
    canDelete: { type: Boolean, attribute: 'can-delete' },
  }

  /** The tokens of the current page. */
  declare tokens: Token[]
  /** How many tokens match in all (for paging); defaults to the rows given. */
  declare total: number | undefined
  /** The current page, from 1. */
  declare page: number
  /** Rows per page. */
  declare pageSize: number
  /** The sorted column. */
  declare sort: SortField
  /** The sort direction. */
  declare direction: SortDirection
  /** The search text. */
  declare query: string
  /** Whether rows are being fetched. */
  declare loading: boolean
  /** A message to show instead of rows when they could not be fetched. */
  declare error: string
  /** Whether rows offer "Edit" (else "View"). */
  declare canUpdate: boolean
  /** Whether rows offer "Delete". */
  declare canDelete: boolean

  private searchTimer: ReturnType<typeof setTimeout> | undefined

  constructor() {
    super()
    this.tokens = []
    this.total = undefined
    this.page = 1
    this.pageSize = 25
    this.sort = 'name'
    this.direction = 'asc'
    this.query = ''
    this.loading = false
    this.error = ''
    this.canUpdate = false
    this.canDelete = false
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    clearTimeout(this.searchTimer)
  }

  private requestQuery(
    changes: Partial<{ sort: SortField; direction: SortDirection; q: string; page: number }>,
  ) {
    const detail = {
      sort: this.sort,
      direction: this.direction,
      q: this.query,
      page: this.page,
      ...changes,
    }
    this.sort = detail.sort
    this.direction = detail.direction
    this.query = detail.q
    this.page = detail.page
    this.dispatchEvent(new TokenQueryChangeEvent(detail))
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

  private sortHeader({ field, label }: { field: SortField; label: string }) {
    const active = this.sort === field
    const ariaSort = active ? (this.direction === 'asc' ? 'ascending' : 'descending') : 'none'
    const arrow = active ? (this.direction === 'asc' ? '▲' : '▼') : ''
    return html`<th scope="col" aria-sort=${ariaSort}>
      <button part="button" type="button" @click=${() => this.toggleSort(field)}>
        ${label} <span aria-hidden="true">${arrow}</span>
      </button>
    </th>`
  }

  private time(iso: string | null, never: string) {
    if (!iso) return html`<span class="muted">${never}</span>`
    return html`<time datetime=${iso} title=${exactTime(iso)}>${relativeTime(iso)}</time>`
  }

  private row(token: Token) {
    const open = this.canUpdate ? 'edit' : 'view'
    return html`<tr part="row">
      <th scope="row">${token.name}</th>
      <td class="muted">${token.description}</td>
      <td>${this.time(token.createdAt, '')}</td>
      <td>${this.time(token.lastUsedAt, 'Never')}</td>
      <td>${TYPE_LABELS[token.type]}</td>
      <td>${expiryStatus(token.expiresAt)}</td>
      <td>
        <div class="actions">
          <button
            part="button"
            type="button"
            aria-label="${this.canUpdate ? 'Edit' : 'View'} ${token.name}"
            @click=${() => this.rowAction(open, token)}
          >
            ${this.canUpdate ? 'Edit' : 'View'}
          </button>
          ${
            this.canDelete
              ? html`<button
                  part="button"
                  type="button"
                  aria-label="Delete ${token.name}"
                  @click=${() => this.rowAction('delete', token)}
                >
                  Delete
                </button>`
              : nothing
          }
        </div>
      </td>
    </tr>`
  }

  private body() {
    if (this.error) return html`<div class="state" role="alert">${this.error}</div>`
    if (this.loading && this.tokens.length === 0) {
      return html`<div class="state" role="status" aria-live="polite">Loading API Tokens…</div>`
    }
    if (this.tokens.length === 0) {
      return html`<div class="state" part="empty">
        ${this.query ? `No API Token matches “${this.query}”` : 'Add your first API Token'}
      </div>`
    }
    return html`<table part="table" aria-busy=${this.loading ? 'true' : 'false'}>
      <caption class="visually-hidden">
        API Tokens
      </caption>
      <thead>
        <tr>
          ${this.sortHeader(SORTABLE[0]!)}
          <th scope="col">Description</th>
          ${this.sortHeader(SORTABLE[1]!)} ${this.sortHeader(SORTABLE[2]!)}
          <th scope="col">Type</th>
          <th scope="col">Expiry</th>
          <th scope="col"><span class="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        ${this.tokens.map((token) => this.row(token))}
      </tbody>
    </table>`
  }

  private pager() {
    const total = this.total ?? this.tokens.length
    const pages = Math.max(1, Math.ceil(total / this.pageSize))
    if (pages <= 1) return nothing
    return html`<nav class="pages" aria-label="Pages">
      <button
        part="button"
        type="button"
        ?disabled=${this.page <= 1}
        @click=${() => this.requestQuery({ page: this.page - 1 })}
      >
        Previous page
      </button>
      <span>Page ${this.page} of ${pages}</span>
      <button
        part="button"
        type="button"
        ?disabled=${this.page >= pages}
        @click=${() => this.requestQuery({ page: this.page + 1 })}
      >
        Next page
      </button>
    </nav>`
  }

  override render() {
    return html`
      <div class="toolbar">
        <label>
          <span class="visually-hidden">Search tokens</span>
          <input
            part="search"
            type="search"
            placeholder="Search tokens"
            aria-label="Search tokens"
            .value=${this.query}
            @input=${this.onSearch}
          />
        </label>
      </div>
      ${this.body()} ${this.pager()}
    `
  }
}
