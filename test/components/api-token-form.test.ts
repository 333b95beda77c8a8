import { expect, fixture, html } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import '../../components/index'
import type { ApiTokenForm } from '../../components/api-token-form'
import type { Token } from '../../components/types'
import { CATALOG, ROUTES, makeToken } from './fake-admin-api'

/** The focused element, followed through open shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
  return active
}

/** What the focused control is, the way a user would say it: its role and its label. */
function focusedControl(): string {
  const active = deepActiveElement()
  if (!active || active === document.body) return 'nothing'
  const text = (node: Node | null | undefined) =>
    (node?.textContent ?? '').replace(/\s+/g, ' ').trim()
  if (active instanceof HTMLInputElement && active.type === 'checkbox') {
    return `checkbox ${text(active.closest('label'))}`
  }
  if (active.id) {
    const label = (active.getRootNode() as ShadowRoot).querySelector(`label[for="${active.id}"]`)
    if (label) return `${active.localName} ${text(label)}`
  }
  return `${active.localName} ${text(active)}`
}

async function form(token: Token | null = null) {
  return fixture<ApiTokenForm>(
    html`<api-token-form .token=${token} .catalog=${CATALOG} .routes=${ROUTES}>
      <h1 slot="heading">Edit token</h1>
    </api-token-form>`,
  )
}

async function tab(shift = false) {
  await sendKeys({ press: shift ? 'Shift+Tab' : 'Tab' })
  return focusedControl()
}

describe('<api-token-form> keyboard', () => {
  it('reaches every field, group and checkbox with Tab in visual order', async () => {
    await form(makeToken({ name: 'Website', type: 'custom', permissions: [] }))
    expect(await tab()).to.equal('button Save')
    expect(await tab()).to.equal('input Name')
    expect(await tab()).to.equal('textarea Description')
    expect(await tab()).to.equal('select Token duration')
    expect(await tab()).to.equal('select Token type')
    expect(await tab()).to.match(/^summary Article/)
    expect(await tab()).to.match(/^summary Category/)
    expect(await tab()).to.equal('nothing')
  })

  it('opens a group with Space and toggles its checkboxes with Space', async () => {
    const element = await form(makeToken({ name: 'Website', type: 'custom', permissions: [] }))
    ;(element.shadowRoot!.querySelector('#type') as HTMLSelectElement).focus()
    expect(await tab()).to.match(/^summary Article/)
    await sendKeys({ press: 'Space' })
    expect(await tab()).to.equal('checkbox Select all Article permissions')
    for (const action of ['find', 'findOne', 'create', 'update', 'delete']) {
      expect(await tab()).to.equal(`checkbox ${action} Article`)
    }
    expect(await tab()).to.match(/^summary Category/)
    expect(await tab(true)).to.equal('checkbox delete Article')
    await sendKeys({ press: 'Space' })
    await element.updateComplete
    expect(element.value.permissions).to.deep.equal(['api::article.article.delete'])
    expect(element.value.type).to.equal('custom')
    await sendKeys({ press: 'Space' })
    await element.updateComplete
    expect(element.value.permissions).to.deep.equal([])
  })
})
