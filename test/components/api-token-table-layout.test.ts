import { expect, fixture, html } from '@open-wc/testing'
import '../../components/index'
import type { ApiTokenTable } from '../../components/api-token-table/api-token-table'
import { shadowOf } from './dom'
import { makeToken } from './fake-admin-api'

const DAY = 86_400_000

/** Enough tokens, with long names and descriptions, to crowd any width. */
function crowdedTokens() {
  const now = Date.now()
  return Array.from({ length: 6 }, (_, i) =>
    makeToken({
      id: i + 1,
      name: `Integration number ${i + 1} for the marketing website`,
      description:
        'Reads articles, tags and authors for the public website build, the preview ' +
        'deployments and the nightly search index, and must never write anything at all.',
      type: i % 2 ? 'custom' : 'full-access',
      permissions: i % 2 ? ['api::article.article.find', 'api::tag.tag.find'] : [],
      createdAt: new Date(now - (i + 3) * DAY).toISOString(),
      lastUsedAt: i === 0 ? null : new Date(now - i * 3_600_000).toISOString(),
      expiresAt: [null, new Date(now - DAY).toISOString()][i % 2] ?? null,
      keyHint: `tg_${i}fQz…9aB${i}`,
    }),
  )
}

/** A table with `crowdedTokens()` inside a box `width` px wide. */
async function tableIn(width: number) {
  const box = await fixture<HTMLDivElement>(
    html`<div style="width: ${width}px">
      <api-token-table .tokens=${crowdedTokens()} .canUpdate=${true} .canDelete=${true}>
      </api-token-table>
    </div>`,
  )
  const element = box.querySelector<ApiTokenTable>('api-token-table')
  if (!element) throw new Error('no <api-token-table> in the box')
  await element.updateComplete
  return { box, element }
}

/** How many lines an element's text takes: the distinct tops of its text's boxes. */
function lines(element: Element): number {
  const range = document.createRange()
  range.selectNodeContents(element)
  const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))
  return new Set(tops).size
}

describe('<api-token-table> layout', () => {
  it('never overflows a 360 px host: the table scrolls inside its own box', async () => {
    const { box, element } = await tableIn(360)
    expect(element.clientWidth).to.equal(360)
    expect(box.scrollWidth).to.be.at.most(box.clientWidth)
    expect(element.scrollWidth).to.be.at.most(element.clientWidth)

    const scroller = shadowOf(element).querySelector<HTMLElement>('[part=scroller]')
    if (!scroller) throw new Error('no scroller')
    expect(scroller.clientWidth).to.be.at.most(360)
    expect(scroller.scrollWidth, 'the table is wider and scrolls inside').to.be.above(
      scroller.clientWidth,
    )
    const search = shadowOf(element).querySelector('input[type=search]')
    expect(search?.getBoundingClientRect().right).to.be.at.most(box.getBoundingClientRect().right)
  })

  it('never overflows a 360 px host with many pages either', async () => {
    const { box, element } = await tableIn(360)
    element.total = 2_000
    element.page = 40
    await element.updateComplete
    expect(box.scrollWidth).to.be.at.most(box.clientWidth)
    expect(element.scrollWidth).to.be.at.most(element.clientWidth)
  })

  it('keeps dates, badges and actions on one line at 1280 px', async () => {
    const { element } = await tableIn(1280)
    const root = shadowOf(element)
    const times = [...root.querySelectorAll('tbody td > time')]
    const badges = [...root.querySelectorAll('tbody [part~=badge]')]
    expect(times.length).to.be.above(6)
    expect(badges).to.have.length(12)
    for (const single of [...times, ...badges]) {
      expect(lines(single), single.textContent ?? '').to.equal(1)
    }
    for (const actions of root.querySelectorAll('tbody .actions')) {
      const [edit, remove] = actions.querySelectorAll('button')
      expect(edit?.getBoundingClientRect().top).to.equal(remove?.getBoundingClientRect().top)
    }
    const scroller = root.querySelector<HTMLElement>('[part=scroller]')
    expect(scroller?.scrollWidth).to.be.at.most(scroller?.clientWidth ?? 0)
  })
})
