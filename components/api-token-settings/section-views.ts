// The templates of `<api-token-settings>`'s views: what each view renders from the
// section's state and controllers, and which of the section's handlers its controls call.
// They hold no state and send nothing.
import { html, nothing } from 'lit'
import type { FormDataController } from '../controllers/form-data'
import type { SessionController } from '../controllers/session'
import type { UsageController } from '../controllers/usage'
import type { ActivityController } from '../controllers/activity'
import { PAGE_SIZE, type TokenListController } from '../controllers/token-list'
import type {
  ActivityPageEvent,
  TokenQueryChangeEvent,
  TokenRowActionEvent,
  TokenSaveEvent,
} from '../events'
import type { LocaleController } from '../i18n/locale-controller'
import type { Strings } from '../i18n/strings-en'
import { exportParts } from '../internal/parts'
import type { SectionView } from './section-state'

/** What the parts need to speak the section's language. */
interface Language {
  locale?: string
  strings?: Partial<Strings>
}

export type FormView = Exclude<SectionView, { kind: 'list' }>

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

/**
 * Create, edit or view a token: Back, the key shown once, the form, Regenerate, and
 * (editing or viewing) the token's usage and its activity.
 */
export function formView(
  { t, locale }: LocaleController,
  language: Language,
  view: FormView,
  session: SessionController,
  data: FormDataController,
  usage: UsageController,
  activity: ActivityController,
  on: {
    back: () => void
    keyCopied: () => void
    save: (event: TokenSaveEvent) => void
    regenerate: () => void
  },
) {
  const token = view.kind === 'create' ? null : view.token
  return html`<button part="button" class="back" type="button" @click=${on.back}>
      ${t('backToList')}
    </button>
    ${
      view.kind === 'edit' && view.key
        ? html`<api-token-key
            exportparts=${exportParts.key}
            .value=${view.key.value}
            .locale=${locale}
            .strings=${language.strings}
            @api-token-key-copy=${on.keyCopied}
          ></api-token-key>`
        : nothing
    }
    <api-token-form
      exportparts=${exportParts.form}
      .token=${token}
      .catalog=${data.permissions}
      .routes=${data.routes}
      .tiers=${data.tiers}
      .errors=${view.kind === 'view' ? [] : view.errors}
      .saving=${view.kind !== 'view' && view.saving}
      .readonly=${view.kind === 'view'}
      .showOwner=${session.operator}
      .locale=${locale}
      .strings=${language.strings}
      @api-token-save=${on.save}
    >
      <h1 slot="heading" tabindex="-1">${token?.name ?? t('createTitle')}</h1>
      ${
        view.kind === 'edit' && session.can('regenerate')
          ? html`<button slot="actions" part="button" type="button" @click=${on.regenerate}>
              ${t('regenerate')}
            </button>`
          : nothing
      }
    </api-token-form>
    ${
      token
        ? html`<api-token-usage
              exportparts=${exportParts.usage}
              .usage=${usage.usage}
              .days=${usage.days}
              .loading=${usage.loading}
              .error=${usage.error}
              .locale=${locale}
              .strings=${language.strings}
            ></api-token-usage>
            <api-token-activity
              exportparts=${exportParts.activity}
              .events=${activity.events}
              .page=${activity.page}
              .pageCount=${activity.pageCount}
              .tiers=${data.tiers}
              .loading=${activity.loading}
              .error=${activity.error}
              .locale=${locale}
              .strings=${language.strings}
              @api-token-activity-page=${(e: ActivityPageEvent) => activity.goTo(e.detail.page)}
            ></api-token-activity>`
        : nothing
    }`
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
