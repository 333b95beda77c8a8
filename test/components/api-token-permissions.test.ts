import { expect, fixture, html, oneEvent } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import { loadTollgateElements } from '../../components/index'
import {
  impliedActions,
  type ApiTokenPermissions,
} from '../../components/api-token-permissions/api-token-permissions'
import type { TokenType } from '../../components/types'
import { textOf } from './dom'
import { CATALOG, ROUTES } from './fake-admin-api'

// The dialogs and the edit view's elements load when first needed: here, all at the start.
before(() => loadTollgateElements())

async function picker(
  props: { selected?: string[]; type?: TokenType; disabled?: boolean } = {},
): Promise<ApiTokenPermissions> {
  return fixture<ApiTokenPermissions>(
    html`<api-token-permissions
      .catalog=${CATALOG}
      .routes=${ROUTES}
      .selected=${props.selected ?? []}
      type=${props.type ?? 'custom'}
      ?disabled=${props.disabled ?? false}
    ></api-token-permissions>`,
  )
}

function root(element: ApiTokenPermissions): ShadowRoot {
  if (!element.shadowRoot) throw new Error('<api-token-permissions> has no shadow root')
  return element.shadowRoot
}

/** The `<details>` of the group whose header starts with `name`. */
function group(element: ApiTokenPermissions, name: string): HTMLDetailsElement {
  const found = [...root(element).querySelectorAll('details')].find((details) =>
    details.querySelector('summary')?.textContent?.trim().startsWith(name),
  )
  if (!found) throw new Error(`no group "${name}"`)
  return found
}

function header(element: ApiTokenPermissions, name: string): string {
  return textOf(group(element, name).querySelector('summary')!)
}

function selectAll(element: ApiTokenPermissions, name: string): HTMLInputElement {
  const input = group(element, name).querySelector<HTMLInputElement>('label > input')
  if (!input) throw new Error(`no "Select all" in group "${name}"`)
  return input
}

/** The checkbox of one action, found by the label a user reads. */
function action(element: ApiTokenPermissions, name: string, action: string): HTMLInputElement {
  const label = [...group(element, name).querySelectorAll('.actions label')].find(
    (candidate) => textOf(candidate) === `${action} ${name}`,
  )
  const input = label?.querySelector('input')
  if (!input) throw new Error(`no checkbox "${action}" in group "${name}"`)
  return input
}

/** Each action of a group as `name:state`, state one of on, off, on-locked, off-locked. */
function states(element: ApiTokenPermissions, name: string): string[] {
  return [...group(element, name).querySelectorAll<HTMLInputElement>('.actions input')].map(
    (input) =>
      `${textOf(input.closest('label')!).split(' ')[0]}:${input.checked ? 'on' : 'off'}${input.disabled ? '-locked' : ''}`,
  )
}

function routePanel(element: ApiTokenPermissions): string {
  return textOf(root(element).querySelector('[part="route"]')!)
}

describe('<api-token-permissions>', () => {
  it('shows granted/total in each group header', async () => {
    const element = await picker({
      selected: ['api::article.article.find', 'api::article.article.delete'],
    })
    expect(header(element, 'Article')).to.equal('Article 2/5')
    expect(header(element, 'Category')).to.equal('Category 0/2')
    action(element, 'Category', 'findOne').click()
    await element.updateComplete
    expect(header(element, 'Category')).to.equal('Category 1/2')
  })

  it('opens the groups holding grants at the start, and keeps what the admin opens or closes', async () => {
    const element = await picker({ selected: ['api::category.category.find'] })
    expect(group(element, 'Article').open).to.equal(false)
    expect(group(element, 'Category').open).to.equal(true)
    // Unticking the last grant does not fold the group away under the admin's pointer.
    action(element, 'Category', 'find').click()
    await element.updateComplete
    expect(group(element, 'Category').open).to.equal(true)
    group(element, 'Category').querySelector('summary')!.click()
    await oneEvent(group(element, 'Category'), 'toggle')
    await element.updateComplete
    expect(group(element, 'Category').open).to.equal(false)
    element.selected = ['api::article.article.find']
    await element.updateComplete
    expect(group(element, 'Category').open).to.equal(false)
  })

  it('for Read-only ticks and locks the actions whose routes only read', async () => {
    const element = await picker({ type: 'read-only', selected: ['api::article.article.create'] })
    expect(states(element, 'Article')).to.deep.equal([
      'find:on-locked',
      'findOne:on-locked',
      'create:off-locked',
      'update:off-locked',
      'delete:off-locked',
    ])
    // findOne of Category has no bound route: nothing shows it only reads.
    expect(states(element, 'Category')).to.deep.equal(['find:on-locked', 'findOne:off-locked'])
    expect(header(element, 'Article')).to.equal('Article 2/5')
    expect(group(element, 'Article').open).to.equal(true)
    expect(selectAll(element, 'Article').disabled).to.equal(true)
    expect(selectAll(element, 'Article').getAttribute('aria-checked')).to.equal('mixed')
  })

  it('for Full access ticks and locks every action', async () => {
    const element = await picker({ type: 'full-access' })
    expect(states(element, 'Article').every((state) => state.endsWith(':on-locked'))).to.equal(true)
    expect(states(element, 'Category')).to.deep.equal(['find:on-locked', 'findOne:on-locked'])
    expect(header(element, 'Category')).to.equal('Category 2/2')
    expect(selectAll(element, 'Category').checked).to.equal(true)
  })

  it('for Custom lets the admin tick and untick, keeping the choice across type changes', async () => {
    const element = await picker({ type: 'custom', selected: ['api::article.article.create'] })
    expect(states(element, 'Category')).to.deep.equal(['find:off', 'findOne:off'])
    element.type = 'full-access'
    await element.updateComplete
    element.type = 'custom'
    await element.updateComplete
    expect(action(element, 'Article', 'create').checked).to.equal(true)
    expect(action(element, 'Article', 'find').checked).to.equal(false)
  })

  it('emits the whole new selection, sorted, when a checkbox changes', async () => {
    const element = await picker({ selected: ['api::category.category.find'] })
    group(element, 'Article').open = true
    setTimeout(() => action(element, 'Article', 'update').click())
    const event = await oneEvent(element, 'api-token-permissions-change')
    expect(event.detail.permissions).to.deep.equal([
      'api::article.article.update',
      'api::category.category.find',
    ])
  })

  it('has a tri-state Select all per group', async () => {
    const element = await picker({ selected: ['api::article.article.find'] })
    const all = selectAll(element, 'Article')
    expect(all.indeterminate).to.equal(true)
    expect(all.getAttribute('aria-checked')).to.equal('mixed')
    all.click()
    await element.updateComplete
    expect(all.checked).to.equal(true)
    expect(all.indeterminate).to.equal(false)
    expect(all.getAttribute('aria-checked')).to.equal('true')
    expect(element.selected).to.have.length(5)
    all.click()
    await element.updateComplete
    expect(all.checked).to.equal(false)
    expect(all.getAttribute('aria-checked')).to.equal('false')
    expect(element.selected).to.deep.equal([])
  })

  it('keeps Select all mixed when it could add only the grantable part of a group', async () => {
    const held = ['api::category.category.find', 'api::category.category.findOne']
    const element = await fixture<ApiTokenPermissions>(
      html`<api-token-permissions
        .catalog=${CATALOG}
        .routes=${ROUTES}
        .selected=${held}
        .held=${held}
        .grantable=${['api::category.category.find', 'api::article.article.find']}
      ></api-token-permissions>`,
    )
    // Untick both (one grantable, one held only), then Select all: it adds the grantable one.
    for (const box of group(element, 'Category').querySelectorAll<HTMLInputElement>(
      '.actions input',
    )) {
      box.click()
      await element.updateComplete
    }
    expect(header(element, 'Category')).to.equal('Category 0/2')
    const all = selectAll(element, 'Category')
    all.click()
    await element.updateComplete
    expect({
      header: header(element, 'Category'),
      checked: all.checked,
      indeterminate: all.indeterminate,
      ariaChecked: all.getAttribute('aria-checked'),
      states: states(element, 'Category'),
    }).to.deep.equal({
      header: 'Category 1/2',
      checked: false,
      indeterminate: true,
      ariaChecked: 'mixed',
      states: ['find:on', 'findOne:off'],
    })
  })

  it('shows the route bound to the focused action and clears it when focus leaves', async () => {
    const element = await picker({ selected: ['api::article.article.find'] })
    action(element, 'Article', 'findOne').focus()
    await element.updateComplete
    expect(routePanel(element)).to.contain('GET /api/articles/:id')
    action(element, 'Article', 'update').focus()
    await element.updateComplete
    expect(routePanel(element)).to.contain('api::article.article.update has no REST route')
    expect(routePanel(element)).not.to.contain('/api/articles')
    await sendKeys({ press: 'Shift+Tab' })
    await sendKeys({ press: 'Shift+Tab' })
    await element.updateComplete
    expect(routePanel(element)).to.contain('GET /api/articles/:id')
    action(element, 'Article', 'findOne').blur()
    await element.updateComplete
    expect(routePanel(element)).not.to.contain('/api/articles')
    expect(routePanel(element)).to.equal('Focus a permission to see its route.')
  })

  it('focuses its first control when the element is focused', async () => {
    const element = await picker()
    element.focus()
    expect(root(element).activeElement?.localName).to.equal('summary')
  })

  it('has no axe violations, custom or implied', async () => {
    const element = await picker({ selected: ['api::article.article.find'] })
    await expect(element).to.be.accessible()
    element.type = 'read-only'
    await element.updateComplete
    await expect(element).to.be.accessible()
  })
})

describe('impliedActions', () => {
  it('gives every action to Full access, the reading ones to Read-only, none to Custom', () => {
    expect(impliedActions('full-access', CATALOG, ROUTES)).to.have.length(7)
    expect(impliedActions('read-only', CATALOG, ROUTES)).to.deep.equal([
      'api::article.article.find',
      'api::article.article.findOne',
      'api::category.category.find',
    ])
    expect(impliedActions('custom', CATALOG, ROUTES)).to.deep.equal([])
  })

  it('does not imply an action that is also bound to a writing route', () => {
    const routes = {
      'api::article': [
        ...ROUTES['api::article']!,
        { method: 'post', path: '/api/articles/search', action: 'api::article.article.find' },
        { method: 'HEAD', path: '/api/articles', action: 'api::article.article.update' },
      ],
    }
    expect(impliedActions('read-only', CATALOG, routes)).to.deep.equal([
      'api::article.article.findOne',
      'api::article.article.update',
    ])
  })
})
