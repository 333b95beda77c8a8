import { html, type ReactiveController, type ReactiveControllerHost } from 'lit'

export interface Toast {
  id: number
  message: string
  kind: 'success' | 'error'
}

/** The timers a toast controller uses; tests pass their own instead of sleeping. */
export interface ToastClock {
  setTimeout(callback: () => void, ms: number): number
  clearTimeout(id: number): void
}

/** The region's and the Dismiss buttons' accessible names, in English. */
const TOAST_LABELS = { region: 'Notifications', dismiss: 'Dismiss' }

const windowClock: ToastClock = {
  setTimeout: (callback, ms) => window.setTimeout(callback, ms),
  clearTimeout: (id) => window.clearTimeout(id),
}

/**
 * The section's toasts. Success toasts leave by themselves after `duration`; errors stay
 * until dismissed. Every pending timer is cleared when the element disconnects, so a
 * removed element never wakes up to update.
 *
 * @example
 * private readonly toasts = new ToastController(this)
 * this.toasts.show('API Token deleted')
 */
export class ToastController implements ReactiveController {
  private list: Toast[] = []
  private readonly timers = new Map<number, number>()
  private lastId = 0

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly clock: ToastClock = windowClock,
    private readonly duration = 5000,
  ) {
    host.addController(this)
  }

  /** The toasts showing, oldest first. */
  get items(): readonly Toast[] {
    return this.list
  }

  show(message: string, kind: Toast['kind'] = 'success'): void {
    const toast = { id: ++this.lastId, message, kind }
    this.list = [...this.list, toast]
    if (kind === 'success') {
      this.timers.set(
        toast.id,
        this.clock.setTimeout(() => this.dismiss(toast.id), this.duration),
      )
    }
    this.host.requestUpdate()
  }

  dismiss(id: number): void {
    const timer = this.timers.get(id)
    if (timer !== undefined) this.clock.clearTimeout(timer)
    this.timers.delete(id)
    this.list = this.list.filter((toast) => toast.id !== id)
    this.host.requestUpdate()
  }

  /** The toasts, for the host's template: each with `part="toast"` and a Dismiss button (`labels`: the accessible names, English by default). */
  render(labels: { region: string; dismiss: string } = TOAST_LABELS) {
    return html`<div class="toasts" role="region" aria-label=${labels.region}>
      ${this.list.map(
        (toast) =>
          html`<div
            class="toast ${toast.kind}"
            part="toast"
            role=${toast.kind === 'error' ? 'alert' : 'status'}
          >
            <span>${toast.message}</span>
            <button
              part="button"
              type="button"
              aria-label=${labels.dismiss}
              @click=${() => this.dismiss(toast.id)}
            >
              ×
            </button>
          </div>`,
      )}
    </div>`
  }

  hostDisconnected(): void {
    for (const timer of this.timers.values()) this.clock.clearTimeout(timer)
    this.timers.clear()
    this.list = []
  }
}
