import { aTimeout, assert, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import { loadTollgateElements } from '../../components/index'
import type { ApiTokenDeleteDialog } from '../../components/api-token-delete-dialog/api-token-delete-dialog'
import type { ApiTokenRegenerateDialog } from '../../components/api-token-regenerate-dialog/api-token-regenerate-dialog'
import type { ConfirmDialog } from '../../components/confirm-dialog/confirm-dialog'
import { button, deepActiveElement, shadowOf, textOf } from './dom'

// The dialogs and the edit view's elements load when first needed: here, all at the start.
before(() => loadTollgateElements())

const nativeDialog = (element: ConfirmDialog) => {
  const dialog = shadowOf(element).querySelector('dialog')
  if (!dialog) throw new Error('no <dialog> rendered')
  return dialog
}

describe('<api-token-delete-dialog>', () => {
  it('asks about the named token, says what follows, and offers Cancel and a danger Delete', async () => {
    const element = await fixture<ApiTokenDeleteDialog>(
      html`<api-token-delete-dialog token-name="Website"></api-token-delete-dialog>`,
    )
    void element.show()
    await waitUntil(() => element.open)
    expect(textOf(shadowOf(element))).to.equal(
      'Delete token Are you sure you want to delete “Website”? Apps using its key will be refused from then on. This cannot be undone. Cancel Delete',
    )
    expect(nativeDialog(element).matches(':modal')).to.equal(true)
    expect(button(shadowOf(element), 'Delete').classList.contains('danger')).to.equal(true)
    expect(deepActiveElement()?.textContent?.trim(), 'focus starts on Cancel').to.equal('Cancel')
    await assert.isAccessible(element)
  })
})

describe('<api-token-regenerate-dialog>', () => {
  it('keeps the question and warns about unsaved changes only when there are some', async () => {
    const element = await fixture<ApiTokenRegenerateDialog>(
      html`<api-token-regenerate-dialog></api-token-regenerate-dialog>`,
    )
    expect(textOf(shadowOf(element))).to.contain('Are you sure you want to regenerate this token?')
    expect(textOf(shadowOf(element))).not.to.contain('unsaved')
    element.unsavedChanges = true
    await element.updateComplete
    expect(textOf(shadowOf(element))).to.contain('Your unsaved changes will be lost.')
  })
})

describe('<api-token-confirm-dialog>', () => {
  it('ask() resolves true on confirm and false on Cancel or Escape, and fires the close event', async () => {
    const opener = await fixture<HTMLButtonElement>(html`<button>opener</button>`)
    const element = document.createElement('api-token-confirm-dialog')
    document.body.append(element)
    try {
      opener.focus()
      const confirmed = element.ask({ heading: 'Sure?', confirmLabel: 'Go' })
      await waitUntil(() => element.open)
      expect(textOf(shadowOf(element))).to.contain('Sure?')
      const closed = oneEvent(element, 'api-token-dialog-close')
      button(shadowOf(element), 'Go').click()
      expect(await confirmed).to.equal(true)
      expect((await closed).detail.confirmed).to.equal(true)
      expect(document.activeElement, 'focus returns to the opener').to.equal(opener)

      const cancelled = element.ask()
      await waitUntil(() => element.open)
      button(shadowOf(element), 'Cancel').click()
      expect(await cancelled).to.equal(false)

      const escaped = element.ask()
      await waitUntil(() => element.open)
      await sendKeys({ press: 'Escape' })
      expect(await escaped).to.equal(false)
    } finally {
      element.remove()
    }
  })

  it('answers the opening asked, not an earlier one whose close event came late', async () => {
    const element = document.createElement('api-token-confirm-dialog')
    document.body.append(element)
    try {
      const first = element.ask()
      await waitUntil(() => element.open)
      button(shadowOf(element), 'Cancel').click()
      // Reopened before the first close event is delivered.
      const second = element.ask()
      expect(await first).to.equal(false)
      await waitUntil(() => element.open)
      await aTimeout(10)
      expect(element.open, 'the late close event did not settle the new opening').to.equal(true)
      button(shadowOf(element), 'Confirm').click()
      expect(await second).to.equal(true)
    } finally {
      element.remove()
    }
  })
})
