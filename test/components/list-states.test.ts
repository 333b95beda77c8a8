// Issue #21: the list's loading, error and empty states inside the section, the count and
// filters as they reach the API, and focus after paging — by the active element through
// shadow roots, never by a sleep.
import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { loadTollgateElements } from '../../components/index'
import type { ApiTokenSettings } from '../../components/api-token-settings/api-token-settings'
import { button, choose, deepActiveElement, describeElement, shadowOf, textOf } from './dom'
import { FakeAdminApi } from './fake-admin-api'

before(() => loadTollgateElements())

let api: FakeAdminApi
beforeEach(() => {
  api = new FakeAdminApi().install()
})
afterEach(() => api.restore())

async function section() {
  const element = await fixture<ApiTokenSettings>(
    html`<api-token-settings
      api-base=${api.base}
      .getAuthToken=${() => 'jwt'}
    ></api-token-settings>`,
  )
  // The list itself, with its heading, once the permissions are in (not the placeholder).
  await waitUntil(() => shadowOf(element).querySelector('h1'), 'no list')
  const table = shadowOf(element).querySelector('api-token-table')!
  return { element, table, list: shadowOf(table) }
}

const LIST = /^\/admin\/api-tokens$/

function unavailable() {
  api.failNext = {
    method: 'GET',
    path: LIST,
    response: () =>
      Response.json(
        {
          data: null,
          error: {
            status: 503,
            name: 'ApplicationError',
            message: 'Store unavailable',
            details: {},
          },
        },
        { status: 503 },
      ),
  }
}

describe('the list in the section', () => {
  it('shows a list error once, unlike the empty state, and Retry loads the rows', async () => {
    api.add({ name: 'alpha' })
    unavailable()
    const { element, list } = await section()
    await waitUntil(() => list.querySelector('[part=error]'), 'the error never showed')
    // Once in the whole section (its toasts and notices included, through shadow roots).
    expect(textOf(shadowOf(element)).split('Store unavailable')).to.have.length(2)
    expect(list.querySelectorAll('[role=alert]')).to.have.length(1)
    expect(list.querySelector('[part=empty]')).to.equal(null)
    expect(list.querySelector('[part=result-count]')).to.equal(null)
    const calls = api.callsTo('GET', LIST).length
    button(list, 'Retry').click()
    await waitUntil(() => list.querySelector('tbody tr:not(.skeleton)'), 'Retry never loaded rows')
    expect(api.callsTo('GET', LIST)).to.have.length(calls + 1)
    expect(list.querySelector('[part=error]')).to.equal(null)
    expect(textOf(list)).to.contain('alpha').and.contain('1 token')
  })

  it('shows skeleton rows while the first page loads, in the height the rows then take', async () => {
    for (let i = 0; i < 5; i += 1) api.add({ name: `token ${i}` })
    const release = api.hold(LIST)
    const { table, list } = await section()
    await waitUntil(() => list.querySelectorAll('tr.skeleton').length === 5, 'no skeleton')
    expect(list.querySelector('table')?.getAttribute('aria-busy')).to.equal('true')
    expect(list.querySelector('[role=status]')?.textContent).to.contain('Loading')
    const before = table.getBoundingClientRect().height
    release()
    await waitUntil(() => list.querySelectorAll('tbody tr:not(.skeleton)').length === 5, 'rows')
    const after = table.getBoundingClientRect().height
    expect(Math.abs(after - before), `from ${before} px to ${after} px`).to.be.at.most(8)
  })

  it('dims the stale rows with aria-busy while a filter is pending, and asks the API for it', async () => {
    api.add({ name: 'on' })
    api.add({
      name: 'off',
      enabled: false,
      type: 'custom',
      permissions: ['api::article.article.find'],
    })
    const { list } = await section()
    await waitUntil(() => textOf(list).includes('2 tokens'), 'the count never showed')
    const release = api.hold(LIST)
    choose(list.querySelector<HTMLSelectElement>('select[part=filter]')!, 'Disabled')
    await waitUntil(() => list.querySelector('table')?.getAttribute('aria-busy') === 'true', 'busy')
    expect(getComputedStyle(list.querySelector('tbody')!).opacity).to.not.equal('1')
    expect(list.querySelector('[role=status]')?.textContent).to.contain('Loading')
    release()
    await waitUntil(
      () => textOf(list).includes('1 token') && !textOf(list).includes('Loading'),
      'filtered',
    )
    const last = api.callsTo('GET', LIST).at(-1)!
    expect(last.search.get('enabled')).to.equal('false')
    expect(last.search.has('type')).to.equal(false)
    choose(list.querySelectorAll<HTMLSelectElement>('select[part=filter]')[1]!, 'Custom')
    await waitUntil(() => api.callsTo('GET', LIST).at(-1)?.search.get('type') === 'custom', 'type')
    expect(api.callsTo('GET', LIST).at(-1)?.search.get('page')).to.equal('1')
  })

  it('moves focus to the table after paging, never to <body>, even on the last page', async () => {
    for (let i = 0; i < 30; i += 1) api.add({ name: `token ${String(i).padStart(2, '0')}` })
    const { list } = await section()
    await waitUntil(() => textOf(list).includes('Page 1 of 2'), 'no pages')
    button(list, 'Next page').click()
    await waitUntil(
      () => textOf(list).includes('Page 2 of 2') && textOf(list).includes('token 29'),
      'page 2',
    )
    const table = list.querySelector('table')!
    await waitUntil(
      () => deepActiveElement() === table,
      `focus is on ${describeElement(deepActiveElement())}`,
    )
    expect(table.querySelector('caption')?.textContent?.trim()).to.equal('API Tokens')
    button(list, 'Previous page').click()
    await waitUntil(() => textOf(list).includes('token 00'), 'page 1')
    expect(deepActiveElement()).to.equal(list.querySelector('table'))
  })

  it('offers Create as a button in the empty state', async () => {
    const { element, list } = await section()
    await waitUntil(() => list.querySelector('[part=empty]'), 'no empty state')
    const slot = list.querySelector<HTMLSlotElement>('[part=empty] slot')!
    const [create] = slot.assignedElements()
    expect(create?.localName).to.equal('button')
    expect(create?.textContent?.trim()).to.equal('Add your first API Token')
    ;(create as HTMLButtonElement).click()
    await waitUntil(() => shadowOf(element).querySelector('api-token-form'), 'Create never opened')
  })
})

describe('the first paint', () => {
  it('reserves the list’s height while the permissions load: no jump when the rows arrive', async () => {
    for (let i = 0; i < 5; i += 1) api.add({ name: `token ${i}` })
    const release = api.hold(/^\/admin\/users\/me\/permissions$/)
    const element = await fixture<ApiTokenSettings>(
      html`<api-token-settings
        api-base=${api.base}
        .getAuthToken=${() => 'jwt'}
      ></api-token-settings>`,
    )
    await waitUntil(
      () =>
        shadowOf(element)
          .querySelector('api-token-table')
          ?.shadowRoot?.querySelector('tr.skeleton'),
      'no skeleton before the permissions',
    )
    await element.updateComplete
    const before = element.getBoundingClientRect().height
    release()
    const table = () => shadowOf(element).querySelector('api-token-table')?.shadowRoot
    await waitUntil(() => table()?.querySelectorAll('tbody tr:not(.skeleton)').length === 5, 'rows')
    const after = element.getBoundingClientRect().height
    expect(Math.abs(after - before), `from ${before} px to ${after} px`).to.be.at.most(8)
  })
})
