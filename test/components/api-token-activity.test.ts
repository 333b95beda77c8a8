// Issue #21: the activity log tells the truth — a custom date is logged as the date, a
// rate limit as its tier's label, and a regenerate with its grace period and new key hint,
// in English and in French, rendered by <api-token-activity> itself.
import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import '../../components/index'
import { loadElement } from '../../components/internal/lazy-elements'
import type { ApiTokenActivity } from '../../components/api-token-activity/api-token-activity'
import type { RateLimitTier, TokenEvent } from '../../components/types'
import { shadowOf } from './dom'

const TIERS: RateLimitTier[] = [
  { name: 'standard', label: 'Standard — 60 a minute' },
  { name: 'burst', label: 'Burst — 600 a minute' },
]

before(() => loadElement('api-token-activity'))

const base = { tokenId: 1, tokenName: 'Site', owner: null, ip: null, actor: { sub: 'ada' } }

const EVENTS: TokenEvent[] = [
  {
    ...base,
    id: 3,
    at: '2026-01-10T10:00:00.000Z',
    action: 'regenerated',
    changes: { keyHint: ['tg_abcd…wxyz', 'tg_efgh…stuv'], gracePeriod: [null, 3600] },
  },
  {
    ...base,
    id: 2,
    at: '2026-01-09T10:00:00.000Z',
    action: 'updated',
    changes: { rateLimit: [null, 'burst'] },
  },
  {
    ...base,
    id: 1,
    at: '2026-01-08T10:00:00.000Z',
    action: 'updated',
    changes: {
      lifespan: [2_592_000_000, null],
      expiresAt: ['2026-02-07T10:00:00.000Z', '2027-03-03T12:00:00.000Z'],
    },
  },
]

async function activity(lang: string) {
  const element = await fixture<ApiTokenActivity>(
    html`<api-token-activity lang=${lang} .events=${EVENTS} .tiers=${TIERS}></api-token-activity>`,
  )
  await element.updateComplete
  return element
}

/** The change lines of the event with `id`. */
const linesOf = (element: ApiTokenActivity, id: number) =>
  [...shadowOf(element).querySelectorAll(`[data-event-id="${id}"] .changes li`)].map((li) =>
    (li.textContent ?? '').replace(/\s+/g, ' ').trim(),
  )

const date = (locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date('2027-03-03T12:00:00Z'))

describe('the activity log tells the truth', () => {
  it('logs a custom date as the date, not as Unlimited (English)', async () => {
    const element = await activity('en')
    const lines = linesOf(element, 1)
    expect(lines[0]).to.equal(`Token duration: 30 days → Expires on ${date('en')}`)
    expect(lines.join(' ')).not.to.contain('Unlimited')
  })

  it('logs a rate limit as its tier label, not its id (English)', async () => {
    const element = await activity('en')
    expect(linesOf(element, 2)).to.deep.equal(['Rate limit: No limit → Burst — 600 a minute'])
  })

  it('logs a regenerate with its new key hint and grace period, worded as the dialog (English)', async () => {
    const element = await activity('en')
    const item = shadowOf(element).querySelector('[data-event-id="3"] [part="action"]')
    expect(item?.textContent).to.equal('Regenerated')
    expect(linesOf(element, 3)).to.deep.equal([
      'Key: tg_abcd…wxyz → tg_efgh…stuv',
      'Keep the current key working for: 1 hour',
    ])
  })

  it('says the same in French', async () => {
    const element = await activity('fr')
    await waitUntil(
      () => linesOf(element, 3)[1]?.startsWith('Garder'),
      'the French strings never loaded',
    )
    expect(linesOf(element, 1)[0]).to.equal(`Durée du jeton : 30 jours → Expire le ${date('fr')}`)
    expect(linesOf(element, 2)).to.deep.equal([
      'Limite de débit : Aucune limite → Burst — 600 a minute',
    ])
    expect(linesOf(element, 3)[1]).to.equal('Garder la clé actuelle valable pendant : 1 heure')
  })

  it('shows the raw value of a tier it does not know', async () => {
    const element = await fixture<ApiTokenActivity>(
      html`<api-token-activity
        lang="en"
        .events=${[{ ...EVENTS[1]!, changes: { rateLimit: ['gone', null] } }]}
        .tiers=${TIERS}
      ></api-token-activity>`,
    )
    expect(linesOf(element, 2)).to.deep.equal(['Rate limit: gone → No limit'])
  })

  it('logs credits in words, in the element’s language (SPEC §13)', async () => {
    const monthly = { amount: 5000, interval: 'month' }
    const changes = {
      credits: [
        { remaining: 1250, refill: null },
        { remaining: 1250, refill: monthly },
      ],
    }
    const metered = { ...EVENTS[1]!, changes }
    const unmetered = {
      ...EVENTS[1]!,
      id: 4,
      changes: { credits: [{ remaining: 0, refill: null }, null] },
    }
    const element = await fixture<ApiTokenActivity>(
      html`<api-token-activity lang="en" .events=${[metered, unmetered]}></api-token-activity>`,
    )
    expect(linesOf(element, 2)).to.deep.equal(['Credits: 1,250 left → 1,250 left, Monthly 5,000'])
    expect(linesOf(element, 4)).to.deep.equal(['Credits: 0 left → Unlimited'])
    element.lang = 'de'
    await waitUntil(() => linesOf(element, 2)[0]?.startsWith('Guthaben'), 'German never loaded')
  })
})
