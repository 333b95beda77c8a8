// The template of `<api-token-settings>`'s create, edit and view views: what they render
// from the section's state and controllers, and which of the section's handlers their
// controls call. It holds no state and sends nothing. Re-exported by the edit view's
// chunk (internal/edit-elements.ts), so it arrives with the form, not in the list view
// (SPEC §11's budget).
import { html, nothing } from 'lit'
import type { FormDataController } from '../controllers/form-data'
import type { SessionController } from '../controllers/session'
import type { UsageController } from '../controllers/usage'
import type { ActivityController } from '../controllers/activity'
import type { ActivityPageEvent, TokenSaveEvent } from '../view-events'
import type { LocaleController } from '../i18n/locale-controller'
import { exportParts } from '../internal/parts'
import { exactTime } from '../internal/relative-time'
import type { LeakedChanges } from '../../contract/api-tokens'
import type { Token, TokenEvent } from '../types'
import type { SectionView } from './section-state'
import type { Language } from './section-views'
import '../i18n/english-views'

/**
 * A token disabled because its key leaked (SPEC §12): when it was reported, and a link to
 * where it was found (the report's `url`, a GitHub alert's), before the form.
 */
function leakNotice(
  token: Token | null,
  leak: TokenEvent | undefined,
  t: LocaleController['t'],
  locale: string,
) {
  if (token?.disabledReason !== 'leaked' || leak?.tokenId !== token.id) return nothing
  const { url } = (leak.changes ?? {}) as Partial<LeakedChanges>
  return html`<p class="leak" part="info" role="note">
    ${t('leakNotice', { date: exactTime(leak.at, locale) })}
    ${url ? html`<a href=${url} target="_blank" rel="noopener noreferrer">${t('leakReport')}</a>` : nothing}
  </p>`
}

/** A view that shows the form: create, edit or view. */
export type FormView = Exclude<SectionView, { kind: 'list' }>

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
    ${leakNotice(token, data.leak, t, locale)}
    <api-token-form
      exportparts=${exportParts.form}
      .token=${token}
      .catalog=${data.permissions}
      .routes=${data.routes}
      .tiers=${data.tiers}
      ?loading=${data.loading}
      .errors=${view.kind === 'view' ? [] : view.errors}
      .saving=${view.kind !== 'view' && view.saving}
      .readonly=${view.kind === 'view'}
      .showOwner=${session.operator}
      .grantable=${session.permissions.value?.meta?.grantable ?? null}
      .maxLifespanDays=${session.permissions.value?.meta?.maxLifespanDays ?? null}
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
