import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { property, state } from 'lit/decorators.js'
import { live } from 'lit/directives/live.js'
import { PermissionsChangeEvent } from '../view-events'
import { LocaleController } from '../i18n/locale-controller'
import type { StringOverrides } from '../i18n/strings-en'
import { sharedStyles } from '../internal/styles'
import type { PermissionCatalog, RouteCatalog, TokenType } from '../types'
import { permissionsStyles } from './api-token-permissions.styles'
import '../i18n/english-views'

interface Group {
  id: string
  displayName: string
  actions: { id: string; name: string }[]
}

/** Methods that only read: what a Read-only token may call (RFC 9110 §9.2.1, minus OPTIONS). */
const SAFE_METHODS = new Set(['GET', 'HEAD'])

function groupsOf(catalog: PermissionCatalog): Group[] {
  return Object.entries(catalog).map(([id, group]) => ({
    id,
    displayName: group.displayName,
    actions: Object.entries(group.controllers).flatMap(([controller, names]) =>
      names.map((name) => ({ id: `${id}.${controller}.${name}`, name })),
    ),
  }))
}

/**
 * The actions a token type grants without choosing them: every action for Full access;
 * for Read-only, the actions whose bound routes all read (GET or HEAD); none for Custom.
 * An action with no bound route is not implied by Read-only: nothing shows it only reads.
 *
 * @example
 * impliedActions('read-only', catalog, routes) // ['api::article.article.find', …]
 */
export function impliedActions(
  type: TokenType,
  catalog: PermissionCatalog,
  routes: RouteCatalog,
): string[] {
  const all = groupsOf(catalog).flatMap((group) => group.actions.map((action) => action.id))
  if (type === 'full-access') return all
  if (type === 'custom') return []
  const methods = new Map<string, string[]>()
  for (const route of Object.values(routes).flat()) {
    methods.set(route.action, [...(methods.get(route.action) ?? []), route.method.toUpperCase()])
  }
  return all.filter((action) => {
    const bound = methods.get(action)
    return bound !== undefined && bound.every((method) => SAFE_METHODS.has(method))
  })
}

/**
 * The permission picker: one accordion per content type (its `displayName`, with
 * "granted/total" in the header), a checkbox per action, a tri-state "Select all" per
 * type, and the route (method + path) bound to the focused action, cleared when no
 * action has focus. Groups holding grants start open. For Custom the checkboxes are
 * editable; for Read-only and Full access they show what the type grants, ticked and
 * disabled. Focusing the element focuses its first control.
 *
 * @event {PermissionsChangeEvent} api-token-permissions-change - `detail: {permissions}`: the new selection
 *
 * @csspart group - Each content type's `<details>`.
 * @csspart count - The "granted/total" count in a group's header.
 * @csspart route - The bound-route panel.
 *
 * @cssproperty --tollgate-font - Font family (default: inherited from the host page).
 * @cssproperty --tollgate-font-mono - The bound route.
 * @cssproperty --tollgate-space - The spacing unit (default 8px).
 * @cssproperty --tollgate-radius - Corner radius (default 4px).
 * @cssproperty --tollgate-color-text - Text.
 * @cssproperty --tollgate-color-muted - The counts in the group headers, and the "not yours to grant" mark.
 * @cssproperty --tollgate-color-surface - Boxes, tables, inputs and dialogs.
 * @cssproperty --tollgate-color-border - Borders between groups.
 * @cssproperty --tollgate-color-primary - Primary buttons and focus rings.
 * @cssproperty --tollgate-color-on-primary - Text on the primary colour.
 * @cssproperty --tollgate-color-danger - Errors and destructive buttons.
 * @cssproperty --tollgate-color-on-danger - Text on the danger colour.
 *
 * @tagname api-token-permissions
 */
export class ApiTokenPermissions extends LitElement {
  static override styles = [sharedStyles, permissionsStyles]

  /**
   * Focusing the host (as the form does for a permissions error) focuses its first
   * control; the host itself stays out of the Tab order, so its controls keep theirs.
   * @internal
   */
  static override shadowRootOptions: ShadowRootInit = {
    ...LitElement.shadowRootOptions,
    delegatesFocus: true,
  }

  /** The grouped actions (`GET /admin/content-api/permissions`). */
  @property({ attribute: false }) accessor catalog: PermissionCatalog = {}
  /** The routes bound to actions (`GET /admin/content-api/routes`); Read-only implies the reading ones. */
  @property({ attribute: false }) accessor routes: RouteCatalog = {}
  /** The selected action ids (what a Custom token grants; kept, not shown, for the other types). */
  @property({ attribute: false }) accessor selected: string[] = []
  /** The token type: `custom` makes the checkboxes editable; the others show what they imply. */
  @property({ reflect: true }) accessor type: TokenType = 'custom'
  /**
   * The actions the admin may grant (SPEC §13's `grantable`; `null`: all). For Custom the
   * picker lists only these, and the `held` ones, marked as not the admin's to grant.
   */
  @property({ attribute: false }) accessor grantable: string[] | null = null
  /** The actions the edited token holds already: listed for Custom even when not grantable. */
  @property({ attribute: false }) accessor held: string[] = []
  /** Read-only display. */
  @property({ type: Boolean }) accessor disabled: boolean = false
  /** The language (a BCP 47 tag); unset, the element's `lang` decides. */
  @property({}) accessor locale: string | undefined = undefined
  /** The host's replacements for any of the section's strings, by key. */
  @property({ attribute: false }) accessor strings: StringOverrides | undefined = undefined
  @state() private accessor focused: string | undefined = undefined
  /** Groups the admin opened or closed; the others follow `startOpen`. */
  @state() private accessor open: ReadonlyMap<string, boolean> = new Map()
  /** Groups that held grants when the catalog arrived: they start open. */
  private startOpen = new Set<string>()
  private readonly i18n = new LocaleController(this)

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('catalog') || changed.has('routes')) {
      const granted = this.granted()
      this.startOpen = new Set(
        groupsOf(this.catalog)
          .filter((group) => group.actions.some((action) => granted.has(action.id)))
          .map((group) => group.id),
      )
    }
  }

  /** What the token grants as shown: the selection for Custom, else what the type implies. */
  private granted(): Set<string> {
    return new Set(
      this.type === 'custom' ? this.selected : impliedActions(this.type, this.catalog, this.routes),
    )
  }

  /** Whether the admin may grant `action` (everything without a `grantable` list). */
  private mayGrant(action: string): boolean {
    return this.grantable === null || this.grantable.includes(action)
  }

  /**
   * The groups as listed: for Custom, only the actions the admin may grant or the token
   * holds, and no group left empty; for the other types, every action they may imply.
   */
  private listed(): Group[] {
    const groups = groupsOf(this.catalog)
    if (this.type !== 'custom' || this.grantable === null) return groups
    return groups
      .map((group) => ({
        ...group,
        actions: group.actions.filter(
          (action) => this.mayGrant(action.id) || this.held.includes(action.id),
        ),
      }))
      .filter((group) => group.actions.length > 0)
  }

  private get editable() {
    return this.type === 'custom' && !this.disabled
  }

  private commit(next: Set<string>) {
    this.selected = [...next].sort()
    this.dispatchEvent(new PermissionsChangeEvent({ permissions: this.selected }))
  }

  private toggle(action: string, on: boolean) {
    const next = new Set(this.selected)
    if (on) next.add(action)
    else next.delete(action)
    this.commit(next)
  }

  private toggleGroup(group: Group, on: boolean) {
    const next = new Set(this.selected)
    // "Select all" adds only what the admin may grant; unticking it clears the group. The
    // boxes show the selection that results (`live`), not the click (a group left 1/2
    // after Select all stays mixed).
    for (const action of group.actions) {
      if (!on) next.delete(action.id)
      else if (this.mayGrant(action.id)) next.add(action.id)
    }
    this.commit(next)
  }

  private onToggle(group: Group, event: Event) {
    const { open } = event.target as HTMLDetailsElement
    if (this.open.get(group.id) === open) return
    this.open = new Map(this.open).set(group.id, open)
  }

  private routeOf(action: string) {
    for (const routes of Object.values(this.routes)) {
      const route = routes.find((candidate) => candidate.action === action)
      if (route) return route
    }
    return undefined
  }

  private group(group: Group, granted: Set<string>) {
    const { t } = this.i18n
    const count = group.actions.filter((action) => granted.has(action.id)).length
    const all = count === group.actions.length && count > 0
    const some = count > 0 && !all
    return html`<details
      part="group"
      ?open=${this.open.get(group.id) ?? this.startOpen.has(group.id)}
      @toggle=${(event: Event) => this.onToggle(group, event)}
    >
      <summary>
        ${group.displayName}<span class="count" part="count"
          >${t('grantedOfTotal', { granted: count, total: group.actions.length })}</span
        >
      </summary>
      <label>
        <input
          type="checkbox"
          .checked=${live(all)}
          .indeterminate=${live(some)}
          aria-checked=${some ? 'mixed' : all ? 'true' : 'false'}
          ?disabled=${!this.editable}
          @change=${(event: Event) =>
            this.toggleGroup(group, (event.target as HTMLInputElement).checked)}
        />
        ${t('selectAll')}
        <span class="visually-hidden">${t('groupPermissions', { group: group.displayName })}</span>
      </label>
      <div class="actions">
        ${group.actions.map(
          (action) =>
            html`<label>
              <input
                type="checkbox"
                .checked=${live(granted.has(action.id))}
                ?disabled=${!this.editable}
                @focus=${() => (this.focused = action.id)}
                @blur=${() => (this.focused = undefined)}
                @change=${(event: Event) =>
                  this.toggle(action.id, (event.target as HTMLInputElement).checked)}
              />
              ${action.name} <span class="visually-hidden">${group.displayName}</span>
              ${
                this.mayGrant(action.id)
                  ? nothing
                  : html`<span class="not-grantable">${t('notYoursToGrant')}</span>`
              }
            </label>`,
        )}
      </div>
    </details>`
  }

  override render() {
    const { t } = this.i18n
    const granted = this.granted()
    const route = this.focused ? this.routeOf(this.focused) : undefined
    return html`<div class="layout">
      <div class="groups" role="group" aria-label=${t('permissions')}>
        ${this.listed().map((group) => this.group(group, granted))}
      </div>
      <aside class="route" part="route" aria-live="polite">
        ${
          this.focused
            ? html`<strong>${t('boundRoute')}</strong> ${
                  route
                    ? html`<p><code>${route.method} ${route.path}</code></p>`
                    : html`<p>${t('noRestRoute', { action: this.focused })}</p>`
                }`
            : html`<p>${t('focusPermission')}</p>`
        }
      </aside>
    </div>`
  }
}
