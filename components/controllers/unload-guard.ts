import type { ReactiveController, ReactiveControllerHost } from 'lit'

/** The browser's own "Leave site?" question, asked by cancelling `beforeunload`. */
function askBeforeUnload(event: BeforeUnloadEvent): void {
  event.preventDefault()
}

/**
 * A `beforeunload` guard on the window that stands exactly while `needed()` holds (checked
 * after each update of the host), and never outlives the host's stay in the document: a
 * reload or a closed tab then asks before losing what only this page holds.
 *
 * @example
 * new UnloadGuardController(this, () => this.hasUncopiedKey)
 */
export class UnloadGuardController implements ReactiveController {
  private standing = false

  constructor(
    host: ReactiveControllerHost,
    private readonly needed: () => boolean,
  ) {
    host.addController(this)
  }

  hostConnected(): void {
    this.stand(this.needed())
  }

  hostUpdated(): void {
    this.stand(this.needed())
  }

  hostDisconnected(): void {
    this.stand(false)
  }

  private stand(standing: boolean): void {
    if (standing === this.standing) return
    this.standing = standing
    if (standing) window.addEventListener('beforeunload', askBeforeUnload)
    else window.removeEventListener('beforeunload', askBeforeUnload)
  }
}
