import { expect, fixture, html } from '@open-wc/testing'
import { emulateMedia } from '@web/test-runner-commands'
import { LitElement } from 'lit'
import { loadTollgateElements } from '../../components/index'
import type { ApiTokenTable } from '../../components/api-token-table/api-token-table'
import {
  DARK,
  LIGHT,
  sharedStyles,
  themeStyles,
  type Palette,
} from '../../components/internal/styles'
import { shadowOf } from './dom'
import { makeToken, usageDays } from './fake-admin-api'

// The dialogs and the edit view's elements load when first needed: here, all at the start.
before(() => loadTollgateElements())

const DAY = 86_400_000

/** Stands in for `<api-token-settings>`: a section that includes the themes and a table. */
class ThemedSection extends LitElement {
  static override styles = [sharedStyles, themeStyles]

  override render() {
    const now = Date.now()
    return html`<h1>API Tokens</h1>
      <api-token-table
        .canUpdate=${true}
        .canDelete=${true}
        .tokens=${[
          makeToken({
            id: 1,
            name: 'Website',
            description: 'Public site',
            type: 'custom',
            permissions: ['api::article.article.find'],
            lastUsedAt: new Date(now - 3_600_000).toISOString(),
            expiresAt: new Date(now + 3 * DAY).toISOString(),
          }),
          makeToken({ id: 2, name: 'Old', expiresAt: new Date(now - DAY).toISOString() }),
          makeToken({ id: 3, name: 'CI', type: 'full-access' }),
        ]}
      ></api-token-table>
      <api-token-usage
        .usage=${{
          days: usageDays(30, (i) => ({ requests: i, refused: i % 3 })),
          total: { requests: 435, refused: 29 },
        }}
      ></api-token-usage>`
  }
}
if (!customElements.get('test-themed-section')) {
  customElements.define('test-themed-section', ThemedSection)
}

/** `#rrggbb` as the browser computes it: `rgb(r, g, b)`. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
  return `rgb(${r}, ${g}, ${b})`
}

async function section(theme?: 'light' | 'dark') {
  const element = await fixture<ThemedSection>(
    theme
      ? html`<test-themed-section theme=${theme}></test-themed-section>`
      : html`<test-themed-section></test-themed-section>`,
  )
  const table = shadowOf(element).querySelector<ApiTokenTable>('api-token-table')
  if (!table) throw new Error('no <api-token-table> in the section')
  await table.updateComplete
  // The usage part with its day table open, so its text is checked in each theme too.
  const usage = shadowOf(element).querySelector('api-token-usage')
  if (!usage) throw new Error('no <api-token-usage> in the section')
  await usage.updateComplete
  const details = shadowOf(usage).querySelector('details')
  if (!details) throw new Error('the usage part shows no table toggle')
  details.open = true
  return { element, table }
}

/** What the table looks like: colours of its text, rows, search box and badges, and its scheme. */
function look(table: ApiTokenTable) {
  const root = shadowOf(table)
  const style = (selector: string) => {
    const found = root.querySelector(selector)
    if (!found) throw new Error(`nothing matches ${selector}`)
    return getComputedStyle(found)
  }
  return {
    text: style('table').color,
    surface: style('table').backgroundColor,
    search: style('input[type=search]').backgroundColor,
    expired: style('tbody tr:nth-child(2) [part~=expiry]').color,
    expiring: style('tbody tr:nth-child(1) [part~=expiry]').color,
    scheme: style('input[type=search]').colorScheme,
  }
}

/** The look a palette should give. */
function expected(palette: Palette, scheme: string) {
  return {
    text: rgb(palette.text),
    surface: rgb(palette.surface),
    search: rgb(palette.surface),
    expired: rgb(palette.danger),
    expiring: rgb(palette.warning),
    scheme,
  }
}

describe('themes', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' })
  })

  it('renders light by default and dark with theme="dark", parts included', async () => {
    const light = await section()
    expect(look(light.table)).to.deep.equal(expected(LIGHT, 'light'))
    expect(getComputedStyle(light.element).backgroundColor).to.equal(rgb(LIGHT.background))

    const dark = await section('dark')
    expect(look(dark.table)).to.deep.equal(expected(DARK, 'dark'))
    expect(getComputedStyle(dark.element).backgroundColor).to.equal(rgb(DARK.background))
    expect(getComputedStyle(dark.element).colorScheme).to.equal('dark')
  })

  it('follows prefers-color-scheme without a theme, and theme="light" overrides it', async () => {
    await emulateMedia({ colorScheme: 'dark' })
    const auto = await section()
    expect(look(auto.table)).to.deep.equal(expected(DARK, 'dark'))

    const forced = await section('light')
    expect(look(forced.table)).to.deep.equal(expected(LIGHT, 'light'))

    await emulateMedia({ colorScheme: 'light' })
    expect(look(auto.table)).to.deep.equal(expected(LIGHT, 'light'))
  })

  it('switches when the theme attribute changes', async () => {
    const { element, table } = await section('light')
    element.setAttribute('theme', 'dark')
    expect(look(table)).to.deep.equal(expected(DARK, 'dark'))
  })

  it('lets the host override each colour in either theme', async () => {
    const { element, table } = await section('dark')
    element.style.setProperty('--tollgate-color-surface', 'rgb(1, 2, 3)')
    element.style.setProperty('--tollgate-color-danger', 'rgb(250, 0, 0)')
    expect(look(table)).to.include({ surface: 'rgb(1, 2, 3)', expired: 'rgb(250, 0, 0)' })
    expect(look(table).text).to.equal(rgb(DARK.text))
  })

  it('renders a part used on its own in the light defaults', async () => {
    await emulateMedia({ colorScheme: 'dark' })
    const table = await fixture<ApiTokenTable>(
      html`<api-token-table .tokens=${[makeToken({ name: 'Website' })]}></api-token-table>`,
    )
    const root = shadowOf(table)
    const tableStyle = getComputedStyle(root.querySelector('table') ?? table)
    expect(tableStyle.backgroundColor).to.equal(rgb(LIGHT.surface))
    expect(tableStyle.color).to.equal(rgb(LIGHT.text))
    expect(tableStyle.colorScheme).to.equal('light')
  })

  it('has no axe violations in the light theme', async () => {
    const { element } = await section('light')
    await expect(element).to.be.accessible()
  })

  it('has no axe violations in the dark theme', async () => {
    const { element } = await section('dark')
    await expect(element).to.be.accessible()
  })

  it('has no axe violations in the dark theme chosen by prefers-color-scheme', async () => {
    await emulateMedia({ colorScheme: 'dark' })
    const { element } = await section()
    expect(getComputedStyle(element).colorScheme).to.equal('dark')
    await expect(element).to.be.accessible()
  })
})
