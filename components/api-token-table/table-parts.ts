import { html, nothing, type TemplateResult } from 'lit'
import type { LocaleController } from '../i18n/locale-controller'
import type { Strings } from '../i18n/strings-en'
import type { SortDirection, SortField } from '../types'

/** The owner filter's choice (operators): all owners, tokens without owner, or one owner. */
export type OwnerMode = 'all' | 'none' | 'specific'

const SORTABLE: Record<SortField, keyof Strings> = {
  name: 'columnName',
  createdAt: 'columnCreatedAt',
  lastUsedAt: 'columnLastUsed',
  expiresAt: 'columnStatus',
}

/** What the header row needs: the sort, and how to change it. */
export interface HeadContext {
  readonly i18n: LocaleController
  readonly sort: SortField
  readonly direction: SortDirection
  readonly showOwner: boolean
  toggleSort(field: SortField): void
}

/** A sortable column's header: a button, with `aria-sort` on the cell. */
function sortHeader(field: SortField, context: HeadContext): TemplateResult {
  const active = context.sort === field
  const ascending = context.direction === 'asc'
  const ariaSort = active ? (ascending ? 'ascending' : 'descending') : 'none'
  const arrow = active ? (ascending ? '▲' : '▼') : ''
  const { t } = context.i18n
  const label = t(SORTABLE[field])
  // The Status column sorts by expiry; its button says so.
  const name = field === 'expiresAt' ? t('sortByExpiry', { column: label }) : label
  return html`<th scope="col" aria-sort=${ariaSort}>
    <button
      part="button"
      type="button"
      aria-label=${name}
      title=${name}
      @click=${() => context.toggleSort(field)}
    >
      ${label} <span aria-hidden="true">${arrow}</span>
    </button>
  </th>`
}

/** The table's header row, in the order of the row's cells. */
export function tableHead(context: HeadContext): TemplateResult {
  const { t } = context.i18n
  return html`<tr>
    ${sortHeader('name', context)}
    ${context.showOwner ? html`<th scope="col">${t('columnOwner')}</th>` : nothing}
    ${sortHeader('createdAt', context)} ${sortHeader('lastUsedAt', context)}
    <th scope="col">${t('columnType')}</th>
    ${sortHeader('expiresAt', context)}
    <th scope="col" class="sticky-end">
      <span class="visually-hidden">${t('columnActions')}</span>
    </th>
  </tr>`
}

/** Previous, "Page N of M", Next; nothing when everything fits on one page. */
export function pager(
  i18n: LocaleController,
  page: number,
  pages: number,
  go: (page: number) => void,
): TemplateResult | typeof nothing {
  const { t } = i18n
  if (pages <= 1) return nothing
  return html`<nav class="pages" aria-label=${t('pages')}>
    <button part="button" type="button" ?disabled=${page <= 1} @click=${() => go(page - 1)}>
      ${t('previousPage')}
    </button>
    <span>${t('pageOf', { page, pages })}</span>
    <button part="button" type="button" ?disabled=${page >= pages} @click=${() => go(page + 1)}>
      ${t('nextPage')}
    </button>
  </nav>`
}

/** What the owner filter needs: the choice, the owner asked for, and the handlers. */
export interface OwnerFilterContext {
  readonly i18n: LocaleController
  readonly mode: OwnerMode
  readonly owner: string | undefined
  onMode(event: Event): void
  onName(event: InputEvent): void
}

/** The operator's owner filter: which owners, and the name of a specific one. */
export function ownerFilter({
  i18n,
  mode,
  owner,
  onMode,
  onName,
}: OwnerFilterContext): TemplateResult {
  const { t } = i18n
  return html`<div class="owner-filter">
    <label>
      <span class="visually-hidden">${t('ownerFilter')}</span>
      <select id="owner-mode" part="owner-filter" aria-label=${t('ownerFilter')} @change=${onMode}>
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
              .value=${owner ?? ''}
              @input=${onName}
            />
          </label>`
        : nothing
    }
  </div>`
}
