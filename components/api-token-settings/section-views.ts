// The templates of `<api-token-settings>`'s list view and dialogs: what each renders from
// the section's state and controllers, and which of the section's handlers its controls
// call. They hold no state and send nothing. The form views' template is form-view.ts, in
// a chunk loaded when a form first opens.
import { html, nothing } from 'lit'
import type { SessionController } from '../controllers/session'
import { PAGE_SIZE, type TokenListController } from '../controllers/token-list'
import type { TokenQueryChangeEvent, TokenRowActionEvent } from '../events'
import type { LocaleController } from '../i18n/locale-controller'
import type { StringOverrides } from '../i18n/strings-en'
import { exportParts } from '../internal/parts'

/** What the parts need to speak the section's language. */
export interface Language {
  locale?: string
  strings?: StringOverrides
}

/**
 * The list: heading (focusable, for focus after navigation), Create, and the table — with
 * Create again in the table's empty state (its `empty-action` slot).
 */
export function listView(
  { t, locale }: LocaleController,
  language: Language,
  session: SessionController,
  list: TokenListController,
  on: { create: () => void; rowAction: (event: TokenRowActionEvent) => void },
) {
  // Create, in the header and (as "Add your first API Token") in the table's empty state.
  const create = (label: string, slot?: string) =>
    session.can('create')
      ? html`<button
          part="button"
          class="primary"
          type="button"
          slot=${slot ?? nothing}
          @click=${on.create}
        >
          ${label}
        </button>`
      : nothing
  return html`<header part="header">
      <div>
        <h1 tabindex="-1">${t('heading')}</h1>
        <p class="subtitle">${t('subheading')}</p>
      </div>
      ${create(t('create'))}
    </header>
    <api-token-table
      exportparts=${exportParts.table}
      .tokens=${list.tokens}
      .total=${list.total}
      .page=${list.query.page}
      .pageSize=${PAGE_SIZE}
      .sort=${list.query.sort}
      .direction=${list.query.direction}
      .query=${list.query.q}
      .loading=${list.loading}
      .error=${list.error}
      .canUpdate=${session.can('update')}
      .canDelete=${session.can('delete')}
      .showOwner=${session.operator}
      .owner=${list.query.owner}
      .enabledFilter=${list.query.enabled}
      .typeFilter=${list.query.type}
      .locale=${locale}
      .strings=${language.strings}
      @api-token-row-action=${on.rowAction}
      @api-token-query-change=${(e: TokenQueryChangeEvent) => list.setQuery(e.detail)}
    >
      ${list.tokens.length || list.loading || list.error ? nothing : create(t('empty'), 'empty-action')}
    </api-token-table>`
}

/**
 * While the admin's permissions load: the list's title and the table's skeleton rows, in
 * the height the list then takes (no jump when the rows arrive). The title is no heading
 * yet: the list's `<h1>` comes with the list.
 */
export function listPlaceholder({ t, locale }: LocaleController, language: Language) {
  return html`<header part="header">
      <div>
        <p class="title">${t('heading')}</p>
        <p class="subtitle">${t('subheading')}</p>
      </div>
    </header>
    <api-token-table
      exportparts=${exportParts.table}
      loading
      .locale=${locale}
      .strings=${language.strings}
    ></api-token-table>`
}

/** The section's dialogs: delete, regenerate, and the confirmation before leaving a view. */
export function sectionDialogs({ locale, strings }: Language) {
  return html`<api-token-delete-dialog
      exportparts=${exportParts.dialog}
      .locale=${locale}
      .strings=${strings}
    ></api-token-delete-dialog>
    <api-token-regenerate-dialog
      exportparts=${exportParts.regenerateDialog}
      .locale=${locale}
      .strings=${strings}
    ></api-token-regenerate-dialog>
    <api-token-confirm-dialog
      exportparts=${exportParts.dialog}
      .locale=${locale}
      .strings=${strings}
    ></api-token-confirm-dialog>`
}
