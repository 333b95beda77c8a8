import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import { keyed } from 'lit/directives/keyed.js'
import { impliedActions } from '../api-token-permissions/api-token-permissions'
import { PermissionsChangeEvent, TokenSaveEvent } from '../view-events'
import { LocaleController } from '../i18n/locale-controller'
import type { StringOverrides, Strings } from '../i18n/strings-en'
import { exportParts } from '../internal/parts'
import { badgeStyles, fieldStyles, sharedStyles } from '../internal/styles'
import { creditsEdit, draftOf, sameDraft, savedDraft } from '../internal/token-draft'
import type {
  FieldError,
  PermissionCatalog,
  RateLimitTier,
  RouteCatalog,
  Token,
  TokenDraft,
  TokenType,
} from '../types'
import { formStyles } from './api-token-form.styles'
import { durationFields, rateLimitField, typeField } from './choice-fields'
import { creditsFields } from './credits-fields'
import {
  capProblems,
  grantableOnly,
  policyDraft,
  refusalText,
  rightsBeyondGrant,
} from './grant-policy'
import {
  FIELDS,
  allowedIpsField,
  described,
  descriptionField,
  enabledField,
  fieldError,
  nameField,
  ownerField,
  type Field,
  type FieldContext,
} from './form-fields'
import { errorsText, formString } from './field-error-text'
import { draftProblems } from './form-validation'
import { metaField } from './meta-rows'
import { tokenInfo } from './token-info'
import '../i18n/english-views'

/** The hint under Permissions for each type, by key. */
const TYPE_HINTS: Record<TokenType, keyof Strings> = {
  custom: 'customOnly',
  'read-only': 'readOnlyImplies',
  'full-access': 'fullAccessImplies',
}

/**
 * The create/edit form: Name, Description, Token duration (7, 30, 90 days, Unlimited or
 * Custom date; 30 days by default, editable when editing — Custom date reveals an
 * "Expiration date" field, from tomorrow to 10 years ahead, saved as `expiresAt` at the
 * end of that day in the user's time zone, with no `lifespan`), Token type (Read-only by
 * default), Allowed IP addresses (one address or CIDR range per line, at most 20; empty
 * = any address; Save trims the lines and drops blank ones), Rate limit ("No limit" and
 * the `tiers`; shown only when there is at least one tier), Credits (Unlimited or Metered:
 * the remaining credits — on edit the token's live balance — and a daily or monthly refill
 * to an amount; sent only when changed, since they replace the balance), Metadata as
 * key/value rows (SPEC §13; see meta-rows.ts for the keyboard), and the permission picker:
 * editable for Custom, showing what Read-only and Full access imply otherwise (switching
 * to Custom starts from that). Server validation errors appear on their fields. It never
 * fetches: Save emits the values.
 *
 * Under a grant policy (SPEC §13) it offers only the types and actions in `grantable`
 * (an edited token's own stay, marked), and with `maxLifespanDays` no Unlimited, no longer
 * duration and no later date; Save refuses what the worker would, on the field concerned.
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
 * @csspart disabled - The "Disabled" badge of a disabled token ("Disabled — leaked" when its key was reported).
 * @csspart legacy - The "Strapi key" badge of a token imported from Strapi with its key.
 * @csspart previous-key - The line about the previous key that still works.
 * @csspart switch - The Enabled switch.
 * @csspart owner - The edit view's owner line (operators).
 * @csspart group - Each content type's `<details>` in the permission picker.
 * @csspart count - The "granted/total" count in a picker group's header.
 * @csspart route - The picker's bound-route panel.
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
  /** Whether a save is in flight (Save says "Saving…" and does nothing; it keeps focus). */
  @property({ type: Boolean }) accessor saving: boolean = false
  /**
   * Whether the permission catalog and the rate-limit tiers are still loading: the form
   * says so where they will appear, instead of letting the picker and the Rate limit field
   * pop in unannounced.
   */
  @property({ type: Boolean }) accessor loading: boolean = false
  /** View only: every control disabled, no Save. */
  @property({ type: Boolean, reflect: true }) accessor readonly: boolean = false
  /**
   * What the admin may put on tokens (SPEC §13's `grantable`: action ids, `read-only`,
   * `full-access`; `null`: everything): the types and actions offered, checked before Save.
   */
  @property({ attribute: false }) accessor grantable: string[] | null = null
  /** The longest lifetime a key may get, in days (`null`: no cap): longer choices are not offered. */
  @property({ attribute: false }) accessor maxLifespanDays: number | null = null
  /** Whether the admin is an operator (SPEC §8): an Owner field on create, shown on edit. */
  @property({ type: Boolean, attribute: 'show-owner' }) accessor showOwner: boolean = false
  /** The language (a BCP 47 tag) of the texts and dates; unset, the element's `lang` decides. */
  @property({}) accessor locale: string | undefined = undefined
  /** The host's replacements for any of the section's strings, by key. */
  @property({ attribute: false }) accessor strings: StringOverrides | undefined = undefined
  @state() private accessor draft: TokenDraft = draftOf(null)
  /** The rights Save was refused for, beyond the admin's grant: shown on Type or Permissions. */
  @state() private accessor refused: string[] = []

  private readonly i18n = new LocaleController(this)

  protected override willUpdate(changed: PropertyValues<this>): void {
    const policy = changed.has('grantable') || changed.has('maxLifespanDays')
    if (changed.has('token') || (policy && this.untouched(changed))) {
      this.draft = this.loaded()
      this.refused = []
    } else if (policy) {
      // Edits stay, but only with values the fields now offer (a type, a duration).
      this.draft = policyDraft(this.draft, this.token, this.grantable, this.maxLifespanDays)
    }
  }

  /** Whether the draft is still as loaded under the policy before this update's change. */
  private untouched(changed: PropertyValues<this>): boolean {
    const before = <K extends 'grantable' | 'maxLifespanDays'>(key: K): this[K] =>
      changed.has(key) ? ((changed.get(key) as this[K] | undefined) ?? null) : this[key]
    const grantable = before('grantable')
    const loaded = policyDraft(
      draftOf(this.token),
      this.token,
      grantable,
      before('maxLifespanDays'),
    )
    return sameDraft(this.draft, loaded)
  }

  /** The draft as loaded: the token's, or a new token's defaults under the grant policy. */
  private loaded(): TokenDraft {
    return policyDraft(draftOf(this.token), this.token, this.grantable, this.maxLifespanDays)
  }

  /** The values as they stand. */
  get value(): TokenDraft {
    return {
      ...this.draft,
      permissions: [...this.draft.permissions],
      allowedIps: [...this.draft.allowedIps],
      meta: this.draft.meta.map((row) => ({ ...row })),
    }
  }

  /** Whether the fields differ from what was loaded, in what Save would send. */
  get dirty(): boolean {
    return !sameDraft(this.draft, this.loaded())
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
    return this.errorAt([field], true)
  }

  private errorAt(path: readonly string[], within = false): string | undefined {
    // As Save sent it (trimmed, blank lines dropped): an entry's path is its index there.
    const saved = savedDraft(this.draft)
    const text = errorsText(this.errors, path, within, this.i18n.locale, saved, this.strings)
    const grantField = this.draft.type === 'custom' ? 'permissions' : 'type'
    if (!this.refused.length || path.length !== 1 || path[0] !== grantField) return text
    const refusal = refusalText(this.refused, this.i18n, this.strings)
    return text ? `${text} ${refusal}` : refusal
  }

  /**
   * Shows that Save was refused for rights beyond the admin's grant (a 403 whose
   * `details.notGrantable` names them, SPEC §13) on Type or Permissions, and focuses it.
   */
  refuseGrant(rights: string[]): void {
    this.refused = [...rights]
    void this.updateComplete.then(() => this.focusFirstError())
  }

  private set(changes: Partial<TokenDraft>) {
    this.draft = { ...this.draft, ...changes }
    if ('type' in changes || 'permissions' in changes) this.refused = []
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
      const implied = impliedActions(from, this.catalog, this.routes)
      this.set({ type, permissions: grantableOnly(implied, this.grantable) })
    } else {
      this.set({ type })
    }
  }

  private onSubmit(event: SubmitEvent) {
    event.preventDefault()
    if (this.readonly || this.saving) return
    const draft = savedDraft(this.draft)
    // Credits go only when changed, the balance only when edited: sending it replaces the
    // live balance (SPEC §13).
    const credits = creditsEdit(draft.credits, draftOf(this.token).credits ?? null)
    if (credits === undefined) delete draft.credits
    else draft.credits = credits
    const problems = [
      ...draftProblems(draft),
      ...capProblems(draft, this.token, this.maxLifespanDays),
    ]
    this.refused = rightsBeyondGrant(draft, this.token, this.grantable)
    if (problems.length || this.refused.length) {
      this.errors = problems
      void this.updateComplete.then(() => this.focusFirstError())
      return
    }
    this.dispatchEvent(new TokenSaveEvent({ draft }))
  }

  /** Moves focus to the first field with an error (after a failed save). */
  focusFirstError(): void {
    const field = FIELDS.find((name) => this.errorFor(name))
    const [, at, part] = this.errors.find((error) => error.path[0] === field)?.path ?? []
    // Metadata: the row in error (its value when that is refused), else the first row or
    // Add row; credits: the field in error.
    const ids: Partial<Record<Field, string[]>> = {
      meta: [`meta-${part === 'value' ? 'value' : 'key'}-${at}`, 'meta-key-0', 'meta-add'],
      credits: [at === 'refill' ? 'refillAmount' : 'creditsRemaining', 'credits'],
    }
    for (const id of field ? (ids[field] ?? [field]) : []) {
      const control = this.renderRoot.querySelector<HTMLElement>(`#${id}`)
      if (control) return control.focus()
    }
  }

  /** What the field templates read and change, as the form stands for this render. */
  private get fields(): FieldContext {
    const current = () => this.draft
    return {
      // Read when used: a handler sees the edits made since this render (a click can
      // follow typing before the form has rendered it).
      get draft() {
        return current()
      },
      readonly: this.readonly,
      i18n: this.i18n,
      token: this.token,
      strings: this.strings,
      errorFor: (field) => this.errorFor(field),
      errorAt: (path, within) => this.errorAt(path, within),
      set: (changes) => this.set(changes),
      focusAfterUpdate: (selector) =>
        void this.updateComplete.then(() =>
          this.renderRoot.querySelector<HTMLElement>(selector)?.focus(),
        ),
    }
  }

  /** "Loading…" while the catalog and tiers are on their way, announced once. */
  private pending() {
    return this.loading
      ? html`<p class="pending" role="status">${this.i18n.t('permissionsLoading')}</p>`
      : nothing
  }

  override render() {
    const { draft, fields } = this
    const { t } = this.i18n
    return html`<form part="form" novalidate @submit=${this.onSubmit}>
      <header>
        <slot name="heading"></slot>
        <div class="header-actions"><slot name="actions"></slot></div>
      </header>
      ${this.token ? tokenInfo(this.token, this.i18n, this.showOwner) : nothing}
      <div class="grid">
        ${nameField(fields)} ${descriptionField(fields)}
        ${durationFields(fields, this.maxLifespanDays)}
        ${typeField(fields, (type) => this.onType(type), this.grantable)}
        ${this.token ? enabledField(fields) : nothing}
      </div>
      <fieldset class="box restrictions">
        <legend>${formString(this.i18n.locale, 'restrictions', undefined, this.strings)}</legend>
        <div class="grid">
          ${allowedIpsField(fields)} ${rateLimitField(fields, this.tiers)} ${creditsFields(fields)}
          ${this.showOwner && !this.token ? ownerField(fields) : nothing}
        </div>
      </fieldset>
      ${metaField(fields)}
      <section aria-labelledby="permissions-heading">
        <h2 id="permissions-heading">${t('permissions')}</h2>
        <p>${t(TYPE_HINTS[draft.type])}</p>
        ${this.pending()}
        ${keyed(
          this.token?.id,
          html`<api-token-permissions
            id="permissions"
            exportparts=${exportParts.permissions}
            .catalog=${this.catalog}
            .routes=${this.routes}
            .selected=${draft.permissions}
            .grantable=${this.grantable}
            .held=${this.token?.permissions ?? []}
            type=${draft.type}
            .locale=${this.locale}
            .strings=${this.strings}
            ?disabled=${this.readonly}
            aria-describedby=${described(fields, 'permissions')}
            @api-token-permissions-change=${this.onPermissions}
          ></api-token-permissions>`,
        )}
        ${fieldError(fields, 'permissions')}
      </section>
      ${
        this.readonly
          ? nothing
          : html`<footer>
              <button
                part="button"
                class="primary"
                type="submit"
                aria-disabled=${this.saving ? 'true' : 'false'}
              >
                ${this.saving ? t('saving') : t('save')}
              </button>
            </footer>`
      }
    </form>`
  }
}
