// A metered token's remaining credits in the list (SPEC §13): a badge in Status, the number
// in the list's language, the danger tone at 0; nothing for a token without credits.
import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { LitElement } from 'lit'
import '../../components/index'
import type { ApiTokenSettings } from '../../components/api-token-settings/api-token-settings'
import type { ApiTokenTable } from '../../components/api-token-table/api-token-table'
import { DARK, LIGHT, sharedStyles, themeStyles } from '../../components/internal/styles'
import { deepQueryAll, shadowOf } from './dom'
import { FakeAdminApi, makeToken } from './fake-admin-api'

const TOKENS = [
  makeToken({ id: 1, name: 'Metered', credits: { remaining: 1250, refill: null } }),
  makeToken({
    id: 2,
    name: 'Spent',
    credits: { remaining: 0, refill: { amount: 100, interval: 'day' } },
  }),
  makeToken({ id: 3, name: 'Plain' }),
]

/** Stands in for the section: its themes around a table of `TOKENS`. */
class CreditsSection extends LitElement {
  static override styles = [sharedStyles, themeStyles]

  override render() {
    return html`<api-token-table .tokens=${TOKENS}></api-token-table>`
  }
}
if (!customElements.get('test-credits-section')) {
  customElements.define('test-credits-section', CreditsSection)
}

/** `#rrggbb` as the browser computes it. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16))
  return `rgb(${r}, ${g}, ${b})`
}

async function table(lang = 'en') {
  const box = await fixture<HTMLDivElement>(
    html`<div lang=${lang}><api-token-table .tokens=${TOKENS}></api-token-table></div>`,
  )
  const element = box.querySelector<ApiTokenTable>('api-token-table')!
  await element.updateComplete
  return element
}

/** Each row's name and its credits badge's text (`null`: none). */
function credits(element: ApiTokenTable) {
  return [...shadowOf(element).querySelectorAll('tbody tr')].map((row) => [
    row.querySelector('.name')?.textContent?.trim(),
    row.querySelector('[part~=credits]')?.textContent?.trim() ?? null,
  ])
}

const badge = (element: ApiTokenTable, row: number) => {
  const found = shadowOf(element).querySelector(`tbody tr:nth-child(${row}) [part~=credits]`)
  if (!found) throw new Error(`row ${row} shows no credits`)
  return found
}

describe('remaining credits in the table', () => {
  it('shows "n left" for metered tokens in English, nothing for the unmetered one', async () => {
    const element = await table()
    expect(credits(element)).to.deep.equal([
      ['Metered', '1,250 left'],
      ['Spent', '0 left'],
      ['Plain', null],
    ])
    expect(badge(element, 1).getAttribute('part')).to.equal('badge credits')
    // Status holds it, beside the expiry badge.
    expect(badge(element, 1).closest('.status')).not.to.equal(null)
  })

  it('shows an exhausted balance in the danger tone, a live one in the neutral tone', async () => {
    const element = await table()
    expect(getComputedStyle(badge(element, 2)).color).to.equal(rgb(LIGHT.danger))
    expect(getComputedStyle(badge(element, 1)).color).to.equal(rgb(LIGHT.muted))
  })

  it('formats the number in German', async () => {
    const element = await table('de')
    await waitUntil(() => credits(element)[0]?.[1]?.startsWith('Guthaben'), 'German never showed')
    expect(credits(element)).to.deep.equal([
      ['Metered', 'Guthaben: 1.250'],
      ['Spent', 'Guthaben: 0'],
      ['Plain', null],
    ])
  })

  it('keeps the tones in the dark theme', async () => {
    const section = await fixture<CreditsSection>(
      html`<test-credits-section theme="dark"></test-credits-section>`,
    )
    const element = shadowOf(section).querySelector<ApiTokenTable>('api-token-table')!
    await element.updateComplete
    expect(getComputedStyle(badge(element, 2)).color).to.equal(rgb(DARK.danger))
    expect(getComputedStyle(badge(element, 2)).backgroundColor).to.equal(rgb(DARK['danger-subtle']))
    expect(getComputedStyle(badge(element, 1)).color).to.equal(rgb(DARK.muted))
  })

  it('shows the balance the list answers, in the section', async () => {
    const api = new FakeAdminApi().install()
    try {
      api.add({ name: 'Metered', credits: { remaining: 42, refill: null } })
      api.add({ name: 'Plain' })
      const section = await fixture<ApiTokenSettings>(
        html`<api-token-settings
          api-base=${api.base}
          .getAuthToken=${() => 'jwt-1'}
        ></api-token-settings>`,
      )
      const rows = () => deepQueryAll(shadowOf(section), 'tbody tr[part~=row]')
      await waitUntil(() => rows().length === 2, 'the rows never showed')
      expect(
        rows().map((row) => row.querySelector('[part~=credits]')?.textContent?.trim()),
      ).to.deep.equal(['42 left', undefined])
    } finally {
      api.restore()
    }
  })
})
