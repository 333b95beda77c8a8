// Issue #21: a row's actions in one menu (keyboard first), its restrictions in Status, and
// the toolbar's status and type filters with the result count.
import { assert, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import '../../components/index'
import type { ApiTokenTable } from '../../components/api-token-table/api-token-table'
import { button, choose, deepActiveElement, describeElement, shadowOf } from './dom'
import { makeToken } from './fake-admin-api'

async function table(lang = 'en') {
  const box = await fixture<HTMLDivElement>(
    html`<div lang=${lang}>
      <api-token-table
        .tokens=${[
          makeToken({
            id: 1,
            name: 'Website',
            allowedIps: ['10.0.0.0/8', '203.0.113.7'],
            rateLimit: 'standard',
          }),
          makeToken({ id: 2, name: 'CI', allowedIps: ['198.51.100.1'] }),
          makeToken({ id: 3, name: 'Backoffice' }),
        ]}
        .total=${12}
        can-update
        can-delete
      ></api-token-table>
    </div>`,
  )
  const element = box.querySelector<ApiTokenTable>('api-token-table')!
  await element.updateComplete
  return element
}

/** The focused element (through shadow roots) once it matches; fails naming where focus is. */
async function focusOn(matches: (active: Element) => boolean, what: string) {
  await waitUntil(
    () => {
      const active = deepActiveElement()
      return active !== null && matches(active)
    },
    `focus never reached ${what}: it is on ${describeElement(deepActiveElement())}`,
  )
  return deepActiveElement()!
}

const menuItem = (label: string) => (active: Element) =>
  active.getAttribute('role') === 'menuitem' && active.textContent?.trim() === label

describe('the row menu', () => {
  it('opens by keyboard, moves with the arrows, closes on Escape back to its button', async () => {
    const element = await table()
    const actions = button(shadowOf(element), 'Actions for CI')
    expect(actions.getAttribute('aria-haspopup')).to.equal('menu')
    actions.focus()
    await sendKeys({ press: 'ArrowDown' })
    await focusOn(menuItem('Edit'), 'Edit')
    const menu = shadowOf(element).querySelector('[role=menu]')!
    expect(menu.matches(':popover-open')).to.equal(true)
    expect(menu.getAttribute('aria-label')).to.equal('Actions for CI')
    expect(
      [...menu.querySelectorAll('[role=menuitem]')].map((i) => i.textContent?.trim()),
    ).to.deep.equal(['Edit', 'Delete'])
    await sendKeys({ press: 'ArrowDown' })
    await focusOn(menuItem('Delete'), 'Delete')
    await sendKeys({ press: 'ArrowDown' })
    await focusOn(menuItem('Edit'), 'Edit, after wrapping around')
    await sendKeys({ press: 'End' })
    await focusOn(menuItem('Delete'), 'Delete (End)')
    await assert.isAccessible(element)
    await sendKeys({ press: 'Escape' })
    await focusOn((active) => active === actions, 'the Actions button')
    expect(menu.matches(':popover-open')).to.equal(false)

    await sendKeys({ press: 'ArrowUp' })
    await focusOn(menuItem('Delete'), 'Delete (ArrowUp opens on the last item)')
    await sendKeys({ press: 'Escape' })
    await focusOn((active) => active === actions, 'the Actions button')

    // Enter opens it too, and Enter on an item chooses it, focus back on the button.
    await sendKeys({ press: 'Enter' })
    await focusOn(menuItem('Edit'), 'Edit (Enter)')
    await sendKeys({ press: 'ArrowDown' })
    const chosen = oneEvent(element, 'api-token-row-action')
    await sendKeys({ press: 'Enter' })
    const { detail } = await chosen
    expect(detail.action).to.equal('delete')
    expect(detail.token.name).to.equal('CI')
    expect(menu.matches(':popover-open')).to.equal(false)
    expect(deepActiveElement()).to.equal(actions)
  })

  it('opens on Space, offers View without the update permission, and nothing else', async () => {
    const element = await table()
    element.canUpdate = false
    element.canDelete = false
    await element.updateComplete
    button(shadowOf(element), 'Actions for Website').focus()
    await sendKeys({ press: 'Space' })
    const view = await focusOn(menuItem('View'), 'View')
    expect(view.parentElement?.querySelectorAll('[role=menuitem]')).to.have.length(1)
    const chosen = oneEvent(element, 'api-token-row-action')
    await sendKeys({ press: 'Enter' })
    expect((await chosen).detail.action).to.equal('view')
  })

  it('keeps the open menu whole in the viewport, never clipped by the scroller', async () => {
    const element = await table()
    button(shadowOf(element), 'Actions for Backoffice').click()
    await focusOn(menuItem('Edit'), 'Edit')
    const menu = shadowOf(element)
      .querySelector<HTMLElement>('[role=menu]')!
      .getBoundingClientRect()
    expect(menu.left).to.be.at.least(0)
    expect(menu.right).to.be.at.most(innerWidth)
    expect(menu.top).to.be.at.least(0)
    expect(menu.bottom).to.be.at.most(innerHeight)
    await sendKeys({ press: 'Escape' })
  })
})

describe('the status cell', () => {
  it('shows an IP allow-list and a rate-limit tier as badges with their meaning spelt out', async () => {
    const element = await table()
    const rows = shadowOf(element).querySelectorAll('tbody tr')
    const restrictions = (row: Element) =>
      [...row.querySelectorAll('[part~=restriction]')].map((badge) => ({
        shown: badge.querySelector('[aria-hidden]')?.textContent?.trim(),
        said: badge.querySelector('.visually-hidden')?.textContent?.trim(),
      }))
    expect(restrictions(rows[0]!)).to.deep.equal([
      { shown: 'IP · 2', said: 'Usable from 2 IP addresses or ranges only' },
      { shown: '⏱ standard', said: 'Rate limit: standard' },
    ])
    expect(restrictions(rows[1]!)).to.deep.equal([
      { shown: 'IP · 1', said: 'Usable from 1 IP address or range only' },
    ])
    expect(restrictions(rows[2]!)).to.deep.equal([])
    await assert.isAccessible(element)
  })
})

describe('the toolbar', () => {
  it('counts the results, pluralised in each language', async () => {
    const count = async (lang: string, total: number, expected: string) => {
      const element = await table(lang)
      element.total = total
      await element.updateComplete
      const line = shadowOf(element).querySelector('[part=result-count]')!
      expect(line.getAttribute('role')).to.equal('status')
      await waitUntil(
        () => line.textContent?.trim() === expected,
        `${lang} ${total}: expected "${expected}", shown "${line.textContent?.trim()}"`,
      )
    }
    await count('en', 12, '12 tokens')
    await count('en', 1, '1 token')
    await count('fr', 0, '0 jeton')
    await count('fr', 1_234, '1\u202f234 jetons')
    await count('de', 1, '1 Token')
    await count('de', 40, '40 Tokens')
    await count('es', 2, '2 tokens')
  })

  it('asks for a status and a type filter, back to page 1', async () => {
    const element = await table()
    element.page = 3
    const [status, type] = [
      ...shadowOf(element).querySelectorAll<HTMLSelectElement>('select[part=filter]'),
    ]
    expect(status?.getAttribute('aria-label')).to.equal('Status')
    expect([...status!.options].map((o) => o.textContent?.trim())).to.deep.equal([
      'All statuses',
      'Enabled',
      'Disabled',
    ])
    expect([...type!.options].map((o) => o.textContent?.trim())).to.deep.equal([
      'All types',
      'Read-only',
      'Full access',
      'Custom',
    ])
    setTimeout(() => choose(status!, 'Disabled'))
    const disabled = await oneEvent(element, 'api-token-query-change')
    expect(disabled.detail).to.include({ enabled: false, type: undefined, page: 1 })
    setTimeout(() => choose(type!, 'Custom'))
    const custom = await oneEvent(element, 'api-token-query-change')
    expect(custom.detail).to.include({ enabled: false, type: 'custom', page: 1 })
    setTimeout(() => choose(status!, 'All statuses'))
    const all = await oneEvent(element, 'api-token-query-change')
    expect(all.detail).to.include({ enabled: undefined, type: 'custom' })
  })
})
