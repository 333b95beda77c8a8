// Issue #21, "the list fits": from 360 to 1440 px, in English, French, German and Spanish,
// with 40 tokens (one named with 117 characters and no space), nothing is clipped — by
// measurement — the table is never wider than its host but by its own inner scroll, and
// each row's Actions button is whole in sight. Below 720 px of the element's width the
// rows are cards.
import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { setViewport } from '@web/test-runner-commands'
import '../../components/index'
import type { ApiTokenTable } from '../../components/api-token-table/api-token-table'
import { shadowOf } from './dom'
import { makeToken } from './fake-admin-api'

const DAY = 86_400_000
const LONG_NAME =
  'x'.repeat(60) + 'integration-without-any-space-for-the-marketing-site'.padEnd(57, 'z')

/** 40 tokens of every kind: long names and owners, restrictions, every status. */
function fortyTokens() {
  const now = Date.now()
  return Array.from({ length: 40 }, (_, i) =>
    makeToken({
      id: i + 1,
      name: i === 3 ? LONG_NAME : `Integration number ${i + 1} for the marketing website`,
      description: i % 3 ? '' : 'Reads articles, tags and authors for the public website build.',
      type: (['read-only', 'full-access', 'custom'] as const)[i % 3],
      permissions: i % 3 === 2 ? ['api::article.article.find'] : [],
      enabled: i % 4 !== 1,
      allowedIps: i % 5 === 0 ? ['10.0.0.0/8', '203.0.113.7'] : [],
      rateLimit: i % 6 === 0 ? 'standard' : null,
      owner: `customer-support-branch-${i + 1}`,
      lastUsedAt: i % 2 ? null : new Date(now - i * 3_600_000).toISOString(),
      expiresAt: i % 3 ? new Date(now + (i - 5) * DAY).toISOString() : null,
    }),
  )
}

async function listAt(width: number, lang: string) {
  await setViewport({ width, height: 900 })
  const box = await fixture<HTMLDivElement>(
    html`<div lang=${lang} style="width: ${width}px">
      <api-token-table
        .tokens=${fortyTokens()}
        .total=${40}
        page-size="50"
        show-owner
        can-update
        can-delete
      ></api-token-table>
    </div>`,
  )
  const element = box.querySelector<ApiTokenTable>('api-token-table')!
  const root = shadowOf(element)
  // The language has arrived once the type filter speaks it.
  await waitUntil(
    () =>
      lang === 'en' ||
      root
        .querySelectorAll('select[part=filter]')[1]
        ?.querySelector('option')
        ?.textContent?.trim() !== 'All types',
    `the ${lang} strings never showed`,
  )
  await element.updateComplete
  return { box, element, root }
}

function inside(inner: DOMRect, outer: DOMRect): boolean {
  return (
    inner.left >= outer.left - 0.5 &&
    inner.right <= outer.right + 0.5 &&
    inner.top >= outer.top - 0.5 &&
    inner.bottom <= outer.bottom + 0.5
  )
}

describe('<api-token-table> fits from 360 to 1440 px in four languages', () => {
  after(() => setViewport({ width: 800, height: 600 }))
  for (const lang of ['en', 'fr', 'de', 'es']) {
    for (const width of [360, 390, 720, 1024, 1280, 1440]) {
      it(`clips nothing at ${width} px in ${lang}`, async () => {
        const { box, element, root } = await listAt(width, lang)
        expect(box.scrollWidth, 'the host never scrolls sideways').to.be.at.most(box.clientWidth)
        expect(element.scrollWidth).to.be.at.most(element.clientWidth)
        const scroller = root.querySelector<HTMLElement>('[part=scroller]')!
        const visible = scroller.getBoundingClientRect()
        const rows = [...root.querySelectorAll('tbody tr')]
        expect(rows).to.have.length(40)
        const stacked = width < 720
        expect(getComputedStyle(rows[0]!).display).to.equal(stacked ? 'grid' : 'table-row')
        if (stacked) expect(scroller.scrollWidth).to.be.at.most(scroller.clientWidth)
        for (const row of rows) {
          for (const cell of row.children) {
            const shown = cell as HTMLElement
            if (getComputedStyle(shown).display === 'none') continue
            expect(shown.scrollWidth, `${shown.textContent?.trim()} clipped`).to.be.at.most(
              shown.clientWidth,
            )
          }
          const actions = row.querySelector('[part~=actions]')!.getBoundingClientRect()
          expect(actions.width).to.be.above(0)
          expect(
            actions.left >= visible.left - 0.5 && actions.right <= visible.right + 0.5,
            `Actions at ${actions.left}–${actions.right}, visible ${visible.left}–${visible.right}`,
          ).to.equal(true)
        }
        // The long name wraps anywhere: its button is no wider than its cell.
        const long = root.querySelector<HTMLElement>('#token-name-4')!
        expect(long.textContent?.trim()).to.equal(LONG_NAME)
        expect(long.getBoundingClientRect().width).to.be.at.most(
          long.parentElement!.getBoundingClientRect().width,
        )
        for (const control of root.querySelectorAll('input, select')) {
          expect(inside(control.getBoundingClientRect(), box.getBoundingClientRect())).to.equal(
            true,
          )
        }
      })
    }
  }
})
