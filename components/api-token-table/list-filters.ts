import { html, nothing, type TemplateResult } from 'lit'
import type { LocaleController } from '../i18n/locale-controller'
import { formatNumber, pluralKey } from '../i18n/locale'
import type { TokenType } from '../types'
import { TYPE_LABELS } from './token-row'

/** What the status and type filters need: the current choices, and how to change them. */
export interface FiltersContext {
  readonly i18n: LocaleController
  /** Only enabled (`true`) or disabled (`false`) tokens; `undefined` = both. */
  readonly enabled: boolean | undefined
  readonly type: TokenType | undefined
  onEnabled(enabled: boolean | undefined): void
  onType(type: TokenType | undefined): void
}

/** The status filter (All / Enabled / Disabled) and the type filter (All / each type). */
export function filters({
  i18n,
  enabled,
  type,
  onEnabled,
  onType,
}: FiltersContext): TemplateResult {
  const { t } = i18n
  const status = enabled === undefined ? '' : String(enabled)
  return html`<select
      part="filter"
      aria-label=${t('filterStatus')}
      @change=${(event: Event) => {
        const value = (event.target as HTMLSelectElement).value
        onEnabled(value ? value === 'true' : undefined)
      }}
    >
      <option value="" ?selected=${status === ''}>${t('statusAll')}</option>
      <option value="true" ?selected=${status === 'true'}>${t('enabled')}</option>
      <option value="false" ?selected=${status === 'false'}>${t('disabled')}</option>
    </select>
    <select
      part="filter"
      aria-label=${t('filterType')}
      @change=${(event: Event) => {
        const value = (event.target as HTMLSelectElement).value as TokenType | ''
        onType(value || undefined)
      }}
    >
      <option value="" ?selected=${!type}>${t('typeAll')}</option>
      ${(Object.keys(TYPE_LABELS) as TokenType[]).map(
        (value) =>
          html`<option value=${value} ?selected=${type === value}>
            ${t(TYPE_LABELS[value])}
          </option>`,
      )}
    </select>`
}

/**
 * The result count ("12 tokens", from the API's `meta.pagination.total`) and, while rows
 * are pending, a pending sign; announced politely.
 */
export function resultCount(
  { t, locale }: LocaleController,
  total: number | undefined,
  loading: boolean,
): TemplateResult {
  return html`<p class="count" part="result-count" role="status">
    ${total === undefined ? nothing : t(pluralKey('resultCount', total, locale), { count: formatNumber(total, locale) })}
    ${loading ? html`<span class="pending">${t('loading')}</span>` : nothing}
  </p>`
}
