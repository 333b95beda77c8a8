import { html, nothing, type TemplateResult } from 'lit'
import type { TokenRowActionEvent } from '../events'
import type { LocaleController } from '../i18n/locale-controller'
import type { Strings } from '../i18n/strings-en'
import { exactTime, expiryStatus, expiryTone, relativeTime } from '../internal/relative-time'
import type { Token } from '../types'

const TYPE_LABELS: Record<Token['type'], keyof Strings> = {
  'read-only': 'typeReadOnly',
  'full-access': 'typeFullAccess',
  custom: 'typeCustom',
}

/** What a row's template needs from `<api-token-table>`. */
export interface RowContext {
  readonly i18n: LocaleController
  /** The time relative dates count from (one per render, so rows agree). */
  readonly now: number
  readonly showOwner: boolean
  readonly canUpdate: boolean
  readonly canDelete: boolean
  /** Emits the row action. */
  act(action: TokenRowActionEvent['detail']['action'], token: Token): void
}

/** A relative date with the exact one on hover, or `never` (muted) when there is none. */
function time(iso: string | null, never: string, { now, i18n }: RowContext): TemplateResult {
  if (!iso) return html`<span class="muted">${never}</span>`
  return html`<time datetime=${iso} title=${exactTime(iso, i18n.locale)}
    >${relativeTime(iso, now, i18n.locale)}</time
  >`
}

/** The type as a badge; Custom with its number of permissions ("Custom · 3"). */
function typeBadge(token: Token, { i18n: { t } }: RowContext): TemplateResult {
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

/** The expiry as a badge in its tone (expired, expiring within 7 days, neutral), dated on hover. */
function expiryBadge(token: Token, { i18n, now }: RowContext): TemplateResult {
  const { expiresAt } = token
  const { t, locale } = i18n
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

/** Edit (or View) and, with the permission, Delete; each named after the token. */
function actions(token: Token, context: RowContext): TemplateResult {
  const { t } = context.i18n
  const open = context.canUpdate ? 'edit' : 'view'
  return html`<div class="actions">
    <button
      part="button"
      type="button"
      aria-label=${t(context.canUpdate ? 'editToken' : 'viewToken', { name: token.name })}
      @click=${() => context.act(open, token)}
    >
      ${t(open)}
    </button>
    ${
      context.canDelete
        ? html`<button
            part="button"
            type="button"
            aria-label=${t('deleteToken', { name: token.name })}
            @click=${() => context.act('delete', token)}
          >
            ${t('delete')}
          </button>`
        : nothing
    }
  </div>`
}

/** One token's row: name, owner (operators), key hint, description, dates, badges, actions. */
export function tokenRow(token: Token, context: RowContext): TemplateResult {
  const { t } = context.i18n
  const owner = (token.owner as string | null | undefined) ?? null
  return html`<tr part="row">
    <th scope="row">${token.name}</th>
    ${
      context.showOwner
        ? html`<td class="nowrap" part="owner">
            ${owner ?? html`<span class="muted" title=${t('ownerNone')}>—</span>`}
          </td>`
        : nothing
    }
    <td class="nowrap"><code class="key-hint" part="key-hint">${token.keyHint}</code></td>
    <td class="muted description">${token.description}</td>
    <td class="nowrap">${time(token.createdAt, '', context)}</td>
    <td class="nowrap">${time(token.lastUsedAt, t('never'), context)}</td>
    <td class="nowrap">${typeBadge(token, context)}</td>
    <td class="nowrap">
      ${
        token.enabled === false
          ? html`<span class="badge danger" part="badge disabled">${t('disabled')}</span>`
          : nothing
      }
      ${expiryBadge(token, context)}
    </td>
    <td class="nowrap sticky-end">${actions(token, context)}</td>
  </tr>`
}
