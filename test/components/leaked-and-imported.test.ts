// SPEC §12 in the section: a token disabled because its key leaked says so ("Disabled —
// leaked") in the list and in its view, with a link to where the key was found, and its
// Activity names the report; a token imported from Strapi carries a "Strapi key" badge
// until it is regenerated. Through the fake admin API, in English and French.
import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import '../../components/index'
import type { ApiTokenSettings } from '../../components/api-token-settings/api-token-settings'
import type { EventChanges, Token } from '../../components/types'
import {
  button,
  deepQueryAll,
  field,
  maybeField,
  rowAction,
  shadowOf,
  textOf,
  untilShown,
} from './dom'
import { FakeAdminApi } from './fake-admin-api'

const ALERT = 'https://github.com/acme/site/blob/main/.env#L3'
let api: FakeAdminApi

beforeEach(() => {
  api = new FakeAdminApi().install()
})
afterEach(() => api.restore())

async function settings(locale = 'en') {
  const element = await fixture<ApiTokenSettings>(
    html`<api-token-settings
      api-base=${api.base}
      locale=${locale}
      .getAuthToken=${() => 'jwt'}
    ></api-token-settings>`,
  )
  return element
}

/** A token disabled by a GitHub secret-scanning alert, with the `leaked` event it got. */
function leakedToken(name = 'Website'): Token {
  const token = api.add({ name, enabled: false, disabledReason: 'leaked' })
  // `changes` of a leak report are where it came from, not fields (SPEC §12).
  const changes = { source: 'github', url: ALERT } as unknown as EventChanges
  api.record(token, 'leaked', { actor: null, changes })
  return token
}

/** The text of each badge in `scope`'s row of `name`. */
function rowBadges(element: ApiTokenSettings, name: string): string[] {
  const row = deepQueryAll(shadowOf(element), 'tr').find((tr) => textOf(tr).includes(name))
  return [...(row?.querySelectorAll('[part~="badge"]') ?? [])].map((badge) => textOf(badge))
}

describe('a leaked key (SPEC §12)', () => {
  it('is "Disabled — leaked" in the list; a token an admin disabled stays "Disabled"', async () => {
    leakedToken('Website')
    api.add({ name: 'Paused', enabled: false })
    const element = await settings()
    await untilShown(element, 'Paused')
    expect(rowBadges(element, 'Website')).to.include('Disabled — leaked')
    expect(rowBadges(element, 'Paused')).to.include('Disabled')
    expect(rowBadges(element, 'Paused')).not.to.include('Disabled — leaked')
  })

  it('says when it was reported and links to where it was found, in the token’s view', async () => {
    leakedToken()
    const element = await settings()
    await untilShown(element, 'Website')
    await rowAction(shadowOf(element), 'Edit Website')
    await waitUntil(() => shadowOf(element).querySelector('[role="note"].leak'), 'the leak notice')
    const notice = shadowOf(element).querySelector('[role="note"].leak')!
    expect(textOf(notice)).to.match(/^Reported as leaked .+: regenerate the key before enabling/)
    const link = notice.querySelector('a')!
    expect([link.href, link.rel, textOf(link)]).to.deep.equal([
      ALERT,
      'noopener noreferrer',
      'Where it was found',
    ])
    const info = deepQueryAll(shadowOf(element), '[part~="disabled"]').map((badge) => textOf(badge))
    expect(info).to.deep.equal(['Disabled — leaked'])
  })

  it('lists the report in the Activity: GitHub secret scanning and the url', async () => {
    leakedToken()
    const element = await settings()
    await untilShown(element, 'Website')
    await rowAction(shadowOf(element), 'Edit Website')
    await waitUntil(() => deepQueryAll(shadowOf(element), '[part~="event"]').length > 0)
    const [latest] = deepQueryAll(shadowOf(element), '[part~="event"]')
    expect(textOf(latest!)).to.include('Reported as leaked')
    const lines = [...latest!.querySelectorAll('[part~="changes"] li')].map((li) => textOf(li))
    expect(lines).to.deep.equal(['GitHub secret scanning', ALERT])
  })

  it('loses its notice and its reason once the admin enables the token and saves', async () => {
    leakedToken()
    const element = await settings()
    await untilShown(element, 'Website')
    await rowAction(shadowOf(element), 'Edit Website')
    await waitUntil(() => shadowOf(element).querySelector('[role="note"].leak'))
    field<HTMLButtonElement>(shadowOf(element), 'Enabled').click()
    button(shadowOf(element), 'Save').click()
    await waitUntil(() => !shadowOf(element).querySelector('[role="note"].leak'), 'no notice')
    const saved = api.callsTo('PUT', /\/admin\/api-tokens\/\d+$/).at(-1)
    expect((saved?.body as { enabled?: boolean }).enabled).to.equal(true)
    expect(api.tokens.find((token) => token.name === 'Website')?.disabledReason).to.equal(null)
  })

  it('is "Désactivé — divulgué" in French', async () => {
    leakedToken()
    const element = await settings('fr')
    await untilShown(element, 'Website')
    await waitUntil(() => rowBadges(element, 'Website').includes('Désactivé — divulgué'))
  })
})

describe('a key imported from Strapi (SPEC §12)', () => {
  it('carries a "Strapi key" badge in the list and in its view', async () => {
    api.add({ name: 'Legacy site', legacy: 'strapi' })
    api.add({ name: 'Native' })
    const element = await settings()
    await untilShown(element, 'Native')
    expect(rowBadges(element, 'Legacy site')).to.include('Strapi key')
    expect(rowBadges(element, 'Native')).not.to.include('Strapi key')
    await rowAction(shadowOf(element), 'Edit Legacy site')
    await waitUntil(() => maybeField(shadowOf(element), 'Name')?.value === 'Legacy site')
    const legacy = () => deepQueryAll(shadowOf(element), '[part~="legacy"]').map((b) => textOf(b))
    expect(legacy()).to.deep.equal(['Strapi key'])
  })

  it('is "Clé Strapi" in French', async () => {
    api.add({ name: 'Legacy site', legacy: 'strapi' })
    const element = await settings('fr')
    await untilShown(element, 'Legacy site')
    await waitUntil(() => rowBadges(element, 'Legacy site').includes('Clé Strapi'))
  })
})
