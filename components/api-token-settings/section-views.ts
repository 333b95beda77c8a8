// The templates of `<api-token-settings>`'s list view and dialogs: what each renders from
// the section's state and controllers, and which of the section's handlers its controls
// call. They hold no state and send nothing. The form views' template is form-view.ts, in
// a chunk loaded when a form first opens.
import { html, nothing } from 'lit'
import type { SessionController } from '../controllers/session'
import { PAGE_SIZE, type TokenListController } from '../controllers/token-list'
import type { TokenQueryChangeEvent, TokenRowActionEvent } from '../events'
import type { LocaleController } from '../i18n/locale-controller'
import type { Strings } from '../i18n/strings-en'
import { exportParts } from '../internal/parts'

/** What the parts need to speak the section's language. */
export interface Language {
  locale?: string
  strings?: Partial<Strings>
}

/** The list: heading (focusable, for focus after navigation), Create, and the table. */
export function listView(
  { t, locale }: LocaleController,
  language: Language,
  session: SessionController,
  list: TokenListController,
  on: { create: () => void; rowAction: (event: TokenRowActionEvent) => void },
) {
  return html`<header part="header">
      <div>
        <h1 tabindex="-1">${t('heading')}</h1>
        <p class="subtitle">${t('subheading')}</p>
      </div>
      ${
        session.can('create')
          ? html`<button part="button" class="primary" type="button" @click=${on.create}>
              ${t('create')}
            </button>`
          : nothing
      }
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
      .locale=${locale}
      .strings=${language.strings}
      @api-token-row-action=${on.rowAction}
      @api-token-query-change=${(e: TokenQueryChangeEvent) => list.setQuery(e.detail)}
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
