import { expect, fixture, html } from '@open-wc/testing'
import { LitElement } from 'lit'
import { ToastController, type ToastClock } from '../../components/controllers/toasts'

/** A clock the test advances by hand. */
class ManualClock implements ToastClock {
  private timers = new Map<number, { at: number; callback: () => void }>()
  private now = 0
  private lastId = 0
  setTimeout(callback: () => void, ms: number): number {
    this.timers.set(++this.lastId, { at: this.now + ms, callback })
    return this.lastId
  }
  clearTimeout(id: number): void {
    this.timers.delete(id)
  }
  get pending(): number {
    return this.timers.size
  }
  advance(ms: number): void {
    this.now += ms
    for (const [id, timer] of [...this.timers]) {
      if (timer.at <= this.now) {
        this.timers.delete(id)
        timer.callback()
      }
    }
  }
}

const clock = new ManualClock()

class ToastHost extends LitElement {
  readonly toasts = new ToastController(this, clock, 5000)
  override render() {
    return this.toasts.render()
  }
}
customElements.define('toast-host', ToastHost)

describe('ToastController', () => {
  it('lets success toasts leave after their time, and keeps errors until dismissed', async () => {
    const host = await fixture<ToastHost>(html`<toast-host></toast-host>`)
    host.toasts.show('API Token deleted')
    host.toasts.show('Token store unavailable', 'error')
    await host.updateComplete
    expect(host.shadowRoot!.querySelectorAll('[part=toast]')).to.have.length(2)
    clock.advance(4999)
    expect(host.toasts.items.map((t) => t.message)).to.have.length(2)
    clock.advance(1)
    expect(host.toasts.items.map((t) => t.message)).to.deep.equal(['Token store unavailable'])
    host.toasts.dismiss(host.toasts.items[0]!.id)
    await host.updateComplete
    expect(host.shadowRoot!.querySelectorAll('[part=toast]')).to.have.length(0)
  })

  it('clears every timer when the host disconnects', async () => {
    const host = await fixture<ToastHost>(html`<toast-host></toast-host>`)
    host.toasts.show('one')
    host.toasts.show('two')
    expect(clock.pending).to.equal(2)
    host.remove()
    expect(clock.pending).to.equal(0)
    expect(host.toasts.items).to.deep.equal([])
  })
})
