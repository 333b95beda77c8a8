import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing'
import { loadTollgateElements } from '../../components/index'
import type { ApiTokenKey } from '../../components/api-token-key/api-token-key'
import { button, hasButton, shadowOf, textOf } from './dom'

// The dialogs and the edit view's elements load when first needed: here, all at the start.
before(() => loadTollgateElements())

function withClipboard(clipboard: unknown, run: () => Promise<void>) {
  const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard')
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: clipboard })
  return run().finally(() => {
    delete (navigator as { clipboard?: unknown }).clipboard
    if (original) Object.defineProperty(Navigator.prototype, 'clipboard', original)
  })
}

describe('<api-token-key>', () => {
  it('shows the key as plain text with the warning', async () => {
    const element = await fixture<ApiTokenKey>(html`<api-token-key value="tg_abc"></api-token-key>`)
    expect(shadowOf(element).querySelector('code')?.textContent?.trim()).to.equal('tg_abc')
    expect(textOf(shadowOf(element))).to.contain("it won't be shown again")
  })

  it('copies with the Clipboard API: Copy turns to Copied and the copy event fires', async () => {
    const written: string[] = []
    await withClipboard({ writeText: async (v: string) => void written.push(v) }, async () => {
      const element = await fixture<ApiTokenKey>(
        html`<api-token-key value="tg_abc"></api-token-key>`,
      )
      setTimeout(() => button(shadowOf(element), 'Copy').click())
      await oneEvent(element, 'api-token-key-copy')
      await element.updateComplete
      expect(written).to.deep.equal(['tg_abc'])
      expect(hasButton(shadowOf(element), 'Copied')).to.equal(true)
      expect(textOf(shadowOf(element))).to.contain('Copied to the clipboard')
    })
  })

  it('without the Clipboard API selects the key and says to copy it by hand', async () => {
    await withClipboard(undefined, async () => {
      const element = await fixture<ApiTokenKey>(
        html`<api-token-key value="tg_abc"></api-token-key>`,
      )
      let copied = false
      element.addEventListener('api-token-key-copy', () => (copied = true))
      button(shadowOf(element), 'Copy').click()
      await waitUntil(() => textOf(shadowOf(element)).includes('press Ctrl+C'))
      expect(getSelection()?.toString()).to.equal('tg_abc')
      expect(hasButton(shadowOf(element), 'Copy'), 'not "Copied": nothing was copied').to.equal(
        true,
      )
      expect(copied).to.equal(false)
    })
  })
})
