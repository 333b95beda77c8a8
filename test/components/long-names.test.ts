// Issue #21: a 117-character name without a space never widens the table, the edit view or
// the delete dialog — by measurement at 390 px.
import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { setViewport } from '@web/test-runner-commands'
import { loadTollgateElements } from '../../components/index'
import type { ApiTokenSettings } from '../../components/api-token-settings/api-token-settings'
import { rowAction, shadowOf } from './dom'
import { FakeAdminApi } from './fake-admin-api'

const LONG = 'a'.repeat(40) + 'verylongintegrationnamewithoutanyspace'.repeat(2) + 'z'.repeat(1)

before(() => loadTollgateElements())

let api: FakeAdminApi
beforeEach(async () => {
  await setViewport({ width: 390, height: 800 })
  api = new FakeAdminApi().install()
})
afterEach(async () => {
  api.restore()
  await setViewport({ width: 800, height: 600 })
})

async function section() {
  api.add({ name: LONG })
  const box = await fixture<HTMLDivElement>(
    html`<div style="width: 390px; max-width: 100%">
      <api-token-settings api-base=${api.base} .getAuthToken=${() => 'jwt'}></api-token-settings>
    </div>`,
  )
  const element = box.querySelector<ApiTokenSettings>('api-token-settings')!
  await waitUntil(
    () =>
      shadowOf(element)
        .querySelector('api-token-table')
        ?.shadowRoot?.querySelector('tbody tr:not(.skeleton)'),
    'no rows',
  )
  return { box, element }
}

/** Every element under `root` (through shadow roots) whose content is wider than its box. */
function overflowing(root: ParentNode): string[] {
  const found: string[] = []
  for (const element of root.querySelectorAll<HTMLElement>('*')) {
    if (element.shadowRoot) found.push(...overflowing(element.shadowRoot))
    const style = getComputedStyle(element)
    // Hidden text (1 px, clipped) and scrolling boxes are not clipped content.
    if (style.display === 'none' || style.overflowX === 'auto') continue
    if (element.classList.contains('visually-hidden')) continue
    if (element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0) {
      found.push(`<${element.localName} class="${element.className}">`)
    }
  }
  return found
}

describe('a 117-character name without a space', () => {
  it('is 117 characters', () => expect(LONG).to.have.length(117))

  it('wraps in the list, the edit view and the delete dialog at 390 px', async () => {
    const { box, element } = await section()
    expect(box.scrollWidth, 'the list').to.be.at.most(box.clientWidth)
    expect(overflowing(shadowOf(element)), 'in the list').to.deep.equal([])

    await rowAction(shadowOf(element), `Edit ${LONG}`)
    await waitUntil(
      () => shadowOf(element).querySelector('h1')?.textContent === LONG,
      'no edit view',
    )
    const heading = shadowOf(element).querySelector('h1')!
    await waitUntil(() => heading.getBoundingClientRect().width > 0, 'heading not laid out')
    expect(heading.getBoundingClientRect().right).to.be.at.most(box.getBoundingClientRect().right)
    expect(box.scrollWidth, 'the edit view').to.be.at.most(box.clientWidth)
    expect(document.documentElement.scrollWidth).to.be.at.most(innerWidth)

    shadowOf(element).querySelector<HTMLButtonElement>('button.back')!.click()
    await waitUntil(() => shadowOf(element).querySelector('api-token-table'), 'no list')
    const table = shadowOf(element).querySelector('api-token-table')!
    await waitUntil(() => shadowOf(table).querySelector('tbody tr:not(.skeleton)'), 'no rows')
    await rowAction(shadowOf(element), `Delete ${LONG}`)
    const dialog = shadowOf(element).querySelector('api-token-delete-dialog')!
    const native = () => shadowOf(dialog).querySelector('dialog')!
    await waitUntil(() => native().open, 'no delete dialog')
    expect(native().scrollWidth, 'the delete dialog').to.be.at.most(native().clientWidth)
    expect(native().getBoundingClientRect().right).to.be.at.most(innerWidth)
    native().close()
  })
})
