import { html, nothing, type TemplateResult } from 'lit'
import type { TokenRowActionEvent } from '../events'
import type { LocaleController } from '../i18n/locale-controller'
import type { Strings } from '../i18n/strings-en'
import { formatNumber, pluralKey } from '../i18n/locale'
import { exactTime, expiryStatus, expiryTone, relativeTime } from '../internal/relative-time'
import type { Token } from '../types'

/** Each token type's label. */
export const TYPE_LABELS: Record<Token['type'], keyof Strings> = {
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
  /** Opens the row's actions menu under its button (`last`: on its last item). */
  openMenu(token: Token, button: HTMLElement): void
  /** The Actions button's own keys (ArrowDown, ArrowUp). */
  menuKey(event: KeyboardEvent, token: Token): void
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

/** The row's one "Actions" button, named after the token, opening its menu. */
function actions(token: Token, context: RowContext): TemplateResult {
  const { t } = context.i18n
  return html`<button
    part="button actions"
    type="button"
    aria-haspopup="menu"
    aria-label=${t('actionsFor', { name: token.name })}
    @click=${(event: Event) => context.openMenu(token, event.currentTarget as HTMLElement)}
    @keydown=${(event: KeyboardEvent) => context.menuKey(event, token)}
  >
    <span aria-hidden="true">⋯</span>
  </button>`
}

/** An IP allow-list and a rate-limit tier, as small badges with their meaning spelt out. */
function restrictions(token: Token, { i18n }: RowContext): TemplateResult {
  const { t, locale } = i18n
  const count = token.allowedIps.length
  const ips = count
    ? html`<span class="badge" part="badge restriction" title=${token.allowedIps.join(', ')}
        ><span aria-hidden="true">${t('ipBadge', { count })}</span
        ><span class="visually-hidden"
          >${t(pluralKey('ipRestricted', count, locale), { count })}</span
        ></span
      >`
    : nothing
  const tier = token.rateLimit
  const rate = tier
    ? html`<span class="badge" part="badge restriction" title=${t('rateLimited', { tier })}
        ><span aria-hidden="true">⏱ ${tier}</span
        ><span class="visually-hidden">${t('rateLimited', { tier })}</span></span
      >`
    : nothing
  return html`${ips}${rate}`
}

/** A metered token's remaining credits (SPEC §13) as a badge, in the danger tone at 0. */
function creditsBadge({ credits }: Token, { i18n: { t, locale } }: RowContext) {
  if (!credits) return nothing
  const { remaining } = credits
  return html`<span class=${remaining ? 'badge' : 'badge danger'} part="badge credits"
    >${t('creditsLeft', { count: formatNumber(remaining, locale) })}</span
  >`
}

/**
 * The row header: the name (bold; the row's accessible name; a button that opens the token,
 * for editing or viewing as the admin may), the key hint beneath it, and
 * the description, if any, as a muted line clamped to two lines, whole on hover.
 */
function nameCell(token: Token, context: RowContext): TemplateResult {
  const nameId = `token-name-${token.id}`
  const open = context.canUpdate ? 'edit' : 'view'
  return html`<th scope="row" class="name-cell" aria-labelledby=${nameId}>
    <button
      class="name"
      part="name"
      id=${nameId}
      type="button"
      @click=${() => context.act(open, token)}
    >
      ${token.name}
    </button>
    <code class="key-hint" part="key-hint">${token.keyHint}</code>
    ${
      token.description
        ? html`<span class="muted description" title=${token.description}
            >${token.description}</span
          >`
        : nothing
    }
  </th>`
}

/**
 * The status: a "Disabled" badge for a disabled token ("Disabled — leaked" when its key
 * was reported), the expiry badge, the restrictions, a metered token's remaining credits,
 * and "Strapi key" for a key imported from Strapi (SPEC §12) until it is regenerated.
 */
function statusCell(token: Token, context: RowContext): TemplateResult {
  const { t } = context.i18n
  return html`<td>
    <div class="status">
      ${
        token.enabled === false
          ? html`<span class="badge danger" part="badge disabled"
              >${t(token.disabledReason === 'leaked' ? 'disabledLeaked' : 'disabled')}</span
            >`
          : nothing
      }
      ${expiryBadge(token, context)} ${restrictions(token, context)} ${creditsBadge(token, context)}
      ${token.legacy ? html`<span class="badge" part="badge legacy">${t('strapiKey')}</span>` : nothing}
    </div>
  </td>`
}

/** One token's row: name (with key hint and description), owner (operators), dates, type, status, actions. */
export function tokenRow(token: Token, context: RowContext): TemplateResult {
  const { t } = context.i18n
  const owner = (token.owner as string | null | undefined) ?? null
  return html`<tr part="row">
    ${nameCell(token, context)}
    ${
      context.showOwner
        ? html`<td class="owner" part="owner">
            ${owner ?? html`<span class="muted" title=${t('ownerNone')}>—</span>`}
          </td>`
        : nothing
    }
    <td class="nowrap created">${time(token.createdAt, '', context)}</td>
    <td class="nowrap last-used">
      <span class="label">${t('columnLastUsed')}:</span>
      ${time(token.lastUsedAt, t('never'), context)}
    </td>
    <td class="nowrap">${typeBadge(token, context)}</td>
    ${statusCell(token, context)}
    <td class="sticky-end">${actions(token, context)}</td>
  </tr>`
}
