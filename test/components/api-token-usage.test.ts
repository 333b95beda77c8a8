import { expect, fixture, html } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import { loadTollgateElements } from '../../components/index'
import type { ApiTokenUsage } from '../../components/api-token-usage/api-token-usage'
import { DARK, LIGHT } from '../../components/internal/styles'
import type { TokenUsage, UsageDay } from '../../components/types'
import { usageBars } from '../../components/internal/usage-bars'
import { deepActiveElement, shadowOf, tabTo, textOf } from './dom'
import { usageDays } from './fake-admin-api'

// The dialogs and the edit view's elements load when first needed: here, all at the start.
before(() => loadTollgateElements())

/** Usage over `days` with totals computed from them, as the worker answers. */
function usageOf(days: UsageDay[]): TokenUsage {
  const sum = (key: 'requests' | 'refused') => days.reduce((total, day) => total + day[key], 0)
  return { days, total: { requests: sum('requests'), refused: sum('refused') } }
}

/** 30 days: day i passes i requests and refuses one on every fifth day. */
const RAMP = usageOf(
  usageDays(30, (i) => ({ requests: i, refused: i % 5 === 0 ? 1 : 0 }), Date.UTC(2026, 10, 30)),
)

async function usage(value: TokenUsage | null, attrs: Partial<ApiTokenUsage> = {}) {
  const element = await fixture<ApiTokenUsage>(
    html`<api-token-usage
      .usage=${value}
      .loading=${attrs.loading ?? false}
      .error=${attrs.error ?? ''}
    ></api-token-usage>`,
  )
  return element
}

function summary(element: ApiTokenUsage): HTMLElement {
  const found = shadowOf(element).querySelector<HTMLElement>('[part="summary"]')
  if (!found) throw new Error('<api-token-usage> shows no summary')
  return found
}

/** Each bar's two segments' heights, in chart units. */
function heights(element: ApiTokenUsage): { date: string; passed: number; refused: number }[] {
  return [...shadowOf(element).querySelectorAll('svg g.bar')].map((bar) => ({
    date: bar.getAttribute('data-date') ?? '',
    passed: Number(bar.querySelector('rect.passed')?.getAttribute('height')),
    refused: Number(bar.querySelector('rect.refused')?.getAttribute('height')),
  }))
}

/** The table's body rows as [date cell's datetime, passed, refused]. */
function tableRows(element: ApiTokenUsage): string[][] {
  return [...shadowOf(element).querySelectorAll('table tbody tr')].map((row) => [
    row.querySelector('time')?.getAttribute('datetime') ?? '',
    ...[...row.querySelectorAll('td')].map((cell) => cell.textContent!.trim()),
  ])
}

describe('usageBars', () => {
  it('stacks refused on passed, the tallest day filling the height', () => {
    const { bars, max } = usageBars(
      [
        { date: '2026-11-01', requests: 3, refused: 1 },
        { date: '2026-11-02', requests: 0, refused: 0 },
        { date: '2026-11-03', requests: 1, refused: 1 },
      ],
      { height: 100, step: 10, gap: 2 },
    )
    expect(max).to.equal(4)
    expect(
      bars.map((bar) => [bar.x, bar.passedY, bar.passedHeight, bar.refusedY, bar.refusedHeight]),
    ).to.deep.equal([
      [1, 25, 75, 0, 25],
      [11, 100, 0, 100, 0],
      [21, 75, 25, 50, 25],
    ])
  })

  it('draws nothing tall when there was no request', () => {
    const { bars, max } = usageBars(usageDays(3), { height: 100 })
    expect(max).to.equal(0)
    expect(bars.every((bar) => bar.passedHeight === 0 && bar.refusedHeight === 0)).to.equal(true)
  })
})

describe('<api-token-usage> chart', () => {
  it('draws one bar per day, oldest first, heights proportional to the counts', async () => {
    const element = await usage(RAMP)
    const bars = heights(element)
    expect(bars.map((bar) => bar.date)).to.deep.equal(RAMP.days.map((day) => day.date))
    // The tallest day is the last: 29 passed + 0 refused fills the 100 units.
    const unit = 100 / 29
    bars.forEach((bar, i) => {
      expect(bar.passed, `passed on day ${i}`).to.be.closeTo(i * unit, 1e-9)
      expect(bar.refused, `refused on day ${i}`).to.be.closeTo(i % 5 === 0 ? unit : 0, 1e-9)
    })
    const svg = shadowOf(element).querySelector('svg')!
    expect(svg.getAttribute('viewBox')).to.equal('0 0 300 100')
    // Refused sits on top of passed, both reaching down to the baseline together.
    const day25 = shadowOf(element).querySelectorAll('svg g.bar')[25]!
    const passed = day25.querySelector('rect.passed')!
    const refused = day25.querySelector('rect.refused')!
    expect(
      Number(refused.getAttribute('y')) + Number(refused.getAttribute('height')),
    ).to.be.closeTo(Number(passed.getAttribute('y')), 1e-9)
    expect(Number(passed.getAttribute('y')) + Number(passed.getAttribute('height'))).to.be.closeTo(
      100,
      1e-9,
    )
  })

  it('colours passed and refused with the palette, distinct in both themes', async () => {
    const element = await usage(RAMP)
    const fill = (selector: string) =>
      getComputedStyle(shadowOf(element).querySelector(selector)!).fill
    const rgb = (hex: string) =>
      `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`
    expect(fill('rect.passed')).to.equal(rgb(LIGHT.primary))
    expect(fill('rect.refused')).to.equal(rgb(LIGHT.danger))
    const dark = await fixture<HTMLElement>(
      html`<api-token-settings theme="dark"></api-token-settings>`,
    )
    // The section's dark palette reaches a part placed in its shadow root.
    const inside = document.createElement('api-token-usage')
    inside.usage = RAMP
    shadowOf(dark).append(inside)
    await inside.updateComplete
    const darkFill = (selector: string) =>
      getComputedStyle(shadowOf(inside).querySelector(selector)!).fill
    expect(darkFill('rect.passed')).to.equal(rgb(DARK.primary))
    expect(darkFill('rect.refused')).to.equal(rgb(DARK.danger))
  })

  it('draws both colours at 3:1 or more against the surface in either theme', () => {
    // WCAG 1.4.11: the bars are graphics that carry meaning.
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
      })
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
    }
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
      return (hi! + 0.05) / (lo! + 0.05)
    }
    for (const [theme, palette] of [
      ['light', LIGHT],
      ['dark', DARK],
    ] as const) {
      for (const colour of ['primary', 'danger'] as const) {
        expect(contrast(palette[colour], palette.surface), `${theme} ${colour}`).to.be.at.least(3)
      }
    }
  })

  it('summarises the totals in the summary line and the chart’s name', async () => {
    const element = await usage(RAMP)
    // 0 + 1 + … + 29 = 435 passed; refused on days 0, 5, 10, 15, 20 and 25.
    const expected = '435 requests passed, 6 refused in the last 30 days'
    expect(textOf(summary(element))).to.equal(expected)
    expect(summary(element).dataset).to.include({ requests: '435', refused: '6' })
    const svg = shadowOf(element).querySelector('svg')!
    expect(svg.getAttribute('role')).to.equal('img')
    expect(svg.getAttribute('aria-label')).to.equal(expected)
    expect(textOf(shadowOf(element).querySelector('h2')!)).to.equal('Usage')
  })

  it('says "request" for one, and groups thousands', async () => {
    const days = usageDays(30, (i) =>
      i === 29 ? { requests: 1, refused: 1234 } : { requests: 0, refused: 0 },
    )
    const element = await usage(usageOf(days))
    expect(textOf(summary(element))).to.equal('1 request passed, 1,234 refused in the last 30 days')
  })

  it('holds every day’s numbers in the table behind "Show as table"', async () => {
    const element = await usage(RAMP)
    const details = shadowOf(element).querySelector('details')!
    expect(details.open).to.equal(false)
    expect(textOf(details.querySelector('summary')!)).to.equal('Show as table')
    expect(tableRows(element)).to.deep.equal(
      RAMP.days.map((day) => [day.date, String(day.requests), String(day.refused)]),
    )
    const headers = [...shadowOf(element).querySelectorAll('thead th')].map((th) => [
      th.textContent!.trim(),
      th.getAttribute('scope'),
    ])
    expect(headers).to.deep.equal([
      ['Date', 'col'],
      ['Passed', 'col'],
      ['Refused', 'col'],
    ])
    expect(shadowOf(element).querySelectorAll('tbody th[scope="row"]')).to.have.length(30)
    // Dates are the UTC day, whatever the browser's time zone.
    expect(textOf(shadowOf(element).querySelector('tbody th')!)).to.equal('Nov 1, 2026')
  })

  it('opens the table with the keyboard', async () => {
    const element = await usage(RAMP)
    const toggle = await tabTo((active) => active.localName === 'summary', 'Show as table')
    expect(toggle.textContent?.trim()).to.equal('Show as table')
    await sendKeys({ press: 'Enter' })
    const details = shadowOf(element).querySelector('details')!
    expect(details.open).to.equal(true)
    expect(shadowOf(element).querySelector('table')!.checkVisibility()).to.equal(true)
    expect(deepActiveElement()).to.equal(toggle)
  })

  it('has no axe violations, table closed and open', async () => {
    const element = await usage(RAMP)
    await expect(element).to.be.accessible()
    shadowOf(element).querySelector('details')!.open = true
    await expect(element).to.be.accessible()
  })
})

describe('<api-token-usage> layout', () => {
  it('never overflows a 360 px host, its table open', async () => {
    const box = await fixture<HTMLDivElement>(
      html`<div style="width: 360px"><api-token-usage .usage=${RAMP}></api-token-usage></div>`,
    )
    const element = box.querySelector('api-token-usage')!
    await element.updateComplete
    shadowOf(element).querySelector('details')!.open = true
    const svg = shadowOf(element).querySelector('svg')!
    expect(svg.getBoundingClientRect().width).to.be.within(300, 360)
    expect(element.scrollWidth).to.be.at.most(360)
    expect(box.scrollWidth).to.be.at.most(box.clientWidth)
  })
})

describe('<api-token-usage> states', () => {
  it('says "No requests in the last 30 days" with no chart and no table when unused', async () => {
    const element = await usage(usageOf(usageDays(30)))
    expect(textOf(summary(element))).to.equal('No requests in the last 30 days')
    expect(summary(element).dataset).to.include({ requests: '0', refused: '0' })
    expect(shadowOf(element).querySelector('svg')).to.equal(null)
    expect(shadowOf(element).querySelector('table')).to.equal(null)
    await expect(element).to.be.accessible()
  })

  it('counts refused requests alone as use', async () => {
    const days = usageDays(30, (i) => ({ requests: 0, refused: i === 3 ? 2 : 0 }))
    const element = await usage(usageOf(days))
    expect(textOf(summary(element))).to.equal('0 requests passed, 2 refused in the last 30 days')
    expect(heights(element)[3]).to.include({ passed: 0, refused: 100 })
  })

  it('announces loading, then shows the error as an alert', async () => {
    const element = await usage(null, { loading: true })
    const status = shadowOf(element).querySelector('[role="status"]')!
    expect(textOf(status)).to.equal('Loading usage…')
    expect(shadowOf(element).querySelector('[part="summary"]')).to.equal(null)
    element.loading = false
    element.error = 'API Token not found'
    await element.updateComplete
    const alert = shadowOf(element).querySelector('[role="alert"]')!
    expect(textOf(alert)).to.equal('API Token not found')
    expect(shadowOf(element).querySelector('[role="status"]')).to.equal(null)
    expect(shadowOf(element).querySelector('svg')).to.equal(null)
  })

  it('keeps the last usage on screen while it reloads, and shows the error over it', async () => {
    const element = await usage(RAMP, { loading: true })
    expect(textOf(summary(element))).to.contain('435 requests passed')
    element.error = 'Could not reach the API Tokens service'
    await element.updateComplete
    expect(shadowOf(element).querySelector('[part="summary"]')).to.equal(null)
  })

  it('speaks the window it was given', async () => {
    const element = await usage(usageOf(usageDays(7)))
    element.days = 7
    await element.updateComplete
    expect(textOf(summary(element))).to.equal('No requests in the last 7 days')
  })
})
