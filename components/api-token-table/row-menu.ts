import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit'
import type { TokenRowActionEvent } from '../events'
import type { LocaleController } from '../i18n/locale-controller'
import type { Token } from '../types'
import '../i18n/english-views'

type Action = TokenRowActionEvent['detail']['action']

/** The menu's styles: they arrive with it, added to the table's own (adopted). */
const menuStyles = css`
  [role='menu'] {
    position: fixed;
    inset: auto;
    margin: 0;
    padding: calc(var(--_space) / 2);
    min-width: 8rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 4px 12px color-mix(in srgb, var(--_text) 20%, transparent);
  }
  [role='menuitem'] {
    display: block;
    width: 100%;
    text-align: start;
    border: none;
    background: none;
  }
  [role='menuitem']:focus,
  [role='menuitem']:hover {
    background: var(--_neutral-subtle);
  }
  [role='menuitem'].delete {
    color: var(--_danger);
  }
  [role='menuitem'].delete:focus,
  [role='menuitem'].delete:hover {
    background: var(--_danger-subtle);
  }
`

/** What the row menu needs from `<api-token-table>`. */
export interface RowMenuHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment
  readonly canUpdate: boolean
  readonly canDelete: boolean
}

/**
 * The rows' actions menu (the WAI-ARIA menu button pattern): one `role="menu"` popover for
 * the table, opened by a row's "Actions" button — click, Enter, Space or ArrowDown on the
 * first item, ArrowUp on the last. Arrows, Home and End move between items, Escape or Tab
 * closes it and focus goes back to the button; a click elsewhere closes it (light dismiss).
 * It lives in the top layer, so the scroller never clips it. Its own chunk: the table
 * imports it the first time a menu opens (the list view's budget, SPEC §11).
 */
export class RowMenu implements ReactiveController {
  /** The token whose menu is open, if any. */
  private token: Token | undefined
  private button: HTMLElement | undefined

  constructor(
    private readonly host: RowMenuHost,
    private readonly i18n: LocaleController,
    private readonly act: (action: Action, token: Token) => void,
  ) {
    host.addController(this)
    const root = host.renderRoot
    if (root instanceof ShadowRoot && menuStyles.styleSheet) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, menuStyles.styleSheet]
    }
  }

  hostDisconnected(): void {
    this.token = undefined
  }

  private get popover(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>('[role=menu]')
  }

  private get items(): HTMLElement[] {
    return [...(this.popover?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])]
  }

  /** Opens the menu of `token` under `button`, focusing its first (or last) item. */
  async open(token: Token, button: HTMLElement, last = false): Promise<void> {
    this.token = token
    this.button = button
    this.host.requestUpdate()
    await this.host.updateComplete
    const menu = this.popover
    if (!menu) return
    if (!menu.matches(':popover-open')) menu.showPopover()
    // Below the button, its end edge on the button's, kept inside the viewport.
    const rect = button.getBoundingClientRect()
    const width = menu.offsetWidth
    const left = Math.max(8, Math.min(rect.right - width, innerWidth - width - 8))
    const below = rect.bottom + 4 + menu.offsetHeight <= innerHeight
    menu.style.left = `${left}px`
    menu.style.top = `${below ? rect.bottom + 4 : Math.max(8, rect.top - 4 - menu.offsetHeight)}px`
    const items = this.items
    items[last ? items.length - 1 : 0]?.focus()
  }

  /** Closes the menu; with `refocus`, focus goes back to its button. */
  close(refocus: boolean): void {
    const menu = this.popover
    if (menu?.matches(':popover-open')) menu.hidePopover()
    if (refocus) this.button?.focus()
  }

  private onKey(event: KeyboardEvent) {
    const items = this.items
    const index = items.indexOf(event.target as HTMLElement)
    const move: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1 + items.length,
      Home: 0,
      End: items.length - 1,
    }
    const next = move[event.key]
    if (next !== undefined) {
      event.preventDefault()
      items[next % items.length]?.focus()
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault()
      this.close(true)
    }
  }

  private choose(action: Action) {
    const { token } = this
    this.close(true)
    if (token) this.act(action, token)
  }

  private onToggle(event: ToggleEvent) {
    if (event.newState !== 'closed') return
    this.token = undefined
    this.host.requestUpdate()
  }

  /** The popover menu: Edit (or View), and Delete with the permission; each named after the token ("Edit CI"). */
  render() {
    const { t } = this.i18n
    const { token } = this
    const open = this.host.canUpdate ? 'edit' : 'view'
    const name = token?.name ?? ''
    const item = (
      action: Action,
      label: string,
      named: 'editToken' | 'viewToken' | 'deleteToken',
    ) =>
      html`<button
        part="menuitem"
        role="menuitem"
        type="button"
        tabindex="-1"
        class=${action}
        aria-label=${t(named, { name })}
        @click=${() => this.choose(action)}
      >
        ${label}
      </button>`
    return html`<div
      role="menu"
      part="menu"
      popover="auto"
      aria-label=${token ? t('actionsFor', { name: token.name }) : t('columnActions')}
      @keydown=${(event: KeyboardEvent) => this.onKey(event)}
      @toggle=${(event: ToggleEvent) => this.onToggle(event)}
    >
      ${
        token
          ? html`${item(open, t(open), open === 'edit' ? 'editToken' : 'viewToken')}
            ${this.host.canDelete ? item('delete', t('delete'), 'deleteToken') : nothing}`
          : nothing
      }
    </div>`
  }
}
