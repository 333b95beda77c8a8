import { html, nothing, type TemplateResult } from 'lit'
import { LIFESPANS, MAX_EXPIRY_AHEAD_MS } from '../../contract/api-tokens'
import type { Strings } from '../i18n/strings-en'
import { longDate } from '../internal/long-date'
import { endOfLocalDay, localDateOf } from '../internal/token-draft'
import type { Lifespan, RateLimitTier, TokenType } from '../types'
import { described, fieldError, type Field, type FieldContext } from './form-fields'
import { capDate, lifespanAllowed, typeGrantable } from './grant-policy'
import '../i18n/english-views'

/** The label of each duration of the contract's `LIFESPANS` (a new one fails to compile here). */
const LIFESPAN_LABELS: Record<`${Lifespan}`, keyof Strings> = {
  604800000: 'days7',
  2592000000: 'days30',
  7776000000: 'days90',
  null: 'unlimited',
}

/** The durations the form offers, in order; `custom` reveals a date field (SPEC §7). */
const LIFESPAN_OPTIONS: { value: Lifespan | 'custom'; label: keyof Strings }[] = [
  ...LIFESPANS.map((value) => ({ value, label: LIFESPAN_LABELS[`${value}`] })),
  { value: 'custom', label: 'customDate' },
]

/** The token types the form offers, in order. */
const TYPE_OPTIONS: { value: TokenType; label: keyof Strings }[] = [
  { value: 'read-only', label: 'typeReadOnly' },
  { value: 'full-access', label: 'typeFullAccess' },
  { value: 'custom', label: 'typeCustom' },
]

/** The bounds of a custom date: tomorrow, and 10 years ahead (`YYYY-MM-DD`, local). */
function dateBounds(now = Date.now()): { min: string; max: string } {
  const tomorrow = new Date(now)
  tomorrow.setDate(tomorrow.getDate() + 1)
  return {
    min: localDateOf(tomorrow.toISOString()),
    // The last whole local day whose end is still within the API's 10 years.
    max: localDateOf(new Date(now + MAX_EXPIRY_AHEAD_MS - 86_400_000).toISOString()),
  }
}

/** A labelled `<select>` with its error; the chosen option maps back to its typed value. */
function selectField<T>(
  context: FieldContext,
  field: Field,
  label: string,
  options: { value: T; label: keyof Strings }[],
  selected: T,
  choose: (value: T) => void,
  after: unknown = nothing,
): TemplateResult {
  return html`<div class="field" part="field">
    <label for=${field}>${label}</label>
    <select
      id=${field}
      name=${field}
      ?disabled=${context.readonly}
      aria-invalid=${context.errorFor(field) ? 'true' : 'false'}
      aria-describedby=${described(context, field)}
      @change=${(e: Event) => choose(options[(e.target as HTMLSelectElement).selectedIndex]!.value)}
    >
      ${options.map(
        (option) =>
          html`<option value=${String(option.value)} ?selected=${option.value === selected}>
            ${context.i18n.t(option.label)}
          </option>`,
      )}
    </select>
    ${after} ${fieldError(context, field)}
  </div>`
}

/**
 * What the chosen duration means as a date ("Expires on 3 March 2027", "Never expires"),
 * announced as it changes: on create, and on edit when the duration differs from the
 * stored one (only then does saving restart the lifetime, SPEC §1).
 */
function lifespanPreview({ draft, token, i18n }: FieldContext) {
  if (token && draft.lifespan === token.lifespan) return nothing
  const text =
    draft.lifespan === null
      ? i18n.t('neverExpires')
      : i18n.t('expiresOn', { date: longDate(Date.now() + draft.lifespan, i18n.locale) })
  return html`<span class="hint" id="lifespan-preview" aria-live="polite">${text}</span>`
}

/**
 * Token duration, and the "Expiration date" field when Custom date is chosen. Under a cap
 * (`maxLifespanDays`, SPEC §13) Unlimited and the longer durations are not offered and the
 * date goes no later than the cap; an edited token's own duration stays an option, as the
 * worker lets an edit keep its lifetime.
 */
export function durationFields(
  context: FieldContext,
  maxLifespanDays: number | null = null,
): TemplateResult {
  const { t } = context.i18n
  const { draft, token } = context
  const custom = draft.expiresAt !== undefined
  // An edited token's duration: none for a custom date (no lifespan, an end).
  const own = token && (token.lifespan !== null || token.expiresAt === null) ? token : null
  const options = LIFESPAN_OPTIONS.filter(
    ({ value }) =>
      value === 'custom' || lifespanAllowed(value, maxLifespanDays) || own?.lifespan === value,
  )
  const lifespanField = selectField(
    context,
    'lifespan',
    t('duration'),
    options,
    custom ? 'custom' : draft.lifespan,
    (choice) =>
      choice === 'custom'
        ? context.set({ expiresAt: draft.expiresAt ?? '' })
        : context.set({ lifespan: choice, expiresAt: undefined }),
    custom ? nothing : lifespanPreview(context),
  )
  // One template whatever the choice: the select stays the same element, and keeps focus.
  return html`${lifespanField}${custom ? customDateField(context, maxLifespanDays) : nothing}`
}

/** The custom end date: from tomorrow, at the latest the cap (or the furthest allowed). */
function customDateField(context: FieldContext, maxLifespanDays: number | null): TemplateResult {
  const { draft } = context
  const { t } = context.i18n
  const { min: tomorrow, max: furthest } = dateBounds()
  const capped = capDate(maxLifespanDays)
  const max = capped !== undefined && capped < furthest ? capped : furthest
  // A cap of one day leaves today only (its end is within the cap): still a date to pick.
  const min = max < tomorrow ? max : tomorrow
  return html`<div class="field" part="field">
    <label for="expiresAt">${t('expiryDate')}</label>
    <input
      id="expiresAt"
      name="expiresAt"
      type="date"
      min=${min}
      max=${max}
      .value=${draft.expiresAt ? localDateOf(draft.expiresAt) : ''}
      ?disabled=${context.readonly}
      aria-invalid=${context.errorFor('expiresAt') ? 'true' : 'false'}
      aria-describedby=${described(context, 'expiresAt')}
      @change=${(e: Event) => {
        const { value } = e.target as HTMLInputElement
        context.set({ expiresAt: value ? endOfLocalDay(value) : '' })
      }}
    />
    ${fieldError(context, 'expiresAt')}
  </div>`
}

/**
 * Token type: Read-only, Full access or Custom, those the admin may grant (`grantable`,
 * SPEC §13; `null`: all) and an edited token's own; `choose` decides what a change implies.
 */
export function typeField(
  context: FieldContext,
  choose: (type: TokenType) => void,
  grantable: readonly string[] | null = null,
): TemplateResult {
  const { t } = context.i18n
  const options = TYPE_OPTIONS.filter(
    ({ value }) => typeGrantable(value, grantable) || context.token?.type === value,
  )
  return selectField(context, 'type', t('type'), options, context.draft.type, choose)
}

/**
 * "No limit" and the tiers; absent when there are none. A token's tier that is no
 * longer offered stays an option, so saving other changes does not drop it silently.
 */
export function rateLimitField(
  context: FieldContext,
  offered: readonly RateLimitTier[],
): TemplateResult | typeof nothing {
  const { rateLimit } = context.draft
  const tiers = [...offered]
  if (tiers.length === 0) return nothing
  if (rateLimit !== null && !tiers.some((tier) => tier.name === rateLimit)) {
    tiers.push({ name: rateLimit, label: rateLimit })
  }
  return html`<div class="field" part="field">
    <label for="rateLimit">${context.i18n.t('rateLimit')}</label>
    <select
      id="rateLimit"
      name="rateLimit"
      ?disabled=${context.readonly}
      aria-invalid=${context.errorFor('rateLimit') ? 'true' : 'false'}
      aria-describedby=${described(context, 'rateLimit')}
      @change=${(e: Event) =>
        context.set({ rateLimit: (e.target as HTMLSelectElement).value || null })}
    >
      <option value="" ?selected=${rateLimit === null}>${context.i18n.t('noRateLimit')}</option>
      ${tiers.map(
        (tier) =>
          html`<option value=${tier.name} ?selected=${tier.name === rateLimit}>
            ${tier.label || tier.name}
          </option>`,
      )}
    </select>
    ${fieldError(context, 'rateLimit')}
  </div>`
}
