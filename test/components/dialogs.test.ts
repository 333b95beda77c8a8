import { aTimeout, assert, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import { loadTollgateElements } from '../../components/index'
import type { ApiTokenDeleteDialog } from '../../components/api-token-delete-dialog/api-token-delete-dialog'
import type { ApiTokenRegenerateDialog } from '../../components/api-token-regenerate-dialog/api-token-regenerate-dialog'
import type { ConfirmDialog } from '../../components/confirm-dialog/confirm-dialog'
import { longDate } from '../../components/internal/long-date'
import { button, choose, deepActiveElement, shadowOf, textOf } from './dom'
import { makeToken } from './fake-admin-api'

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
      'Delete token Are you sure you want to delete “Website”? Apps using its key will be refused. This cannot be undone. Cancel Delete',
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
    expect(textOf(shadowOf(element))).to.contain('Unsaved changes will be lost too.')
  })

  it('says when the new key expires: the duration restarts, a custom date is kept, unlimited stays', async () => {
    const thirtyDays = 2_592_000_000
    const element = await fixture<ApiTokenRegenerateDialog>(
      html`<api-token-regenerate-dialog
        lang="en"
        .token=${makeToken({ name: 'Site', lifespan: thirtyDays })}
      ></api-token-regenerate-dialog>`,
    )
    const before = Date.now()
    void element.ask()
    await waitUntil(() => element.open)
    const newExpiry = () => shadowOf(element).querySelector('#new-expiry')?.textContent?.trim()
    // Computed while opening: the day thirty days from then (the same day either side of it).
    const possible = [before, Date.now()].map(
      (now) => `The new key expires on ${longDate(now + thirtyDays, 'en')}.`,
    )
    expect(possible).to.include(newExpiry())
    const custom = '2027-03-03T12:00:00.000Z'
    element.token = makeToken({ name: 'Site', lifespan: null, expiresAt: custom })
    await element.updateComplete
    expect(newExpiry()).to.equal('The new key expires on March 3, 2027.')
    element.token = makeToken({ name: 'Site', lifespan: null, expiresAt: null })
    await element.updateComplete
    expect(newExpiry()).to.equal('The new key never expires.')
    element.lang = 'de'
    element.token = makeToken({ name: 'Site', lifespan: null, expiresAt: custom })
    await waitUntil(() => newExpiry()?.startsWith('Der'), 'the German strings never loaded')
    expect(newExpiry()).to.equal('Der neue Schlüssel läuft am 3. März 2027 ab.')
    button(shadowOf(element), 'Abbrechen').click()
  })

  it('warns that a previous key still in its grace period ends now, only when there is one', async () => {
    const element = await fixture<ApiTokenRegenerateDialog>(
      html`<api-token-regenerate-dialog
        lang="en"
        .token=${makeToken({ name: 'Site' })}
      ></api-token-regenerate-dialog>`,
    )
    void element.ask()
    await waitUntil(() => element.open)
    expect(shadowOf(element).querySelector('#previous-key')).to.equal(null)
    expect(textOf(shadowOf(element))).not.to.contain('previous key')
    const ends = new Date(Date.now() + 3_600_000).toISOString()
    element.token = makeToken({
      name: 'Site',
      previousKey: { keyHint: 'tg_abcd…wxyz', expiresAt: ends },
    })
    await element.updateComplete
    expect(shadowOf(element).querySelector('#previous-key')?.textContent?.trim()).to.equal(
      `The previous key tg_abcd…wxyz works until ${longDate(ends, 'en')}: regenerating again ends it.`,
    )
    element.token = makeToken({
      name: 'Site',
      previousKey: {
        keyHint: 'tg_abcd…wxyz',
        expiresAt: new Date(Date.now() - 1000).toISOString(),
      },
    })
    await element.updateComplete
    expect(shadowOf(element).querySelector('#previous-key'), 'an ended key').to.equal(null)
    button(shadowOf(element), 'Cancel').click()
  })

  it('styles None as the destructive choice: a danger Regenerate and a text that says the key is refused at once', async () => {
    const element = await fixture<ApiTokenRegenerateDialog>(
      html`<api-token-regenerate-dialog lang="en"></api-token-regenerate-dialog>`,
    )
    void element.ask()
    await waitUntil(() => element.open)
    const regenerate = () => button(shadowOf(element), 'Regenerate')
    const grace = shadowOf(element).querySelector('select')
    if (!grace) throw new Error('no grace period select')
    expect(grace.selectedOptions[0]?.textContent?.trim()).to.equal('None')
    expect(regenerate().classList.contains('danger')).to.equal(true)
    // The palette's danger red (#d02b20), not the calm primary blue.
    expect(getComputedStyle(regenerate()).backgroundColor).to.equal('rgb(208, 43, 32)')
    expect(textOf(shadowOf(element))).to.contain('The current key is refused at once')
    choose(grace, '1 hour')
    await element.updateComplete
    expect(regenerate().classList.contains('danger')).to.equal(false)
    expect(regenerate().classList.contains('primary')).to.equal(true)
    expect(getComputedStyle(regenerate()).backgroundColor).not.to.equal('rgb(208, 43, 32)')
    expect(textOf(shadowOf(element))).not.to.contain('refused at once')
    choose(grace, 'None')
    await element.updateComplete
    expect(regenerate().classList.contains('danger')).to.equal(true)
    await assert.isAccessible(element)
    button(shadowOf(element), 'Cancel').click()
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
