// The section with SPEC §9's fields: allowed IP addresses and the rate-limit tier sent on
// create and edit, the worker's field errors shown on them, and the usage of the opened
// token — each through the in-browser fake of the admin API.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing'
import '../../components/index'
import type { ApiTokenSettings } from '../../components/api-token-settings/api-token-settings'
import type { ApiTokenUsage } from '../../components/api-token-usage/api-token-usage'
import type { AdminAction } from '../../components/types'
import {
  button,
  choose,
  deepActiveElement,
  deepQueryAll,
  field,
  maybeField,
  rowAction,
  shadowOf,
  tabTo,
  textOf,
  type,
  untilShown,
} from './dom'
import { FakeAdminApi, usageDays } from './fake-admin-api'

let api: FakeAdminApi

beforeEach(() => {
  api = new FakeAdminApi().install()
})
afterEach(() => api.restore())

const TIERS = [
  { name: 'standard', label: '600 requests a minute' },
  { name: 'burst', label: '60 requests a second' },
]

async function settings(actions?: AdminAction[]) {
  if (actions) api.actions = actions
  const element = await fixture<ApiTokenSettings>(
    html`<api-token-settings
      api-base=${api.base}
      .getAuthToken=${() => 'jwt'}
    ></api-token-settings>`,
  )
  await waitUntil(
    () => shadowOf(element).querySelector('h1')?.textContent === 'API Tokens',
    'the list heading "API Tokens" never showed',
  )
  return element
}

const root = (element: ApiTokenSettings) => shadowOf(element)

const until = untilShown

/** Opens a token from the list with its row action ("Edit …" or "View …"). */
async function open(element: ApiTokenSettings, action: string, name: string) {
  await waitUntil(() => textOf(root(element)).includes(name), `${name} never listed`)
  await rowAction(root(element), `${action} ${name}`)
  await waitUntil(() => maybeField(root(element), 'Name')?.value === name, `${name} never opened`)
}

/** The usage part of the open view. */
function usagePart(element: ApiTokenSettings): ApiTokenUsage {
  const part = root(element).querySelector('api-token-usage')
  if (!part) throw new Error('the view shows no <api-token-usage>')
  return part
}

/** The usage summary's text, once there is one. */
async function usageSummary(element: ApiTokenSettings): Promise<string> {
  let summary: Element | null = null
  await waitUntil(() => {
    const part = root(element).querySelector('api-token-usage')
    summary = part?.shadowRoot?.querySelector('[part="summary"]') ?? null
    return summary !== null
  }, 'the usage summary never showed')
  return textOf(summary!)
}

describe('<api-token-settings> allowed IP addresses and rate limit', () => {
  it('sends the addresses (trimmed lines) and the tier on create', async () => {
    api.tiers = TIERS
    const element = await settings()
    button(root(element), 'Create new API Token').click()
    await waitUntil(() => maybeField(root(element), 'Rate limit'), 'Rate limit never showed')
    type(field(root(element), 'Name'), 'Website')
    type(
      field<HTMLTextAreaElement>(root(element), 'Allowed IP addresses'),
      ' 203.0.113.7\n\n10.0.0.0/8 \n',
    )
    choose(field<HTMLSelectElement>(root(element), 'Rate limit'), '600 requests a minute')
    setTimeout(() => button(root(element), 'Save').click())
    const created = await oneEvent(element, 'api-token-created')
    expect(api.callsTo('POST', /^\/admin\/api-tokens$/)[0]!.body).to.deep.include({
      allowedIps: ['203.0.113.7', '10.0.0.0/8'],
      rateLimit: 'standard',
    })
    expect(created.detail.token).to.deep.include({
      allowedIps: ['203.0.113.7', '10.0.0.0/8'],
      rateLimit: 'standard',
    })
    expect(api.callsTo('GET', /^\/admin\/rate-limit-tiers$/)).to.have.length(1)
  })

  it('fills both from the token on edit and sends the changes', async () => {
    api.tiers = TIERS
    api.add({ name: 'Website', allowedIps: ['192.0.2.1'], rateLimit: 'burst' })
    const element = await settings()
    await open(element, 'Edit', 'Website')
    await waitUntil(() => maybeField(root(element), 'Rate limit'), 'Rate limit never showed')
    const addresses = field<HTMLTextAreaElement>(root(element), 'Allowed IP addresses')
    const tier = field<HTMLSelectElement>(root(element), 'Rate limit')
    expect(addresses.value).to.equal('192.0.2.1')
    expect(tier.selectedOptions[0]!.textContent!.trim()).to.equal('60 requests a second')
    type(addresses, '192.0.2.1\n2001:db8::/48')
    choose(tier, 'No limit')
    setTimeout(() => button(root(element), 'Save').click())
    const updated = await oneEvent(element, 'api-token-updated')
    expect(api.callsTo('PUT', /^\/admin\/api-tokens\/1$/)[0]!.body).to.deep.include({
      allowedIps: ['192.0.2.1', '2001:db8::/48'],
      rateLimit: null,
    })
    expect(updated.detail.token.rateLimit).to.equal(null)
  })

  it('refuses a bad address on the field before sending anything, and focuses it', async () => {
    api.add({ name: 'Website' })
    const element = await settings()
    await open(element, 'Edit', 'Website')
    const addresses = field<HTMLTextAreaElement>(root(element), 'Allowed IP addresses')
    type(addresses, '10.0.0.1\n10.0.0.300')
    button(root(element), 'Save').click()
    await until(element, '“10.0.0.300” is not an IP address or CIDR range')
    expect(addresses.getAttribute('aria-invalid')).to.equal('true')
    await waitUntil(() => deepActiveElement() === addresses, 'focus never went to the field')
    expect(api.callsTo('PUT', /^\/admin\/api-tokens\/\d+$/)).to.have.length(0)
    expect(api.tokens[0]!.allowedIps).to.deep.equal([])
  })

  it('shows no Rate limit field when the worker lists no tiers', async () => {
    api.add({ name: 'Website' })
    const element = await settings()
    await open(element, 'Edit', 'Website')
    await waitUntil(() => api.callsTo('GET', /^\/admin\/rate-limit-tiers$/).length === 1)
    await root(element).querySelector('api-token-form')!.updateComplete
    expect(maybeField(root(element), 'Rate limit')).to.equal(undefined)
    expect(maybeField(root(element), 'Allowed IP addresses')).to.not.equal(undefined)
  })
})

describe('<api-token-settings> usage', () => {
  it('shows the opened token’s last 30 days in the edit view', async () => {
    const token = api.add({ name: 'Website' })
    api.usage.set(
      token.id,
      usageDays(30, (i) => (i >= 27 ? { requests: 14, refused: 1 } : { requests: 0, refused: 0 })),
    )
    const element = await settings()
    await open(element, 'Edit', 'Website')
    expect(await usageSummary(element)).to.equal(
      '42 requests passed, 3 refused in the last 30 days',
    )
    const calls = api.callsTo('GET', /^\/admin\/api-tokens\/\d+\/usage$/)
    expect(calls.map((call) => [call.path, call.search.get('days')])).to.deep.equal([
      [`/admin/api-tokens/${token.id}/usage`, '30'],
    ])
    expect(shadowOf(usagePart(element)).querySelectorAll('svg g.bar')).to.have.length(30)
  })

  it('shows it in the read-only view too, and not when creating', async () => {
    api.add({ name: 'Website' })
    const element = await settings([
      'admin::api-tokens.access',
      'admin::api-tokens.read',
      'admin::api-tokens.create',
    ])
    await open(element, 'View', 'Website')
    expect(await usageSummary(element)).to.equal('No requests in the last 30 days')
    button(root(element), '← Back to API Tokens').click()
    await waitUntil(() => root(element).querySelector('api-token-table'))
    button(root(element), 'Create new API Token').click()
    await waitUntil(() => maybeField(root(element), 'Name'))
    expect(root(element).querySelector('api-token-usage')).to.equal(null)
  })

  it('announces loading, then shows the error state when the usage fails', async () => {
    api.add({ name: 'Website' })
    const release = api.hold(/\/usage$/)
    api.failNext = {
      method: 'GET',
      path: /\/usage$/,
      response: () =>
        Response.json(
          {
            data: null,
            error: {
              status: 503,
              name: 'ApplicationError',
              message: 'Usage unavailable',
              details: {},
            },
          },
          { status: 503 },
        ),
    }
    const element = await settings()
    const errors: string[] = []
    element.addEventListener('api-token-error', (e) => errors.push(e.detail.error.message))
    await open(element, 'Edit', 'Website')
    await waitUntil(() => textOf(shadowOf(usagePart(element))).includes('Loading usage…'))
    release()
    await waitUntil(
      () =>
        shadowOf(usagePart(element)).querySelector('[role="alert"]')?.textContent?.trim() ===
        'Usage unavailable',
      'the usage error never showed',
    )
    expect(shadowOf(usagePart(element)).querySelector('[part="summary"]')).to.equal(null)
    expect(errors).to.deep.equal(['Usage unavailable'])
  })

  it('reaches "Show as table" with Tab after the form', async () => {
    const token = api.add({ name: 'Website' })
    api.usage.set(
      token.id,
      usageDays(30, () => ({ requests: 1, refused: 0 })),
    )
    const element = await settings()
    await open(element, 'Edit', 'Website')
    await usageSummary(element)
    const toggles = deepQueryAll(root(element), 'api-token-usage')
      .map((part) => shadowOf(part).querySelector('summary'))
      .filter(Boolean)
    expect(toggles).to.have.length(1)
    const reached = await tabTo((active) => active === toggles[0], 'Show as table', 60)
    expect(reached.textContent?.trim()).to.equal('Show as table')
  })
})
