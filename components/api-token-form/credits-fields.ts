import { html, nothing, type TemplateResult } from 'lit'
import type { Credits } from '../../contract/api-tokens'
import type { CreditsSent } from '../internal/token-draft'
import { formatNumber } from '../i18n/locale'
import type { FieldContext } from './form-fields'
import '../i18n/english-views'

type Refill = NonNullable<Credits['refill']>

/** A count field's number: `NaN` while it is empty (the form's check then asks for one). */
const countOf = (event: Event) => {
  const text = (event.target as HTMLInputElement).value.trim()
  return text === '' ? NaN : Number(text)
}

/**
 * A count as its field shows it: empty for `NaN`. (No `live()`: a plain binding keeps the
 * list view's shared chunk as it is; a half-typed bad entry like "-" may be cleared.)
 */
const shownCount = (count: number) => (Number.isNaN(count) ? '' : String(count))

/** `aria-invalid` of the credits control at `path` (`remaining`, `refill`). */
function invalid(context: FieldContext, path: string): 'true' | 'false' {
  return context.errorAt(['credits', path], true) ? 'true' : 'false'
}

/** One whole-number field of the credits: the balance, or what a refill brings it back to. */
function countField(
  context: FieldContext,
  id: string,
  label: string,
  path: string,
  count: number,
  change: (count: number) => void,
): TemplateResult {
  // Its own errors under it (a refill's under its amount).
  const error = context.errorAt(['credits', path], true)
  return html`<div class="field" part="field">
    <label for=${id}>${label}</label>
    <input
      id=${id}
      type="number"
      min="0"
      step="1"
      inputmode="numeric"
      autocomplete="off"
      .value=${shownCount(count)}
      aria-invalid=${invalid(context, path)}
      aria-describedby=${error ? `${id}-error` : nothing}
      @input=${(e: Event) => change(countOf(e))}
    />
    ${error ? html`<span class="error" id="${id}-error">${error}</span>` : nothing}
  </div>`
}

/**
 * Credits (SPEC §13): Unlimited or Metered; metered, the remaining credits (on edit the
 * live balance of the token just loaded) and the refill — never, daily or monthly, back
 * to an amount. The view screen says the same in words instead.
 */
export function creditsFields(context: FieldContext): TemplateResult {
  const { t } = context.i18n
  const credits = context.draft.credits ?? null
  if (context.readonly) return creditsWords(context, credits)
  // Each change starts from the draft as it stands then, not as it was rendered.
  const change = (next: (now: CreditsSent) => CreditsSent) => {
    const now = context.draft.credits
    if (now) context.set({ credits: next(now) })
  }
  const metered = (value: string) =>
    context.set({
      credits:
        value === 'metered' ? (context.token?.credits ?? { remaining: NaN, refill: null }) : null,
    })
  const refillTo = (interval: string) =>
    change(({ remaining, refill }) => ({
      remaining,
      // As the wire orders them ({amount, interval}); compared field by field anyway.
      refill: interval
        ? {
            amount: refill?.amount ?? (Number.isInteger(remaining) ? remaining! : NaN),
            interval: interval as Refill['interval'],
          }
        : null,
    }))
  const choice = html`<div class="field" part="field">
    <label for="credits">${t('credits')}</label>
    <select id="credits" @change=${(e: Event) => metered((e.target as HTMLSelectElement).value)}>
      <option value="" ?selected=${!credits}>${t('unlimited')}</option>
      <option value="metered" ?selected=${!!credits}>${t('metered')}</option>
    </select>
    ${creditsError(context)}
  </div>`
  // One template whatever the choice: the select stays the same element, and keeps focus.
  return html`${choice}${credits ? meteredFields(context, credits, change, refillTo) : nothing}`
}

/** A metered token's balance, refill and refill amount. */
function meteredFields(
  context: FieldContext,
  credits: CreditsSent,
  change: (next: (now: CreditsSent) => CreditsSent) => void,
  refillTo: (interval: string) => void,
): TemplateResult {
  const { t } = context.i18n
  const { remaining = NaN, refill } = credits
  return html`${countField(
      context,
      'creditsRemaining',
      t('creditsRemaining'),
      'remaining',
      remaining,
      (n) => change((now) => ({ ...now, remaining: n })),
    )}
    <div class="field" part="field">
      <label for="refill">${t('refill')}</label>
      <select
        id="refill"
        aria-invalid=${invalid(context, 'refill')}
        @change=${(e: Event) => refillTo((e.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${!refill}>${t('never')}</option>
        <option value="day" ?selected=${refill?.interval === 'day'}>${t('refillDay')}</option>
        <option value="month" ?selected=${refill?.interval === 'month'}>${t('refillMonth')}</option>
      </select>
    </div>
    ${
      refill
        ? countField(context, 'refillAmount', t('refillAmount'), 'refill', refill.amount, (n) =>
            change((now) => ({ ...now, refill: now.refill && { ...now.refill, amount: n } })),
          )
        : nothing
    }`
}

/** The errors of the credits as a whole (a count's own go under it), under the choice. */
function creditsError(context: FieldContext): TemplateResult | typeof nothing {
  const error = context.errorAt(['credits'])
  return error ? html`<span class="error" id="credits-error">${error}</span>` : nothing
}

/**
 * The view screen's credits in words: "Remaining credits: 1,200", then "Refill: Daily" and
 * "Refill to: 500"; unmetered, "Credits: Unlimited".
 */
function creditsWords(context: FieldContext, credits: CreditsSent | null): TemplateResult {
  const { t, locale } = context.i18n
  const line = (field: string, value: string) =>
    html`<span>${t('changeValue', { field, value })}</span>`
  const refill = credits?.refill
  return html`<div class="field" part="field" id="credits">
    ${
      credits
        ? line(t('creditsRemaining'), formatNumber(credits.remaining ?? NaN, locale))
        : line(t('credits'), t('unlimited'))
    }
    ${
      refill
        ? html`${line(t('refill'), t(refill.interval === 'day' ? 'refillDay' : 'refillMonth'))}
          ${line(t('refillAmount'), formatNumber(refill.amount, locale))}`
        : nothing
    }
  </div>`
}
