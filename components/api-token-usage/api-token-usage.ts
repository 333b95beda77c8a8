import { LitElement, html, nothing, svg } from 'lit'
import { property } from 'lit/decorators.js'
import { USAGE_DAYS } from '../../contract/api-tokens'
import { LocaleController } from '../i18n/locale-controller'
import { formatDay, formatNumber, pluralKey } from '../i18n/locale'
import type { StringOverrides } from '../i18n/strings-en'
import { sharedStyles } from '../internal/styles'
import { usageStyles } from './api-token-usage.styles'
import type { TokenUsage } from '../types'
import { usageBars } from '../internal/usage-bars'
import '../i18n/english-views'

/** The chart's drawing box, in SVG units (it stretches to the element's width). */
const CHART_HEIGHT = 100
const BAR_STEP = 10
const BAR_GAP = 2

/**
 * A token's use over the last days: the heading "Usage", a summary line ("42 requests
 * passed, 3 refused in the last 30 days"), and a bar chart drawn in SVG — one bar per
 * UTC day, requests passed and refused stacked in two colours. The chart is an image
 * (`role="img"`) named by the summary; its numbers are in a table behind a "Show as
 * table" disclosure (a native `<details>`), reachable by everyone, keyboard and screen
 * readers included. With no request in the window it says "No requests in the last
 * 30 days" instead. It never fetches: the section loads the usage and sets `usage`,
 * `loading` and `error`.
 *
 * The summary element (`part="summary"`, also shown in the empty state) carries the
 * totals as `data-requests` and `data-refused`, for tests and tooling.
 *
 * @csspart usage - The whole block.
 * @csspart summary - The summary line (or the empty-state message), with `data-requests` and `data-refused`.
 * @csspart chart - The `<svg>`.
 * @csspart table-toggle - The "Show as table" disclosure.
 * @csspart day-table - The table of days.
 *
 * @cssproperty --tollgate-font - Font family (default: inherited from the host page).
 * @cssproperty --tollgate-space - The spacing unit (default 8px).
 * @cssproperty --tollgate-radius - Corner radius (default 4px).
 * @cssproperty --tollgate-color-text - Text.
 * @cssproperty --tollgate-color-muted - Secondary text.
 * @cssproperty --tollgate-color-surface - Boxes, tables, inputs and dialogs.
 * @cssproperty --tollgate-color-border - Borders and the outlines of controls.
 * @cssproperty --tollgate-color-primary - Primary buttons and focus rings.
 * @cssproperty --tollgate-color-on-primary - Text on the primary colour.
 * @cssproperty --tollgate-color-danger - Errors and destructive buttons.
 * @cssproperty --tollgate-color-on-danger - Text on the danger colour.
 * @cssproperty --tollgate-color-chart-passed - Bars of requests passed (default: the primary colour).
 * @cssproperty --tollgate-color-chart-refused - Bars of requests refused (default: the danger colour).
 * @cssproperty --tollgate-usage-chart-height - The chart's height (default 8rem).
 *
 * @tagname api-token-usage
 */
export class ApiTokenUsage extends LitElement {
  static override styles = [sharedStyles, usageStyles]

  /** The usage to show (`GET /admin/api-tokens/:id/usage`), or `null` when none is loaded. */
  @property({ attribute: false }) accessor usage: TokenUsage | null = null
  /** The window the usage covers, in days (for the texts). */
  @property({ type: Number }) accessor days: number = USAGE_DAYS.default
  /** Whether the usage is loading. */
  @property({ type: Boolean, reflect: true }) accessor loading: boolean = false
  /** The message of a failed load, or `''`. */
  @property() accessor error: string = ''
  /** The language (a BCP 47 tag) of the texts, dates and numbers; unset, the element's `lang` decides. */
  @property() accessor locale: string | undefined = undefined
  /** The host's replacements for any of the section's strings, by key. */
  @property({ attribute: false }) accessor strings: StringOverrides | undefined = undefined

  private readonly i18n = new LocaleController(this)

  /** "42 requests passed, 3 refused in the last 30 days", in the element's language. */
  private summary({ requests, refused }: TokenUsage['total']): string {
    const { t, locale } = this.i18n
    const count = (n: number) => ({ count: formatNumber(n, locale) })
    return t('usageSummary', {
      passed: t(pluralKey('usagePassed', requests, locale), count(requests)),
      refused: t(pluralKey('usageRefused', refused, locale), count(refused)),
      days: formatNumber(this.days, locale),
    })
  }

  private chart(usage: TokenUsage, label: string) {
    const { t, locale } = this.i18n
    const number = (n: number) => formatNumber(n, locale)
    const { bars, max, step } = usageBars(usage.days, {
      height: CHART_HEIGHT,
      step: BAR_STEP,
      gap: BAR_GAP,
    })
    const width = Math.max(1, bars.length) * step
    const first = usage.days[0]
    const last = usage.days[usage.days.length - 1]
    return html`<figure>
      <div class="plot">
        <span class="scale" aria-hidden="true">${number(max)}</span>
        <svg
          part="chart"
          role="img"
          aria-label=${label}
          viewBox="0 0 ${width} ${CHART_HEIGHT}"
          preserveAspectRatio="none"
        >
          ${bars.map(
            (bar) =>
              svg`<g class="bar" data-date=${bar.date}>
                <title>${t('usageDay', {
                  date: formatDay(bar.date, locale),
                  passed: number(bar.requests),
                  refused: number(bar.refused),
                })}</title>
                <rect class="passed" x=${bar.x} y=${bar.passedY} width=${step - BAR_GAP} height=${bar.passedHeight}></rect>
                <rect class="refused" x=${bar.x} y=${bar.refusedY} width=${step - BAR_GAP} height=${bar.refusedHeight}></rect>
              </g>`,
          )}
        </svg>
      </div>
      ${
        first && last
          ? html`<div class="dates" aria-hidden="true">
              <span>${formatDay(first.date, locale)}</span>
              <span>${formatDay(last.date, locale)}</span>
            </div>`
          : nothing
      }
      <ul class="legend" aria-hidden="true">
        <li><span class="swatch passed"></span>${t('usageColumnPassed')}</li>
        <li><span class="swatch refused"></span>${t('usageColumnRefused')}</li>
      </ul>
    </figure>`
  }

  private table(usage: TokenUsage) {
    const { t, locale } = this.i18n
    return html`<details part="table-toggle">
      <summary>${t('usageShowTable')}</summary>
      <div class="scroller" tabindex="0" role="region" aria-labelledby="usage-caption">
        <table part="day-table">
          <caption id="usage-caption">
            ${t('usageTableCaption', { days: formatNumber(this.days, locale) })}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('usageDate')}</th>
              <th scope="col">${t('usageColumnPassed')}</th>
              <th scope="col">${t('usageColumnRefused')}</th>
            </tr>
          </thead>
          <tbody>
            ${usage.days.map(
              (day) =>
                html`<tr>
                  <th scope="row">
                    <time datetime=${day.date}>${formatDay(day.date, locale)}</time>
                  </th>
                  <td>${formatNumber(day.requests, locale)}</td>
                  <td>${formatNumber(day.refused, locale)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </details>`
  }

  private content() {
    const { t, locale } = this.i18n
    const { usage } = this
    if (this.error) return html`<p class="state error" role="alert">${this.error}</p>`
    if (!usage) {
      return this.loading
        ? html`<p class="state" role="status" aria-live="polite">${t('usageLoading')}</p>`
        : nothing
    }
    const { total } = usage
    if (total.requests + total.refused === 0) {
      return html`<p class="state" part="summary" data-requests="0" data-refused="0">
        ${t('usageEmpty', { days: formatNumber(this.days, locale) })}
      </p>`
    }
    const summary = this.summary(total)
    return html`<p
        class="summary"
        part="summary"
        data-requests=${total.requests}
        data-refused=${total.refused}
      >
        ${summary}
      </p>
      ${this.chart(usage, summary)} ${this.table(usage)}`
  }

  override render() {
    return html`<section part="usage" aria-labelledby="usage-heading" aria-busy=${this.loading}>
      <h2 id="usage-heading">${this.i18n.t('usage')}</h2>
      ${this.content()}
    </section>`
  }
}
