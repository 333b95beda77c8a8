import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing'
import { setViewport } from '@web/test-runner-commands'
import '../../components/index'
import type { ApiTokenTable } from '../../components/api-token-table/api-token-table'
import { choose, shadowOf } from './dom'
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
  it('never overflows a 360 px host: its rows are cards, nothing scrolls sideways', async () => {
    const { box, element } = await tableIn(360)
    expect(element.clientWidth).to.equal(360)
    expect(box.scrollWidth).to.be.at.most(box.clientWidth)
    expect(element.scrollWidth).to.be.at.most(element.clientWidth)

    const scroller = shadowOf(element).querySelector<HTMLElement>('[part=scroller]')
    if (!scroller) throw new Error('no scroller')
    expect(scroller.clientWidth).to.be.at.most(360)
    expect(scroller.scrollWidth, 'no sideways scroll').to.be.at.most(scroller.clientWidth)
    const rows = [...shadowOf(element).querySelectorAll('tbody tr')]
    expect(rows.map((row) => getComputedStyle(row).display)).to.deep.equal(rows.map(() => 'grid'))
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

  it('keeps dates and badges on one line at 1280 px, in a table that does not scroll', async () => {
    const { element } = await tableIn(1280)
    const root = shadowOf(element)
    const times = [...root.querySelectorAll('tbody td > time')]
    const badges = [...root.querySelectorAll('tbody [part~=badge]')]
    expect(times.length).to.be.above(6)
    expect(badges).to.have.length(12)
    for (const single of [...times, ...badges]) {
      expect(lines(single), single.textContent ?? '').to.equal(1)
    }
    const scroller = root.querySelector<HTMLElement>('[part=scroller]')
    expect(scroller?.scrollWidth).to.be.at.most(scroller?.clientWidth ?? 0)
  })

  /**
   * An operator's table in German (longer words) with long owners, names (one without a
   * space) and descriptions, in a host as wide as a `width` px window.
   */
  async function operatorTableInGerman(width: number, host = width) {
    await setViewport({ width, height: 900 })
    const tokens = crowdedTokens().map((token, i) => ({
      ...token,
      name:
        i === 1
          ? 'Schnittstellenintegrationfürdiemarketingwebseiteunddievorschauumgebungen'
          : `Schnittstellenintegration Nummer ${i + 1} für die Marketing-Webseite`,
      owner: `kundendienst-niederlassung-oesterreich-${i + 1}`,
      enabled: i !== 2,
      expiresAt: new Date(Date.now() + (i + 2) * DAY).toISOString(),
    }))
    const box = await fixture<HTMLDivElement>(
      html`<div lang="de" style="width: ${host}px">
        <api-token-table .tokens=${tokens} show-owner can-update can-delete></api-token-table>
      </div>`,
    )
    const element = box.querySelector<ApiTokenTable>('api-token-table')
    if (!element) throw new Error('no <api-token-table> in the box')
    const root = shadowOf(element)
    await waitUntil(
      () =>
        root
          .querySelector('tbody [part~=actions]')
          ?.getAttribute('aria-label')
          ?.startsWith('Aktionen für'),
      'the German strings never showed',
    )
    const scroller = root.querySelector<HTMLElement>('[part=scroller]')
    if (!scroller) throw new Error('no scroller')
    return { element, root, scroller }
  }

  /** Whether `inner` lies wholly inside `outer` (to the pixel). */
  function inside(inner: DOMRect, outer: DOMRect): boolean {
    return (
      inner.left >= outer.left - 0.5 &&
      inner.right <= outer.right + 0.5 &&
      inner.top >= outer.top - 0.5 &&
      inner.bottom <= outer.bottom + 0.5
    )
  }

  for (const width of [1280, 1440]) {
    it(`keeps every row's Actions button in sight at ${width} px, owners and German included`, async () => {
      const { root, scroller } = await operatorTableInGerman(width)
      const visible = scroller.getBoundingClientRect()
      const rows = [...root.querySelectorAll('tbody tr')]
      expect(rows).to.have.length(6)
      for (const row of rows) {
        const buttons = [...row.querySelectorAll('[part~=actions]')]
        expect(buttons).to.have.length(1)
        for (const action of buttons) {
          const box = action.getBoundingClientRect()
          expect(
            inside(box, visible),
            `${action.getAttribute('aria-label')} at ${box.left}–${box.right}, visible ${visible.left}–${visible.right}`,
          ).to.equal(true)
        }
      }
    })
  }

  /** What an admin panel takes beside the section: the demo's 240 px sidebar and 2 × 48 px padding. */
  const ADMIN_SHELL = 336

  /** The boxes of what a cell shows: each line of the name cell, each badge, else its text. */
  function contentBoxes(cell: Element): { what: string; box: DOMRect }[] {
    const parts = [...cell.querySelectorAll('.name, .key-hint, .description, [part~=badge]')]
    if (parts.length > 0) {
      return parts.map((part) => ({
        what: part.textContent ?? '',
        box: part.getBoundingClientRect(),
      }))
    }
    const range = document.createRange()
    range.selectNodeContents(cell)
    return [{ what: cell.textContent?.trim() ?? '', box: range.getBoundingClientRect() }]
  }

  for (const width of [1280, 1440]) {
    it(`fits the operator's German list at ${width} px: every cell whole, none beneath the actions`, async () => {
      const { root, scroller } = await operatorTableInGerman(width, width - ADMIN_SHELL)
      expect(
        scroller.scrollWidth,
        `no sideways scrolling in ${scroller.clientWidth} px`,
      ).to.be.at.most(scroller.clientWidth)
      const visible = scroller.getBoundingClientRect()
      const headers = [...root.querySelectorAll('thead th')].map((th) =>
        th.textContent?.replace(/[▲▼]/g, '').replace(/\s+/g, ' ').trim(),
      )
      expect(headers).to.deep.equal([
        'Name',
        'Inhaber',
        'Erstellt am',
        'Zuletzt verwendet',
        'Typ',
        'Status',
        'Aktionen',
      ])
      for (const row of root.querySelectorAll('tbody tr')) {
        const actions = row.querySelector('.sticky-end')?.getBoundingClientRect()
        if (!actions) throw new Error('a row without its actions cell')
        const rowBox = row.getBoundingClientRect()
        const cells = [...row.children].filter((cell) => !cell.classList.contains('sticky-end'))
        expect(cells).to.have.length(6)
        for (const cell of cells) {
          for (const { what, box } of contentBoxes(cell)) {
            expect(box.width, `${what} is shown`).to.be.above(0)
            expect(
              box.left >= visible.left - 0.5 && box.right <= actions.left + 0.5,
              `${what} at ${box.left}–${box.right}, actions from ${actions.left}, visible ${visible.left}–${visible.right}`,
            ).to.equal(true)
            expect(inside(box, rowBox), `${what} inside its row`).to.equal(true)
          }
        }
      }
    })
  }

  it('shows a long description in at most two lines, whole on hover', async () => {
    const { root } = await operatorTableInGerman(1280, 800)
    const descriptions = [...root.querySelectorAll<HTMLElement>('tbody th .description')]
    expect(descriptions).to.have.length(6)
    for (const description of descriptions) {
      expect(description.getAttribute('title')).to.equal(description.textContent)
      const style = getComputedStyle(description)
      const lineHeight = parseFloat(style.lineHeight) || 1.5 * parseFloat(style.fontSize)
      expect(description.getBoundingClientRect().height).to.be.at.most(2 * lineHeight + 1)
      expect(description.scrollHeight, 'clamped').to.be.above(description.clientHeight)
    }
  })

  it('keeps the actions in sight while the table scrolls sideways, and starts again at the left on sort, search, filter, paging and new rows', async () => {
    const { element, root, scroller } = await operatorTableInGerman(760)
    element.total = 60
    await element.updateComplete
    expect(scroller.scrollWidth, 'the table is wider than its box').to.be.above(
      scroller.clientWidth,
    )
    scroller.scrollLeft = 200
    const visible = scroller.getBoundingClientRect()
    for (const action of root.querySelectorAll('tbody [part~=actions]')) {
      expect(inside(action.getBoundingClientRect(), visible)).to.equal(true)
    }
    const changes: [string, () => void][] = [
      ['sort', () => root.querySelector<HTMLButtonElement>('th[aria-sort] button')!.click()],
      [
        'search',
        () => {
          const search = root.querySelector<HTMLInputElement>('input[type=search]')!
          search.value = 'web'
          search.dispatchEvent(new InputEvent('input'))
        },
      ],
      [
        'filter',
        () => choose(root.querySelector<HTMLSelectElement>('select[part=filter]')!, 'Deaktiviert'),
      ],
      [
        'paging',
        () => [...root.querySelectorAll<HTMLButtonElement>('.pages button')].at(-1)!.click(),
      ],
    ]
    for (const [what, change] of changes) {
      scroller.scrollLeft = 200
      expect(scroller.scrollLeft, `${what}: scrolled first`).to.be.above(0)
      const asked = oneEvent(element, 'api-token-query-change')
      change()
      await asked
      expect(scroller.scrollLeft, `${what} starts at the left`).to.equal(0)
      // The rows that answer it start there too, even if scrolled meanwhile.
      scroller.scrollLeft = 200
      element.tokens = element.tokens.map((token) => ({ ...token }))
      element.loading = false
      await element.updateComplete
      expect(scroller.scrollLeft, `${what}: new rows start at the left`).to.equal(0)
    }
  })
})
