import { LitElement, css, html } from 'lit'
import { PermissionsChangeEvent } from './events'
import { sharedStyles } from './styles'
import type { PermissionCatalog, RouteCatalog } from './types'

interface Group {
  id: string
  displayName: string
  actions: { id: string; name: string }[]
}

/**
 * The permission picker for Custom tokens: one accordion per content type (its
 * `displayName`), a checkbox per action, a tri-state "Select all" per type, and the
 * route (method + path) bound to the focused action.
 *
 * @event api-token-permissions-change - `detail: {permissions}`: the new selection
 *
 * @csspart group - Each content type's `<details>`.
 * @csspart route - The bound-route panel.
 *
 * @cssproperty --tollgate-color-border - Borders between groups.
 *
 * @tagname api-token-permissions
 */
export class ApiTokenPermissions extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .layout {
        display: grid;
        grid-template-columns: 2fr 1fr;
        gap: calc(var(--_space) * 2);
      }
      details {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        margin-block-end: var(--_space);
        padding: var(--_space);
      }
      summary {
        cursor: pointer;
        font-weight: 600;
      }
      .actions {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
        gap: var(--_space);
        padding-block: var(--_space);
      }
      .route {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: var(--_space);
        align-self: start;
      }
      code {
        font-family: var(--tollgate-font-mono, ui-monospace, monospace);
      }
    `,
  ]

  /**
   * Focusing the host (as the form does for a permissions error) focuses its first
   * control; the host itself stays out of the Tab order, so its controls keep theirs.
   * @internal
   */
  static override shadowRootOptions: ShadowRootInit = {
    ...LitElement.shadowRootOptions,
    delegatesFocus: true,
  }

  static override properties = {
    catalog: { attribute: false },
    routes: { attribute: false },
    selected: { attribute: false },
    disabled: { type: Boolean },
    focused: { state: true },
  }

  /** The grouped actions (`GET /admin/content-api/permissions`). */
  declare catalog: PermissionCatalog
  /** The routes bound to actions (`GET /admin/content-api/routes`). */
  declare routes: RouteCatalog
  /** The selected action ids. */
  declare selected: string[]
  /** Read-only display. */
  declare disabled: boolean
  declare private focused: string | undefined

  constructor() {
    super()
    this.catalog = {}
    this.routes = {}
    this.selected = []
    this.disabled = false
    this.focused = undefined
  }

  private groups(): Group[] {
    return Object.entries(this.catalog).map(([id, group]) => ({
      id,
      displayName: group.displayName,
      actions: Object.entries(group.controllers).flatMap(([controller, names]) =>
        names.map((name) => ({ id: `${id}.${controller}.${name}`, name })),
      ),
    }))
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
    for (const action of group.actions) {
      if (on) next.add(action.id)
      else next.delete(action.id)
    }
    this.commit(next)
  }

  private routeOf(action: string) {
    for (const routes of Object.values(this.routes)) {
      const route = routes.find((candidate) => candidate.action === action)
      if (route) return route
    }
    return undefined
  }

  private group(group: Group) {
    const selected = new Set(this.selected)
    const count = group.actions.filter((action) => selected.has(action.id)).length
    const all = count === group.actions.length && count > 0
    const some = count > 0 && !all
    return html`<details part="group">
      <summary>${group.displayName}</summary>
      <label>
        <input
          type="checkbox"
          .checked=${all}
          .indeterminate=${some}
          aria-checked=${some ? 'mixed' : all ? 'true' : 'false'}
          ?disabled=${this.disabled}
          @change=${(event: Event) =>
            this.toggleGroup(group, (event.target as HTMLInputElement).checked)}
        />
        Select all <span class="visually-hidden">${group.displayName} permissions</span>
      </label>
      <div class="actions">
        ${group.actions.map(
          (action) =>
            html`<label>
              <input
                type="checkbox"
                .checked=${selected.has(action.id)}
                ?disabled=${this.disabled}
                @focus=${() => (this.focused = action.id)}
                @change=${(event: Event) =>
                  this.toggle(action.id, (event.target as HTMLInputElement).checked)}
              />
              ${action.name} <span class="visually-hidden">${group.displayName}</span>
            </label>`,
        )}
      </div>
    </details>`
  }

  override render() {
    const route = this.focused ? this.routeOf(this.focused) : undefined
    return html`<div class="layout">
      <div role="group" aria-label="Permissions">
        ${this.groups().map((group) => this.group(group))}
      </div>
      <aside class="route" part="route" aria-live="polite">
        ${
          this.focused
            ? html`<strong>Bound route</strong> ${
                  route
                    ? html`<p><code>${route.method} ${route.path}</code></p>`
                    : html`<p>${this.focused} has no REST route</p>`
                }`
            : html`<p>Focus a permission to see the route it allows.</p>`
        }
      </aside>
    </div>`
  }
}
