// SPEC §11's budget, seen from a page: tollgate.js defines the list view's elements; the
// dialogs and the edit view's elements (form and picker, key, usage, activity) are defined
// when first needed, and until then the section shows a placeholder, never an error. This
// file never preloads them (each test file runs in a page of its own).
import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import '../../components/index'
import type { ApiTokenSettings } from '../../components/api-token-settings/api-token-settings'
import type { ApiTokenUsage } from '../../components/api-token-usage/api-token-usage'
import { button, deepActiveElement, describeElement, rowAction, shadowOf, textOf } from './dom'
import { FakeAdminApi } from './fake-admin-api'

const LAZY = [
  'api-token-delete-dialog',
  'api-token-regenerate-dialog',
  'api-token-confirm-dialog',
  'api-token-form',
  'api-token-permissions',
  'api-token-key',
  'api-token-usage',
  'api-token-activity',
]

const defined = (tags: string[]) => tags.filter((tag) => customElements.get(tag))

let api: FakeAdminApi

beforeEach(() => {
  api = new FakeAdminApi().install()
})
afterEach(() => api.restore())

describe('elements loaded when first needed', () => {
  it('loads the delete dialog at the first delete and the edit view when it first opens', async () => {
    expect(defined(['api-token-settings', 'api-token-table'])).to.have.length(2)
    expect(defined(LAZY), 'defined before any use').to.deep.equal([])
    const errors: unknown[] = []
    const onError = (event: ErrorEvent) => errors.push(event.error)
    window.addEventListener('error', onError)

    api.add({ name: 'Website' })
    const element = await fixture<ApiTokenSettings>(
      html`<api-token-settings
        api-base=${api.base}
        .getAuthToken=${() => 'jwt'}
      ></api-token-settings>`,
    )
    const root = shadowOf(element)
    await waitUntil(() => textOf(root).includes('Website'), 'the list never showed')
    expect(defined(LAZY), 'defined by the list view').to.deep.equal([])

    await rowAction(root, 'Delete Website')
    const dialog = root.querySelector('api-token-delete-dialog')!
    await waitUntil(() => dialog.open, 'the delete dialog never opened')
    expect(textOf(shadowOf(dialog))).to.contain('Are you sure you want to delete “Website”?')
    expect(defined(['api-token-form', 'api-token-usage'])).to.deep.equal([])
    button(shadowOf(dialog), 'Cancel').click()
    await waitUntil(() => !dialog.open)

    button(root, 'Create new API Token').click()
    await element.updateComplete
    if (!customElements.get('api-token-form')) {
      expect(root.querySelector('[role=status]')?.textContent).to.equal('Loading API Tokens…')
      expect(root.querySelector('api-token-form'), 'rendered before it is defined').to.equal(null)
    }
    await waitUntil(() => root.querySelector('api-token-form')?.shadowRoot, 'no form')
    await waitUntil(
      () => deepActiveElement()?.localName === 'h1',
      `focus never reached the view's heading; it is on ${describeElement(deepActiveElement())}`,
    )
    expect(deepActiveElement()?.textContent).to.equal('Create API Token')
    expect(defined(['api-token-permissions', 'api-token-key'])).to.have.length(2)
    window.removeEventListener('error', onError)
    expect(errors).to.deep.equal([])
  })

  it('loads a part used on its own in the page, keeping what was set before', async () => {
    const usage = await fixture<ApiTokenUsage>(
      html`<api-token-usage
        .usage=${{
          days: [{ date: '2026-11-30', requests: 4, refused: 1 }],
          total: { requests: 4, refused: 1 },
        }}
      ></api-token-usage>`,
    )
    await waitUntil(() => usage.shadowRoot, '<api-token-usage> was never defined')
    await usage.updateComplete
    const summary = shadowOf(usage).querySelector('[part=summary]')!
    expect(summary.getAttribute('data-requests')).to.equal('4')
  })
})
