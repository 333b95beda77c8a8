import { html, nothing, type TemplateResult } from 'lit'
import type { LocaleController } from '../i18n/locale-controller'
import { exactTime } from '../internal/relative-time'
import type { Token } from '../types'
import '../i18n/english-views'

/** "Expires on 12 March 2027 at 14:00", "Expired on …" or "Never expires", dated in the element's locale. */
export function expiryLine(
  expiresAt: string | null,
  { t, locale }: LocaleController,
  now = Date.now(),
): string {
  if (expiresAt === null) return t('neverExpires')
  let format: Intl.DateTimeFormat
  try {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' })
  } catch {
    format = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' })
  }
  const date = format.format(new Date(expiresAt))
  return t(Date.parse(expiresAt) <= now ? 'expiredOn' : 'expiresOn', { date })
}

/**
 * The edit view's lines under the header: a "Disabled" badge ("Disabled — leaked" when the
 * key was reported), "Strapi key" for an imported key, the key hint, the owner
 * (operators), the exact expiry, and the previous key while it still works.
 */
export function tokenInfo(
  token: Token,
  i18n: LocaleController,
  showOwner: boolean,
): TemplateResult {
  const { t, locale } = i18n
  const previous = token.previousKey
  return html`<p class="info" part="info">
      ${
        token.enabled === false
          ? html`<span class="badge danger" part="badge disabled"
              >${t(token.disabledReason === 'leaked' ? 'disabledLeaked' : 'disabled')}</span
            >`
          : nothing
      }
      ${token.legacy ? html`<span class="badge" part="badge legacy">${t('strapiKey')}</span>` : nothing}
      <span>${t('keyHint')} <code part="key-hint">${token.keyHint}</code></span>
      ${
        showOwner
          ? html`<span part="owner"
              >${t('ownerLine', { owner: (token.owner as string | null) ?? '—' })}</span
            >`
          : nothing
      }
      ${
        token.expiresAt === null
          ? html`<span>${expiryLine(null, i18n)}</span>`
          : html`<time datetime=${token.expiresAt}>${expiryLine(token.expiresAt, i18n)}</time>`
      }
    </p>
    ${
      previous && Date.parse(previous.expiresAt) > Date.now()
        ? html`<p class="info previous" part="previous-key">
            ${t('previousKeyUntil', {
              hint: previous.keyHint,
              date: exactTime(previous.expiresAt, locale),
            })}
          </p>`
        : nothing
    }`
}
