import { expect, fixture, html, oneEvent, assert } from '@open-wc/testing'
import '../../components/index'
import type { ApiTokenTable } from '../../components/api-token-table/api-token-table'
import { LIGHT } from '../../components/internal/styles'
import { button, shadowOf, textOf } from './dom'
import { makeToken } from './fake-admin-api'

const DAY = 86_400_000

function tokens() {
  const now = Date.now()
  return [
    makeToken({
      id: 1,
      name: 'Website',
      description: 'Public site',
      createdAt: new Date(now - 3 * DAY).toISOString(),
      lastUsedAt: new Date(now - 2 * 3_600_000).toISOString(),
      expiresAt: new Date(now + 6 * DAY + 3_600_000).toISOString(),
      type: 'custom',
      permissions: [
        'api::article.article.find',
        'api::article.article.findOne',
        'api::tag.tag.find',
      ],
      keyHint: 'tg_4fQz…9aB1',
    }),
    makeToken({ id: 2, name: 'Backoffice', expiresAt: new Date(now - DAY).toISOString() }),
    makeToken({ id: 3, name: 'CI', type: 'full-access' }),
  ]
}

/** `#rrggbb` as the browser computes it: `rgb(r, g, b)`. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
  return `rgb(${r}, ${g}, ${b})`
}

/** The row whose header names `name`; throws when there is none. */
function rowOf(element: ApiTokenTable, name: string): HTMLTableRowElement {
  const row = [...shadowOf(element).querySelectorAll<HTMLTableRowElement>('tbody tr')].find((tr) =>
    tr.querySelector('th')?.textContent?.includes(name),
  )
  if (!row) throw new Error(`no row for ${name}`)
  return row
}

/** The one element matching `selector` in `root`; throws when there is none. */
function one<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector)
  if (!found) throw new Error(`nothing matches ${selector}`)
  return found
}

async function table(props: Partial<ApiTokenTable> = {}) {
  const element = await fixture<ApiTokenTable>(
    html`<api-token-table
      .tokens=${tokens()}
      .canUpdate=${true}
      .canDelete=${true}
    ></api-token-table>`,
  )
  Object.assign(element, props)
  await element.updateComplete
  return element
}

describe('<api-token-table>', () => {
  it('renders a row per token with name, description, dates and status', async () => {
    const element = await table()
    const rows = shadowOf(element).querySelectorAll('tbody tr')
    expect(rows).to.have.length(3)
    const first = textOf(rows[0]!)
    expect(first).to.contain('Website').and.contain('Public site').and.contain('3 days ago')
    expect(first).to.contain('2 hours ago').and.contain('Custom').and.contain('Expires in 6 days')
    expect(textOf(rows[1]!)).to.contain('Never').and.contain('Expired')
    expect(textOf(rows[2]!)).to.contain('Unlimited').and.contain('Full access')
  })

  it('shows the exact date on hover', async () => {
    const element = await table()
    const time = shadowOf(element).querySelector('tbody time')!
    expect(time.getAttribute('title')).to.match(/\d{4}/)
    expect(time.getAttribute('datetime')).to.equal(element.tokens[0]!.createdAt)
  })

  it('sorts by Name, Created at, Last used and expiry (the Status column) with aria-sort', async () => {
    const element = await table()
    const header = (label: string) =>
      [...shadowOf(element).querySelectorAll('th[scope=col]')].find((th) =>
        th.textContent?.includes(label),
      )!
    expect(header('Name').getAttribute('aria-sort')).to.equal('ascending')
    expect(header('Created at').getAttribute('aria-sort')).to.equal('none')

    setTimeout(() => button(shadowOf(element), /^Name/).click())
    const byNameDesc = await oneEvent(element, 'api-token-query-change')
    expect(byNameDesc.detail).to.deep.equal({
      sort: 'name',
      direction: 'desc',
      q: '',
      page: 1,
      enabled: undefined,
      type: undefined,
    })
    await element.updateComplete
    expect(header('Name').getAttribute('aria-sort')).to.equal('descending')

    setTimeout(() => button(shadowOf(element), /^Last used/).click())
    const byLastUsed = await oneEvent(element, 'api-token-query-change')
    expect(byLastUsed.detail).to.include({ sort: 'lastUsedAt', direction: 'asc' })
    await element.updateComplete
    expect(header('Last used').getAttribute('aria-sort')).to.equal('ascending')
    expect(header('Name').getAttribute('aria-sort')).to.equal('none')

    setTimeout(() => button(shadowOf(element), 'Status, sorted by expiry').click())
    const byExpiry = await oneEvent(element, 'api-token-query-change')
    expect(byExpiry.detail).to.include({ sort: 'expiresAt', direction: 'asc', page: 1 })
    await element.updateComplete
    expect(header('Status').getAttribute('aria-sort')).to.equal('ascending')
  })

  it('asks for a search after typing stops', async () => {
    const element = await table()
    const search = shadowOf(element).querySelector<HTMLInputElement>('input[type=search]')!
    expect(search.getAttribute('aria-label')).to.equal('Search tokens')
    search.value = 'web'
    search.dispatchEvent(new InputEvent('input'))
    const event = await oneEvent(element, 'api-token-query-change')
    expect(event.detail).to.include({ q: 'web', page: 1 })
  })

  it('pages through the total in pages of 25', async () => {
    const element = await table({ total: 60, pageSize: 25 })
    expect(textOf(shadowOf(element))).to.contain('Page 1 of 3')
    expect(button(shadowOf(element), 'Previous page').disabled).to.equal(true)
    setTimeout(() => button(shadowOf(element), 'Next page').click())
    const event = await oneEvent(element, 'api-token-query-change')
    expect(event.detail.page).to.equal(2)
  })

  it('opens the token from its name: Edit, or View without the permission', async () => {
    const element = await table()
    const name = one<HTMLButtonElement>(rowOf(element, 'Website'), 'th button.name')
    expect(name.id).to.equal(one(rowOf(element, 'Website'), 'th').getAttribute('aria-labelledby'))
    setTimeout(() => name.click())
    const edit = await oneEvent(element, 'api-token-row-action')
    expect(edit.detail.action).to.equal('edit')
    expect(edit.detail.token.name).to.equal('Website')
    element.canUpdate = false
    await element.updateComplete
    setTimeout(() => name.click())
    expect((await oneEvent(element, 'api-token-row-action')).detail.action).to.equal('view')
  })

  it('shows the empty, loading and error states', async () => {
    const element = await table({ tokens: [] })
    // Without a call to action in the empty-action slot, the empty state says why.
    expect(shadowOf(element).querySelector('[part=empty]')?.textContent).to.contain(
      'Add your first API Token',
    )
    element.loading = true
    await element.updateComplete
    expect(shadowOf(element).querySelector('[role=status]')?.textContent).to.contain('Loading')
    expect(shadowOf(element).querySelectorAll('tr.skeleton')).to.have.length(5)
    expect(shadowOf(element).querySelector('table')?.getAttribute('aria-busy')).to.equal('true')
    element.loading = false
    element.error = 'The API Tokens service answered 500'
    await element.updateComplete
    const alerts = shadowOf(element).querySelectorAll('[role=alert]')
    expect(alerts).to.have.length(1)
    expect(alerts[0]?.textContent).to.contain('answered 500')
    expect(textOf(shadowOf(element))).not.to.contain('Add your first API Token')
    expect(shadowOf(element).querySelector('table')).to.equal(null)
    setTimeout(() => button(shadowOf(element), 'Retry').click())
    const retry = await oneEvent(element, 'api-token-query-change')
    expect(retry.detail).to.include({ sort: 'name', direction: 'asc', q: '', page: 1 })
  })

  it('shows the type as a badge, Custom with its number of permissions', async () => {
    const element = await table()
    const badge = (name: string) => one(rowOf(element, name), '[part~=type]')
    expect(badge('Website').textContent?.trim()).to.equal('Custom · 3')
    expect(badge('Website').getAttribute('title')).to.equal('3 permissions')
    expect(badge('Backoffice').textContent?.trim()).to.equal('Read-only')
    expect(badge('CI').textContent?.trim()).to.equal('Full access')
  })

  it('shows expiry as a badge: Expired in danger, within 7 days in warning, Unlimited neutral', async () => {
    const element = await table()
    const badge = (name: string) => one(rowOf(element, name), '[part~=expiry]')
    const look = (name: string) => {
      const style = getComputedStyle(badge(name))
      return { color: style.color, background: style.backgroundColor }
    }
    expect(badge('Backoffice').textContent?.trim()).to.equal('Expired')
    expect(look('Backoffice')).to.deep.equal({
      color: rgb(LIGHT.danger),
      background: rgb(LIGHT['danger-subtle']),
    })
    expect(badge('Website').textContent?.trim()).to.equal('Expires in 6 days')
    expect(look('Website')).to.deep.equal({
      color: rgb(LIGHT.warning),
      background: rgb(LIGHT['warning-subtle']),
    })
    expect(badge('CI').textContent?.trim()).to.equal('Unlimited')
    expect(look('CI')).to.deep.equal({
      color: rgb(LIGHT.muted),
      background: rgb(LIGHT['neutral-subtle']),
    })
    expect(badge('CI').querySelector('time')).to.equal(null)
  })

  it('keeps a token expiring in more than 7 days neutral', async () => {
    const element = await table({
      tokens: [
        makeToken({ name: 'Later', expiresAt: new Date(Date.now() + 30 * DAY).toISOString() }),
      ],
    })
    const badge = one(rowOf(element, 'Later'), '[part~=expiry]')
    expect(badge.textContent?.trim()).to.equal('Expires in 30 days')
    expect(getComputedStyle(badge).color).to.equal(rgb(LIGHT.muted))
  })

  it('shows the exact expiry and last-use dates on hover', async () => {
    const element = await table()
    const token = element.tokens[0]!
    const exact = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' })
    const expiry = one(rowOf(element, 'Website'), '[part~=expiry] time')
    expect(expiry.getAttribute('datetime')).to.equal(token.expiresAt)
    expect(expiry.getAttribute('title')).to.equal(exact.format(new Date(token.expiresAt!)))
    const lastUsed = one(rowOf(element, 'Website'), `time[datetime="${token.lastUsedAt}"]`)
    expect(lastUsed.textContent?.trim()).to.equal('2 hours ago')
    expect(lastUsed.getAttribute('title')).to.equal(exact.format(new Date(token.lastUsedAt!)))
  })

  it('formats dates in the language of the nearest lang, or locale', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="fr"><api-token-table .tokens=${tokens()}></api-token-table></div>`,
    )
    const element = one<ApiTokenTable>(wrapper, 'api-token-table')
    await element.updateComplete
    const token = element.tokens[0]!
    const french = new Intl.DateTimeFormat('fr', { dateStyle: 'long', timeStyle: 'short' })
    const expiry = one(rowOf(element, 'Website'), '[part~=expiry] time')
    expect(expiry.getAttribute('title')).to.equal(french.format(new Date(token.expiresAt!)))
    expect(textOf(rowOf(element, 'Website'))).to.contain('il y a 3 jours')

    element.locale = 'de'
    await element.updateComplete
    expect(textOf(rowOf(element, 'Website'))).to.contain('vor 3 Tagen')
  })

  it('combines the name, key hint and description in the Name cell, the badges in Status', async () => {
    const element = await table({
      tokens: [
        ...tokens().slice(0, 2),
        makeToken({ id: 3, name: 'CI', type: 'full-access', enabled: false }),
      ],
    })
    const headers = [...shadowOf(element).querySelectorAll('thead th')].map((th) =>
      th.textContent?.replace(/[▲▼]/g, '').replace(/\s+/g, ' ').trim(),
    )
    expect(headers).to.deep.equal(['Name', 'Created at', 'Last used', 'Type', 'Status', 'Actions'])

    const website = one(rowOf(element, 'Website'), 'th[scope=row]')
    const name = one(website, '.name')
    expect(name.textContent?.trim()).to.equal('Website')
    expect(getComputedStyle(name).fontWeight).to.equal('600')
    expect(website.getAttribute('aria-labelledby')).to.equal(name.id)
    expect(shadowOf(element).getElementById(name.id)).to.equal(name)
    expect(one(website, '[part~=key-hint]').textContent).to.equal('tg_4fQz…9aB1')
    const description = one(website, '.description')
    expect(description.textContent).to.equal('Public site')
    expect(description.getAttribute('title')).to.equal('Public site')
    expect(getComputedStyle(website).overflowWrap).to.equal('anywhere')
    expect(rowOf(element, 'Backoffice').querySelector('.description'), 'no empty line').to.equal(
      null,
    )

    for (const row of shadowOf(element).querySelectorAll('tbody tr')) {
      expect(row.children).to.have.length(headers.length)
    }
    const status = one(rowOf(element, 'CI'), '[part~=disabled]').closest('td')
    expect(
      [...(status?.querySelectorAll('[part~=badge]') ?? [])].map((b) => b.textContent),
    ).to.deep.equal(['Disabled', 'Unlimited'])
    expect(
      one(rowOf(element, 'Backoffice'), '[part~=expiry]').closest('td')?.textContent?.trim(),
    ).to.equal('Expired')
  })

  it('shows each key hint in a monospace font', async () => {
    const element = await table()
    const hint = one(rowOf(element, 'Website'), '[part~=key-hint]')
    expect(hint.textContent).to.equal('tg_4fQz…9aB1')
    expect(getComputedStyle(hint).fontFamily).to.match(/monospace/)
  })

  it('moves focus to the search box on focusSearch()', async () => {
    const element = await table()
    button(shadowOf(element), 'Actions for CI').focus()
    await element.focusSearch()
    const search = one(shadowOf(element), 'input[type=search]')
    expect(shadowOf(element).activeElement).to.equal(search)
    expect(document.activeElement).to.equal(element)

    element.tokens = []
    one<HTMLElement>(shadowOf(element), 'input[type=search]').blur()
    await element.focusSearch()
    expect(shadowOf(element).activeElement).to.equal(search)
  })

  it('has no axe violations: rows, skeleton, error and empty states', async () => {
    const element = await table()
    await assert.isAccessible(element)
    element.tokens = []
    element.loading = true
    await element.updateComplete
    await assert.isAccessible(element)
    element.loading = false
    element.error = 'The API Tokens service answered 500'
    await element.updateComplete
    await assert.isAccessible(element)
    element.error = ''
    await element.updateComplete
    await assert.isAccessible(element)
  })
})
