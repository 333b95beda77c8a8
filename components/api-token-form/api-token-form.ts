import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import { keyed } from 'lit/directives/keyed.js'
import { impliedActions } from '../api-token-permissions/api-token-permissions'
import { draftOf, endOfLocalDay, localDateOf, sameDraft, savedDraft } from '../internal/token-draft'
import { PermissionsChangeEvent, TokenSaveEvent } from '../events'
import { LocaleController } from '../i18n/locale-controller'
import type { Strings } from '../i18n/strings-en'
import { exactTime } from '../internal/relative-time'
import { badgeStyles, fieldStyles, sharedStyles } from '../internal/styles'
import { formStyles } from './api-token-form.styles'
import { MAX_ALLOWED_IPS, MAX_EXPIRY_AHEAD_MS } from '../../contract/api-tokens'
import {
  type FieldError,
  type Lifespan,
  type PermissionCatalog,
  type RateLimitTier,
  type RouteCatalog,
  type Token,
  type TokenDraft,
  type TokenType,
} from '../types'

/** The fields, in visual order (the first with an error takes focus after a failed save). */
const FIELDS = [
  'name',
  'description',
  'owner',
  'lifespan',
  'expiresAt',
  'type',
  'allowedIps',
  'rateLimit',
  'enabled',
  'permissions',
] as const
type Field = (typeof FIELDS)[number]

/** The hint under Permissions for each type, by key. */
const TYPE_HINTS: Record<TokenType, keyof Strings> = {
  custom: 'customOnly',
  'read-only': 'readOnlyImplies',
  'full-access': 'fullAccessImplies',
}

/** The durations the form offers, in order; `custom` reveals a date field (SPEC §7). */
const LIFESPAN_OPTIONS: { value: Lifespan | 'custom'; label: keyof Strings }[] = [
  { value: 604800000, label: 'days7' },
  { value: 2592000000, label: 'days30' },
  { value: 7776000000, label: 'days90' },
  { value: null, label: 'unlimited' },
  { value: 'custom', label: 'customDate' },
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

/** The token types the form offers, in order. */
const TYPE_OPTIONS: { value: TokenType; label: keyof Strings }[] = [
  { value: 'read-only', label: 'typeReadOnly' },
  { value: 'full-access', label: 'typeFullAccess' },
  { value: 'custom', label: 'typeCustom' },
]

/** "Expires on 12 March 2027 at 14:00", "Expired on …" or "Never expires", dated in the element's locale. */
function expiryLine(
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
 * The create/edit form: Name, Description, Token duration (7, 30, 90 days, Unlimited or
 * Custom date; 30 days by default, editable when editing — Custom date reveals an
 * "Expiration date" field, from tomorrow to 10 years ahead, saved as `expiresAt` at the
 * end of that day in the user's time zone, with no `lifespan`), Token type (Read-only by
 * default), Allowed IP addresses (one address or CIDR range per line, at most 20; empty
 * = any address; Save trims the lines and drops blank ones), Rate limit ("No limit" and
 * the `tiers`; shown only when there is at least one tier), and the permission picker:
 * editable for Custom, showing what Read-only and Full access imply otherwise (switching
 * to Custom starts from that). Server validation errors appear on their fields. It never
 * fetches: Save emits the values.
 *
 * When editing, a line under the header shows the key's hint (`keyHint`), the exact
 * expiry date ("Expires on …", "Expired on …" or "Never expires"), a "Disabled" badge
 * for a disabled token, and, while a replaced key still works after a regenerate with
 * a grace period, "The previous key … keeps working until …"; dated with `Intl` in
 * the `locale` property, else the element's `lang` (its own or the nearest ancestor's),
 * else English.
 *
 * Public API for the host section:
 * - `dirty` (read-only): true when the fields differ from the loaded token (or, when
 *   creating, from the defaults) in what Save would send; ask before dropping the view.
 * - `value` (read-only): the values as they stand.
 * - `focusHeading()`: focuses the slotted heading (§5b: opening a view focuses it).
 * - `focusFirstField()`: focuses Name.
 * - `focusFirstError()`: focuses the first field with an error, after a failed save.
 *
 * @slot heading - The view's title.
 * @slot actions - Extra header buttons beside Save (the section puts Regenerate there).
 *
 * @event {TokenSaveEvent} api-token-save - `detail: {draft}` when Save is pressed with valid values
 *
 * @csspart form - The `<form>`.
 * @csspart button - The Save button.
 * @csspart field - Each field's wrapper.
 * @csspart info - The edit view's line with the key hint and the expiry date.
 * @csspart key-hint - The key hint, in monospace.
 * @csspart badge - The "Disabled" badge (also `disabled`).
 * @csspart disabled - The "Disabled" badge of a disabled token.
 * @csspart previous-key - The line about the previous key that still works.
 * @csspart switch - The Enabled switch.
 *
 * @cssproperty --tollgate-font - Font family (default: inherited from the host page).
 * @cssproperty --tollgate-font-mono - The key hint.
 * @cssproperty --tollgate-space - The spacing unit (default 8px).
 * @cssproperty --tollgate-radius - Corner radius (default 4px).
 * @cssproperty --tollgate-color-text - Text.
 * @cssproperty --tollgate-color-muted - The key hint and expiry line.
 * @cssproperty --tollgate-color-surface - Boxes, tables, inputs and dialogs.
 * @cssproperty --tollgate-color-border - Borders and the outlines of controls.
 * @cssproperty --tollgate-color-primary - The Enabled switch when on.
 * @cssproperty --tollgate-color-on-primary - Text on the primary colour.
 * @cssproperty --tollgate-color-danger - Error text.
 * @cssproperty --tollgate-color-on-danger - Text on the danger colour.
 * @cssproperty --tollgate-color-danger-subtle - Behind danger text in badges ("Expired").
 * @cssproperty --tollgate-color-warning - Badges of tokens expiring within 7 days.
 * @cssproperty --tollgate-color-warning-subtle - Behind warning text in badges.
 * @cssproperty --tollgate-color-success - Success toasts and the shown key.
 * @cssproperty --tollgate-color-success-subtle - Behind success text in badges.
 * @cssproperty --tollgate-color-neutral-subtle - Behind neutral badges (token type, "Unlimited").
 *
 * @tagname api-token-form
 */
export class ApiTokenForm extends LitElement {
  static override styles = [sharedStyles, fieldStyles, badgeStyles, formStyles]

  /** The token being edited, or `null` to create one. */
  @property({ attribute: false }) accessor token: Token | null = null
  /** The action catalog for the permission picker. */
  @property({ attribute: false }) accessor catalog: PermissionCatalog = {}
  /** The routes bound to actions, for the picker. */
  @property({ attribute: false }) accessor routes: RouteCatalog = {}
  /** The rate-limit tiers to offer; with none, the Rate limit field is not shown. */
  @property({ attribute: false }) accessor tiers: RateLimitTier[] = []
  /** Field errors from the server (`details.errors` of a 400). */
  @property({ attribute: false }) accessor errors: FieldError[] = []
  /** Whether a save is in flight (Save is disabled). */
  @property({ type: Boolean }) accessor saving: boolean = false
  /** View only: every control disabled, no Save. */
  @property({ type: Boolean, reflect: true }) accessor readonly: boolean = false
  /** Whether the admin is an operator (SPEC §8): an Owner field on create, shown on edit. */
  @property({ type: Boolean, attribute: 'show-owner' }) accessor showOwner: boolean = false
  /** The language (a BCP 47 tag) of the texts and dates; unset, the element's `lang` decides. */
  @property({}) accessor locale: string | undefined = undefined
  /** The host's replacements for any of the section's strings, by key. */
  @property({ attribute: false }) accessor strings: Partial<Strings> | undefined = undefined
  @state() private accessor draft: TokenDraft = draftOf(null)

  private readonly i18n = new LocaleController(this)

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('token')) this.draft = draftOf(this.token)
  }

  /** The values as they stand. */
  get value(): TokenDraft {
    return {
      ...this.draft,
      permissions: [...this.draft.permissions],
      allowedIps: [...this.draft.allowedIps],
    }
  }

  /** Whether the fields differ from what was loaded, in what Save would send. */
  get dirty(): boolean {
    return !sameDraft(this.draft, draftOf(this.token))
  }

  /**
   * Moves focus to the slotted heading, as a view that opens should; a heading that is
   * not focusable gets `tabindex="-1"` (focusable by script, not by Tab). Returns
   * whether there was a heading to focus.
   */
  focusHeading(): boolean {
    const slot = this.renderRoot.querySelector<HTMLSlotElement>('slot[name="heading"]')
    const heading = slot?.assignedElements({ flatten: true })[0]
    if (!(heading instanceof HTMLElement)) return false
    if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1
    heading.focus()
    return true
  }

  /** Moves focus to the first field (Name). */
  focusFirstField(): void {
    this.renderRoot.querySelector<HTMLElement>('#name')?.focus()
  }

  private errorFor(field: Field): string | undefined {
    const errors = this.errors.filter((error) => error.path[0] === field)
    return errors.length ? errors.map((error) => error.message).join(' ') : undefined
  }

  private set(changes: Partial<TokenDraft>) {
    this.draft = { ...this.draft, ...changes }
    const cleared = new Set(Object.keys(changes))
    if (this.errors.some((error) => cleared.has(error.path[0] ?? ''))) {
      this.errors = this.errors.filter((error) => !cleared.has(error.path[0] ?? ''))
    }
  }

  private onPermissions(event: PermissionsChangeEvent) {
    event.stopPropagation()
    this.set({ permissions: event.detail.permissions })
  }

  private onType(type: TokenType) {
    // Custom starts from what the previous type granted, so narrowing Read-only or Full
    // access is unticking, not rebuilding; a Custom selection already made is kept.
    const from = this.draft.type
    if (type === 'custom' && from !== 'custom' && this.draft.permissions.length === 0) {
      this.set({ type, permissions: impliedActions(from, this.catalog, this.routes) })
    } else {
      this.set({ type })
    }
  }

  private onSubmit(event: SubmitEvent) {
    event.preventDefault()
    if (this.readonly || this.saving) return
    const draft = savedDraft(this.draft)
    const problems: FieldError[] = []
    if (!draft.name)
      problems.push({
        path: ['name'],
        name: 'ValidationError',
        message: this.i18n.t('nameRequired'),
      })
    if (draft.expiresAt === '') {
      problems.push({
        path: ['expiresAt'],
        name: 'ValidationError',
        message: this.i18n.t('chooseDate'),
      })
    }
    if (draft.allowedIps.length > MAX_ALLOWED_IPS) {
      problems.push({
        path: ['allowedIps'],
        name: 'ValidationError',
        message: this.i18n.t('allowedIpsTooMany', {
          max: MAX_ALLOWED_IPS,
          count: draft.allowedIps.length,
        }),
      })
    }
    if (draft.type === 'custom' && draft.permissions.length === 0) {
      problems.push({
        path: ['permissions'],
        name: 'ValidationError',
        message: this.i18n.t('choosePermission'),
      })
    }
    if (problems.length) {
      this.errors = problems
      void this.updateComplete.then(() => this.focusFirstError())
      return
    }
    this.dispatchEvent(new TokenSaveEvent({ draft }))
  }

  /** Moves focus to the first field with an error (after a failed save). */
  focusFirstError(): void {
    const field = FIELDS.find((name) => this.errorFor(name))
    if (field) this.renderRoot.querySelector<HTMLElement>(`#${field}`)?.focus()
  }

  private described(field: Field) {
    return this.errorFor(field) ? `${field}-error` : nothing
  }

  private fieldError(field: Field) {
    const message = this.errorFor(field)
    return message ? html`<span class="error" id="${field}-error">${message}</span>` : nothing
  }

  /** A labelled `<select>` with its error; the chosen option maps back to its typed value. */
  private selectField<T>(
    field: Field,
    label: string,
    options: { value: T; label: keyof Strings }[],
    selected: T,
    choose: (value: T) => void,
  ) {
    return html`<div class="field" part="field">
      <label for=${field}>${label}</label>
      <select
        id=${field}
        name=${field}
        ?disabled=${this.readonly}
        aria-invalid=${this.errorFor(field) ? 'true' : 'false'}
        aria-describedby=${this.described(field)}
        @change=${(e: Event) => choose(options[(e.target as HTMLSelectElement).selectedIndex]!.value)}
      >
        ${options.map(
          (option) =>
            html`<option value=${String(option.value)} ?selected=${option.value === selected}>
              ${this.i18n.t(option.label)}
            </option>`,
        )}
      </select>
      ${this.fieldError(field)}
    </div>`
  }

  /** One address or range per line; the hint says so, and what an empty field means. */
  private allowedIpsField() {
    const error = this.errorFor('allowedIps')
    return html`<div class="field" part="field">
      <label for="allowedIps">${this.i18n.t('allowedIps')}</label>
      <textarea
        id="allowedIps"
        name="allowedIps"
        class="addresses"
        rows="3"
        autocomplete="off"
        autocapitalize="off"
        spellcheck="false"
        .value=${this.draft.allowedIps.join('\n')}
        ?disabled=${this.readonly}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? 'allowedIps-hint allowedIps-error' : 'allowedIps-hint'}
        @input=${(e: Event) =>
          this.set({ allowedIps: (e.target as HTMLTextAreaElement).value.split(/\r?\n/) })}
      ></textarea>
      <span class="hint" id="allowedIps-hint"
        >${this.i18n.t('allowedIpsHint', { max: MAX_ALLOWED_IPS })}</span
      >
      ${this.fieldError('allowedIps')}
    </div>`
  }

  /**
   * "No limit" and the tiers; absent when there are none. A token's tier that is no
   * longer offered stays an option, so saving other changes does not drop it silently.
   */
  private rateLimitField() {
    const { rateLimit } = this.draft
    const tiers = [...this.tiers]
    if (tiers.length === 0) return nothing
    if (rateLimit !== null && !tiers.some((tier) => tier.name === rateLimit)) {
      tiers.push({ name: rateLimit, label: rateLimit })
    }
    return html`<div class="field" part="field">
      <label for="rateLimit">${this.i18n.t('rateLimit')}</label>
      <select
        id="rateLimit"
        name="rateLimit"
        ?disabled=${this.readonly}
        aria-invalid=${this.errorFor('rateLimit') ? 'true' : 'false'}
        aria-describedby=${this.described('rateLimit')}
        @change=${(e: Event) => this.set({ rateLimit: (e.target as HTMLSelectElement).value || null })}
      >
        <option value="" ?selected=${rateLimit === null}>${this.i18n.t('noRateLimit')}</option>
        ${tiers.map(
          (tier) =>
            html`<option value=${tier.name} ?selected=${tier.name === rateLimit}>
              ${tier.label || tier.name}
            </option>`,
        )}
      </select>
      ${this.fieldError('rateLimit')}
    </div>`
  }

  private info() {
    const { token } = this
    if (!token) return nothing
    const { t, locale } = this.i18n
    const previous = token.previousKey
    return html`<p class="info" part="info">
        ${
          token.enabled === false
            ? html`<span class="badge danger" part="badge disabled">${t('disabled')}</span>`
            : nothing
        }
        <span>${t('keyHint')} <code part="key-hint">${token.keyHint}</code></span>
        ${
          this.showOwner
            ? html`<span part="owner"
                >${t('ownerLine', { owner: (token.owner as string | null) ?? '—' })}</span
              >`
            : nothing
        }
        ${
          token.expiresAt === null
            ? html`<span>${expiryLine(null, this.i18n)}</span>`
            : html`<time datetime=${token.expiresAt}
                >${expiryLine(token.expiresAt, this.i18n)}</time
              >`
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

  /** An operator's Owner field, on create only (an owner is set once). */
  private ownerField() {
    if (!this.showOwner || this.token) return nothing
    const { t } = this.i18n
    const described = this.errorFor('owner') ? 'owner-hint owner-error' : 'owner-hint'
    return html`<div class="field" part="field">
      <label for="owner">${t('owner')}</label>
      <input
        id="owner"
        name="owner"
        maxlength="128"
        autocomplete="off"
        .value=${this.draft.owner ?? ''}
        ?disabled=${this.readonly}
        aria-invalid=${this.errorFor('owner') ? 'true' : 'false'}
        aria-describedby=${described}
        @input=${(e: Event) => this.set({ owner: (e.target as HTMLInputElement).value })}
      />
      <span class="hint" id="owner-hint">${t('ownerHint')}</span>
      ${this.fieldError('owner')}
    </div>`
  }

  /** Duration, and the date field when Custom date is chosen. */
  private durationFields() {
    const { t } = this.i18n
    const { draft } = this
    const custom = draft.expiresAt !== undefined
    const lifespanField = this.selectField(
      'lifespan',
      t('duration'),
      LIFESPAN_OPTIONS,
      custom ? 'custom' : draft.lifespan,
      (choice) =>
        choice === 'custom'
          ? this.set({ expiresAt: draft.expiresAt ?? '' })
          : this.set({ lifespan: choice, expiresAt: undefined }),
    )
    if (!custom) return lifespanField
    const { min, max } = dateBounds()
    return html`${lifespanField}
      <div class="field" part="field">
        <label for="expiresAt">${t('expiryDate')}</label>
        <input
          id="expiresAt"
          name="expiresAt"
          type="date"
          min=${min}
          max=${max}
          .value=${draft.expiresAt ? localDateOf(draft.expiresAt) : ''}
          ?disabled=${this.readonly}
          aria-invalid=${this.errorFor('expiresAt') ? 'true' : 'false'}
          aria-describedby=${this.described('expiresAt')}
          @change=${(e: Event) => {
            const { value } = e.target as HTMLInputElement
            this.set({ expiresAt: value ? endOfLocalDay(value) : '' })
          }}
        />
        ${this.fieldError('expiresAt')}
      </div>`
  }

  /** The Enabled switch: a button with `role="switch"`, toggled by click, Space or Enter. */
  private enabledField() {
    const { t } = this.i18n
    const on = this.draft.enabled
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
          aria-describedby=${this.errorFor('enabled') ? 'enabled-hint enabled-error' : 'enabled-hint'}
          ?disabled=${this.readonly}
          @click=${() => this.set({ enabled: !this.draft.enabled })}
        >
          <span class="thumb" aria-hidden="true"></span>
        </button>
        <span class="hint" id="enabled-hint">${t('enabledHint')}</span>
      </span>
      ${this.fieldError('enabled')}
    </div>`
  }

  override render() {
    const { draft } = this
    const { t } = this.i18n
    return html`<form part="form" novalidate @submit=${this.onSubmit}>
      <header>
        <slot name="heading"></slot>
        <div class="header-actions">
          <slot name="actions"></slot>
          ${
            this.readonly
              ? nothing
              : html`<button part="button" class="primary" type="submit" ?disabled=${this.saving}>
                  ${this.saving ? t('saving') : t('save')}
                </button>`
          }
        </div>
      </header>
      ${this.info()}
      <div class="grid">
        <div class="field" part="field">
          <label for="name">${t('name')}</label>
          <input
            id="name"
            name="name"
            required
            maxlength="100"
            autocomplete="off"
            .value=${draft.name}
            ?disabled=${this.readonly}
            aria-invalid=${this.errorFor('name') ? 'true' : 'false'}
            aria-describedby=${this.described('name')}
            @input=${(e: Event) => this.set({ name: (e.target as HTMLInputElement).value })}
          />
          ${this.fieldError('name')}
        </div>
        <div class="field" part="field">
          <label for="description">${t('description')}</label>
          <textarea
            id="description"
            name="description"
            maxlength="256"
            rows="2"
            .value=${draft.description}
            ?disabled=${this.readonly}
            aria-invalid=${this.errorFor('description') ? 'true' : 'false'}
            aria-describedby=${this.described('description')}
            @input=${(e: Event) => this.set({ description: (e.target as HTMLTextAreaElement).value })}
          ></textarea>
          ${this.fieldError('description')}
        </div>
        ${this.ownerField()} ${this.durationFields()}
        ${this.selectField('type', t('type'), TYPE_OPTIONS, draft.type, (type) => this.onType(type))}
        ${this.allowedIpsField()} ${this.rateLimitField()} ${this.enabledField()}
      </div>
      <section aria-labelledby="permissions-heading">
        <h2 id="permissions-heading">${t('permissions')}</h2>
        <p>${t(TYPE_HINTS[draft.type])}</p>
        ${keyed(
          this.token?.id,
          html`<api-token-permissions
            id="permissions"
            .catalog=${this.catalog}
            .routes=${this.routes}
            .selected=${draft.permissions}
            type=${draft.type}
            .locale=${this.locale}
            .strings=${this.strings}
            ?disabled=${this.readonly}
            aria-describedby=${this.described('permissions')}
            @api-token-permissions-change=${this.onPermissions}
          ></api-token-permissions>`,
        )}
        ${this.fieldError('permissions')}
      </section>
    </form>`
  }
}
