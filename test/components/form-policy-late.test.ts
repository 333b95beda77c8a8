// `<api-token-form>` whose grant policy (SPEC §13) arrives after its first render, as a
// host sets it once the admin's permissions have loaded: an untouched draft is loaded
// again under the policy, a touched one keeps its edits with values the fields offer.
import { expect, fixture, html } from '@open-wc/testing'
import { loadTollgateElements } from '../../components/index'
import type { ApiTokenForm } from '../../components/api-token-form/api-token-form'
import { shadowOf, textOf, type } from './dom'
import { control, save } from './form-controls'
import { CATALOG, ROUTES } from './fake-admin-api'

const FIND = 'api::article.article.find'

before(() => loadTollgateElements())

async function form(): Promise<ApiTokenForm> {
  return fixture<ApiTokenForm>(
    html`<api-token-form .catalog=${CATALOG} .routes=${ROUTES}></api-token-form>`,
  )
}

const shown = (select: HTMLSelectElement) => select.selectedOptions[0]?.textContent?.trim()

describe('a policy set after the form rendered', () => {
  it('a cap arriving late: the untouched draft takes the longest duration it allows', async () => {
    const element = await form()
    element.maxLifespanDays = 7
    await element.updateComplete
    expect(shown(control<HTMLSelectElement>(element, 'lifespan'))).to.equal('7 days')
    type(control(element, 'name'), 'X')
    expect((await save(element))?.lifespan).to.equal(604_800_000)
  })

  it('grantable arriving late: the type is one the select offers, Save is not refused', async () => {
    const element = await form()
    element.grantable = [FIND]
    await element.updateComplete
    const select = control<HTMLSelectElement>(element, 'type')
    expect([...select.options].map((o) => o.value)).to.deep.equal(['custom'])
    expect(select.value).to.equal('custom')
    type(control(element, 'name'), 'X')
    await save(element)
    expect(textOf(shadowOf(element))).not.to.include('Not yours to grant')
  })

  it('a touched draft keeps its edits, with values the fields now offer', async () => {
    const element = await form()
    type(control(element, 'name'), 'Typed first')
    await element.updateComplete
    element.grantable = [FIND]
    element.maxLifespanDays = 7
    await element.updateComplete
    expect(control(element, 'name').value).to.equal('Typed first')
    expect(control<HTMLSelectElement>(element, 'type').value).to.equal('custom')
    expect(shown(control<HTMLSelectElement>(element, 'lifespan'))).to.equal('7 days')
    expect(element.value).to.deep.include({ type: 'custom', lifespan: 604_800_000 })
  })
})
