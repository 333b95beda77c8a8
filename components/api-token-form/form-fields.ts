import { html, nothing, type TemplateResult } from 'lit'
import { MAX_ALLOWED_IPS } from '../../contract/api-tokens'
import type { LocaleController } from '../i18n/locale-controller'
import type { StringOverrides } from '../i18n/strings-en'
import type { Token, TokenDraft } from '../types'
import { MAX_LENGTHS, formString } from './field-error-text'
import '../i18n/english-views'

/** The fields, in visual order (the first with an error takes focus after a failed save). */
export const FIELDS = [
  'name',
  'description',
  'lifespan',
  'expiresAt',
  'type',
  'enabled',
  'allowedIps',
  'rateLimit',
  'credits',
  'owner',
  'meta',
  'permissions',
] as const
export type Field = (typeof FIELDS)[number]

/** What a field's template needs from `<api-token-form>`: its values, errors and words. */
export interface FieldContext {
  readonly draft: TokenDraft
  /** View only: every control disabled. */
  readonly readonly: boolean
  readonly i18n: LocaleController
  /** The token edited or viewed; `null` on create. */
  readonly token: Token | null
  /** The host's replacements of strings (`strings`), the form's own included. */
  readonly strings?: StringOverrides
  /** The field's error messages, joined, or `undefined` when it has none. */
  errorFor(field: Field): string | undefined
  /**
   * The messages of the errors at exactly `path` (`['meta', '2']`: that metadata row), or
   * with `within`, at `path` or below it; joined, or `undefined` when there are none.
   */
  errorAt(path: readonly string[], within?: boolean): string | undefined
  /** Changes the draft (and clears the errors of the fields it changes). */
  set(changes: Partial<TokenDraft>): void
  /** Moves focus to the control `selector` finds once the form has rendered the change. */
  focusAfterUpdate(selector: string): void
}

type Renderable = TemplateResult | typeof nothing

/** `aria-describedby` of a field: its error's id when it has one. */
export function described(context: FieldContext, field: Field): string | typeof nothing {
  return context.errorFor(field) ? `${field}-error` : nothing
}

/** A field's error message, referenced by `aria-describedby`. */
export function fieldError(context: FieldContext, field: Field): Renderable {
  const message = context.errorFor(field)
  return message ? html`<span class="error" id="${field}-error">${message}</span>` : nothing
}

/** How close to its limit a text field's count starts being announced. */
const ANNOUNCE_WITHIN = 10

/**
 * A text field's live count, "n / max". Typing past the limit is allowed — the count and
 * then Save's error say so — rather than a `maxlength` that silently cuts a pasted name,
 * as the issue found: GitHub and Stripe show the count and refuse on submit, so nothing
 * the admin typed vanishes unseen. The count itself is not read out on every key; near
 * the limit (and past it) a polite live region says how many characters are left or too
 * many.
 */
export function lengthCounter(context: FieldContext, field: keyof typeof MAX_LENGTHS): Renderable {
  const max = MAX_LENGTHS[field]
  const value = field === 'owner' ? (context.draft.owner ?? '') : context.draft[field]
  const count = value.trim().length
  const left = max - count
  const { locale } = context.i18n
  const announced =
    left < 0
      ? formString(locale, 'charactersOver', { count: -left }, context.strings)
      : left <= ANNOUNCE_WITHIN
        ? formString(locale, 'charactersLeft', { count: left }, context.strings)
        : ''
  return html`<span class="counter ${left < 0 ? 'over' : ''}" id="${field}-count"
    ><span aria-hidden="true">${count} / ${max}</span
    ><span class="visually-hidden" aria-live="polite">${announced}</span></span
  >`
}

/** `aria-invalid` of a field. */
function invalid(context: FieldContext, field: Field): 'true' | 'false' {
  return context.errorFor(field) ? 'true' : 'false'
}

/** Name: required, at most 100 characters (counted, never cut). */
export function nameField(context: FieldContext): TemplateResult {
  return html`<div class="field" part="field">
    <label for="name">${context.i18n.t('name')}</label>
    <input
      id="name"
      name="name"
      required
      autocomplete="off"
      .value=${context.draft.name}
      ?disabled=${context.readonly}
      aria-invalid=${invalid(context, 'name')}
      aria-describedby=${described(context, 'name')}
      @input=${(e: Event) => context.set({ name: (e.target as HTMLInputElement).value })}
    />
    ${lengthCounter(context, 'name')} ${fieldError(context, 'name')}
  </div>`
}

/** Description: at most 256 characters (counted, never cut). */
export function descriptionField(context: FieldContext): TemplateResult {
  return html`<div class="field" part="field">
    <label for="description">${context.i18n.t('description')}</label>
    <textarea
      id="description"
      name="description"
      rows="2"
      .value=${context.draft.description}
      ?disabled=${context.readonly}
      aria-invalid=${invalid(context, 'description')}
      aria-describedby=${described(context, 'description')}
      @input=${(e: Event) => context.set({ description: (e.target as HTMLTextAreaElement).value })}
    ></textarea>
    ${lengthCounter(context, 'description')} ${fieldError(context, 'description')}
  </div>`
}

/** An operator's Owner field (SPEC §8); the form shows it on create only (an owner is set once). */
export function ownerField(context: FieldContext): TemplateResult {
  const { t } = context.i18n
  const describedBy = context.errorFor('owner') ? 'owner-hint owner-error' : 'owner-hint'
  return html`<div class="field" part="field">
    <label for="owner">${t('owner')}</label>
    <input
      id="owner"
      name="owner"
      maxlength="128"
      autocomplete="off"
      .value=${context.draft.owner ?? ''}
      ?disabled=${context.readonly}
      aria-invalid=${invalid(context, 'owner')}
      aria-describedby=${describedBy}
      @input=${(e: Event) => context.set({ owner: (e.target as HTMLInputElement).value })}
    />
    <span class="hint" id="owner-hint">${t('ownerHint')}</span>
    ${fieldError(context, 'owner')}
  </div>`
}

/** One address or range per line; the hint says so, and what an empty field means. */
export function allowedIpsField(context: FieldContext): TemplateResult {
  const error = context.errorFor('allowedIps')
  return html`<div class="field" part="field">
    <label for="allowedIps">${context.i18n.t('allowedIps')}</label>
    <textarea
      id="allowedIps"
      name="allowedIps"
      class="addresses"
      rows="3"
      autocomplete="off"
      autocapitalize="off"
      spellcheck="false"
      .value=${context.draft.allowedIps.join('\n')}
      ?disabled=${context.readonly}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${error ? 'allowedIps-hint allowedIps-error' : 'allowedIps-hint'}
      @input=${(e: Event) =>
        context.set({ allowedIps: (e.target as HTMLTextAreaElement).value.split(/\r?\n/) })}
    ></textarea>
    <span class="hint" id="allowedIps-hint"
      >${context.i18n.t('allowedIpsHint', { max: MAX_ALLOWED_IPS })}</span
    >
    ${fieldError(context, 'allowedIps')}
  </div>`
}

/** The Enabled switch: a button with `role="switch"`, toggled by click, Space or Enter. */
export function enabledField(context: FieldContext): TemplateResult {
  const { t } = context.i18n
  const on = context.draft.enabled
  return html`<div class="field" part="field">
    <label for="enabled">${t('enabled')}</label>
    <span class="switch-row">
      <button
        id="enabled"
        part="switch"
        class="switch"
        type="button"
        role="switch"
        aria-checked=${on ? 'true' : 'false'}
        aria-describedby=${context.errorFor('enabled') ? 'enabled-hint enabled-error' : 'enabled-hint'}
        ?disabled=${context.readonly}
        @click=${() => context.set({ enabled: !on })}
      >
        <span class="thumb" aria-hidden="true"></span>
      </button>
      <span class="hint" id="enabled-hint">${t('enabledHint')}</span>
    </span>
    ${fieldError(context, 'enabled')}
  </div>`
}
